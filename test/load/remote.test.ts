/**
 * Fetching metadata over real HTTP from servers on 127.0.0.1 that each test starts and stops; failures that
 * cannot be produced offline (DNS, most TLS errors) come from an injected fetch shaped like Node's.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadSource, type LoadFailure, type LoadedSource } from "../../generator/load/load.js";
import { fetchMetadata } from "../../generator/load/remote.js";

const CSDL = `<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"/>`;
const SECRET = "tok-5f1e2d3c4b";
const PASSWORD = "p@ss:w0rd/é";

interface Seen {
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
}

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

function track(server: Server | ReturnType<typeof createNetServer>): { close(): Promise<void> } {
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const handle = {
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
  running.push(handle);
  return handle;
}

/** An HTTP server on 127.0.0.1 (random port); `origin` is its base URL, `seen` the requests it got. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse, seen: Seen[]) => void): Promise<{ origin: string; port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? "", headers: req.headers });
    handler(req, res, seen);
  });
  track(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return { origin: `http://127.0.0.1:${port}`, port, seen };
}

const xml = (res: ServerResponse, body = CSDL, type = "application/xml"): void => {
  res.writeHead(200, { "content-type": type });
  res.end(body);
};

const failure = (r: LoadedSource | LoadFailure): LoadFailure => {
  expect(r, JSON.stringify(r)).not.toHaveProperty("text");
  return r as LoadFailure;
};

/** Nothing a test was given as a secret shows anywhere in what loadSource returned. */
const expectNoSecrets = (r: unknown, ...secrets: string[]): void => {
  const text = JSON.stringify(r);
  for (const s of [SECRET, PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(`me:${PASSWORD}`).toString("base64"), ...secrets]) {
    expect(text).not.toContain(s);
  }
};

describe("headers", () => {
  it("sends the given headers and Accept: application/xml", async () => {
    const s = await serve((_, res) => xml(res));
    const r = await loadSource({ label: "v", source: `${s.origin}/$metadata`, headers: { Authorization: `Bearer ${SECRET}`, "X-Api-Key": SECRET } });
    expect(r).toMatchObject({ text: CSDL, sourceName: `${s.origin}/$metadata`, file: `${s.origin}/$metadata` });
    expect(s.seen[0]?.headers).toMatchObject({ accept: "application/xml", authorization: `Bearer ${SECRET}`, "x-api-key": SECRET });
  });

  it("lets the user's Accept win, whatever its case", async () => {
    const s = await serve((_, res) => xml(res));
    await loadSource({ label: "v", source: `${s.origin}/$metadata`, headers: { accept: "application/xml;q=0.9, text/xml" } });
    expect(s.seen[0]?.headers.accept).toBe("application/xml;q=0.9, text/xml");
  });

  it("refuses a header value that cannot be sent, without quoting it", async () => {
    const s = await serve((_, res) => xml(res));
    const r = failure(await loadSource({ label: "v", source: `${s.origin}/$metadata`, headers: { Authorization: `Bearer ${SECRET}\r\nX-Evil: 1` } }));
    expect(r).toEqual({
      file: `${s.origin}/$metadata`,
      code: "fetch-bad-header",
      message: "could not fetch metadata: the value of header Authorization holds a line break (CR or LF), which would start another header",
    });
    expect(s.seen).toHaveLength(0);
  });
});

describe("input checks", () => {
  it("a port that fetch refuses", async () => {
    expect(await fetchMetadata("http://127.0.0.1:25/$metadata")).toEqual({
      ok: false,
      code: "fetch-bad-url",
      message: "could not fetch metadata from http://127.0.0.1:25/$metadata: port 25 is one that fetch refuses to use (it belongs to another protocol)",
    });
  });

  it("an unparsable URL, and a time limit that is not a positive number or longer than a timer can wait", async () => {
    expect(await fetchMetadata(`http://me:${SECRET}@[::1/$metadata`)).toEqual({
      ok: false,
      code: "fetch-bad-url",
      message: "could not fetch metadata: http://[::1/$metadata is not a valid URL",
    });
    for (const timeoutMs of [0, -5, Number.NaN, 1e12]) {
      expect(await fetchMetadata("https://svc.test/$metadata", { timeoutMs })).toEqual({
        ok: false,
        code: "fetch-bad-option",
        message: "could not fetch metadata: the time limit must be above 0 and at most 2147483647 ms (about 24 days)",
      });
    }
  });
});

describe("credentials in the URL", () => {
  it("sends them as Basic auth, not in the URL, and shows the URL without them", async () => {
    const s = await serve((_, res) => xml(res));
    const source = `http://me:${encodeURIComponent(PASSWORD)}@127.0.0.1:${s.port}/odata/$metadata?sap-client=100`;
    const r = await loadSource({ label: "v", source });
    expect(r).toMatchObject({ file: `${s.origin}/odata/$metadata?sap-client=100`, sourceName: `${s.origin}/odata/$metadata`, text: CSDL });
    expect(s.seen[0]?.url).toBe("/odata/$metadata?sap-client=100");
    // Percent-decoded before encoding, as a browser does.
    expect(s.seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`me:${PASSWORD}`, "utf8").toString("base64")}`);
    expectNoSecrets(r);
  });

  it("a refusal names the URL's user name and password, not a header", async () => {
    const s = await serve((_, res) => {
      res.writeHead(401, { "content-type": "text/plain" });
      res.end();
    });
    const r = await loadSource({ label: "v", source: `http://me:${encodeURIComponent(PASSWORD)}@127.0.0.1:${s.port}/$metadata` });
    expect(r).toMatchObject({
      code: "fetch-unauthorized",
      message: `could not fetch metadata from ${s.origin}/$metadata: the server refused the user name and password given in the URL (HTTP 401 Unauthorized); check them`,
    });
    expectNoSecrets(r);
  });

  it("leaves a given Authorization header alone", async () => {
    const s = await serve((_, res) => xml(res));
    await loadSource({ label: "v", source: `http://me:pw@127.0.0.1:${s.port}/$metadata`, headers: { authorization: `Bearer ${SECRET}` } });
    expect(s.seen[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
  });

  it("masks a header value the server echoes where the excerpt would cut it", async () => {
    const value = "tok_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6";
    const s = await serve((_, res) => {
      res.writeHead(403, { "content-type": "text/plain" });
      res.end(`${"x".repeat(150)} ${value} refused`);
    });
    const r = await loadSource({ label: "v", source: `${s.origin}/$metadata`, headers: { "X-Api-Key": value } });
    expect(r).toMatchObject({ code: "fetch-unauthorized" });
    expect(JSON.stringify(r)).not.toContain(value.slice(0, 8));
  });

  it("keeps them and secret query values out of every failure", async () => {
    const s = await serve((_, res) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`failed for ${SECRET} at http://me:${PASSWORD}@x.test/ with sig=${SECRET}`);
    });
    const r = failure(
      await loadSource({
        label: "v",
        source: `http://me:${encodeURIComponent(PASSWORD)}@127.0.0.1:${s.port}/$metadata?sig=${SECRET}&sv=1`,
        headers: { "X-Key": SECRET },
      }),
    );
    expect(r.file).toBe(`${s.origin}/$metadata?sig=***&sv=1`);
    expect(r.code).toBe("fetch-http-status");
    expect(r.message).toBe(
      `could not fetch metadata from ${s.origin}/$metadata?sig=***&sv=1: the server failed (HTTP 500 Internal Server Error); the server said: "failed for *** at http://x.test/ with sig=***"`,
    );
    expectNoSecrets(r);
  });
});

describe("time limit", () => {
  it("ends a request that gets no answer", async () => {
    const s = await serve(() => undefined);
    const started = Date.now();
    const r = failure(await loadSource({ label: "v", source: `${s.origin}/$metadata?token=${SECRET}`, timeoutMs: 200 }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r).toEqual({
      file: `${s.origin}/$metadata?token=***`,
      code: "fetch-timeout",
      message: `could not fetch metadata: no answer within 0.2 s from ${s.origin}/$metadata?token=***`,
    });
  });

  it("covers the body: headers then a stall", async () => {
    const s = await serve((_, res) => {
      res.writeHead(200, { "content-type": "application/xml", "content-length": "100000" });
      res.write(CSDL.slice(0, 20));
    });
    const started = Date.now();
    const r = failure(await loadSource({ label: "v", source: `${s.origin}/$metadata`, timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.code).toBe("fetch-timeout");
    expect(r.message).toBe(`could not fetch metadata: the answer from ${s.origin}/$metadata did not arrive completely within 0.3 s`);
  });

  it("is 30 s by default, even for a fetch that ignores the abort signal", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      let signal: AbortSignal | undefined;
      const never = ((_: unknown, init?: RequestInit) => {
        signal = init?.signal ?? undefined;
        return new Promise<Response>(() => undefined);
      }) as typeof fetch;
      let settled: LoadedSource | LoadFailure | undefined;
      void loadSource({ label: "v", source: "https://svc.test/$metadata" }, never).then((r) => (settled = r));
      await vi.advanceTimersByTimeAsync(29_999);
      expect(settled).toBeUndefined();
      expect(signal?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(settled).toEqual({
        file: "https://svc.test/$metadata",
        code: "fetch-timeout",
        message: "could not fetch metadata: no answer within 30 s from https://svc.test/$metadata",
      });
      expect(signal?.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("transport failures", () => {
  it("connection refused", async () => {
    const probe = createNetServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const r = failure(await loadSource({ label: "v", source: `http://127.0.0.1:${port}/$metadata` }));
    expect(r).toEqual({
      file: `http://127.0.0.1:${port}/$metadata`,
      code: "fetch-refused",
      message: `could not fetch metadata from http://127.0.0.1:${port}/$metadata: connection refused (ECONNREFUSED); is the server running, and on this port?`,
    });
  });

  it("connection closed before an answer, and in the middle of the body", async () => {
    const raw = createNetServer((c) => c.on("data", () => c.destroy()));
    track(raw);
    await new Promise<void>((r) => raw.listen(0, "127.0.0.1", r));
    const rawUrl = `http://127.0.0.1:${(raw.address() as AddressInfo).port}/$metadata`;
    expect(failure(await loadSource({ label: "v", source: rawUrl }))).toEqual({
      file: rawUrl,
      code: "fetch-reset",
      message: `could not fetch metadata from ${rawUrl}: the connection was closed before an answer came (UND_ERR_SOCKET)`,
    });

    const s = await serve((req, res) => {
      res.writeHead(200, { "content-type": "application/xml", "content-length": "5000" });
      res.write(CSDL.slice(0, 30), () => req.socket.destroy());
    });
    const r = failure(await loadSource({ label: "v", source: `${s.origin}/$metadata` }));
    expect(r.code).toBe("fetch-reset");
    expect(r.message).toMatch(
      new RegExp(
        `^could not fetch metadata from ${s.origin.replace(/\./g, "\\.")}/\\$metadata: the connection was closed before the whole answer came \\((UND_ERR_SOCKET|ECONNRESET)\\)$`,
      ),
    );
  });

  const nodeError = (code: string, message = `getaddrinfo ${code} svc.test`): TypeError =>
    new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) });
  const throwing = (e: unknown): typeof fetch => (() => Promise.reject(e)) as typeof fetch;
  const url = `https://me:${encodeURIComponent(PASSWORD)}@svc.test/$metadata?access_token=${SECRET}`;
  const shown = "https://svc.test/$metadata?access_token=***";

  it.each([
    ["ENOTFOUND", "fetch-dns", "the host name svc.test was not found (ENOTFOUND); check its spelling, your network and proxy"],
    ["EAI_AGAIN", "fetch-dns", "the host name svc.test could not be looked up (EAI_AGAIN, a temporary DNS failure); check your network, then try again"],
    ["ECONNRESET", "fetch-reset", "the connection was closed before an answer came (ECONNRESET)"],
    ["EHOSTUNREACH", "fetch-unreachable", "the host cannot be reached (EHOSTUNREACH); check your network"],
    ["UND_ERR_CONNECT_TIMEOUT", "fetch-timeout", "the connection timed out (UND_ERR_CONNECT_TIMEOUT)"],
    ["CERT_HAS_EXPIRED", "fetch-tls", "its TLS certificate has expired (CERT_HAS_EXPIRED)"],
    [
      "DEPTH_ZERO_SELF_SIGNED_CERT",
      "fetch-tls",
      "its TLS certificate is self-signed; if the server uses a certificate from your own or your company's CA, point NODE_EXTRA_CA_CERTS at that CA's PEM file (DEPTH_ZERO_SELF_SIGNED_CERT)",
    ],
    [
      "SELF_SIGNED_CERT_IN_CHAIN",
      "fetch-tls",
      "its TLS certificate chain ends in a self-signed certificate that is not trusted; if the server uses a certificate from your own or your company's CA, point NODE_EXTRA_CA_CERTS at that CA's PEM file (SELF_SIGNED_CERT_IN_CHAIN)",
    ],
    [
      "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
      "fetch-tls",
      "its TLS certificate's issuer is not known; if the server uses a certificate from your own or your company's CA, point NODE_EXTRA_CA_CERTS at that CA's PEM file (UNABLE_TO_VERIFY_LEAF_SIGNATURE)",
    ],
    [
      "ERR_TLS_CERT_ALTNAME_INVALID",
      "fetch-tls",
      "its TLS certificate is not issued for this host name; use the host name the certificate names (ERR_TLS_CERT_ALTNAME_INVALID)",
    ],
    ["ERR_SSL_WRONG_VERSION_NUMBER", "fetch-tls", "the TLS handshake failed (ERR_SSL_WRONG_VERSION_NUMBER); is the port an https port?"],
  ])("%s → %s", async (code, diagnostic, why) => {
    const r = failure(await loadSource({ label: "v", source: url, headers: { "X-Key": SECRET } }, throwing(nodeError(code))));
    expect(r).toEqual({ file: shown, code: diagnostic, message: `could not fetch metadata from ${shown}: ${why}` });
    expectNoSecrets(r);
  });

  it("finds the code inside an AggregateError (both address families refused)", async () => {
    const agg = Object.assign(new AggregateError([Object.assign(new Error("connect ECONNREFUSED ::1:80"), { code: "ECONNREFUSED" })], ""), {});
    const r = failure(await loadSource({ label: "v", source: "http://localhost/$metadata" }, throwing(new TypeError("fetch failed", { cause: agg }))));
    expect(r.code).toBe("fetch-refused");
  });

  it("an unknown failure shows its innermost message, scrubbed", async () => {
    const e = new TypeError("fetch failed", { cause: new Error(`weird thing with ${SECRET} at ${url}\nX-Forged: yes`) });
    const r = failure(await loadSource({ label: "v", source: url, headers: { "X-Key": SECRET } }, throwing(e)));
    expect(r).toEqual({ file: shown, code: "fetch-failed", message: `could not fetch metadata from ${shown}: weird thing with *** at ${shown} X-Forged: yes` });
  });

  it("a self-signed certificate, for real, when openssl is there", async (ctx) => {
    let key: string;
    let cert: string;
    const dir = mkdtempSync(join(tmpdir(), "codegen-tls-"));
    try {
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          join(dir, "k.pem"),
          "-out",
          join(dir, "c.pem"),
          "-days",
          "2",
          "-subj",
          "/CN=127.0.0.1",
          "-addext",
          "subjectAltName=IP:127.0.0.1",
        ],
        { stdio: "ignore" },
      );
      key = readFileSync(join(dir, "k.pem"), "utf8");
      cert = readFileSync(join(dir, "c.pem"), "utf8");
    } catch {
      ctx.skip();
      return;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const server = createHttpsServer({ key, cert }, (_, res) => xml(res));
    track(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const source = `https://127.0.0.1:${(server.address() as AddressInfo).port}/$metadata`;
    const r = failure(await loadSource({ label: "v", source }));
    expect(r.code).toBe("fetch-tls");
    expect(r.message).toBe(
      `could not fetch metadata from ${source}: its TLS certificate is self-signed; if the server uses a certificate from your own or your company's CA, point NODE_EXTRA_CA_CERTS at that CA's PEM file (DEPTH_ZERO_SELF_SIGNED_CERT)`,
    );
  });
});

describe("HTTP errors", () => {
  const answering = (status: number, body = "", type = "text/plain") =>
    serve((_, res) => {
      res.writeHead(status, { "content-type": type });
      res.end(body);
    });

  it("401 without credentials asks for a header", async () => {
    const s = await answering(401);
    const r = failure(await loadSource({ label: "v", source: `${s.origin}/$metadata` }));
    expect(r).toEqual({
      file: `${s.origin}/$metadata`,
      code: "fetch-unauthorized",
      message: `could not fetch metadata from ${s.origin}/$metadata: the server refused the request without credentials (HTTP 401 Unauthorized); pass a header with --header or the config's headers (e.g. --header "Authorization: Bearer …")`,
    });
  });

  it("401 and 403 with credentials say they were refused, and never echo them", async () => {
    for (const status of [401, 403]) {
      const s = await answering(status, `{"error":{"message":"token ${SECRET} expired"}}`, "application/json");
      const r = failure(await loadSource({ label: "v", source: `${s.origin}/$metadata`, headers: { Authorization: `Bearer ${SECRET}` } }));
      expect(r.code).toBe("fetch-unauthorized");
      expect(r.message).toBe(
        `could not fetch metadata from ${s.origin}/$metadata: the server refused the credentials (HTTP ${status} ${status === 401 ? "Unauthorized" : "Forbidden"}); check the header given with --header or the config's headers; the server said: "{"error":{"message":"token *** expired"}}"`,
      );
      expectNoSecrets(r);
    }
  });

  it("404 points at the URL", async () => {
    const s = await answering(404, "<!DOCTYPE html><html><head><title>Not here</title></head><body>…</body></html>", "text/html");
    expect(failure(await loadSource({ label: "v", source: `${s.origin}/odata` }))).toEqual({
      file: `${s.origin}/odata`,
      code: "fetch-not-found",
      message: `could not fetch metadata from ${s.origin}/odata: nothing there (HTTP 404 Not Found); check the URL (a service's metadata usually is at …/$metadata); the server said: "Not here"`,
    });
  });

  it("other statuses: the standard status text and a short one-line excerpt without control characters", async () => {
    const s = await answering(418, `\u001b[31mred\u0007 alert\r\nX-Forged: 1 ${"x".repeat(500)}`);
    const r = failure(await loadSource({ label: "v", source: `${s.origin}/$metadata` }));
    expect(r.code).toBe("fetch-http-status");
    const excerpt = `[31mred alert X-Forged: 1 ${"x".repeat(500)}`.slice(0, 159);
    expect(r.message).toBe(`could not fetch metadata from ${s.origin}/$metadata: HTTP 418 I'm a Teapot; the server said: "${excerpt}…"`);
    expect(r.message).not.toMatch(/[\u0000-\u001f]/);
  });

  it("a status without a standard text, and an empty body", async () => {
    const s = await answering(599);
    expect(failure(await loadSource({ label: "v", source: `${s.origin}/$metadata` })).message).toBe(
      `could not fetch metadata from ${s.origin}/$metadata: the server failed (HTTP 599)`,
    );
  });
});

describe("what the answer holds", () => {
  it.each([
    ["an HTML login page", "text/html; charset=utf-8", "<!DOCTYPE html><html><form>login</form></html>", "metadata-is-html"],
    ["HTML served as XML", "application/xml", "\n  <html lang=en><body>Sign in</body></html>", "metadata-is-html"],
    ["CSDL JSON", "application/json", `{"$Version":"4.01","$EntityContainer":"x.C"}`, "metadata-is-json"],
    ["the service document", "application/json;odata.metadata=minimal", `{"@odata.context":"$metadata","value":[]}`, "metadata-is-json"],
    ["JSON sent as text", "text/plain", `{"error":"no"}`, "metadata-is-json"],
  ])("%s → %s", async (_, type, body, code) => {
    const s = await serve((__, res) => xml(res, body, type));
    const r = failure(await loadSource({ label: "v", source: `${s.origin}/$metadata` }));
    expect(r.code).toBe(code);
    expect(r.file).toBe(`${s.origin}/$metadata`);
  });

  it("the messages", async () => {
    const s = await serve((req, res) => {
      if (req.url === "/login") xml(res, "<html><body>Sign in</body></html>", "text/html");
      else if (req.url === "/csdl") xml(res, `{"$Version":"4.01"}`, "application/json");
      else if (req.url === "/root") xml(res, `{"@odata.context":"$metadata","value":[]}`, "application/json");
      else xml(res, "[1]", "application/json");
    });
    const message = async (path: string) => failure(await loadSource({ label: "v", source: `${s.origin}${path}` })).message;
    expect(await message("/login")).toBe(
      "the URL answered with an HTML page, not CSDL; is it a login page? Check the URL (it usually ends in /$metadata) and pass credentials with --header or the config's headers",
    );
    expect(await message("/csdl")).toBe(
      "the URL answered with CSDL JSON; codegen reads CSDL XML only: request $metadata as XML (Accept: application/xml, which codegen sends unless a header overrides it, or ?$format=xml)",
    );
    expect(await message("/root")).toBe("the URL answered with the OData service document (JSON), not $metadata; append /$metadata to the URL");
    expect(await message("/other")).toBe(
      "the URL answered with JSON, not CSDL XML; request $metadata as XML (Accept: application/xml, which codegen sends unless a header overrides it, or ?$format=xml)",
    );
  });

  it("CSDL is CSDL whatever the content type says", async () => {
    for (const type of ["text/html", "application/json", "text/plain"]) {
      const s = await serve((_, res) => xml(res, `\uFEFF${CSDL}`, type));
      expect(await loadSource({ label: "v", source: `${s.origin}/$metadata` })).toMatchObject({ text: CSDL });
    }
  });
});

describe("redirects", () => {
  it("follows a same-origin redirect with the headers", async () => {
    const s = await serve((req, res) => {
      if (req.url === "/old") {
        res.writeHead(301, { location: "/new/$metadata" });
        res.end();
      } else xml(res);
    });
    const r = await loadSource({ label: "v", source: `${s.origin}/old`, headers: { "X-Api-Key": SECRET } });
    expect(r).toMatchObject({ text: CSDL, sourceName: `${s.origin}/old` });
    expect(s.seen.map((q) => [q.url, q.headers["x-api-key"]])).toEqual([
      ["/old", SECRET],
      ["/new/$metadata", SECRET],
    ]);
  });

  it("sends neither custom headers nor Authorization (from a header or the URL) to another origin", async () => {
    const other = await serve((_, res) => xml(res));
    // 127.0.0.1 and localhost are different origins for the same server.
    const elsewhere = other.origin.replace("127.0.0.1", "localhost");
    const s = await serve((_, res) => {
      res.writeHead(302, { location: `${elsewhere}/$metadata` });
      res.end();
    });
    expect(await loadSource({ label: "v", source: `${s.origin}/a`, headers: { "X-Api-Key": SECRET, Authorization: `Bearer ${SECRET}` } })).toMatchObject({
      text: CSDL,
    });
    expect(await loadSource({ label: "v", source: `http://me:pw@127.0.0.1:${s.port}/a`, headers: { Accept: "text/xml" } })).toMatchObject({ text: CSDL });
    expect(s.seen[0]?.headers["x-api-key"]).toBe(SECRET);
    expect(s.seen[1]?.headers.authorization).toMatch(/^Basic /);
    expect(other.seen.map((q) => [q.headers.accept, q.headers.authorization, q.headers["x-api-key"]])).toEqual([
      ["application/xml", undefined, undefined],
      ["text/xml", undefined, undefined],
    ]);
  });

  it("says so when the other origin then refuses", async () => {
    const other = await serve((_, res) => {
      res.writeHead(401);
      res.end();
    });
    const s = await serve((_, res) => {
      res.writeHead(307, { location: `${other.origin.replace("127.0.0.1", "localhost")}/$metadata?code=${SECRET}` });
      res.end();
    });
    const r = failure(await loadSource({ label: "v", source: `${s.origin}/a`, headers: { Authorization: `Bearer ${SECRET}` } }));
    expect(r.message).toBe(
      `could not fetch metadata from ${s.origin}/a (redirected to ${other.origin.replace("127.0.0.1", "localhost")}/$metadata?code=***): the server refused the request (HTTP 401 Unauthorized) after a redirect to another origin, where the headers and credentials are not sent; give the final URL instead`,
    );
    expectNoSecrets(r);
  });

  it("follows at most 5", async () => {
    const s = await serve((req, res) => {
      const n = Number(req.url?.slice(1));
      if (n === 0) xml(res);
      else {
        res.writeHead(302, { location: `/${n - 1}` });
        res.end();
      }
    });
    expect(await loadSource({ label: "v", source: `${s.origin}/5` })).toMatchObject({ text: CSDL });
    expect(failure(await loadSource({ label: "v", source: `${s.origin}/6` }))).toEqual({
      file: `${s.origin}/6`,
      code: "fetch-redirect",
      message: `could not fetch metadata from ${s.origin}/6: more than 5 redirects`,
    });
  });

  it("refuses a redirect without a Location or to another scheme", async () => {
    const s = await serve((req, res) => {
      res.writeHead(302, req.url === "/none" ? {} : { location: "file:///etc/passwd" });
      res.end();
    });
    expect(failure(await loadSource({ label: "v", source: `${s.origin}/none` })).message).toBe(
      `could not fetch metadata from ${s.origin}/none: HTTP 302 redirect without a Location`,
    );
    expect(failure(await loadSource({ label: "v", source: `${s.origin}/file` })).message).toBe(
      `could not fetch metadata from ${s.origin}/file: redirected to a file: URL, which codegen does not follow`,
    );
  });
});

describe("size limit", () => {
  it("refuses a declared length over the limit without reading it", async () => {
    const s = await serve((_, res) => {
      res.writeHead(200, { "content-type": "application/xml", "content-length": String(2000) });
      res.end("x".repeat(2000));
    });
    expect(failure(await loadSource({ label: "v", source: `${s.origin}/$metadata` }, fetch, { maxBytes: 1000 }))).toEqual({
      file: `${s.origin}/$metadata`,
      code: "fetch-too-large",
      message: `could not fetch metadata from ${s.origin}/$metadata: the answer is larger than 1 KB, too large to be a metadata document (the limit is set with --max-metadata-size or the config's maxMetadataSize)`,
    });
  });

  it("counts a streamed answer, and the default is 100 MB", async () => {
    const chunk = Buffer.alloc(1_000_000, 0x20);
    const s = await serve((req, res) => {
      const mb = Number(new URL(req.url ?? "/", "http://x").searchParams.get("mb"));
      res.writeHead(200, { "content-type": "application/xml" }); // chunked: no length given
      let sent = 0;
      const more = (): void => {
        while (sent < mb) {
          sent++;
          if (!res.write(chunk)) return void res.once("drain", more);
        }
        res.end("x");
      };
      more();
    });
    const big = await fetchMetadata(`${s.origin}/$metadata?mb=100`);
    expect(big).toEqual({
      ok: false,
      code: "fetch-too-large",
      message: `could not fetch metadata from ${s.origin}/$metadata?mb=100: the answer is larger than 100 MB, too large to be a metadata document (the limit is set with --max-metadata-size or the config's maxMetadataSize)`,
    });
    const fits = await fetchMetadata(`${s.origin}/$metadata?mb=99`);
    expect(fits.ok && fits.bytes.byteLength).toBe(99_000_000 + 1);
    expect(failure(await loadSource({ label: "v", source: `${s.origin}/$metadata?mb=2` }, fetch, { maxBytes: 1024 * 1024 })).message).toContain(
      "the answer is larger than 1 MiB",
    );
  });
});
