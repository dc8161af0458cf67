/**
 * Issue 12, `$batch` that each service accepts, against SAP CAP: a JSON batch with the default part URLs (relative to
 * the batch URL, `Tasks('t4')`, as OData's JSON format resolves them), a multipart
 * batch with the same form (partUrls "service"), splitting with dependent requests kept together, and request(), the
 * escape hatch, as a part. No option names CAP: the defaults are what it accepts.
 */
import { expect } from "vitest";
import {
  createClient,
  request,
  startBatch,
  type BatchResult,
  type ProjectsNode,
  type ServiceClient,
} from "../tracker/index.js";

interface Env {
  readonly service: string;
}

interface Seen {
  readonly method: string;
  /** Below the service root, as sent. */
  readonly url: string;
  readonly contentType: string | null;
  readonly body: string | undefined;
}

function connect(env: Env): { readonly c: ServiceClient; readonly seen: Seen[] } {
  const seen: Seen[] = [];
  const c = createClient({
    baseUrl: env.service,
    getAccessToken: () => "fake-token",
    fetch: (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      seen.push({
        method: init?.method ?? "GET",
        url: url.startsWith(env.service) ? url.slice(env.service.length) : url,
        contentType: new Headers(init?.headers).get("Content-Type"),
        body: typeof init?.body === "string" ? init.body : undefined,
      });
      return fetch(input, init);
    },
  });
  return { c, seen };
}

function okBody<T>(r: BatchResult<T>): T {
  if (!r.ok) throw new Error(`batch part failed: ${r.status} ${r.error.message}`);
  return r.body;
}

type Scenario = (env: Env) => Promise<void>;

export const scenarios: Record<string, Scenario> = {
  "JSON batch with the default part URLs, relative to the batch URL": async (env) => {
    const { c, seen } = connect(env);
    const batch = startBatch(c, { format: "json" });
    const read = batch.add((x) => x.tasks.byId("t4").get({ select: ["id", "title"] }));
    const project = batch.add((x) => x.projects.create({ id: "p-b12-json", name: "Batch twelve" }), { id: "p" });
    const task = batch.add((x) => batch.ref<ProjectsNode>(x, "p").tasks.create({ id: "t-b12-json", title: "Via $p" }));
    const raw = batch.add((x) =>
      request<{ value: { id: string }[] }>(x, { path: "Tasks", query: { $select: "id", $filter: "id eq 't1'" } }),
    );
    await batch.send();

    expect(okBody(await read)).toMatchObject({ id: "t4", title: "Survey the northern lights" });
    expect((await project).status).toBe(201);
    expect(okBody(await task)).toMatchObject({ id: "t-b12-json", project_id: "p-b12-json" });
    expect(okBody(await raw).value.map((t) => t.id)).toEqual(["t1"]);

    expect(seen.map((s) => [s.method, s.url])).toEqual([["POST", "/$batch"]]);
    const { requests } = JSON.parse(seen[0]?.body ?? "") as { requests: Record<string, unknown>[] };
    expect(requests.map((r) => [r["id"], r["method"], r["url"], r["dependsOn"]])).toEqual([
      ["1", "GET", "Tasks('t4')?$select=id,title", undefined],
      ["p", "POST", "Projects", undefined],
      ["3", "POST", "$p/tasks", ["p"]],
      ["4", "GET", "Tasks?$select=id&$filter=id%20eq%20't1'", undefined],
    ]);
    expect((await c.projects.byId("p-b12-json").tasks.list()).value.map((t) => t.id)).toEqual(["t-b12-json"]);
  },

  "multipart batch with partUrls service: request lines relative to the service root": async (env) => {
    const { c, seen } = connect(env);
    const batch = startBatch(c, { partUrls: "service" });
    const read = batch.add((x) => x.tasks.byId("t5").get({ select: ["id", "title"] }));
    const project = batch.add((x) => x.projects.create({ id: "p-b12-mp", name: "Multipart twelve" }), {
      id: "p",
      atomicityGroup: "cs",
    });
    const task = batch.add((x) => batch.ref<ProjectsNode>(x, "p").tasks.create({ id: "t-b12-mp", title: "Via $p" }), {
      atomicityGroup: "cs",
    });
    await batch.send();

    expect(okBody(await read)).toMatchObject({ id: "t5", title: "Calibrate the camera" });
    expect((await project).status).toBe(201);
    expect(okBody(await task)).toMatchObject({ id: "t-b12-mp", project_id: "p-b12-mp" });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.contentType).toMatch(/^multipart\/mixed; boundary=batch_/);
    const body = seen[0]?.body ?? "";
    expect(body).toContain("\r\nGET /Tasks('t5')?$select=id,title HTTP/1.1\r\n");
    expect(body).toContain("\r\nPOST /Projects HTTP/1.1\r\n");
    expect(body).toContain("\r\nPOST $p/tasks HTTP/1.1\r\n");
  },

  "JSON batch split at maxPartsPerRequest, a dependent request kept with the one it depends on": async (env) => {
    const { c, seen } = connect(env);
    const batch = startBatch(c, { format: "json", maxPartsPerRequest: 2 });
    const t1 = batch.add((x) => x.tasks.byId("t1").get({ select: ["id"] }));
    const project = batch.add((x) => x.projects.create({ id: "p-b12-split", name: "Split" }), { id: "p" });
    const t2 = batch.add((x) => x.tasks.byId("t2").get({ select: ["id"] }));
    const task = batch.add(
      (x) => batch.ref<ProjectsNode>(x, "p").tasks.create({ id: "t-b12-split", title: "Kept with p" }),
      { id: "t" },
    );
    await batch.send();

    expect(okBody(await t1).id).toBe("t1");
    expect(okBody(await t2).id).toBe("t2");
    expect((await project).status).toBe(201);
    expect(okBody(await task)).toMatchObject({ id: "t-b12-split", project_id: "p-b12-split" });
    const ids = seen.map((s) => (JSON.parse(s.body ?? "") as { requests: { id: string }[] }).requests.map((r) => r.id));
    expect(ids).toEqual([["1"], ["p", "t"], ["3"]]);
  },
};
