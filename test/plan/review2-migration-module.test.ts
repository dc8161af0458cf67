/**
 * Review of the migration map's emission (plan/migration.ts, templates/migration/migration.hbs): a map that passes
 * checkMigrationMap must give a `<version>/migration.ts` that type-checks, whatever its keys are. Names of
 * Object.prototype's members (`toString`, `constructor`, `valueOf`…) are legal OData names and legal map keys; as
 * property keys of an object literal typed `Record<string, X>`, TypeScript gives their values Object's member as
 * contextual type, not X, so the literal types of `kind` widen to string and `true` to boolean unless the literal
 * is in a const context.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { REPO } from "../helpers/paths.js";
import { typecheckInMemory } from "../helpers/typecheck.js";

const TRAVEL = join(REPO, "test", "fixtures", "travel.xml");
const PROTO_NAMES = ["constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString"];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "review2-module-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A map of the travel service whose every record has keys named as Object.prototype's members. */
function protoMap(): unknown {
  const byName = <T>(value: (name: string) => T): Record<string, T> => Object.fromEntries(PROTO_NAMES.map((n) => [n, value(n)]));
  return {
    from: { label: "travel", namespace: "Demo.Travel" },
    to: { label: "trips", namespace: "Example.Trips" },
    roots: byName((n) => ({ to: n, kind: "singleton", type: "Demo.Travel.Person" })),
    types: {
      ...Object.fromEntries(Object.entries(byName((n) => ({
        to: null,
        kind: "entityType",
        delta: true,
        why: "gone",
        members: byName((m) => ({ to: `${n}${m}`, kind: "navigationProperty", type: "Demo.Travel.Person", collection: true, contained: true })),
      }))).map(([n, t]) => [`Demo.Travel.${n}`, t])),
      "Demo.Travel.Gender": { to: "Example.Trips.gender", kind: "enumType", enumMembers: byName((n) => n) },
    },
    operations: byName(() => byName((n) => ({ to: n, kind: "function", parameters: byName(() => ({ to: null, type: "Edm.String", collection: true, why: "w" })), returns: { type: "Edm.Int32", collection: true } }))),
    imports: byName((n) => ({ to: n, kind: "action", parameters: {} })),
  };
}

describe("a migration map whose keys are Object.prototype's member names", () => {
  it("is accepted, and its module type-checks", async () => {
    const file = join(dir, "proto.json");
    writeFileSync(file, JSON.stringify(protoMap(), null, 2));
    // A service that has those names, as a map must name the version's own types and roots.
    const csdl = join(dir, "proto.xml");
    writeFileSync(
      csdl,
      readFileSync(TRAVEL, "utf8")
        .replace("<EnumType", `${PROTO_NAMES.map((n) => `<EntityType Name="${n}"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/></EntityType>`).join("")}<EnumType`)
        .replace("<EntitySet", `${PROTO_NAMES.map((n) => `<Singleton Name="${n}" Type="Travel.Person"/>`).join("")}<EntitySet`),
    );
    const r = await generate({ inputs: [{ label: "travel", source: csdl }], migration: { travel: file } });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const files = r.files.filter((f) => f.path === "travel/migration.ts" || f.path === "runtime/migration-map.ts");
    expect(files).toHaveLength(2);
    expect(typecheckInMemory(files)).toEqual([]);
  });

  it("the check above can fail: a module with a kind of the wrong type does not type-check", async () => {
    const file = join(dir, "plain.json");
    const plain = { ...(protoMap() as Record<string, unknown>), roots: { People: { to: "people", kind: "singleton", type: "Demo.Travel.Person" } }, types: {}, operations: {}, imports: {} };
    writeFileSync(file, JSON.stringify(plain));
    const r = await generate({ inputs: [{ label: "travel", source: TRAVEL }], migration: { travel: file } });
    const files = r.files
      .filter((f) => f.path === "travel/migration.ts" || f.path === "runtime/migration-map.ts")
      .map((f) => (f.path === "travel/migration.ts" ? { ...f, text: f.text.replace('kind: "singleton"', 'kind: "neither"') } : f));
    expect(typecheckInMemory(files).join("\n")).toMatch(/"neither"/);
  });
});

describe("the shipped map a version gets by its label", () => {
  // The profile picks the shipped map by label (profiles.ts: `outlook-<label>-to-graph-v1.0.map.json`), and
  // checkMigrationMap compares only from.namespace, which all three Outlook versions share: Outlook v1.0's metadata
  // labelled "v2.0" gets the v2.0 map (MailFolder, not v1.0's Folder), with no diagnostic. Fails today; a check that
  // the map's types and roots are the version's (an error for a config's map, a warning or no map for a shipped one)
  // would make it pass. Left to the lead: which of those is wanted.
  it("is not emitted silently when its types are not the version's", async () => {
    const r = await generate({ inputs: [{ label: "v2.0", source: join(REPO, "metadata", "v1.0.xml") }], format: false });
    const module = r.files.find((f) => f.path === "v2.0/migration.ts")?.text;
    const said = r.diagnostics.some((d) => /migration/.test(d.code) || /migration map/.test(d.message));
    expect(module === undefined || said).toBe(true);
  });
});

describe("what <version>/migration gives an app", () => {
  // The package exports `./<version>/migration` and nothing of runtime/ (no `./runtime` subpath, and the runtime's
  // index does not re-export migration-map.ts), so findMember, the lookup the contract provides for inherited
  // members, and the map's types can only be reached through this entry point. Fails today. Not fixed here: a
  // re-export of findMember makes the module import runtime code (it is plain data now, and test/plan/migration.test.ts
  // evaluates it alone); where findMember belongs (this module, the version's index, a `./runtime` subpath) is the
  // lead's choice. `export type { … }` alone would keep the module data.
  it("exports the map's types beside migrationMap (findMember is the runtime's, with the translators)", async () => {
    const r = await generate({ inputs: [{ label: "v2.0", source: join(REPO, "metadata", "v2.0.xml") }], format: false });
    const files = r.files.filter((f) => f.path === "v2.0/migration.ts" || f.path === "runtime/migration-map.ts");
    expect(files).toHaveLength(2);
    const app = {
      path: "app.ts",
      text: [
        'import { migrationMap, type MemberMap, type MigrationMap, type TypeMap } from "./v2.0/migration.js";',
        "const map: MigrationMap = migrationMap;",
        'const user: TypeMap | undefined = map.types["Microsoft.OutlookServices.User"];',
        'const id: MemberMap | undefined = map.types["Microsoft.OutlookServices.Entity"]?.members?.["Id"];',
        "export { id, user };",
      ].join("\n"),
    };
    expect(typecheckInMemory([...files, app])).toEqual([]);
  });
});
