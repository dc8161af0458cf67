// Issue 12, references: the `$ref` verbs of the runtime node (OData 4.01 URL conventions §4.4, protocol §11.4.6) and
// bind(node), against a recording fetch: exact method, URL, body and headers of every request.
import { describe, expect, it } from "vitest";
import { bind, createBatch, createContext, nodeState, rootNode, type WireTable } from "../../templates/runtime/index.js";
import { fakeFetch, json, type RecordedCall } from "./fake-fetch.js";

const G = "https://graph.test/v1.0";
const GRAPH: WireTable = { rule: "same", namespace: "microsoft.graph" };
const CAP = "http://127.0.0.1:4004/tracker";
const OUTLOOK: WireTable = { rule: "upper", namespace: "Microsoft.OutlookServices" };

const noContent = (): Response => new Response(null, { status: 204 });

// The runtime does not look at types: any node will do.
type AnyNode = any;

function setup(
  options: { keyStyle?: "segment" | "parentheses"; qualifiedOperations?: boolean; baseUrl?: string } = {},
  table: WireTable = GRAPH,
  ...responses: Response[]
) {
  const f = fakeFetch(...(responses.length ? responses : [noContent()]));
  const ctx = createContext(
    { fetch: f.fetch, getAccessToken: () => "tok", keyStyle: "segment", ...options },
    { baseUrl: options.baseUrl ?? G, sendAnchorMailbox: false },
  );
  return { client: rootNode<AnyNode>(ctx, table), calls: f.calls };
}

const one = (calls: RecordedCall[]): [string, string, unknown] => {
  expect(calls).toHaveLength(1);
  return [calls[0]!.method, calls[0]!.url, calls[0]!.body];
};

describe("bind(node)", () => {
  it("gives the absolute URL of the entity a node addresses, in the client's key style", () => {
    expect(bind(setup().client.directoryObjects.byId("u1"))).toBe(`${G}/directoryObjects/u1`);
    expect(bind(setup({ keyStyle: "parentheses" }).client.directoryObjects.byId("u1"))).toBe(`${G}/directoryObjects('u1')`);
    expect(bind(setup().client.groups.byId("g/1").owners.byId("a b"))).toBe(`${G}/groups/g%2F1/owners/a%20b`);
    expect(bind(setup().client.me.manager)).toBe(`${G}/me/manager`);
    const cap = setup({ keyStyle: "parentheses", baseUrl: CAP }, OUTLOOK).client;
    expect(bind(cap.tasks.byId("it's"))).toBe(`${CAP}/Tasks('it''s')`);
  });

  it("refuses anything that addresses no entity: the root, a call, an action, a $ segment, a non-node", () => {
    const { client } = setup();
    for (const bad of [client, client.me.delta(), client.me.messages.$ref, client.me.photo.$value, client.me.messages.$count])
      expect(() => bind(bad), String(bad)).toThrow(TypeError);
    for (const bad of [undefined, null, {}, "https://graph.test/v1.0/users/u1", () => 1]) expect(() => bind(bad as AnyNode)).toThrow(TypeError);
  });
});

describe("a collection-valued navigation's references", () => {
  it("list: GET …/$ref with query options", async () => {
    const answer = { value: [{ "@odata.id": `${G}/directoryObjects/u1` }] };
    const { client, calls } = setup({}, GRAPH, json(answer));
    expect(await client.groups.byId("g1").owners.$ref.list({ top: 5, filter: "id ne 'x'" })).toEqual(answer);
    expect(one(calls)).toEqual(["GET", `${G}/groups/g1/owners/$ref?$filter=id%20ne%20'x'&$top=5`, undefined]);
    expect(calls[0]!.headers["accept"]).toBe("application/json");
    expect(calls[0]!.headers["authorization"]).toBe("Bearer tok");
  });

  it("post: POST …/$ref with {\"@odata.id\"} as JSON; resolves to undefined", async () => {
    const { client, calls } = setup();
    const owners = client.groups.byId("g1").owners;
    expect(await owners.$ref.post(bind(client.directoryObjects.byId("u1")), { headers: { "x-trace": "1" } })).toBeUndefined();
    expect(one(calls)).toEqual(["POST", `${G}/groups/g1/owners/$ref`, JSON.stringify({ "@odata.id": `${G}/directoryObjects/u1` })]);
    expect(calls[0]!.headers["content-type"]).toBe("application/json");
    expect(calls[0]!.headers["x-trace"]).toBe("1");
  });

  it("delete by key: DELETE …/{key}/$ref, no body, no $id", async () => {
    const { client, calls } = setup();
    await client.groups.byId("g1").owners.byId("u1").$ref.delete({ headers: { "x-trace": "2" } });
    expect(one(calls)).toEqual(["DELETE", `${G}/groups/g1/owners/u1/$ref`, undefined]);
    expect(calls[0]!.headers["content-type"]).toBeUndefined();
    expect(calls[0]!.headers["x-trace"]).toBe("2");
  });

  it("delete by URL: DELETE …/$ref?$id=<URL>, the URL escaped as a query value", async () => {
    const { client, calls } = setup();
    await client.groups.byId("g1").members.$ref.delete(bind(client.users.byId("a&b=c d#e%f?")), { headers: { "x-trace": "3" } });
    const [method, url, body] = one(calls);
    expect([method, body]).toEqual(["DELETE", undefined]);
    // The key is percent-encoded in the entity's URL, which is percent-encoded once more as the $id value.
    expect(url).toBe(`${G}/groups/g1/members/$ref?$id=${G}/users/a%2526b%253Dc%2520d%2523e%2525f%253F`);
    expect(new URL(url).searchParams.get("$id")).toBe(bind(client.users.byId("a&b=c d#e%f?")));
    expect(calls[0]!.headers["x-trace"]).toBe("3");
  });

  it("parenthesized keys (CAP, Outlook's rule): …/Reviewers('p1')/$ref and $id=…/People('p1')", async () => {
    const { client, calls } = setup({ keyStyle: "parentheses", baseUrl: CAP }, OUTLOOK, noContent(), noContent());
    await client.tasks.byId("t1").reviewers.byId("p1").$ref.delete();
    await client.tasks.byId("t1").reviewers.$ref.delete(bind(client.people.byId("p'1")));
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ["DELETE", `${CAP}/Tasks('t1')/Reviewers('p1')/$ref`],
      ["DELETE", `${CAP}/Tasks('t1')/Reviewers/$ref?$id=${CAP}/People('p''1')`],
    ]);
  });
});

describe("a single-valued navigation's reference", () => {
  it("get: GET …/$ref, options as the first argument", async () => {
    const { client, calls } = setup({}, GRAPH, json({ "@odata.id": `${G}/users/m1` }));
    expect(await client.users.byId("u1").manager.$ref.get({ headers: { "x-trace": "4" } })).toEqual({ "@odata.id": `${G}/users/m1` });
    expect(one(calls)).toEqual(["GET", `${G}/users/u1/manager/$ref`, undefined]);
    expect(calls[0]!.headers["x-trace"]).toBe("4");
  });

  it("put: PUT …/$ref with {\"@odata.id\"}; delete: DELETE …/$ref", async () => {
    const { client, calls } = setup({}, GRAPH, noContent(), noContent());
    const manager = client.users.byId("u1").manager;
    await manager.$ref.put(bind(client.users.byId("m1")));
    await manager.$ref.delete();
    expect(calls.map((c) => [c.method, c.url, c.body, c.headers["content-type"]])).toEqual([
      ["PUT", `${G}/users/u1/manager/$ref`, JSON.stringify({ "@odata.id": `${G}/users/m1` }), "application/json"],
      ["DELETE", `${G}/users/u1/manager/$ref`, undefined, undefined],
    ]);
  });
});

describe("what a $ref node refuses", () => {
  it("a node of another service: rejected, nothing sent", async () => {
    const { client, calls } = setup();
    const other = setup({ baseUrl: "https://graph.test/beta" }).client;
    const evil = setup({ baseUrl: "https://graph.test/v1.0.evil.example" }).client;
    await expect(client.groups.byId("g1").owners.$ref.post(bind(other.users.byId("u1")))).rejects.toThrow(TypeError);
    await expect(client.groups.byId("g1").owners.$ref.delete(bind(evil.users.byId("u1")))).rejects.toThrow(TypeError);
    await expect(client.users.byId("u1").manager.$ref.put(bind(other.users.byId("m1")))).rejects.toThrow(TypeError);
    expect(calls).toEqual([]);
  });

  it("post and put without a reference: rejected, nothing sent (never an empty link)", async () => {
    const { client, calls } = setup();
    await expect(client.groups.byId("g1").owners.$ref.post()).rejects.toThrow(TypeError);
    await expect(client.groups.byId("g1").owners.$ref.post({ headers: {} })).rejects.toThrow(TypeError);
    await expect(client.users.byId("u1").manager.$ref.put(undefined)).rejects.toThrow(TypeError);
    expect(calls).toEqual([]);
  });

  it("a $ref node is never namespace-qualified, not even with qualifiedOperations", async () => {
    const { client, calls } = setup({ qualifiedOperations: true }, GRAPH, noContent(), noContent(), noContent());
    await client.groups.byId("g1").owners.$ref.post(bind(client.users.byId("u1")));
    await client.users.byId("u1").manager.$ref.put(bind(client.users.byId("m1")));
    // …while an action still is.
    await client.groups.byId("g1").renew.post();
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ["POST", `${G}/groups/g1/owners/$ref`],
      ["PUT", `${G}/users/u1/manager/$ref`],
      ["POST", `${G}/groups/g1/microsoft.graph.renew`],
    ]);
  });

  it("`$ref` is a name segment no rule renames: Outlook's upper rule leaves it as it is", async () => {
    const { client, calls } = setup({ keyStyle: "parentheses", baseUrl: CAP }, OUTLOOK, noContent());
    await client.projects.byId("p1").lead.$ref.delete();
    expect(one(calls)).toEqual(["DELETE", `${CAP}/Projects('p1')/Lead/$ref`, undefined]);
  });

  it("an entity delete elsewhere is unchanged: DELETE of the entity itself", async () => {
    const { client, calls } = setup();
    await client.users.byId("u1").delete();
    expect(one(calls)).toEqual(["DELETE", `${G}/users/u1`, undefined]);
  });
});

describe("references in a $batch", () => {
  it("the $ref verbs go into a JSON batch as its parts: bind() of a node of the batch's client is of the same service", async () => {
    const f = fakeFetch(json({ responses: [{ id: "1", status: 204 }, { id: "2", status: 204 }, { id: "3", status: 204 }] }));
    const ctx = createContext({ fetch: f.fetch, keyStyle: "segment" }, { baseUrl: G, sendAnchorMailbox: false });
    const client = rootNode<AnyNode>(ctx, GRAPH);
    const batch = createBatch(nodeState(client).ctx, (c) => rootNode<AnyNode>(c, GRAPH), { format: "json" });
    const parts = [
      batch.add((c) => c.groups.byId("g1").owners.$ref.post(bind(c.users.byId("u1")))),
      batch.add((c) => c.groups.byId("g1").members.byId("u2").$ref.delete()),
      batch.add((c) => c.users.byId("u1").manager.$ref.put(bind(client.users.byId("m1")))),
    ];
    await batch.send();
    for (const p of parts) expect(await p).toMatchObject({ ok: true, status: 204 });
    const body = JSON.parse(String(one(f.calls)[2])) as { requests: { method: string; url: string; body?: unknown }[] };
    expect(body.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ["POST", "groups/g1/owners/$ref", { "@odata.id": `${G}/users/u1` }],
      ["DELETE", "groups/g1/members/u2/$ref", undefined],
      ["PUT", "users/u1/manager/$ref", { "@odata.id": `${G}/users/m1` }],
    ]);
  });
});
