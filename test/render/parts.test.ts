/**
 * A large file rendered, formatted and written in parts (PlannedFile.tail: a version's models.ts): the parts make
 * exactly the text the file's template gives whole, the format stage lays them out and hashes them as it would the
 * whole text, and the writer writes and hashes them as that text.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatFile } from "../../generator/format/format.js";
import { loadTemplates } from "../../generator/load/load.js";
import { buildModel } from "../../generator/model/build.js";
import { parseXml } from "../../generator/parse/xml.js";
import { planService } from "../../generator/plan/plan.js";
import { createRenderer } from "../../generator/render/render.js";
import { contentHash, MANIFEST } from "../../generator/write/manifest.js";
import { writeOutput } from "../../generator/write/write.js";

const tmp = mkdtempSync(join(tmpdir(), "codegen-parts-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A schema of `n` entity types, each with a described property, a long union of properties and a derived type. */
function metadata(n: number): string {
  const types = Array.from({ length: n }, (_, i) => {
    const props = Array.from({ length: 14 }, (_, k) => `<Property Name="someRatherLongPropertyName${k}" Type="Edm.String"/>`).join("");
    return (
      `<EntityType Name="T${i}"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false">` +
      `<Annotation Term="Org.OData.Core.V1.Description" String="The id of T${i}, which is quite a long description."/></Property>${props}` +
      `<NavigationProperty Name="next" Type="Collection(S.T${(i + 1) % n})"/></EntityType>` +
      `<EntityType Name="D${i}" BaseType="S.T${i}"><Property Name="extra" Type="Edm.Int32"/></EntityType>`
    );
  }).join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="S" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<EnumType Name="Color"><Member Name="Red"/><Member Name="Blue"/></EnumType>
${types}
<EntityContainer Name="C"><EntitySet Name="Ts" EntityType="S.T0"/></EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>`;
}

describe("a file with a tail (models.ts)", async () => {
  const parsed = parseXml(metadata(40), "m.xml");
  const model = buildModel(parsed.root!, "m.xml", "v1").model!;
  const models = planService({ label: "v1", sourceName: "m.xml", model }).find((f) => f.path === "v1/models.ts")!;
  const templates = await loadTemplates();
  const render = createRenderer(templates);

  it("renders in parts that make the text its template gives whole", () => {
    expect(models.tail?.key).toBe("structured");
    const parts = render(models);
    const whole = render({ path: models.path, template: models.template, view: models.view });
    expect(whole.parts).toBeUndefined();
    // The header and enums, then the 80 types a part of 16 at a time.
    expect(parts.parts).toHaveLength(1 + Math.ceil(80 / models.tail!.size));
    expect(parts.parts!.join("")).toBe(whole.text);
    expect(parts.text).toBe(whole.text);
  });

  it("formats the parts to the same text and hash as the whole, and keeps them for the writer", async () => {
    const parts = render(models);
    const whole = render({ path: models.path, template: models.template, view: models.view });
    const a = await formatFile(parts);
    const b = await formatFile(whole);
    expect(a.text).toBe(b.text);
    expect(a.sourceHash).toBe(b.sourceHash);
    // Some line was broken (the unions and query shapes are long), so the parts were laid out, not passed through.
    expect(b.text).not.toBe(whole.text);
    expect(a.parts?.join("")).toBe(b.text);
  });

  it("takes the whole text when a part does not end a line", async () => {
    const long = `export type X = ${Array.from({ length: 12 }, (_, i) => `"someRatherLongLiteral${i}"`).join(" | ")};\n`;
    const whole = await formatFile({ path: "x.ts", text: long });
    // Cut in the middle of the long line: laid out one by one, neither half would be broken as the whole line is.
    const split = await formatFile({ path: "x.ts", text: long, parts: [long.slice(0, 60), long.slice(60)] });
    expect(split.text).toBe(whole.text);
    expect(split.sourceHash).toBe(whole.sourceHash);
    expect(split.parts).toBeUndefined();
  });

  it("is written, and listed in the manifest, as its text", async () => {
    const formatted = await formatFile(render(models));
    expect(formatted.parts!.length).toBeGreaterThan(1);
    const out = join(tmp, "out");
    await writeOutput(out, [formatted]);
    expect(readFileSync(join(out, "v1/models.ts"), "utf8")).toBe(formatted.text);
    const line = readFileSync(join(out, MANIFEST), "utf8")
      .split("\n")
      .find((l) => l.startsWith("v1/models.ts\t"));
    expect(line?.split("\t")[2]).toBe(contentHash(formatted.text));
  });

  it("writes a changed copy as its own text: the parts do not travel with a spread, and parts that do not add up are ignored", async () => {
    const formatted = await formatFile(render(models));
    expect(formatted.parts!.length).toBeGreaterThan(1);
    expect(Object.keys(formatted)).not.toContain("parts");
    const banner = "// my banner\n";
    const copy = { ...formatted, path: "v1/copy.ts", text: banner + formatted.text };
    // A caller who carries the parts over by hand, with a text of another length: the text wins.
    const carried = { path: "v1/carried.ts", text: banner + formatted.text, sourceHash: formatted.sourceHash!, parts: formatted.parts! };
    const out = join(tmp, "out-copy");
    await writeOutput(out, [copy, carried]);
    for (const name of ["copy", "carried"]) {
      expect(readFileSync(join(out, `v1/${name}.ts`), "utf8")).toBe(banner + formatted.text);
      const line = readFileSync(join(out, MANIFEST), "utf8")
        .split("\n")
        .find((l) => l.startsWith(`v1/${name}.ts\t`));
      expect(line?.split("\t")[2]).toBe(contentHash(banner + formatted.text));
    }
  });
});
