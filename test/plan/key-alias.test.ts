/**
 * CSDL 4.01 key aliases (`<PropertyRef Name="Address/City" Alias="City"/>`): the key of byId is named by the alias and typed by the property at the end of the path, and the URL's key predicate uses the
 * alias (`Shops(Zip=69001,Name='x')`, or `Towns('Lyon')` for a single part). The generated client type-checks, and
 * runs against a fake fetch.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write.js";
import { fakeFetch, json } from "../client/harness.js";
import { REPO } from "../helpers/paths.js";
import { typecheckInMemory } from "../helpers/typecheck.js";

const out = mkdtempSync(join(tmpdir(), "codegen-key-alias-"));
let result: GenerateResult;

beforeAll(async () => {
  result = await generate({
    inputs: [{ label: "geo", source: join(REPO, "test/fixtures/key-alias.xml"), baseUrl: "https://example.test/svc" }],
    mode: "sources",
  });
  if (result.files.length > 0) await writeOutput(out, result.files);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const file = (path: string): string => result.files.find((f) => f.path === path)?.text ?? "";

/** The part of the generated client the run-time test calls (the in-memory type-check covers its real types). */
interface Gettable {
  get(): Promise<unknown>;
}
interface GeoClient {
  shops: { byId(key: { Zip: number; Name: string }): Gettable };
  towns: { byId(key: string): Gettable };
}

/** A user's code: the alias names the key, typed as the property at the path. */
const USAGE = `
import { createClient } from "./index.js";
const client = createClient({ fetch: globalThis.fetch });
export const town = client.towns.byId("Lyon");
export const shop = client.shops.byId({ Zip: 69001, Name: "Chez Paul" });
// @ts-expect-error City is a string
client.towns.byId(69001);
// @ts-expect-error the key part is named by its alias, not its path
client.shops.byId({ "Where/Address/Zip": 69001, Name: "x" });
`;

describe("key aliases", () => {
  it("generate with no diagnostics", () => {
    expect(result.diagnostics).toEqual([]);
  });

  it("type the key by the alias and the property at the path", () => {
    const nodes = file("nodes.ts");
    expect(nodes).toContain("export interface TownCollection extends CollectionNode<Town, TownQuery, TownNode, string>");
    expect(nodes.replace(/\s+/g, " ")).toContain(
      "export interface ShopCollection extends CollectionNode<Shop, ShopQuery, ShopNode, { readonly Zip: number; readonly Name: string }>",
    );
    // Both parts' literals are inferred from their values (a number, a string): the wire table lists no key type.
    expect(file("client.ts")).not.toContain("keys:");
  });

  it("document the URL with the alias", () => {
    expect(file("nodes.ts")).toContain("…/Shops(Zip={Zip},Name='{Name}')");
    expect(file("nodes.ts")).toContain("…/Towns('{City}')");
  });

  it("type-check, with a user's code", { timeout: 120_000 }, () => {
    expect(typecheckInMemory([...result.files, { path: "usage.ts", text: USAGE }])).toEqual([]);
  });

  it("put the alias in the key predicate of the URL", async () => {
    const { createClient } = (await import(join(out, "index.ts"))) as { createClient(options: { fetch: typeof fetch }): GeoClient };
    const fake = fakeFetch(json({ Name: "a" }), json({ Name: "b" }), json({ Population: 1 }), json({ Population: 2 }));
    const client = createClient({ fetch: fake.fetch });
    await client.shops.byId({ Zip: 69001, Name: "Chez Paul" }).get();
    await client.shops.byId({ Zip: 1, Name: "o'k" }).get();
    await client.towns.byId("Lyon").get();
    await client.towns.byId("Saint-Étienne").get();
    expect(fake.requests.map((r) => r.url)).toEqual([
      "https://example.test/svc/Shops(Zip=69001,Name='Chez%20Paul')",
      "https://example.test/svc/Shops(Zip=1,Name='o''k')",
      "https://example.test/svc/Towns('Lyon')",
      "https://example.test/svc/Towns('Saint-%C3%89tienne')",
    ]);
  });
});
