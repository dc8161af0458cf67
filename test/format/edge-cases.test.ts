/**
 * Output that must stay prettier's form and valid without prettier having run: names beyond ASCII, quotes in
 * package names, and overloads that cannot share one parameter object.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as prettier from "prettier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRETTIER_OPTIONS } from "../../generator/format/format.js";
import { layout } from "../../generator/format/layout.js";
import { generate, type GenerateResult } from "../../generator/pipeline.js";

const XML = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="T.NS" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<EnumType Name="Ort"><Member Name="Straße" Value="0"/><Member Name="x&quot;y&quot;z" Value="1"/></EnumType>
<EntityType Name="Adresse"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/>
  <Property Name="Straße" Type="Edm.String"/><Property Name="Ort" Type="T.NS.Ort"/></EntityType>
<EntityType Name="Thing"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/></EntityType>
<Function Name="f" IsBound="true"><Parameter Name="b" Type="T.NS.Thing"/><Parameter Name="a" Type="Edm.Int32"/><ReturnType Type="Edm.String"/></Function>
<Function Name="f" IsBound="true"><Parameter Name="b" Type="T.NS.Thing"/><Parameter Name="a" Type="Edm.String"/>
  <Parameter Name="c" Type="Edm.Int32"/><ReturnType Type="Edm.String"/></Function>
<Function Name="g" IsBound="true"><Parameter Name="b" Type="T.NS.Thing"/><Parameter Name="date" Type="Edm.Date"/><ReturnType Type="Edm.String"/></Function>
<Function Name="g" IsBound="true"><Parameter Name="b" Type="T.NS.Thing"/><Parameter Name="period" Type="Edm.String"/><ReturnType Type="Edm.String"/></Function>
<EntityContainer Name="C"><EntitySet Name="Things" EntityType="T.NS.Thing"/><EntitySet Name="Adressen" EntityType="T.NS.Adresse"/></EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>`;

const dir = mkdtempSync(join(tmpdir(), "codegen-edge-"));
let result: GenerateResult;
beforeAll(async () => {
  writeFileSync(join(dir, "edge.xml"), XML);
  result = await generate({ inputs: [{ label: 'v"1', source: join(dir, "edge.xml") }], packageName: "@my/pkg" });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (suffix: string): string => result.files.find((f) => f.path.endsWith(suffix))?.text ?? "";

describe("edge cases of the format stage", () => {
  it("is exactly what prettier prints, keys beyond ASCII included", async () => {
    expect(result.files.length).toBeGreaterThan(5);
    for (const f of result.files) {
      const parser = f.path.endsWith(".ts") ? "typescript" : f.path.endsWith(".json") ? "json" : f.path.endsWith(".md") ? "markdown" : undefined;
      if (parser) expect(await prettier.check(f.text, { ...PRETTIER_OPTIONS, parser }), f.path).toBe(true);
    }
    expect(text("models.ts")).toContain("Straße?: string | null;");
  });

  it("writes package.json as JSON whatever quotes the label holds, and refuses a package name npm would refuse", async () => {
    const pkg = JSON.parse(text("package.json")) as { name: string; description: string };
    expect(pkg.name).toBe("@my/pkg");
    expect(pkg.description).toContain('v"1');
    const bad = await generate({ inputs: [{ label: "v1", source: join(dir, "edge.xml") }], packageName: 'my"pkg' });
    expect(bad.files).toEqual([]);
    expect(bad.diagnostics.map((d) => d.code)).toContain("invalid-package-info");
  });

  it("merges overloads whose parameters take the same URL literal, and leaves out one that would need another", () => {
    const nodes = text("nodes.ts");
    // Compared with line breaks folded, so the test says what is emitted, not how the lines were broken.
    const flat = nodes.replace(/\s+/g, " ").replace(/\( /g, "(").replace(/ \|/g, " |");
    // g(date: Edm.Date) and g(period: Edm.String): one member, date or period; Edm.Date is written by the wire table.
    expect(flat).toContain("g(params: | { readonly date: string | null; readonly period?: never } | { readonly period: string | null; readonly date?: never },");
    // f(a: Int32) and f(a: String, c: Int32): `a` is inferred from its value either way, so one member takes both.
    expect(flat).toContain("f(params: { readonly a: number | null; readonly c?: never } | { readonly a: string | null; readonly c: number | null },");
    const client = text("client.ts");
    expect(client).toContain("    g: {\n      date: \"Edm.Date\",\n    },");
    // f's parameters are all inferred from their values: the table has no entry for it.
    expect(client).not.toMatch(/^ {4}f: /m);
  });
});

describe("layout gives up rather than guess", () => {
  it.each([
    ["a long closing line of a signature", `export class A {\n  f(\n    a: string,\n  ): Promise<ODataCollection<${"R".repeat(50)}> | ODataCollection<${"S".repeat(50)}>> {\n    return g();\n  }\n}\n`],
    ["an object type alias", `export type T = { ${Array.from({ length: 12 }, (_, i) => `readonly field${i}: string`).join("; ")} };\n`],
    ["a lone type argument", `export class ${"C".repeat(60)} extends ${"B".repeat(40)}<${"X".repeat(40)}> {\n}\n`],
    ["numbers in an array", `    const xs: number[] = [${Array.from({ length: 40 }, (_, i) => i * 1000).join(", ")}];\n`],
  ])("%s", async (_, source) => {
    const ours = layout(source);
    // Either exactly prettier's result or a refusal (the format stage then runs prettier).
    if (ours !== undefined) expect(ours).toBe(await prettier.format(source, { ...PRETTIER_OPTIONS, parser: "typescript" }));
    else expect(ours).toBeUndefined();
  });
});
