/**
 * Computed docs, service profiles and client defaults, on the travel fixture (no Outlook namespace, Capabilities and
 * Core annotations of its own): what the plan writes into doc comments, what it leaves out for a non-Outlook service,
 * and how config-given client defaults reach the generated createClient() safely.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate, type GenerateOptions } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write.js";
import { GENERATED, REPO } from "../helpers/paths.js";
import { readFileSync } from "node:fs";

const TRAVEL = join(REPO, "test", "fixtures", "travel.xml");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function travel(extra: Partial<GenerateOptions> = {}): Promise<{ file: (p: string) => string; errors: string[]; warnings: string[]; out: string }> {
  const result = await generate({ inputs: [{ label: "v1", source: TRAVEL, baseUrl: "https://travel.test/odata" }], format: false, ...extra });
  const out = mkdtempSync(join(tmpdir(), "codegen-docs-"));
  dirs.push(out);
  if (result.files.length > 0) await writeOutput(out, result.files);
  return {
    file: (p) => result.files.find((f) => f.path === p)?.text ?? "",
    errors: result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code}: ${d.message}`),
    warnings: result.diagnostics.filter((d) => d.severity === "warning").map((d) => `${d.code}: ${d.message}`),
    out,
  };
}

/** The declaration `head` of a rolled-up file (`export interface Person `), to its closing brace. */
function section(text: string, head: string): string {
  const start = text.indexOf(`\n${head}`);
  return start < 0 ? "" : text.slice(start, text.indexOf("\n}", start) + 2);
}

/** The doc comment right above `member` in a generated file. */
function docOf(text: string, member: string): string | undefined {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.trim().startsWith(member));
  const above = lines[i - 1]?.trim() ?? "";
  return i > 0 && above.startsWith("/**") ? above.replace(/^\/\*\*\s*/, "").replace(/\s*\*\/$/, "") : undefined;
}

describe("computed docs", async () => {
  const g = await travel();

  it("generates with no errors", () => expect(g.errors).toEqual([]));

  it("properties: EDM type, key, read-only, set on create only, required on create, not filterable / sortable", () => {
    const models = g.file("v1/models.ts");
    const person = section(models, "export interface Person ");
    expect(docOf(person, "UserName?:")).toBe("Edm.String, key.");
    expect(docOf(person, "FirstName?:")).toBe("Edm.String, required on create.");
    // A doc that would say only what the TypeScript type says is left out.
    expect(docOf(person, "LastName?:")).toBeUndefined();
    expect(docOf(person, "Emails?:")).toBe("Collection(Edm.String), not sortable.");
    expect(docOf(person, "Addresses?:")).toBe("Collection(Location), not filterable.");
    expect(docOf(person, "Version?:")).toBe("Edm.Int64, read-only, not filterable.");
    expect(docOf(person, "Trips?:")).toBe("Navigation: Collection(Trip), contained.");
    expect(docOf(section(models, "export interface Airport "), "IataCode?:")).toBe("Edm.String, set on create only.");
    const trip = section(models, "export interface Trip ");
    // A default value means the service fills it in: not required.
    expect(docOf(trip, "Budget?:")).toBe("Edm.Single.");
    // The metadata's description comes first.
    expect(docOf(trip, "Name?:")).toBe("What the traveller calls the trip.");
    expect(docOf(section(models, "export interface City "), "CountryCode?:")).toBeUndefined();
  });

  it("navigations and operations: HTTP methods and URL shape", () => {
    const nodes = g.file("v1/nodes.ts");
    const person = section(nodes, "export interface PersonMembers ");
    expect(docOf(person, "readonly trips:")).toBe("GET, POST …/People('{UserName}')/Trips");
    expect(docOf(person, "readonly homeAirport:")).toBe("GET, PATCH, DELETE …/People('{UserName}')/HomeAirport");
    expect(docOf(person, "readonly shareTrip:")).toBe("POST …/People('{UserName}')/ShareTrip");
    expect(docOf(person, "getFavoriteAirport(")).toBe("GET …/People('{UserName}')/GetFavoriteAirport()");
    // A numeric key is not quoted; the address is the collection the type is reached through.
    expect(docOf(section(nodes, "export interface TripMembers "), "readonly postpone:")).toBe("POST …/Trips({TripId})/Postpone");
    const root = section(nodes, "export interface ServiceClient ");
    expect(docOf(root, "nearestAirport(")).toBe("GET …/NearestAirport(Latitude=…,Longitude=…)");
    expect(docOf(root, "readonly resetData:")).toBe("POST …/ResetData");
    // Airports forbid DELETE (Capabilities.DeleteRestrictions).
    expect(root).toContain("GET, POST …/Airports; GET, PATCH …/Airports('{IcaoCode}')");
  });

  it("no Outlook helpers or mailbox docs for a non-Outlook service", () => {
    expect(g.file("v1/index.ts")).not.toContain("isMailboxNotEnabledForRestApi");
    expect(g.file("v1/index.ts")).toContain("isODataError");
    expect(g.file("v1/client.ts")).not.toMatch(/anchoredByKey|x-AnchorMailbox|sendAnchorMailbox: true/);
    expect(g.file("README.md")).not.toMatch(/anchorMailbox|isMailboxNotEnabledForRestApi/);
    // Outlook keeps them.
    expect(readFileSync(join(GENERATED, "v2.0", "index.ts"), "utf8")).toContain("isMailboxNotEnabledForRestApi");
  });

  it("metadata text in docs cannot close the comment", async () => {
    const hostile = await generate({ inputs: [{ label: "x", source: join(REPO, "test/fixtures/hostile-names.xml") }], format: false });
    for (const f of hostile.files.filter((x) => x.path.startsWith("x/"))) {
      for (const m of f.text.matchAll(/\/\*\*([^\n]*)\*\//g)) expect(m[1]).not.toContain("*/");
    }
  });
});

describe("client defaults", () => {
  it("become createClient defaults: keyStyle and headers, caller wins per header name", async () => {
    const g = await travel({ client: { keyStyle: "segment", headers: { "X-Tenant": 'a"b\\c', "OData-MaxVersion": "4.0" } } });
    expect(g.errors).toEqual([]);
    const client = g.file("v1/client.ts");
    // Values are string literals, escaped; the doc names headers without their values.
    expect(client).toContain(`  keyStyle: "segment",\n  headers: {\n    "X-Tenant": 'a"b\\\\c',\n    "OData-MaxVersion": "4.0",\n  },\n`);
    expect(client).toContain("key style segment; headers X-Tenant, OData-MaxVersion)");
    const mod = (await import(join(g.out, "v1", "index.ts"))) as typeof import("../../generated/v2.0/index.js");
    const sent: { url: string; headers: Headers }[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      sent.push({ url: String(input), headers: new Headers(init?.headers) });
      return new Response(JSON.stringify({ value: [] }), { status: 200, headers: { "content-type": "application/json" } });
    };
    const c = mod.createClient({ fetch }) as unknown as { people: { byId(id: string): { get(): Promise<unknown> } } };
    await c.people.byId("russell").get();
    expect(sent[0]?.url).toBe("https://travel.test/odata/People/russell");
    expect(sent[0]?.headers.get("x-tenant")).toBe('a"b\\c');
    expect(sent[0]?.headers.get("odata-maxversion")).toBe("4.0");
    const over = mod.createClient({ fetch, keyStyle: "parentheses", headers: { "x-tenant": "mine" } }) as unknown as typeof c;
    await over.people.byId("russell").get();
    expect(sent[1]?.url).toBe("https://travel.test/odata/People('russell')");
    expect(sent[1]?.headers.get("X-Tenant")).toBe("mine");
    expect(sent[1]?.headers.get("OData-MaxVersion")).toBe("4.0");
  });

  it("a header named __proto__ stays a header", async () => {
    const g = await travel({ client: { headers: JSON.parse('{"__proto__":"p"}') as Record<string, string> } });
    expect(g.errors).toEqual([]);
    expect(g.file("v1/client.ts")).toContain('  headers: {\n    ["__proto__"]: "p",\n  },');
    const mod = (await import(join(g.out, "v1", "index.ts"))) as typeof import("../../generated/v2.0/index.js");
    let sent: Headers | undefined;
    const fetch: typeof globalThis.fetch = async (_input, init) => {
      sent = new Headers(init?.headers);
      return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
    };
    await (mod.createClient({ fetch }) as unknown as { me: { get(): Promise<unknown> } }).me.get();
    expect(sent?.get("__proto__")).toBe("p");
  });

  it("without defaults, createClient is as before", async () => {
    const g = await travel();
    const client = g.file("v1/client.ts");
    expect(client).toContain('const DEFAULTS = {\n  baseUrl: "https://travel.test/odata",\n  sendAnchorMailbox: false,\n} as const;');
    expect(client).toContain("createContext(options, DEFAULTS)");
  });

  it("refuses bad header names and values, and warns of credentials without printing them", async () => {
    const bad = await travel({ client: { headers: { "Bad Name": "x", "X-Ok": "line\r\nInjected: 1" } } });
    expect(bad.errors).toEqual([
      'invalid-client-defaults: client.headers["Bad Name"]: a header name may hold only letters, digits and !#$%&\'*+-.^_`|~ (character 4 of the name is not one of them)',
      'invalid-client-defaults: client.headers["X-Ok"]: the value of header X-Ok holds a line break (CR or LF), which would start another header',
    ]);
    const secret = await travel({ client: { headers: { Authorization: "Bearer s3cret" } } });
    expect(secret.errors).toEqual([]);
    expect(secret.warnings.join("\n")).toContain("client-default-credential");
    expect(secret.warnings.join("\n")).not.toContain("s3cret");
    const style = await travel({ client: { keyStyle: "slash" as never } });
    expect(style.errors).toEqual(['invalid-client-defaults: client.keyStyle must be "parentheses" or "segment", not "slash"']);
  });
});

describe("package fields", () => {
  it("name, version, license, repository, engines and the compiler the package builds with", async () => {
    const g = await travel({ package: { name: "@demo/travel", version: "2.1.0", license: "MIT", repository: "github:demo/travel", engines: { node: ">=20" } } });
    const pkg = JSON.parse(g.file("package.json")) as Record<string, unknown>;
    expect(pkg).toMatchObject({
      name: "@demo/travel",
      version: "2.1.0",
      license: "MIT",
      repository: "github:demo/travel",
      engines: { node: ">=20" },
      devDependencies: { typescript: "5.9.3" },
      files: ["dist", "!dist/**/*.tsbuildinfo", "runtime", "v1"],
    });
    const tsconfig = g.file("tsconfig.build.json");
    expect(tsconfig).toContain('"sourceMap": true');
    expect(tsconfig).toContain('"declarationMap": true');
  });

  it("defaults: engines node >=18, no license field, shorthands still work, conflicts and bad names refused", async () => {
    const g = await travel({ packageName: "travel", packageVersion: "1.0.0" });
    const pkg = JSON.parse(g.file("package.json")) as Record<string, unknown>;
    expect(pkg["engines"]).toEqual({ node: ">=18" });
    expect("license" in pkg).toBe(false);
    expect("repository" in pkg).toBe(false);
    expect([pkg["name"], pkg["version"]]).toEqual(["travel", "1.0.0"]);
    expect((await travel({ packageName: "a", package: { name: "b" } })).errors).toEqual([
      'invalid-package-info: package.name and packageName disagree ("b", "a")',
    ]);
    expect((await travel({ package: { name: "Not Valid" } })).errors).toEqual([
      'invalid-package-info: package name "Not Valid" is not a valid npm package name',
    ]);
  });
});
