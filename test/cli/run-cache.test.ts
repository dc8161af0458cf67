/**
 * generate() with a runCache (as --watch keeps one) gives exactly what a fresh run gives, edit after edit: every cache
 * it holds (models, parsed pieces, templates, rendered and formatted files) is checked against a run without one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PruningModelCache } from "../../generator/cli/watch.js";
import { generate, type RunCache } from "../../generator/pipeline.js";
import { sameView } from "../../generator/render/render.js";
import { METADATA } from "../helpers/paths.js";

const dir = mkdtempSync(join(tmpdir(), "codegen-runcache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const original = readFileSync(join(METADATA, "v2.0.xml"), "utf8");

/** Adds a property to the start of a type's element. */
const addProperty = (xml: string, kind: "EntityType" | "ComplexType", name: string, property: string): string => {
  const next = xml.replace(new RegExp(`(<${kind} Name="${name}"[^>]*>)`), `$1\n        <Property Name="${property}" Type="Edm.String"/>`);
  expect(next, `${kind} ${name}`).not.toBe(xml);
  return next;
};

const replaceOnce = (xml: string, from: string | RegExp, to: string): string => {
  const next = xml.replace(from, to);
  expect(next, String(from)).not.toBe(xml);
  return next;
};

/** Runs generate() over the texts in turn with one runCache, and compares each run with a fresh one. */
async function compareRuns(texts: readonly string[]): Promise<RunCache> {
  const file = join(dir, "v2.0.xml");
  const models = new PruningModelCache();
  const runCache: RunCache = { models, pieces: new Map(), renderer: {} };
  const inputs = [{ label: "v2.0", source: file }];
  for (const [step, text] of texts.entries()) {
    writeFileSync(file, text);
    const cached = await generate({ inputs, runCache });
    models.prune();
    const fresh = await generate({ inputs });
    expect(cached.diagnostics, `step ${step}`).toEqual(fresh.diagnostics);
    expect(cached.files.map((f) => f.path), `step ${step}`).toEqual(fresh.files.map((f) => f.path));
    for (const [i, f] of cached.files.entries()) expect(f, `step ${step}: ${f.path}`).toEqual(fresh.files[i]);
  }
  return runCache;
}

describe("runCache", () => {
  it("each run equals a fresh one: an edit, a broken text, the original again", async () => {
    const edited = addProperty(original, "EntityType", "Message", "Cached");
    const runCache = await compareRuns([original, edited, edited.replace("<EntityType", "<EntityTyp"), original, edited]);
    expect(runCache.formatted?.size).toBeGreaterThan(5);
    expect(runCache.rendered?.size).toBeGreaterThan(5);
    expect(runCache.plans?.get("v2.0")?.names).toBeDefined();
  }, 120_000);

  it("each run equals a fresh one: several types edited, one renamed, one deleted, a base type changed, broken then fixed", async () => {
    const several = addProperty(addProperty(addProperty(original, "EntityType", "Contact", "Nickname2"), "ComplexType", "Location", "Floor"), "EntityType", "Item", "Tag");
    // Renamed: the type and every reference to it (other files' imports and members change with it).
    const renamed = several.replaceAll('"os.ItemBody"', '"os.MessageBody"').replace('<ComplexType Name="ItemBody">', '<ComplexType Name="MessageBody">');
    expect(renamed).toContain('Type="os.MessageBody"');
    // Deleted: a type nothing refers to any more once its one use is gone too.
    const deleted = replaceOnce(replaceOnce(renamed, /<ComplexType Name="GeoCoordinates">[\s\S]*?<\/ComplexType>/, ""), /\s*<Property Name="Coordinates" Type="os\.GeoCoordinates"[^>]*\/>/, "");
    expect(deleted).not.toContain("GeoCoordinates");
    // A type's base changes: what it inherits (and its documentation of keys and addresses) changes.
    const rebased = replaceOnce(deleted, '<EntityType Name="EventMessage" BaseType="os.Message">', '<EntityType Name="EventMessage" BaseType="os.Item">');
    const broken = rebased.replace("</EntityType>", "</EntityTyp>");
    // A doc annotation on one property only.
    const documented = replaceOnce(rebased, /(<Property Name="Subject" Type="Edm.String")\s*\/>/, '$1><Annotation Term="Org.OData.Core.V1.Description" String="The subject line."/></Property>');
    await compareRuns([original, several, renamed, deleted, rebased, broken, rebased, documented, original]);
  }, 180_000);
});

describe("sameView", () => {
  it("is true for the same plain data and false for any difference", () => {
    const view = { a: "x", list: [{ n: 1, ok: true, none: null }], nested: { deep: ["y"] } };
    expect(sameView(view, structuredClone(view))).toBe(true);
    expect(sameView(view, { ...view, a: "z" })).toBe(false);
    expect(sameView(view, { ...view, list: [{ n: 2, ok: true, none: null }] })).toBe(false);
    expect(sameView(view, { ...view, list: [...view.list, {}] })).toBe(false);
    expect(sameView(view, { ...view, extra: undefined })).toBe(false);
    // Key order is what {{#each}} over an object shows.
    expect(sameView({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameView([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameView({ v: "1" }, { v: 1 })).toBe(false);
    expect(sameView({ v: Number.NaN }, { v: Number.NaN })).toBe(false);
    // Anything but plain data is the same only when it is the same object.
    const m = new Map([["k", "v"]]);
    expect(sameView({ m }, { m })).toBe(true);
    expect(sameView({ m }, { m: new Map([["k", "v"]]) })).toBe(false);
    const f = (): string => "x";
    expect(sameView({ f }, { f: (): string => "x" })).toBe(false);
  });
});
