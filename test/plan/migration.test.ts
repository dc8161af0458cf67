/**
 * A version's migration map generated into the package (plan/migration.ts): checked against MigrationMap's shape and
 * the model, planned as `<version>/migration.ts` in prettier's form, exported at `./<version>/migration` and never from
 * the version's index; its strings stay data, whatever they hold. The Outlook profile's shipped maps by default.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { transform } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INVISIBLE } from "../../generator/diagnostics/diagnostic.js";
import { prettierFormat } from "../../generator/format/format.js";
import { buildModel } from "../../generator/model/build.js";
import type { ServiceModel } from "../../generator/model/types.js";
import { parseXmlInPieces } from "../../generator/parse/incremental.js";
import { checkMigrationMap, literalLines, type MigrationMap } from "../../generator/plan/migration.js";
import { generate, type GenerateOptions } from "../../generator/pipeline.js";
import { REPO } from "../helpers/paths.js";

const TRAVEL = join(REPO, "test", "fixtures", "travel.xml");
const MAPS = join(REPO, "generator", "diff", "maps");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mapemit-plan-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a map file into the temp folder; returns its path. */
function mapFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return path;
}

function travelModel(): ServiceModel {
  const parsed = parseXmlInPieces(readFileSync(TRAVEL, "utf8"), TRAVEL);
  return buildModel(parsed.root!, TRAVEL, "travel").model!;
}

/** A small map of the travel service's names to another service's. */
const TRAVEL_MAP: MigrationMap = {
  from: { label: "travel", namespace: "Demo.Travel" },
  to: { label: "trips-v2", namespace: "Example.Trips" },
  roots: {
    People: { to: "travellers", kind: "entitySet", type: "Demo.Travel.Person" },
    Airports: { to: null, kind: "entitySet", type: "Demo.Travel.Airport", why: "airports are read from another service" },
  },
  types: {
    "Demo.Travel.Person": {
      to: "Example.Trips.traveller",
      kind: "entityType",
      delta: true,
      members: {
        UserName: { to: "userName", kind: "property", type: "Edm.String" },
        Friends: { to: null, kind: "navigationProperty", type: "Demo.Travel.Person", collection: true, why: "no social graph" },
      },
    },
    "Demo.Travel.Gender": { to: "Example.Trips.gender", kind: "enumType", enumMembers: { Male: "male", Unknown: null }, enumMembersWhy: { Unknown: "left out" } },
  },
  operations: {
    "Demo.Travel.Person": {
      ShareTrip: { to: "share", kind: "action", parameters: { userName: { to: "user", type: "Edm.String" } } },
    },
  },
  imports: { NearestAirport: { to: null, kind: "function", parameters: {}, returns: { type: "Demo.Travel.Airport" }, why: "gone" } },
};

async function run(options: Partial<GenerateOptions>) {
  return generate({ inputs: [{ label: "travel", source: TRAVEL }], ...options });
}

describe("checkMigrationMap", () => {
  const model = travelModel();
  const problems = (value: unknown): string[] => checkMigrationMap(value, "m.json", "travel", model).diagnostics.map((d) => d.message);

  it("takes a map of MigrationMap's shape whose from.namespace the version declares", () => {
    const r = checkMigrationMap(TRAVEL_MAP, "m.json", "travel", model);
    expect(r.diagnostics).toEqual([]);
    expect(r.map).toBe(TRAVEL_MAP);
  });

  it("refuses a map naming types or roots the version does not have; a shipped one is left out with a warning", () => {
    const other = { ...TRAVEL_MAP, types: { ...TRAVEL_MAP.types, "Demo.Travel.Folder": { to: null, kind: "entityType", why: "v1 only" } }, roots: { ...TRAVEL_MAP.roots, Folders: { to: null, kind: "entitySet", type: "Demo.Travel.Folder" } } };
    const named = checkMigrationMap(other, "m.json", "travel", model);
    expect(named.map).toBeUndefined();
    expect(named.diagnostics.map((d) => [d.severity, d.code])).toEqual([["error", "invalid-migration-map"]]);
    expect(named.diagnostics[0]!.message).toContain('2 type(s) or root(s) that version travel does not have ("Demo.Travel.Folder", "Folders")');
    const shipped = checkMigrationMap(other, "m.json", "travel", model, true);
    expect(shipped.map).toBeUndefined();
    expect(shipped.diagnostics.map((d) => [d.severity, d.code])).toEqual([["warning", "migration-map-mismatch"]]);
  });

  it("takes the shipped maps of the Outlook versions", async () => {
    for (const v of ["v1.0", "v2.0", "beta"]) {
      const value: unknown = JSON.parse(readFileSync(join(MAPS, `outlook-${v}-to-graph-v1.0.map.json`), "utf8"));
      const parsed = parseXmlInPieces(readFileSync(join(REPO, "metadata", `${v}.xml`), "utf8"), `${v}.xml`);
      const outlook = buildModel(parsed.root!, `${v}.xml`, v).model!;
      expect(checkMigrationMap(value, "m.json", v, outlook).diagnostics, v).toEqual([]);
    }
  });

  it("names each problem by its place in the map", () => {
    const broken = JSON.parse(JSON.stringify(TRAVEL_MAP)) as Record<string, any>;
    delete broken["roots"];
    broken["types"]["Demo.Travel.Person"]["members"]["UserName"]["to"] = 3;
    broken["types"]["Demo.Travel.Person"]["kind"] = "class";
    broken["types"]["Demo.Travel.Person"]["extra"] = true;
    broken["operations"]["Demo.Travel.Person"]["ShareTrip"]["parameters"]["userName"]["collection"] = false;
    expect(problems(broken).sort()).toEqual(
      [
        "migration map of travel: map.roots is missing",
        'migration map of travel: map.types["Demo.Travel.Person"].kind must be "entityType" or "complexType" or "enumType" or "typeDefinition"',
        'migration map of travel: map.types["Demo.Travel.Person"]["extra"] is not a field of a migration map here',
        'migration map of travel: map.types["Demo.Travel.Person"].members["UserName"].to must be a string or null, not number',
        'migration map of travel: map.operations["Demo.Travel.Person"]["ShareTrip"].parameters["userName"].collection must be true when present, not boolean',
      ].sort(),
    );
    expect(problems([])).toEqual(["migration map of travel: map must be an object, not an array"]);
  });

  it("reports ten problems and how many more", () => {
    const many = { ...TRAVEL_MAP, roots: Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`R${i}`, { kind: "entitySet" }])) };
    const got = problems(many);
    expect(got).toHaveLength(11);
    expect(got[10]).toBe("migration map of travel: 40 more problem(s)");
  });

  it("refuses a map of a namespace the version does not declare", () => {
    expect(problems({ ...TRAVEL_MAP, from: { label: "x", namespace: "Microsoft.OutlookServices" } })).toEqual([
      'migration map of travel: it maps names of "Microsoft.OutlookServices", which version travel does not declare (its namespaces: "Demo.Travel")',
    ]);
  });
});

describe("literalLines", () => {
  it("prints prettier's form: objects of objects broken, objects of scalars on one line when they fit", async () => {
    const data = {
      a: { to: "x", kind: "property" },
      "b.c": { to: null, why: "w ".repeat(70), collection: true },
      d: {},
      e: { f: { g: "h" } },
    };
    const text = `export const m = {\n${literalLines(data, "  ").join("\n")}\n};\n`;
    expect(text).toBe(await prettierFormat(text, "typescript"));
    expect(text).toContain('  a: { to: "x", kind: "property" },\n');
    expect(text).toContain('  "b.c": {\n    to: null,\n');
  });
});

describe("generate() with a migration map", () => {
  it("plans <version>/migration.ts and the subpath export; the index does not re-export it", async () => {
    const r = await run({ migration: { travel: mapFile("travel.json", TRAVEL_MAP) } });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const byPath = new Map(r.files.map((f) => [f.path, f.text]));
    const module = byPath.get("travel/migration.ts")!;
    expect(module).toMatch(/^import type \{[^}]*\bMigrationMap\b[^}]*\} from "\.\.\/runtime\/migration-map\.js";$/m);
    expect(module).toMatch(/^export type \{[^}]*\bMigrationMap\b[^}]*\};$/m);
    expect(module).toContain("export const migrationMap: MigrationMap = {");
    expect(byPath.get("travel/index.ts")).not.toMatch(/migration/);
    const pkg = JSON.parse(byPath.get("package.json")!) as { exports: Record<string, { types: string; default: string }> };
    expect(pkg.exports["./travel/migration"]).toEqual({ types: "./dist/travel/migration.d.ts", default: "./dist/travel/migration.js" });
    // The translators that read it, for apps that call the old service with fetch.
    expect(pkg.exports["./runtime/migrate"]).toEqual({ types: "./dist/runtime/migrate.d.ts", default: "./dist/runtime/migrate.js" });
    expect(byPath.get("README.md")).toContain("## Migration maps");
    expect(byPath.get("README.md")).toMatch(/`[^`]+\/travel\/migration`/);
    // The module evaluates to the map itself.
    expect(await evaluate(module)).toEqual(TRAVEL_MAP);
  });

  it("emits nothing for a service without a map, and nothing for a version whose map is false", async () => {
    const none = await run({});
    // Nor the runtime's migration modules: a client that migrates from nothing does not ship the translators.
    expect(none.files.map((f) => f.path).filter((p) => /migrat/.test(p))).toEqual([]);
    expect(none.files.some((f) => f.path === "runtime/index.ts")).toBe(true);
    expect(JSON.parse(none.files.find((f) => f.path === "package.json")!.text).exports).not.toHaveProperty("./travel/migration");
    expect(JSON.parse(none.files.find((f) => f.path === "package.json")!.text).exports).not.toHaveProperty("./runtime/migrate");
    expect(none.files.find((f) => f.path === "README.md")!.text).not.toContain("Migration maps");
    const off = await generate({ inputs: [{ label: "v1.0", source: join(REPO, "metadata", "v1.0.xml") }], migration: { "v1.0": false } });
    expect(off.files.map((f) => f.path)).not.toContain("v1.0/migration.ts");
    expect(off.files.map((f) => f.path)).not.toContain("runtime/migrate.ts");
  });

  it("gives an Outlook version its shipped map by default", async () => {
    const r = await generate({ inputs: [{ label: "v1.0", source: join(REPO, "metadata", "v1.0.xml") }], format: false });
    const module = r.files.find((f) => f.path === "v1.0/migration.ts")?.text;
    expect(module).toBeDefined();
    expect(await evaluate(module!)).toEqual(JSON.parse(readFileSync(join(MAPS, "outlook-v1.0-to-graph-v1.0.map.json"), "utf8")));
  });

  it("keeps every string of a hostile map data: quotes, backticks, ${, */, line breaks, invisible characters, __proto__", async () => {
    const nasty = 'a"b\'c`d${e}f*/g</script>h\u202ei\u200bj\nk\r\u2028l\\m';
    // JSON.parse makes "__proto__" an own key, as a map file read from disk has it.
    const text = JSON.stringify(TRAVEL_MAP).replace('"UserName":', `"__proto__": {"to": ${JSON.stringify(nasty)}, "kind": "property", "type": "Edm.String", "why": ${JSON.stringify(nasty)}}, ${JSON.stringify(nasty)}: {"to": null, "kind": "property", "type": ${JSON.stringify(nasty)}, "why": ${JSON.stringify(nasty)}}, "UserName":`);
    const hostile = JSON.parse(text.replace('"label":"trips-v2"', `"label":${JSON.stringify(nasty)}`)) as MigrationMap;
    const r = await run({ migration: { travel: mapFile("hostile.json", hostile) } });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const module = r.files.find((f) => f.path === "travel/migration.ts")!.text;
    expect(module.match(INVISIBLE)?.filter((c) => c !== "\n") ?? []).toEqual([]);
    expect(module).toContain('  ["__proto__"]: {');
    expect(module).toBe(await prettierFormat(module, "typescript"));
    // Only the one declaration: nothing in a string became a statement.
    const js = await transform(module, { loader: "ts", format: "esm" });
    expect(js.code.match(/^\S.*$/gm)?.filter((l) => !l.startsWith("}") && !l.startsWith("//") && !l.startsWith("/*"))).toEqual(["const migrationMap = {", "export {"]);
    const back = await evaluate(module);
    expect(JSON.stringify(back)).toBe(JSON.stringify(hostile));
    expect(Object.getPrototypeOf((back as MigrationMap).types["Demo.Travel.Person"]!.members)).toBe(Object.prototype);
  });
});

/** The module's `migrationMap`, evaluated: its TypeScript stripped by esbuild and imported as a data: URL. */
async function evaluate(ts: string): Promise<unknown> {
  const js = await transform(ts, { loader: "ts", format: "esm" });
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(js.code).toString("base64")}`)) as { migrationMap: unknown };
  return mod.migrationMap;
}
