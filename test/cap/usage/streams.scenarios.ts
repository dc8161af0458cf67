/**
 * Issue 12 against SAP CAP: a stream property (Files.content, Projects.logo) up and down through its node, property
 * paths (primitive, its `$value`, collection-valued) and `$count`. CAP serves OData V4 stream properties, not media
 * entities (HasStream), and flattens single-valued structured elements: what it does not serve is unit-tested
 * (test/runtime/streams.test.ts, property-paths.test.ts) and tested over the Outlook simulator.
 */
import { expect } from "vitest";
import { createClient, type ServiceClient } from "../tracker/index.js";

interface Env {
  readonly service: string;
}

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly contentType: string | null;
  readonly accept: string | null;
  readonly stream: boolean;
}

function connect(env: Env): { readonly c: ServiceClient; readonly seen: Seen[] } {
  const seen: Seen[] = [];
  const c = createClient({
    baseUrl: env.service,
    getAccessToken: () => "fake-token",
    fetch: (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      const headers = new Headers(init?.headers);
      seen.push({
        method: init?.method ?? "GET",
        url: decodeURIComponent(url.slice(env.service.length)),
        contentType: headers.get("content-type"),
        accept: headers.get("accept"),
        stream: init?.body instanceof ReadableStream,
      });
      return fetch(input, init);
    },
  });
  return { c, seen };
}

const lines = (seen: readonly Seen[]): string[] => seen.map((s) => `${s.method} ${s.url}`);

export const scenarios: Record<string, (env: Env) => Promise<void>> = {
  "a stream property up and down through its node: bytes, a ReadableStream, a Blob; JSON-looking content stays text": async (env) => {
    const { c, seen } = connect(env);
    await c.files.create({ id: "f1", name: "notes.json", size: 0 });
    const file = c.files.byId("f1");
    const empty = await file.content.get();
    expect(empty.status).toBe(204);

    const json = new TextEncoder().encode('{"not":"parsed"}');
    expect((await file.content.put(json, { contentType: "application/json" })).ok).toBe(true);
    const down = await file.content.get();
    expect(down.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await down.text()).toBe('{"not":"parsed"}');

    // A ReadableStream goes to the server as a stream, read as it is sent.
    const chunks = ["a,b\n", "1,2\n", "3,4\n"];
    const stream = new ReadableStream<Uint8Array>({
      pull(ctl) {
        const next = chunks.shift();
        if (next === undefined) ctl.close();
        else ctl.enqueue(new TextEncoder().encode(next));
      },
    });
    await file.content.put(stream, { contentType: "text/csv" });
    expect(await (await file.content.get()).text()).toBe("a,b\n1,2\n3,4\n");
    expect((await file.get()).mediaType).toBe("text/csv");

    // A Blob: its own type is the Content-Type.
    await c.projects.byId("p2").logo.put(new Blob(["<svg/>"], { type: "image/svg+xml" }));
    const logo = await c.projects.byId("p2").logo.get();
    expect([logo.headers.get("content-type"), await logo.text()]).toEqual(["image/svg+xml", "<svg/>"]);

    expect(seen.map((s) => [s.method, s.url, s.contentType, s.stream])).toEqual([
      ["POST", "/Files", "application/json", false],
      ["GET", "/Files('f1')/content", null, false],
      ["PUT", "/Files('f1')/content", "application/json", false],
      ["GET", "/Files('f1')/content", null, false],
      ["PUT", "/Files('f1')/content", "text/csv", true],
      ["GET", "/Files('f1')/content", null, false],
      ["GET", "/Files('f1')", null, false],
      ["PUT", "/Projects('p2')/logo", "image/svg+xml", false],
      ["GET", "/Projects('p2')/logo", null, false],
    ]);
    // Stream reads ask for no particular type (no Accept: application/json).
    expect(seen.filter((s) => s.url.endsWith("content") && s.method === "GET").map((s) => s.accept)).toEqual([null, null, null]);
  },

  "property paths: a primitive property as { value } and as its raw $value, a collection-valued property, $count": async (env) => {
    const { c, seen } = connect(env);
    await c.files.create({ id: "f2", name: "report.csv", size: 42, labels: ["b", "a", "c"] });
    const file = c.files.byId("f2");
    expect((await file.name.get()).value).toBe("report.csv");
    expect((await file.size.get()).value).toBe(42);
    const raw = await file.name.$value.get();
    expect(await raw.text()).toBe("report.csv");
    const labels = await file.labels.list();
    expect([...labels.value].sort()).toEqual(["a", "b", "c"]);
    expect(await c.files.$count.get()).toBeGreaterThanOrEqual(1);
    expect(await c.projects.byId("p1").tasks.$count.get()).toBe(await c.projects.byId("p1").tasks.count());
    expect(lines(seen)).toEqual([
      "POST /Files",
      "GET /Files('f2')/name",
      "GET /Files('f2')/size",
      "GET /Files('f2')/name/$value",
      "GET /Files('f2')/labels",
      "GET /Files/$count",
      "GET /Projects('p1')/tasks/$count",
      "GET /Projects('p1')/tasks/$count",
    ]);
  },

  "a primitive property updated through the entity is read back by path": async (env) => {
    const { c } = connect(env);
    await c.files.create({ id: "f3", name: "a.txt", size: 1 });
    await c.files.byId("f3").update({ name: "b.txt" });
    expect((await c.files.byId("f3").name.get()).value).toBe("b.txt");
    expect(await (await c.files.byId("f3").name.$value.get()).text()).toBe("b.txt");
  },
};
