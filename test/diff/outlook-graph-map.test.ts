/**
 * The reviewed Outlook REST v2.0 → Microsoft Graph v1.0 rename table (generator/diff/maps/outlook-to-graph.json) and
 * its companion (outlook-to-graph.notes.json: a cited Graph page per entry, and the `none` list of what Graph lacks).
 *
 * Every key must name something in the Outlook v2.0 model and every value something in Graph v1.0's, found here by a
 * walk over the models independent of the diff; with the table applied, the v2.0 → Graph diff must leave removed
 * exactly what `none` names.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  diffModels,
  summarize,
  type ModelChange,
  type RenameTable,
} from "../../generator/diff/model-diff.js";
import type {
  ComplexType,
  EntityType,
  ServiceModel,
} from "../../generator/model/types.js";
import { loadModels } from "../../generator/pipeline.js";
import { corpusFile, METADATA, REPO } from "../helpers/paths.js";

const MAPS = join(REPO, "generator", "diff", "maps");
const table = JSON.parse(
  readFileSync(join(MAPS, "outlook-to-graph.json"), "utf8"),
) as Record<string, unknown>;
const notes = JSON.parse(
  readFileSync(join(MAPS, "outlook-to-graph.notes.json"), "utf8"),
) as {
  renames: Record<string, string>;
  none: Record<string, string>;
};

async function load(source: string): Promise<ServiceModel> {
  const r = await loadModels({ inputs: [{ label: "x", source }] });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.models[0]!.model;
}

type Structured = EntityType | ComplexType;
/** Every named type and operation of a model by qualified name, and a member lookup that follows base types. */
function index(model: ServiceModel) {
  const types = new Map<
    string,
    {
      kind: string;
      name: string;
      members: string[];
      baseType?: string | undefined;
    }
  >();
  const operations = new Map<string, string[]>();
  for (const s of model.schemas) {
    const structured: Structured[] = [...s.entityTypes, ...s.complexTypes];
    for (const t of structured)
      types.set(t.qualifiedName, {
        kind: t.kind,
        name: t.name,
        members: [...t.properties, ...t.navigationProperties].map(
          (m) => m.name,
        ),
        baseType: t.baseType,
      });
    for (const t of s.enumTypes)
      types.set(t.qualifiedName, {
        kind: t.kind,
        name: t.name,
        members: t.members.map((m) => m.name),
      });
    for (const t of s.typeDefinitions)
      types.set(t.qualifiedName, { kind: t.kind, name: t.name, members: [] });
    for (const o of s.operations)
      operations.set(
        `${s.namespace}.${o.name}`,
        o.parameters.map((p) => p.name),
      );
  }
  const members = (qualified: string): string[] => {
    const out: string[] = [];
    for (
      let t = types.get(qualified), guard = 0;
      t !== undefined && guard < 50;
      t = t.baseType ? types.get(t.baseType) : undefined, guard++
    )
      out.push(...t.members);
    return out;
  };
  return { types, operations, members };
}

let v2: ServiceModel;
let graph: ServiceModel;
beforeAll(async () => {
  [v2, graph] = await Promise.all([
    load(join(METADATA, "v2.0.xml")),
    load(corpusFile("graph-v1.0.csdl.xml")),
  ]);
}, 120_000);

const entries = () => Object.entries(table) as [string, string][];
const typeKeys = () => entries().filter(([k]) => !k.includes("/"));
const removedPaths = (changes: readonly ModelChange[]) =>
  changes
    .filter((c) => c.kind === "removed")
    .map((c) => c.fromPath!)
    .sort();

describe("the Outlook → Graph rename table", () => {
  it("is a flat object of strings, as `codegen diff --renames` reads it", () => {
    expect(entries().length).toBeGreaterThan(0);
    for (const [k, v] of Object.entries(table))
      expect(typeof v, k).toBe("string");
  });

  it("every key resolves in Outlook v2.0 and every value in Graph v1.0", () => {
    const from = index(v2);
    const to = index(graph);
    const graphTypeFor = (outlookType: string): string | undefined => {
      const mapped = table[outlookType];
      if (typeof mapped === "string") return mapped;
      // No table entry for the owner: Graph names the same type in camel case in microsoft.graph.
      const local = from.types.get(outlookType)!.name.toLowerCase();
      return [...to.types.keys()].find(
        (q) =>
          q.startsWith("microsoft.graph.") &&
          q.slice("microsoft.graph.".length).toLowerCase() === local,
      );
    };
    for (const [key, value] of entries()) {
      const slash = key.indexOf("/");
      if (slash < 0) {
        expect(
          from.types.has(key) || from.operations.has(key),
          `${key} in v2.0`,
        ).toBe(true);
        expect(
          to.types.has(value) || to.operations.has(value),
          `${value} in Graph`,
        ).toBe(true);
        continue;
      }
      const owner = key.slice(0, slash);
      const member = key.slice(slash + 1);
      expect(from.types.has(owner), `${owner} in v2.0`).toBe(true);
      expect(from.members(owner), `${key} in v2.0`).toContain(member);
      const target = graphTypeFor(owner);
      expect(target, `Graph counterpart of ${owner}`).toBeDefined();
      expect(to.members(target!), `${value} on ${target} in Graph`).toContain(
        value,
      );
      // The target is a new name, not one v2.0 already has on the same type.
      expect(
        from.members(owner).includes(value),
        `${value} is not already a v2.0 member of ${owner}`,
      ).toBe(false);
    }
  });

  it("cites a Graph or Outlook doc page for every entry, and only for entries", () => {
    expect(Object.keys(notes.renames).sort()).toEqual(
      Object.keys(table).sort(),
    );
    for (const [k, why] of [
      ...Object.entries(notes.renames),
      ...Object.entries(notes.none),
    ])
      expect(why, k).toMatch(
        /https:\/\/learn\.microsoft\.com\/(graph|outlook)\//,
      );
  });

  it("every table entry is used by the diff (matched through the table)", () => {
    const changes = diffModels(v2, graph, { renames: table as RenameTable });
    const viaTable = changes.filter(
      (c) => c.kind === "renamed" && c.match === "table",
    );
    expect(viaTable.length).toBe(entries().length);
    // The type entries land where the table says.
    for (const [key, value] of typeKeys()) {
      const local = key.split(".").pop()!;
      const hit = viaTable.find(
        (c) =>
          c.fromPath === `EntityType[${local}]` ||
          c.fromPath === `ComplexType[${local}]`,
      );
      expect(hit?.toPath, key).toMatch(
        new RegExp(`\\[${value.split(".").pop()}\\]$`),
      );
    }
  });

  it("leaves removed exactly what the `none` list names", () => {
    const changes = diffModels(v2, graph, { renames: table as RenameTable });
    expect(removedPaths(changes)).toEqual(Object.keys(notes.none).sort());
  });

  it("the check above fails when an entry is missing (Photo → profilePhoto dropped)", () => {
    const partial = Object.fromEntries(
      entries().filter(([k]) => k !== "Microsoft.OutlookServices.Photo"),
    );
    const removed = removedPaths(diffModels(v2, graph, { renames: partial }));
    expect(removed).toContain("EntityType[Photo]");
    expect(removed.filter((p) => !Object.hasOwn(notes.none, p))).toEqual([
      "EntityType[Photo]",
    ]);
  });

  it("figures of the v2.0 → Graph v1.0 diff without and with the table", () => {
    const bare = summarize(diffModels(v2, graph));
    const mapped = summarize(
      diffModels(v2, graph, { renames: table as RenameTable }),
    );
    expect({
      total: bare.total,
      breaking: bare.breaking,
      renamed: bare.byKind.renamed,
      removed: bare.byKind.removed,
    }).toEqual({
      total: 5748,
      breaking: 467,
      renamed: 404,
      removed: 20,
    });
    expect({
      total: mapped.total,
      breaking: mapped.breaking,
      renamed: mapped.byKind.renamed,
      removed: mapped.byKind.removed,
    }).toEqual({
      total: 5737,
      breaking: 467,
      renamed: 420,
      removed: 9,
    });
  });
});
