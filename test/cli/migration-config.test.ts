/**
 * The config's `migration` key: `{ "<label>": "<map file>" | false }`, paths relative to the config file. A map that is
 * not JSON, not a migration map, or of another namespace, and a label no input has, are config errors: exit 2, a
 * message located at the map file (line and column for a syntax error) or the config, and nothing written.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../generator/cli/exit-codes.js";
import { REPO } from "../helpers/paths.js";
import { expectNoStackTrace, runMain, tempDir } from "./helpers.js";

const TRAVEL = join(REPO, "test", "fixtures", "travel.xml");

const MAP = {
  from: { label: "travel", namespace: "Demo.Travel" },
  to: { label: "trips", namespace: "Example.Trips" },
  roots: { People: { to: "travellers", kind: "entitySet", type: "Demo.Travel.Person" } },
  types: {},
  operations: {},
  imports: {},
};

/** A project folder: travel.xml, a config with `migration`, and the given files. */
function project(migration: unknown, files: Record<string, string> = {}): string {
  const dir = tempDir();
  copyFileSync(TRAVEL, join(dir, "travel.xml"));
  writeFileSync(join(dir, "codegen.config.json"), JSON.stringify({ metadata: ["travel=travel.xml"], out: "out", migration }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("the config's migration key", () => {
  it("generates the named map, relative to the config file, and exports it", async () => {
    const dir = project({ travel: "maps/travel.map.json" });
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(dir, "maps"));
    writeFileSync(join(dir, "maps", "travel.map.json"), JSON.stringify(MAP));
    const r = await runMain(["-q"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(EXIT.ok);
    expect(readFileSync(join(dir, "out", "travel", "migration.ts"), "utf8")).toContain('People: { to: "travellers", kind: "entitySet", type: "Demo.Travel.Person" },');
    expect(JSON.parse(readFileSync(join(dir, "out", "package.json"), "utf8")).exports).toHaveProperty("./travel/migration");
    expect((await runMain(["--check", "-q"], dir)).code).toBe(EXIT.ok);
  });

  it("exits 2 at the line and column of a map that is not JSON", async () => {
    const dir = project({ travel: "bad.json" }, { "bad.json": '{\n  "from": { "label": "travel",\n    "namespace" "Demo.Travel" }\n}\n' });
    const r = await runMain([], dir);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/bad\.json:3:17: error invalid-migration-map: migration map of travel: not valid JSON: /);
    expect(existsSync(join(dir, "out"))).toBe(false);
    expectNoStackTrace(r.stderr);
  });

  it("exits 2 for a file that is not a migration map, naming what is wrong where", async () => {
    const dir = project({ travel: "other.json" }, { "other.json": JSON.stringify({ ...MAP, roots: { People: { to: 1 } } }) });
    const r = await runMain([], dir);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain('other.json: error invalid-migration-map: migration map of travel: map.roots["People"].to must be a string or null, not number');
    expect(r.stderr).toContain('map.roots["People"].kind is missing');
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("exits 2 for a map of another namespace, and for a map file that is missing", async () => {
    const other = project({ travel: "outlook.json" }, { "outlook.json": JSON.stringify({ ...MAP, from: { label: "v2.0", namespace: "Microsoft.OutlookServices" } }) });
    const r = await runMain([], other);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain('outlook.json: error invalid-migration-map: migration map of travel: it maps names of "Microsoft.OutlookServices", which version travel does not declare');
    const missing = await runMain([], project({ travel: "nowhere.json" }));
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toMatch(/nowhere\.json: error invalid-migration-map: migration map of travel: cannot read it: ENOENT/);
  });

  it("exits 2 for a label no metadata has, with the nearest one", async () => {
    const r = await runMain([], project({ travle: false }));
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/codegen\.config\.json: error invalid-migration-map: migration: no version labelled "travle"; did you mean "travel"\?/);
  });

  it("exits 2 for a value of the wrong type, as any config error", async () => {
    const r = await runMain([], project({ travel: 3 }));
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain("migration");
    expectNoStackTrace(r.stderr);
  });

  it("a metadata error still exits 1 when a map is also wrong", async () => {
    const dir = project({ travel: "nowhere.json" });
    writeFileSync(join(dir, "travel.xml"), "<edmx:Edmx");
    expect((await runMain([], dir)).code).toBe(EXIT.metadata);
  });
});
