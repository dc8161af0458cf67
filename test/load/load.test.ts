import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSource, loadTree } from "../../generator/load/load.js";
import { generate } from "../../generator/pipeline.js";
import { REPO } from "../helpers/paths.js";

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
      code: "load-failed",
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
      code: "fetch-not-found",
      message: "could not fetch metadata from https://svc.test/$metadata: nothing there (HTTP 404 Not Found); check the URL (a service's metadata usually is at …/$metadata)",
    });
    const failing = (() => Promise.reject(new TypeError("fetch failed"))) as typeof fetch;
    expect(await loadSource({ label: "u", source: "https://svc.test/$metadata" }, failing)).toEqual({
      file: "https://svc.test/$metadata",
      code: "fetch-failed",
      message: "could not fetch metadata from https://svc.test/$metadata: fetch failed",
    });
  });

  it.each([
    ["page.html", "<!DOCTYPE html>\n<html><body>Sign in</body></html>", "metadata-is-html", "the file holds an HTML page, not CSDL; is it a saved login or error page? Save the service's $metadata as XML instead"],
    ["page.xml", "\uFEFF<!-- saved --><html><head></head></html>", "metadata-is-html", "the file holds an HTML page, not CSDL; is it a saved login or error page? Save the service's $metadata as XML instead"],
    ["csdl.json", `{"$Version":"4.01","$EntityContainer":"A.B"}`, "metadata-is-json", "the file holds CSDL JSON; codegen reads CSDL XML only: save $metadata as XML instead"],
    ["root.json", `{"@odata.context":"https://s/$metadata","value":[{"name":"People","url":"People"}]}`, "metadata-is-json", "the file holds the OData service document (JSON), not $metadata; save $metadata as XML instead"],
    ["odd.json", "  [1, 2", "metadata-is-json", "the file holds JSON, not CSDL XML; save $metadata as XML instead"],
  ])("a file %s that is not CSDL XML gets its own diagnostic", async (name, text, code, message) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    expect(await loadSource({ label: "x", source: file })).toEqual({ file, code, message });
  });

  it("a .json or .html file that holds CSDL XML is read", async () => {
    for (const name of ["m.json", "m.html"]) {
      const file = join(dir, name);
      writeFileSync(file, "<!-- a comment first -->\n<edmx:Edmx Version=\"4.0\"/>");
      expect(await loadSource({ label: "x", source: file })).toMatchObject({ sourceName: name });
    }
  });
});

describe("generate() with a URL source", () => {
  const CSDL = readFileSync(join(REPO, "test/fixtures/hostile-names.xml"), "utf8");
  const serve = async (handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ port: number; close: () => Promise<void> }> => {
    const server = createServer(handler);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return {
      port: (server.address() as AddressInfo).port,
      close: () => new Promise<void>((r) => server.close(() => r())),
    };
  };

  it("puts the URL without its secrets in the generated headers", async () => {
    const seen: (string | undefined)[] = [];
    const s = await serve((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { "content-type": "application/xml" });
      res.end(CSDL);
    });
    try {
      const source = `http://svc:hunter2hunter2@127.0.0.1:${s.port}/odata/$metadata?sap-client=100&sig=signed-secret-value`;
      const result = await generate({ inputs: [{ label: "x", source }], format: false });
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(seen).toEqual([`Basic ${Buffer.from("svc:hunter2hunter2").toString("base64")}`]);
      const all = result.files.map((f) => f.text).join("\n");
      // The header names the source without its query: a key the redaction does not know by name stays out too.
      expect(all).toContain(`Generated by codegen from http://127.0.0.1:${s.port}/odata/$metadata. Do not edit.`);
      expect(all).not.toContain("sap-client");
      expect(all).not.toContain("hunter2");
      expect(all).not.toContain("signed-secret-value");
    } finally {
      await s.close();
    }
  });

  it("reports a failure under its own code, at the redacted URL", async () => {
    const s = await serve((_, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html><body>Log in</body></html>");
    });
    try {
      const result = await generate({ inputs: [{ label: "x", source: `http://u:hunter2hunter2@127.0.0.1:${s.port}/$metadata` }] });
      expect(result.files).toEqual([]);
      expect(result.diagnostics).toEqual([
        {
          severity: "error",
          code: "metadata-is-html",
          file: `http://127.0.0.1:${s.port}/$metadata`,
          message: "the URL answered with an HTML page, not CSDL; is it a login page? Check the URL (it usually ends in /$metadata) and pass credentials with --header or the config's headers",
        },
      ]);
    } finally {
      await s.close();
    }
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
