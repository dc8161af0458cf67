/**
 * File names stay within file-system limits for any name: a long version label gives a folder of at most 110 bytes,
 * cut with a stable hash of the whole name; type names of 300 or 1000 characters (ASCII or multi-byte) name no file
 * (a version's types are rolled up into models.ts and nodes.ts); generation writes them and the output type-checks.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../../generator/pipeline.js";
import { folderName } from "../../generator/plan/naming.js";
import { writeOutput } from "../../generator/write/write.js";
import { typecheckInMemory } from "../helpers/typecheck.js";

const dir = mkdtempSync(join(tmpdir(), "codegen-long-"));
const out = join(dir, "out");

const A300 = `Long${"a".repeat(296)}`;
const B300 = `Long${"a".repeat(295)}B`; // the same first 296 characters as A300: only the hash tells them apart
const C300 = `Long${"a".repeat(295)}b`; // differs from B300 in case only
const M1000 = `Ü${"é".repeat(499)}${"日".repeat(500)}`; // 1000 characters, 2500 bytes in UTF-8
const N1000 = `Ö${"é".repeat(999)}`;
const LABEL = `v${"1".repeat(299)}`;

const metadata = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">
  <edmx:DataServices>
    <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="Long.Ns">
${[A300, B300, C300, M1000, N1000]
  .map(
    (n) => `      <EntityType Name="${n}">
        <Key><PropertyRef Name="Id" /></Key>
        <Property Name="Id" Type="Edm.String" Nullable="false" />
        <NavigationProperty Name="Next" Type="Long.Ns.${A300}" />
      </EntityType>`,
  )
  .join("\n")}
      <ComplexType Name="${"c".repeat(1000)}"><Property Name="X" Type="Edm.Int32" /></ComplexType>
      <EnumType Name="${"E".repeat(253)}"><Member Name="A" /></EnumType>
      <EntityContainer Name="C">
        <EntitySet Name="As" EntityType="Long.Ns.${A300}" />
        <EntitySet Name="Ms" EntityType="Long.Ns.${M1000}" />
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`;

let result: GenerateResult;
let sources: GenerateResult;

beforeAll(async () => {
  writeFileSync(join(dir, "long.xml"), metadata);
  result = await generate({ inputs: [{ label: LABEL, source: join(dir, "long.xml"), baseUrl: "https://example.test/svc" }] });
  sources = await generate({ inputs: [{ label: LABEL, source: join(dir, "long.xml") }, { label: "b", source: join(dir, "long.xml") }], mode: "sources" });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("long names", () => {
  it("generate with no errors", () => {
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.files.length).toBeGreaterThan(10);
  });

  it("give path segments of at most 110 bytes, unique case-insensitively", () => {
    for (const r of [result, sources]) {
      const paths = r.files.map((f) => f.path);
      for (const p of paths) for (const segment of p.split("/")) expect(Buffer.byteLength(segment), p).toBeLessThanOrEqual(110);
      expect(new Set(paths.map((p) => p.toLowerCase())).size).toBe(paths.length);
    }
    expect(result.files.filter((f) => /\/(models|nodes)\.ts$/.test(f.path))).toHaveLength(2);
  });

  it("are written", { timeout: 60_000 }, async () => {
    await writeOutput(out, result.files);
    const folder = readdirSync(out).find((n) => n.startsWith("v111"));
    expect(folder).toBeDefined();
    expect(readdirSync(join(out, folder!)).sort()).toEqual(["client.ts", "index.ts", "models.ts", "nodes.ts"]);
  });

  it("type-check", { timeout: 120_000 }, () => {
    expect(typecheckInMemory(result.files)).toEqual([]);
    expect(typecheckInMemory(sources.files)).toEqual([]);
  });

  it("are the same from run to run", async () => {
    const again = await generate({ inputs: [{ label: LABEL, source: join(dir, "long.xml"), baseUrl: "https://example.test/svc" }] });
    expect(again.files.map((f) => [f.path, f.text])).toEqual(result.files.map((f) => [f.path, f.text]));
  });
});

describe("folderName", () => {
  it("keeps short names as they are", () => {
    expect(folderName("v2.0")).toBe("v2.0");
  });

  it("cuts long ones to a prefix and a hash of the whole name", () => {
    const a = folderName("a".repeat(300));
    expect(a).toMatch(/^a{80}_[0-9a-f]{12}$/);
    expect(folderName("a".repeat(299) + "b")).not.toBe(a);
    expect(folderName("a".repeat(300))).toBe(a);
    expect(Buffer.byteLength(folderName("é".repeat(101)))).toBeLessThanOrEqual(100);
    expect(folderName("a".repeat(100))).toBe("a".repeat(100));
  });

  it("steers clear of names Windows reserves for devices", () => {
    expect(folderName("Con")).toBe("Con_");
    expect(folderName("nul")).toBe("nul_");
    expect(folderName("Com1")).toBe("Com1_");
    expect(folderName("Console")).toBe("Console");
    expect(folderName("aux")).toBe("aux_");
    expect(folderName("v2.")).toBe("v2_");
    expect(folderName("..")).toBe("_");
  });
});
