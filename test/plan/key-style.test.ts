/**
 * The key style a generated client starts with (issue 12): the config's `client.keyStyle` when given; else the one
 * the metadata announces with Capabilities.KeyAsSegmentSupported on its entity container (true: segments; false:
 * parentheses, whatever the profile says); else the service profile's (Graph: segments); else the runtime's
 * default, parentheses. Checked on the wire through the generated client with a recording fetch.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write.js";
import { json, recorder } from "../extensions/recorder.js";

const dir = mkdtempSync(join(tmpdir(), "codegen-key-style-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csdl = (namespace: string, annotation: string): string => `<?xml version="1.0"?>
<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"><edmx:DataServices>
<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="${namespace}">
  <EntityType Name="T"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
  <EntityContainer Name="C">${annotation}<EntitySet Name="things" EntityType="${namespace}.T"/></EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>`;

const TAG = `<Annotation Term="Org.OData.Capabilities.V1.KeyAsSegmentSupported"/>`;
const FALSE = `<Annotation Term="Org.OData.Capabilities.V1.KeyAsSegmentSupported" Bool="false"/>`;

let n = 0;
async function urlOf(namespace: string, annotation: string, keyStyle?: "parentheses" | "segment"): Promise<string> {
  const case_ = join(dir, String(n++));
  const file = `${case_}.xml`;
  writeFileSync(file, csdl(namespace, annotation));
  const result = await generate({
    inputs: [{ label: "v1.0", source: file, baseUrl: "https://k.test/svc" }],
    ...(keyStyle ? { client: { keyStyle } } : {}),
  });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  await writeOutput(case_, result.files);
  const mod = (await import(join(case_, "v1.0", "index.ts"))) as { createClient(options: object): any };
  const r = recorder(() => json({}));
  await mod.createClient({ fetch: r.fetch }).things.byId("a").get();
  return r.only().url;
}

describe("the default key style", () => {
  it("is parentheses for a service that says nothing", async () => {
    expect(await urlOf("N", "")).toBe("https://k.test/svc/things('a')");
  });
  it("is segments where the container carries KeyAsSegmentSupported", async () => {
    expect(await urlOf("N", TAG)).toBe("https://k.test/svc/things/a");
  });
  it("is segments for Microsoft Graph, whose documentation writes keys so", async () => {
    expect(await urlOf("microsoft.graph", "")).toBe("https://k.test/svc/things/a");
  });
  it("is parentheses where the metadata says KeyAsSegmentSupported false, even for Graph", async () => {
    expect(await urlOf("microsoft.graph", FALSE)).toBe("https://k.test/svc/things('a')");
  });
  it("is the config's when it gives one", async () => {
    expect(await urlOf("N", TAG, "parentheses")).toBe("https://k.test/svc/things('a')");
    expect(await urlOf("N", "", "segment")).toBe("https://k.test/svc/things/a");
  });
});
