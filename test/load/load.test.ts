import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSource, loadTree } from "../../generator/load/load.js";

const dir = mkdtempSync(join(tmpdir(), "codegen-load-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fakeFetch = (status: number, body: string): typeof fetch =>
  (async (input: RequestInfo | URL, init?: RequestInit) => {
    expect(new Headers(init?.headers).get("Accept")).toBe("application/xml");
    expect(String(input)).toBe("https://svc.test/$metadata");
    return new Response(body, { status });
  }) as typeof fetch;

describe("loadSource", () => {
  it("reads a file: label, path for diagnostics, base name for headers", async () => {
    const file = join(dir, "v9.xml");
    writeFileSync(file, "<edmx:Edmx/>");
    expect(await loadSource({ label: "v9", source: file, baseUrl: "https://x" })).toEqual({
      label: "v9",
      baseUrl: "https://x",
      file,
      sourceName: "v9.xml",
      text: "<edmx:Edmx/>",
    });
  });

  it("reports a missing file by its error code, without throwing", async () => {
    expect(await loadSource({ label: "x", source: join(dir, "nope.xml") })).toEqual({
      file: join(dir, "nope.xml"),
      message: "could not read metadata: ENOENT",
    });
  });

  it("fetches a URL with Accept: application/xml, and reports HTTP failures and network errors", async () => {
    expect(await loadSource({ label: "u", source: "https://svc.test/$metadata" }, fakeFetch(200, "<x/>"))).toMatchObject({
      file: "https://svc.test/$metadata",
      sourceName: "https://svc.test/$metadata",
      text: "<x/>",
    });
    expect(await loadSource({ label: "u", source: "https://svc.test/$metadata" }, fakeFetch(404, ""))).toEqual({
      file: "https://svc.test/$metadata",
      message: "could not fetch metadata: HTTP 404",
    });
    const failing = (() => Promise.reject(new TypeError("fetch failed"))) as typeof fetch;
    expect(await loadSource({ label: "u", source: "https://svc.test/$metadata" }, failing)).toEqual({
      file: "https://svc.test/$metadata",
      message: "could not fetch metadata: fetch failed",
    });
  });
});

describe("loadTree", () => {
  it("lists every file under a folder, sorted, with /-separated relative paths", async () => {
    const root = join(dir, "tree");
    mkdirSync(join(root, "b", "c"), { recursive: true });
    writeFileSync(join(root, "z.hbs"), "z");
    writeFileSync(join(root, "b", "c", "x.ts"), "x");
    writeFileSync(join(root, "a.hbs"), "a");
    expect([...(await loadTree(root))]).toEqual([
      ["a.hbs", "a"],
      ["b/c/x.ts", "x"],
      ["z.hbs", "z"],
    ]);
  });
});
