/**
 * File names stay within file-system limits for any name: a type name of 300 or 1000 characters (ASCII or
 * multi-byte) and a long version label give files and folders of at most 110 bytes each, cut with a stable hash of
 * the whole name, still unique case-insensitively; generation writes them and the output type-checks.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../../generator/pipeline.js";
import { fileStem, folderName } from "../../generator/plan/naming.js";
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
    const models = result.files.filter((f) => f.path.includes("/models/"));
    expect(models).toHaveLength(7);
  });

  it("are written", { timeout: 60_000 }, async () => {
    await writeOutput(out, result.files);
    const folder = readdirSync(out).find((n) => n.startsWith("v111"));
    expect(folder).toBeDefined();
    expect(readdirSync(join(out, folder!, "models"))).toHaveLength(7);
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

describe("fileStem and folderName", () => {
  it("keep short names as they are", () => {
    expect(fileStem("Message")).toBe("Message");
    expect(folderName("v2.0")).toBe("v2.0");
  });

  it("cut long ones to a prefix and a hash of the whole name", () => {
    const a = fileStem("a".repeat(300));
    expect(a).toMatch(/^a{80}_[0-9a-f]{12}$/);
    expect(fileStem("a".repeat(299) + "b")).not.toBe(a);
    expect(fileStem("a".repeat(300))).toBe(a);
    expect(folderName("x".repeat(1000))).toMatch(/^x{80}_[0-9a-f]{12}$/);
    expect(Buffer.byteLength(fileStem("a".repeat(101)))).toBeLessThanOrEqual(100);
    expect(fileStem("a".repeat(100))).toBe("a".repeat(100));
  });

  it("steer clear of names Windows reserves for devices", () => {
    expect(fileStem("Con")).toBe("Con_");
    expect(fileStem("nul")).toBe("nul_");
    expect(fileStem("Com1")).toBe("Com1_");
    expect(fileStem("Console")).toBe("Console");
    expect(folderName("aux")).toBe("aux_");
    expect(folderName("v2.")).toBe("v2_");
    expect(folderName("..")).toBe("_");
  });
});
