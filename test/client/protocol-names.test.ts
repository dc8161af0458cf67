/**
 * Generated members must not break an object's own protocol. A service may name an entity set, a singleton, an
 * operation import, a navigation, an operation or an enum member `toString`, `valueOf`, `then`, `toJSON`,
 * `__proto__`, `constructor` or any other member every object has: the client, its builders and the enum objects
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

type Anything = Record<string, (...args: unknown[]) => unknown> & { ctx: unknown };

beforeAll(async () => {
  result = await generate({ inputs: [{ label: "x", source: join(REPO, "test/fixtures/protocol-names.xml"), baseUrl: ROOT }] });
  if (result.files.length > 0) await writeOutput(out, result.files);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const file = (path: string): string => result.files.find((f) => f.path === path)?.text ?? "";

async function client(): Promise<{ client: Anything; fake: ReturnType<typeof fakeFetch> }> {
  const mod = (await import(join(out, "x/client.ts"))) as { createClient: (o: object) => Anything };
  const fake = fakeFetch();
  return { client: mod.createClient({ fetch: fake.fetch, getAccessToken: async () => "t" }), fake };
}

/** The names an object's class chain declares itself (below Object.prototype). */
function ownMembers(o: object): string[] {
  const names: string[] = [...Object.keys(o)];
  for (let p = Object.getPrototypeOf(o) as object | null; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    names.push(...Object.getOwnPropertyNames(p));
  }
  return names;
}

describe("members named like the object protocol", () => {
  it("generate with no errors and type-check", { timeout: 120_000 }, () => {
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(typecheckInMemory(result.files)).toEqual([]);
  });

  it("leave the client an ordinary object: String, await, JSON.stringify", async () => {
    const { client: c } = await client();
    expect(String(c)).toBe("[object Object]");
    expect(`${c}`).toBe("[object Object]");
    expect(await Promise.resolve(c)).toBe(c);
    expect(() => JSON.stringify(c)).not.toThrow();
    expect(Object.getPrototypeOf(Object.getPrototypeOf(c))).toBe(Object.prototype);
    expect(c.hasOwnProperty.call(c, "ctx")).toBe(true);
    expect(ownMembers(c).filter((n) => n !== "constructor" && PROTOCOL.includes(n))).toEqual([]);
  });

  it("leave the builders ordinary objects", async () => {
    const { client: c } = await client();
    const set = c["toString_"]!() as Anything;
    const item = c["valueOf_"]!("k") as Anything;
    for (const b of [set, item, item["toString_"] as unknown as Anything, item["then_"] as unknown as Anything]) {
      expect(String(b)).toBe("[object Object]");
      expect(await Promise.resolve(b)).toBe(b);
      expect(() => JSON.stringify(b)).not.toThrow();
      expect(ownMembers(b).filter((n) => n !== "constructor" && PROTOCOL.includes(n))).toEqual([]);
    }
  });

  it("keep the service's names in the URL", async () => {
    const { client: c, fake } = await client();
    fake.respond(json({ value: [] }), json({}), json({}), json({ value: [] }), json({ value: 3 }), json({}), json({ value: true }), json({}));
    await (c["toString_"]!() as Anything)["list"]!();
    await (c["__proto___"]!("a") as Anything)["get"]!();
    await ((c["then_"]!("a") as Anything)["valueOf_"] as unknown as Anything)["get"]!();
    await ((c["isPrototypeOf_"]!("a") as Anything)["__proto___"] as unknown as Anything)["list"]!();
    await (c["toString_"]!() as Anything)["then_"]!();
    await (c["propertyIsEnumerable_"] as unknown as Anything)["toLocaleString_"]!({ toString: "s", ["__proto__"]: "p" });
    await c["hasOwnProperty_"]!();
    // A composite key whose parts are named constructor and __proto__ (an own property, as JSON.parse would make it).
    await (c["pairs"]!(JSON.parse('{ "constructor": "c", "__proto__": 7 }')) as Anything)["get"]!();
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
    const client = file("x/client.ts");
    expect(client).toMatch(/\* .*`toString_`.*toString.*\*\/\n\s+toString_\(\)/);
    expect(file("x/builders/Item.ts")).toMatch(/`then_`.*\n\s+get then_\(\)/);
  });

  it("leave the enum objects ordinary objects, their values the service's", async () => {
    const mod = (await import(join(out, "x/models/Kind.ts"))) as { Kind: Record<string, string> };
    expect(String(mod.Kind)).toBe("[object Object]");
    expect(Object.getPrototypeOf(mod.Kind)).toBe(Object.prototype);
    expect(await Promise.resolve(mod.Kind)).toBe(mod.Kind);
    expect(Object.values(mod.Kind)).toEqual(["toString", "valueOf", "__proto__", "toString_", "then", "Plain"]);
    expect(Object.keys(mod.Kind).filter((k) => PROTOCOL.includes(k))).toEqual([]);
  });

  it("keep JSON property names as they are in the model interfaces", () => {
    const item = file("x/models/Item.ts");
    expect(item).toContain("toString?: string;");
    expect(file("x/models/Pair.ts")).toContain("__proto__?: number;");
    expect(item).toContain("constructor?: string | null;");
  });
});
