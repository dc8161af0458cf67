/**
 * Generated members must not break an object's own protocol. A service may name an entity set, a singleton, an
 * operation import, a navigation, an operation or an enum member `toString`, `valueOf`, `then`, `toJSON`,
 * `__proto__`, `constructor` or any other member every object has: the client, its nodes and the enum objects
 * still convert to a string, are no thenables, serialise with JSON.stringify, and keep their prototype. The member
 * is renamed (`toString_`) and says so in its doc; the URL and the JSON keep the service's name.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write.js";
import { REPO } from "../helpers/paths.js";
import { typecheckInMemory } from "../helpers/typecheck.js";
import { fakeFetch, json } from "./harness.js";

const ROOT = "https://example.test/svc";
const out = mkdtempSync(join(tmpdir(), "codegen-protocol-"));
let result: GenerateResult;

/** Every member of Object.prototype, then and toJSON: what a generated object must not take as its own. */
const PROTOCOL = [...Object.getOwnPropertyNames(Object.prototype), "then", "toJSON"];

/** A node seen untyped: every member is a node or a verb (the generated types are checked on their own below). */
type Anything = { readonly [name: string]: Anything } & ((...args: unknown[]) => Anything) & {
  get(...args: unknown[]): Promise<unknown>;
  list(...args: unknown[]): Promise<unknown>;
  post(...args: unknown[]): Promise<unknown>;
  byId(key: unknown): Anything;
};
type Runtime = { nodeState(node: unknown): { readonly path: unknown } };

beforeAll(async () => {
  result = await generate({ inputs: [{ label: "x", source: join(REPO, "test/fixtures/protocol-names.xml"), baseUrl: ROOT }] });
  if (result.files.length > 0) await writeOutput(out, result.files);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const file = (path: string): string => result.files.find((f) => f.path === path)?.text ?? "";

async function client(): Promise<{ client: Anything; fake: ReturnType<typeof fakeFetch>; runtime: Runtime }> {
  const mod = (await import(join(out, "x/client.ts"))) as { createClient: (o: object) => Anything };
  const runtime = (await import(join(out, "runtime/index.ts"))) as Runtime;
  const fake = fakeFetch();
  return { client: mod.createClient({ fetch: fake.fetch, getAccessToken: async () => "t" }), fake, runtime };
}

/** The members a generated interface declares (`  name:`, `  readonly name:`, `  name(`), at its top level. */
function declaredMembers(text: string, name: string): string[] {
  const start = text.search(new RegExp(`\\binterface ${name}\\b[^{]*\\{`));
  if (start < 0) throw new Error(`no interface ${name}`);
  const open = text.indexOf("{", start);
  if (text[open + 1] === "}") return [];
  const body = text.slice(open + 1, text.indexOf("\n}", open));
  return [...body.matchAll(/^ {2}(?:readonly )?(["\w$]+)\??\s*[:(<]/gm)].map((m) => (m[1] ?? "").replace(/"/g, ""));
}

/** What JavaScript itself reads from an object to convert, await or serialise it: never a node of the service. */
function expectProtocol(node: Anything, runtime: Runtime, path: string): void {
  const o = node as unknown as Record<string, unknown>;
  expect(o["then"], path).toBeUndefined();
  expect(o["constructor"], path).toBeUndefined();
  expect(o["valueOf"], path).toBeUndefined();
  expect(typeof o["toString"], path).toBe("function");
  expect(typeof o["toJSON"], path).toBe("function");
  expect(() => runtime.nodeState(o["toString"]), path).toThrow(TypeError);
  expect(() => runtime.nodeState(o["toJSON"]), path).toThrow(TypeError);
  expect(String(node)).toBe(path);
  expect(`${node}`).toBe(path);
  expect(JSON.stringify(node)).toBe(JSON.stringify({ path }));
}

describe("members named like the object protocol", () => {
  it("generate with no errors and type-check", { timeout: 120_000 }, () => {
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(typecheckInMemory(result.files)).toEqual([]);
  });

  it("leave the client convertible, no thenable, serialisable, its prototype its own", async () => {
    const { client: c, runtime } = await client();
    expectProtocol(c, runtime, "/");
    expect(await Promise.resolve(c)).toBe(c);
    expect(Object.getPrototypeOf(Object.getPrototypeOf(c))).toBe(Object.prototype);
    // The context (and the token getter in it) is no property of the client: it lives beside it.
    expect(Object.hasOwn(c, "ctx")).toBe(false);
    expect(JSON.stringify(c)).not.toContain("getAccessToken");
    // The service's members named like the protocol are renamed in the root's type.
    const root = declaredMembers(file("x/nodes.ts"), "ServiceClient");
    expect(root).toEqual(expect.arrayContaining(["toString_", "valueOf_", "then_", "__proto___", "isPrototypeOf_", "toJSON_", "hasOwnProperty_"]));
    expect(root.filter((n) => PROTOCOL.includes(n))).toEqual([]);
  });

  it("leave the nodes convertible, no thenables, serialisable", async () => {
    const { client: c, runtime } = await client();
    const set = c["toString_"]!;
    const item = c["valueOf_"]!.byId("k");
    const cases: [Anything, string][] = [
      [set, "/toString"],
      [item, "/valueOf('k')"],
      // Item's navigations ToString and ValueOf: one wire table serves every node, and toString_/valueOf_ already
      // name the entity sets toString/valueOf, so these take the next free name.
      [item["toString_"]!, "/valueOf('k')/ToString"],
      [item["then_"]!, "/valueOf('k')/then"],
    ];
    for (const [b, path] of cases) {
      expectProtocol(b, runtime, path);
      expect(await Promise.resolve(b)).toBe(b);
    }
    // No node type declares a member named like the protocol either.
    const nodes = file("x/nodes.ts");
    // (Pair declares no members, so it has no Members interface.)
    for (const name of ["ItemMembers", "ItemCollectionMembers", "ServiceClient"]) {
      expect(declaredMembers(nodes, name).filter((n) => PROTOCOL.includes(n)), name).toEqual([]);
    }
    expect(declaredMembers(nodes, "ItemMembers")).toEqual(expect.arrayContaining(["toString_", "valueOf_", "then_", "__proto___", "toJSON_"]));
  });

  it("keep the service's names in the URL", async () => {
    const { client: c, fake } = await client();
    fake.respond(json({ value: [] }), json({}), json({}), json({ value: [] }), json({ value: 3 }), json({}), json({ value: true }), json({}));
    await c["toString_"]!.list();
    await c["__proto___"]!.byId("a").get();
    await c["then_"]!.byId("a")["valueOf_"]!.get();
    await c["isPrototypeOf_"]!.byId("a")["__proto___"]!.list();
    await c["toString_"]!["then_"]!().get();
    await c["propertyIsEnumerable_"]!["toLocaleString_"]!.post({ toString: "s", ["__proto__"]: "p" });
    await c["hasOwnProperty_"]!().get();
    // A composite key whose parts are named constructor and __proto__ (an own property, as JSON.parse would make it).
    await c["pairs"]!.byId(JSON.parse('{ "constructor": "c", "__proto__": 7 }')).get();
    expect(fake.requests.map((r) => `${r.method} ${r.url.slice(ROOT.length)}`)).toEqual([
      "GET /toString",
      "GET /__proto__('a')",
      "GET /then('a')/ValueOf",
      "GET /isPrototypeOf('a')/__proto__",
      "GET /toString/then()",
      "POST /propertyIsEnumerable/toLocaleString",
      "GET /hasOwnProperty()",
      "GET /Pairs(constructor='c',__proto__=7)",
    ]);
    expect(Object.keys(fake.requests[5]!.body as object)).toEqual(["toString", "__proto__"]);
  });

  it("say in the member's doc that it was renamed", () => {
    const nodes = file("x/nodes.ts");
    // The entity set on the root, and the navigation on Item.
    expect(nodes).toMatch(/\* .*`toString_`.*toString.*\*\/\n\s+readonly toString_:/);
    expect(nodes).toMatch(/`then_`.*\*\/\n\s+readonly then_:/);
  });

  it("leave the enum objects ordinary objects, their values the service's", async () => {
    const mod = (await import(join(out, "x/models.ts"))) as { Kind: Record<string, string> };
    expect(String(mod.Kind)).toBe("[object Object]");
    expect(Object.getPrototypeOf(mod.Kind)).toBe(Object.prototype);
    expect(await Promise.resolve(mod.Kind)).toBe(mod.Kind);
    expect(Object.values(mod.Kind)).toEqual(["toString", "valueOf", "__proto__", "toString_", "then", "Plain"]);
    expect(Object.keys(mod.Kind).filter((k) => PROTOCOL.includes(k))).toEqual([]);
  });

  it("keep JSON property names as they are in the model interfaces", () => {
    const models = file("x/models.ts");
    const item = models.slice(models.search(/\binterface Item\b/), models.indexOf("\n}", models.search(/\binterface Item\b/)));
    const pair = models.slice(models.search(/\binterface Pair\b/), models.indexOf("\n}", models.search(/\binterface Pair\b/)));
    expect(item).toContain("toString?: string;");
    expect(pair).toContain("__proto__?: number;");
    expect(item).toContain("constructor?: string | null;");
  });
});
