/**
 * Issue 12, references, as planned: a navigation that is no containment hands out a link type (`LinkCollection` or
 * `SingleLink`, with its wire name), whose members offer `$ref` and no entity `delete()` unless the navigation's
 * DeleteRestrictions say Deletable; the entity types such a navigation can link to (its targets and their derived
 * types) carry their qualified name, which `bind(node)` gives. Checked on the text of nodes.ts and index.ts, and on
 * a user's file that TypeScript 5.9 and 7 must accept, with every `@ts-expect-error` line refused.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write.js";
import { REPO } from "../helpers/paths.js";

const dir = mkdtempSync(join(tmpdir(), "codegen-references-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DELETABLE = `<Annotation Term="Org.OData.Capabilities.V1.DeleteRestrictions"><Record><PropertyValue Property="Deletable" Bool="true"/></Record></Annotation>`;
const CSDL = `<?xml version="1.0"?>
<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"><edmx:DataServices>
<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="N">
  <EntityType Name="Person"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
  <EntityType Name="Employee" BaseType="N.Person"><Property Name="badge" Type="Edm.String"/></EntityType>
  <EntityType Name="Doc"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
  <EntityType Name="Room"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
  <EntityType Name="Team"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/>
    <Property Name="name" Type="Edm.String"/>
    <NavigationProperty Name="members" Type="Collection(N.Person)"/>
    <NavigationProperty Name="lead" Type="N.Person"/>
    <NavigationProperty Name="docs" Type="Collection(N.Doc)" ContainsTarget="true"/>
    <NavigationProperty Name="alumni" Type="Collection(N.Person)">${DELETABLE}</NavigationProperty>
  </EntityType>
  <EntityContainer Name="C">
    <EntitySet Name="teams" EntityType="N.Team"/><EntitySet Name="people" EntityType="N.Person"/>
    <EntitySet Name="rooms" EntityType="N.Room"/>
  </EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>`;

const USAGE = `import { bind, createClient } from "./index.js";

export async function calls(client: ReturnType<typeof createClient>): Promise<unknown[]> {
  const team = client.teams.byId("t");
  return [
    await team.members.$ref.list({ top: 1 }),
    await team.members.$ref.post(bind(client.people.byId("p"))),
    await team.members.$ref.post(bind(client.people.byId("e").cast("N.Employee"))),
    await team.members.$ref.delete(bind(client.people.byId("p"))),
    await team.members.byId("p").$ref.delete(),
    await team.members.byId("p").get(),
    await team.lead.$ref.get(),
    await team.lead.$ref.put(bind(client.people.byId("p"))),
    await team.lead.$ref.delete(),
    await team.alumni.byId("p").delete(),
    await team.docs.byId("d").delete(),
    await client.people.byId("p").delete(),
    await client.teams.create({ id: "t2", "members@odata.bind": [bind(client.people.byId("p"))], "lead@odata.bind": bind(client.people.byId("q")) }),
    await team.update({ name: "n", "lead@odata.bind": bind(client.people.byId("p")) }),
  ];
}

export async function refused(client: ReturnType<typeof createClient>): Promise<void> {
  const team = client.teams.byId("t");
  // @ts-expect-error the trap: it would delete the person
  await team.members.byId("p").delete();
  // @ts-expect-error a cast of a link is a link
  await team.members.cast("N.Employee").byId("p").delete();
  // @ts-expect-error a single-valued link: delete() would delete the person
  await team.lead.delete();
  // @ts-expect-error docs are contained: no references
  await team.docs.$ref.list();
  // @ts-expect-error a room is no person
  await team.members.$ref.post(bind(client.rooms.byId("r")));
  // @ts-expect-error a team is no person (no link reaches teams, so its nodes bind as string, which binds nowhere)
  await team.lead.$ref.put(bind(client.teams.byId("t")));
  // @ts-expect-error a collection binds an array
  await client.teams.create({ id: "t2", "members@odata.bind": bind(client.people.byId("p")) });
  // @ts-expect-error docs are contained: nothing to bind
  await client.teams.create({ id: "t2", "docs@odata.bind": [] });
  // @ts-expect-error bind takes one entity
  bind(client.people);
}
`;

let nodes = "";
let index = "";
beforeAll(async () => {
  writeFileSync(join(dir, "in.xml"), CSDL);
  const result = await generate({ inputs: [{ label: "v1", source: join(dir, "in.xml"), baseUrl: "https://r.test/svc" }] });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  await writeOutput(join(dir, "out"), result.files);
  nodes = readFileSync(join(dir, "out", "v1", "nodes.ts"), "utf8");
  index = readFileSync(join(dir, "out", "v1", "index.ts"), "utf8");
  writeFileSync(join(dir, "out", "v1", "usage.ts"), USAGE);
}, 60_000);

describe("the planned node types", () => {
  it("a navigation that is no containment is a link, named by its wire name; a containment stays as it was", () => {
    expect(nodes).toContain('readonly members: LinkCollection<PersonCollection, "members">;');
    expect(nodes).toContain('readonly lead: SingleLink<PersonNode, "lead">;');
    expect(nodes).toContain("readonly docs: DocCollection;");
  });
  it("DeleteRestrictions Deletable on the navigation keeps its members' delete()", () => {
    expect(nodes).toContain('readonly alumni: LinkCollection<PersonCollection, "alumni", never>;');
  });
  it("the types a link can reach carry their qualified name; the others do not", () => {
    expect(nodes).toMatch(/EntityNodeOf<AnyPerson, PersonQuery, [\w{}]+, Person, PersonCasts, "N\.Person">/);
    expect(nodes).toMatch(/EntityNodeOf<Employee, EmployeeQuery, [\w{}]+, Employee, \{\}, "N\.Employee">/);
    expect(nodes).toMatch(/EntityNodeOf<Room, RoomQuery>/);
    expect(nodes).toMatch(/EntityNodeOf<Team, TeamQuery, TeamMembers>/);
  });
  it("the version exports bind where a link exists", () => {
    expect(index).toMatch(/export \{ bind, createClient,/);
  });
  it("an output without links exports no bind and names no type", async () => {
    const file = join(dir, "plain.xml");
    writeFileSync(file, CSDL.replace(/<NavigationProperty Name="(members|lead|alumni)"[^]*?(\/>|<\/NavigationProperty>)/g, ""));
    const result = await generate({ inputs: [{ label: "v1", source: file, baseUrl: "https://r.test/svc" }] });
    const text = (p: string): string => result.files.find((f) => f.path === p)?.text ?? "";
    expect(text("v1/index.ts")).not.toMatch(/\bbind\b/);
    expect(text("v1/nodes.ts")).not.toMatch(/"N\.Person">|LinkCollection|SingleLink/);
  });
});

describe("a user's file", () => {
  it.each(["typescript", "typescript7"])("type-checks, and every refused line is refused (%s)", (compiler) => {
    let output = "";
    try {
      execFileSync(process.execPath, [join(REPO, "node_modules", compiler, "bin", "tsc"), "-p", join(dir, "out", "tsconfig.json"), "--pretty", "false"], {
        cwd: join(dir, "out"),
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (e) {
      const err = e as { stdout?: Buffer; stderr?: Buffer };
      output = `${String(err.stdout ?? "")}${String(err.stderr ?? "")}`.slice(0, 4000) || "tsc failed";
    }
    expect(output).toBe("");
  }, 120_000);
});
