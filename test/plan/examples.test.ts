/**
 * The generated README's example is computed from the model: it calls only members the client really has, and no
 * name from the metadata reaches it unless it is a plain identifier.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";

const dir = mkdtempSync(join(tmpdir(), "codegen-examples-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csdl = (body: string, container: string): string => `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="T" xmlns="http://docs.oasis-open.org/odata/ns/edm">
${body}
<EntityContainer Name="C">${container}</EntityContainer>
</Schema></edmx:Edmx>`.replace("</Schema></edmx:Edmx>", "</Schema></edmx:DataServices></edmx:Edmx>");

async function readme(name: string, xml: string, baseUrl?: string): Promise<string> {
  const file = join(dir, `${name}.xml`);
  writeFileSync(file, xml);
  const r = await generate({ inputs: [{ label: "v1", source: file, ...(baseUrl !== undefined ? { baseUrl } : {}) }], format: false });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.files.find((f) => f.path === "README.md")?.text ?? "";
}

const block = (text: string): string => /```ts\n([\s\S]*?)```/.exec(text)?.[1] ?? "";

describe("the README example", () => {
  it("never prints a key part whose name is not a plain identifier", async () => {
    const hostile = 'b: 1 }); globalThis.pwned = 1; ({ c';
    const text = await readme(
      "keys",
      csdl(
        `<EntityType Name="Thing"><Key><PropertyRef Name="A"/><PropertyRef Name="${hostile.replace(/"/g, "&quot;")}"/></Key>
  <Property Name="A" Type="Edm.String" Nullable="false"/><Property Name="${hostile.replace(/"/g, "&quot;")}" Type="Edm.Int32" Nullable="false"/>
  <Property Name="Name" Type="Edm.String"/></EntityType>`,
        `<EntitySet Name="Things" EntityType="T.Thing"/>`,
      ),
    );
    expect(text).not.toContain("pwned");
  });

  it("calls the member the client gives a singleton that shares an entity set's name", async () => {
    const text = await readme(
      "names",
      csdl(
        `<EntityType Name="Person"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/>
  <Property Name="Name" Type="Edm.String"/></EntityType>`,
        `<EntitySet Name="people" EntityType="T.Person"/><Singleton Name="People" Type="T.Person"/>`,
      ),
    );
    // The entity set comes first and keeps the plain name; the singleton is people2 on the client.
    expect(block(text)).toContain("client.people2.get(");
  });

  it("passes {} to an action whose parameters are all optional (OptionalActionNode asks for its object)", async () => {
    const text = await readme(
      "optional",
      csdl(
        `<EntityType Name="Box"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/>
  <Property Name="Name" Type="Edm.String"/><NavigationProperty Name="items" Type="Collection(T.Item)" ContainsTarget="true"/></EntityType>
  <EntityType Name="Item"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/>
  <Property Name="Name" Type="Edm.String"/></EntityType>
  <ComplexType Name="Note"><Property Name="Text" Type="Edm.String"/></ComplexType>
  <Action Name="Archive" IsBound="true"><Parameter Name="it" Type="T.Item"/><Parameter Name="Note" Type="T.Note"/></Action>`,
        `<EntitySet Name="Boxes" EntityType="T.Box"/>`,
      ),
    );
    expect(block(text)).toContain(".archive.post({});");
  });

  it("prints a service root with a query or a fragment as …", async () => {
    const xml = csdl(
      `<EntityType Name="Person"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/>
  <Property Name="Name" Type="Edm.String"/></EntityType>`,
      `<EntitySet Name="People" EntityType="T.Person"/>`,
    );
    expect(block(await readme("plain", xml, "https://svc.example.com/odata"))).toContain("// GET https://svc.example.com/odata/People('<Id>')");
    for (const baseUrl of ["https://svc.example.com/odata?sap-client=100", "https://svc.example.com/odata#x"]) {
      const b = block(await readme("query", xml, baseUrl));
      expect(b).toContain("// GET …/People('<Id>')");
      expect(b).not.toContain("sap-client");
    }
  });
});

describe("what the user gives that is written into the package", () => {
  const xml = csdl(
    `<EntityType Name="Person"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/></EntityType>`,
    `<EntitySet Name="People" EntityType="T.Person"/>`,
  );

  it("refuses a service root with credentials or a secret-looking query value (it would be written into the code)", async () => {
    const file = join(dir, "base.xml");
    writeFileSync(file, xml);
    for (const baseUrl of ["https://alice:S3cretPw@svc.example.com/odata", "https://svc.example.com/odata?sig=abcdef"]) {
      const r = await generate({ inputs: [{ label: "v1", source: file, baseUrl }], format: false });
      expect(r.files).toEqual([]);
      expect(r.diagnostics.map((d) => d.code)).toContain("invalid-base-url");
      expect(JSON.stringify(r.diagnostics)).not.toMatch(/S3cretPw|abcdef/);
    }
  });

  it("warns of any client default header whose name says it holds a secret", async () => {
    const file = join(dir, "headers.xml");
    writeFileSync(file, xml);
    const r = await generate({ inputs: [{ label: "v1", source: file }], format: false, client: { headers: { "Ocp-Apim-Subscription-Key": "k", "x-api-key": "k", Accept: "x" } } });
    const warned = r.diagnostics.filter((d) => d.code === "client-default-credential").map((d) => d.message);
    expect(warned).toHaveLength(2);
  });

  it("keeps engines.node on one line of the README whatever line breaks it holds", async () => {
    const file = join(dir, "engines.xml");
    writeFileSync(file, xml);
    const r = await generate({ inputs: [{ label: "v1", source: file }], format: false, package: { engines: { node: ">=18\r\r[click me](https://evil.example)\r" } } });
    const readme = r.files.find((f) => f.path === "README.md")?.text ?? "";
    expect(readme).not.toMatch(/\r/);
    expect(readme).toContain(">=18[click me](https://evil.example)");
  });
});
