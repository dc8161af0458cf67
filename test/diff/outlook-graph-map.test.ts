/**
 * The reviewed Outlook REST → Microsoft Graph v1.0 rename tables (generator/diff/maps/outlook-to-graph.json for
 * Outlook v2.0, outlook-v1.0-to-graph.json for Outlook v1.0) and their companions (*.notes.json: a cited doc page per
 * entry, and the `none` list of what Graph lacks, each with its reason).
 *
 * Every key must name something in the Outlook model and every value something in Graph v1.0's, found here by a walk
 * over the models independent of the diff; with the table applied, the Outlook → Graph diff must leave removed exactly
 * what `none` names.
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
const readJson = (name: string): unknown =>
  JSON.parse(readFileSync(join(MAPS, name), "utf8"));

async function load(source: string): Promise<ServiceModel> {
  const r = await loadModels({ inputs: [{ label: "x", source }] });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.models[0]!.model;
}

/** Every named type and operation of a model by qualified name, and a member lookup that follows base types. */
function index(model: ServiceModel) {
  const types = new Map<
    string,
    { name: string; members: string[]; baseType?: string | undefined }
  >();
  const operations = new Set<string>();
  for (const s of model.schemas) {
    const structured: (EntityType | ComplexType)[] = [
      ...s.entityTypes,
      ...s.complexTypes,
    ];
    for (const t of structured)
      types.set(t.qualifiedName, {
        name: t.name,
        members: [...t.properties, ...t.navigationProperties].map(
          (m) => m.name,
        ),
        baseType: t.baseType,
      });
    for (const t of s.enumTypes)
      types.set(t.qualifiedName, {
        name: t.name,
        members: t.members.map((m) => m.name),
      });
    for (const t of s.typeDefinitions)
      types.set(t.qualifiedName, { name: t.name, members: [] });
    for (const o of s.operations) operations.add(`${s.namespace}.${o.name}`);
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

interface Figures {
  total: number;
  breaking: number;
  renamed: number;
  removed: number;
}
const figures = (changes: readonly ModelChange[]): Figures => {
  const s = summarize(changes);
  return {
    total: s.total,
    breaking: s.breaking,
    renamed: s.byKind.renamed ?? 0,
    removed: s.byKind.removed ?? 0,
  };
};
const removedPaths = (changes: readonly ModelChange[]) =>
  changes
    .filter((c) => c.kind === "removed")
    .map((c) => c.fromPath!)
    .sort();

let graph: ServiceModel;
beforeAll(async () => {
  graph = await load(corpusFile("graph-v1.0.csdl.xml"));
}, 120_000);

const PAIRS = [
  {
    version: "v2.0",
    file: "outlook-to-graph",
    // Dropping an entry must surface its element as removed and not excused by `none`.
    drop: {
      key: "Microsoft.OutlookServices.Photo",
      surfaces: "EntityType[Photo]",
    },
    bare: { total: 5748, breaking: 467, renamed: 404, removed: 20 },
    mapped: { total: 5737, breaking: 467, renamed: 420, removed: 9 },
  },
  {
    version: "v1.0",
    file: "outlook-v1.0-to-graph",
    drop: {
      key: "Microsoft.OutlookServices.Event/Reminder",
      surfaces: "EntityType[Event]/Property[Reminder]",
    },
    bare: { total: 5595, breaking: 366, renamed: 265, removed: 17 },
    mapped: { total: 5586, breaking: 366, renamed: 285, removed: 5 },
  },
] as const;

describe.each(PAIRS)(
  "the Outlook $version → Graph v1.0 rename table",
  ({ version, file, drop, bare, mapped }) => {
    const table = readJson(`${file}.json`) as Record<string, unknown>;
    const notes = readJson(`${file}.notes.json`) as {
      renames: Record<string, string>;
      none: Record<string, string>;
    };
    const entries = () => Object.entries(table) as [string, string][];
    let outlook: ServiceModel;
    beforeAll(async () => {
      outlook = await load(join(METADATA, `${version}.xml`));
    }, 120_000);

    it("is a flat object of strings, as `codegen diff --renames` reads it", () => {
      expect(entries().length).toBeGreaterThan(0);
      for (const [k, v] of Object.entries(table))
        expect(typeof v, k).toBe("string");
    });

    it(`every key resolves in Outlook ${version} and every value in Graph v1.0`, () => {
      const from = index(outlook);
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
            `${key} in ${version}`,
          ).toBe(true);
          expect(
            to.types.has(value) || to.operations.has(value),
            `${value} in Graph`,
          ).toBe(true);
          continue;
        }
        const owner = key.slice(0, slash);
        const member = key.slice(slash + 1);
        expect(from.types.has(owner), `${owner} in ${version}`).toBe(true);
        expect(from.members(owner), `${key} in ${version}`).toContain(member);
        const target = graphTypeFor(owner);
        expect(target, `Graph counterpart of ${owner}`).toBeDefined();
        expect(to.members(target!), `${value} on ${target} in Graph`).toContain(
          value,
        );
        // The target is a new name, not one the Outlook type already has.
        expect(
          from.members(owner).includes(value),
          `${value} is not already a ${version} member of ${owner}`,
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

    it("every entry is used by the diff (matched through the table), type entries where the table says", () => {
      const viaTable = diffModels(outlook, graph, {
        renames: table as RenameTable,
      }).filter((c) => c.kind === "renamed" && c.match === "table");
      expect(viaTable.length).toBe(entries().length);
      for (const [key, value] of entries().filter(([k]) => !k.includes("/"))) {
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
      const changes = diffModels(outlook, graph, {
        renames: table as RenameTable,
      });
      // The members of a type that changes kind (entity Notification → complex changeNotification) are not compared
      // by the diff, but the migration map pairs them, so the list also explains those (migration-map.test.ts).
      const kindChanged = changes
        .filter((c) => c.kind === "kind-changed" && c.fromPath !== undefined)
        .map((c) => `${c.fromPath}/`);
      expect(removedPaths(changes)).toEqual(
        Object.keys(notes.none)
          .filter((k) => !kindChanged.some((p) => k.startsWith(p)))
          .sort(),
      );
    });

    it(`the check above fails when an entry is missing (${drop.key} dropped)`, () => {
      const partial = Object.fromEntries(
        entries().filter(([k]) => k !== drop.key),
      );
      const removed = removedPaths(
        diffModels(outlook, graph, { renames: partial }),
      );
      expect(removed.filter((p) => !Object.hasOwn(notes.none, p))).toEqual([
        drop.surfaces,
      ]);
    });

    it("figures of the diff without and with the table", () => {
      expect(figures(diffModels(outlook, graph))).toEqual(bare);
      expect(
        figures(diffModels(outlook, graph, { renames: table as RenameTable })),
      ).toEqual(mapped);
    });
  },
);
