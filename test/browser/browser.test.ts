/**
 * The generated Outlook v2.0 client in a real browser: Chromium (Debian's `chromium` package, or CHROMIUM_PATH) loads
 * a page bundled by esbuild from one origin (a static server on 127.0.0.1) and calls the Outlook simulator on another
 * origin (127.0.0.1, another port) with CORS turned on. Every scenario runs inside the page with the browser's own
 * fetch and asserts both what the page got and every request the simulator saw, CORS preflights (OPTIONS) included.
 *
 * A missing Chromium fails every test here with the reason; it never skips.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { Api, OutlookApp } from "./app.js";
import { ALICE, BOB, TOKEN, decode, startE2E } from "../e2e/harness.js";
import { REPO } from "../helpers/paths.js";
import type { Simulator } from "../simulator/server.js";
import { startLoopback } from "../runtime/loopback.js";
import { bundle, findChromium, launchChromium, serveStatic, type RunningChromium, type StaticSite } from "./harness.js";

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>loading</title><script type="module" src="/app.js"></script></head>
<body></body></html>
`;

const MISSING = "AAMkAGI2THVSAAA=";
/** MISSING in a URL path: the client percent-encodes the "=" of the key literal. */
const MISSING_IN_URL = "AAMkAGI2THVSAAA%3D";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Setup {
  readonly site: StaticSite;
  readonly sim: Simulator;
  readonly browser: RunningChromium;
  readonly page: Page;
  readonly api: Api;
  /** Console messages and uncaught errors of the page, for CORS complaints. */
  readonly pageLog: string[];
  readonly timings: Record<string, number>;
}

let setup: Setup | undefined;
let setupError: unknown;
const closers: (() => Promise<void>)[] = [];

/** The running setup, or the reason there is none (e.g. no Chromium), thrown into the test that needs it. */
function ready(): Setup {
  if (setup) return setup;
  throw setupError instanceof Error ? setupError : new Error(`browser setup failed: ${String(setupError)}`);
}

beforeAll(async () => {
  try {
    const timings: Record<string, number> = {};
    let t = performance.now();
    const executable = findChromium();
    const js = await bundle(join(REPO, "test/browser/app.ts"));
    timings.bundleMs = performance.now() - t;
    const site = await serveStatic({
      "/": { type: "text/html; charset=utf-8", body: PAGE },
      "/app.js": { type: "text/javascript; charset=utf-8", body: js },
    });
    closers.push(() => site.stop());
    const sim = await startE2E({ cors: { origins: [site.origin] } });
    closers.push(() => sim.stop());
    t = performance.now();
    const browser = await launchChromium(executable);
    closers.push(() => browser.close());
    timings.launchMs = performance.now() - t;
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const pageLog: string[] = [];
    page.on("console", (m) => pageLog.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => pageLog.push(`pageerror: ${e.message}`));
    t = performance.now();
    await page.goto(`${site.origin}/`);
    await page.waitForFunction(() => document.title === "outlook app ready", undefined, { timeout: 10_000 });
    timings.pageMs = performance.now() - t;
    setup = {
      site,
      sim,
      browser,
      page,
      api: { baseUrl: sim.baseUrl("v2.0"), token: TOKEN, anchorMailbox: ALICE },
      pageLog,
      timings,
    };
  } catch (e) {
    setupError = e;
  }
}, 60_000);

afterAll(async () => {
  // Browser first (it holds connections to both servers), then the servers.
  for (const close of closers.reverse()) await close();
});

/** Calls one scenario of the page (window.outlookApp) with JSON-serialisable arguments. */
async function inPage<K extends keyof OutlookApp>(
  name: K,
  ...args: Parameters<OutlookApp[K]>
): Promise<Awaited<ReturnType<OutlookApp[K]>>> {
  const { page } = ready();
  return (await page.evaluate(
    ({ name, args }) => (window.outlookApp[name] as (...a: unknown[]) => Promise<unknown>)(...args),
    { name, args: args as unknown[] },
  )) as Awaited<ReturnType<OutlookApp[K]>>;
}

/**
 * What the simulator saw since the last call, one line per request: `OPTIONS <path> [requested headers]` for a
 * preflight, `<METHOD> <path and query as sent>` otherwise.
 */
function wire(): string[] {
  return ready().sim.requests.map((r) =>
    r.method === "OPTIONS"
      ? `OPTIONS ${r.url} [${r.headers["access-control-request-method"] ?? ""}: ${r.headers["access-control-request-headers"] ?? ""}]`
      : `${r.method} ${r.url}`,
  );
}

/** The requests seen, then a fresh log. */
function drainRaw(): Simulator["requests"] {
  const { sim } = ready();
  const out = [...sim.requests];
  sim.clearRequests();
  return out;
}

const V2 = "/api/v2.0";

describe("the generated v2.0 client in Chromium, cross-origin against the simulator", () => {
  it("runs in Chromium from its own origin; the API is another origin", () => {
    const { site, sim, browser, timings } = ready();
    expect(site.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(site.origin).origin).not.toBe(new URL(sim.url).origin);
    expect(browser.version).toMatch(/^\d+\./);
    expect(site.requests.slice(0, 2)).toEqual(["GET /", "GET /app.js"]);
    console.log(
      `chromium ${browser.version}; bundle ${timings.bundleMs?.toFixed(0)} ms, launch ${timings.launchMs?.toFixed(0)} ms, page ${timings.pageMs?.toFixed(0)} ms`,
    );
  });

  it("lists messages with $select and $top: exact URL, one preflight for the token and anchor headers", async () => {
    const { sim } = ready();
    const mb = sim.store.mailbox(ALICE, "v2.0");
    for (const s of ["First", "Second", "Third"]) mb.addMessage("inbox", { Subject: s, Importance: "High" });
    sim.clearRequests();

    const result = await inPage("listSelected", ready().api);
    if (!("value" in result)) throw new Error(`page failed: ${JSON.stringify(result.error)}`);
    const subjects = result.value.map((m) => m.Subject);
    expect(subjects).toEqual(["First", "Second"]);
    for (const m of result.value) {
      expect(m.Importance).toBe("High");
      // Only what was selected, with the key and the control information Outlook adds.
      expect(m.keys).toEqual(["@odata.etag", "@odata.id", "Id", "Importance", "Subject"]);
    }

    expect(wire()).toEqual([
      `OPTIONS ${V2}/Me/Messages?$select=Subject,Importance&$top=2 [GET: authorization,x-anchormailbox]`,
      `GET ${V2}/Me/Messages?$select=Subject,Importance&$top=2`,
    ]);
    const [preflight, get] = drainRaw();
    expect(preflight?.headers.origin).toBe(ready().site.origin);
    expect(get?.headers.origin).toBe(ready().site.origin);
    expect(get?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(get?.anchorMailbox).toBe(ALICE);
    expect(get?.headers.accept).toBe("application/json");
  });

  it("sends mail: the body the simulator received, the message in Sent Items and in the recipient's Inbox", async () => {
    const { sim } = ready();
    sim.clearRequests();
    const subject = `From Chromium ${Date.now()}`;

    const result = await inPage("sendMail", ready().api, subject, BOB);
    if (!("value" in result)) throw new Error(`page failed: ${JSON.stringify(result.error)}`);
    expect(result.value.returned).toBe("undefined");
    expect(result.value.sentItems).toEqual([{ Subject: subject, To: [BOB] }]);

    expect(wire()).toEqual([
      `OPTIONS ${V2}/Me/SendMail [POST: authorization,content-type,x-anchormailbox]`,
      `POST ${V2}/Me/SendMail`,
      `OPTIONS ${V2}/Me/MailFolders('SentItems')/Messages?$select=Subject,ToRecipients [GET: authorization,x-anchormailbox]`,
      `GET ${V2}/Me/MailFolders('SentItems')/Messages?$select=Subject,ToRecipients`,
    ]);
    const post = decode(drainRaw()[1]!);
    expect(post.contentType).toBe("application/json");
    expect(post.body).toEqual({
      Message: {
        Subject: subject,
        Body: { ContentType: "Text", Content: "Sent from a browser." },
        ToRecipients: [{ EmailAddress: { Address: BOB } }],
      },
      SaveToSentItems: true,
    });
    expect(
      sim.store
        .mailbox(ALICE, "v2.0")
        .messagesIn("sentitems")
        .map((n) => n.data.Subject),
    ).toEqual([subject]);
    const delivered = sim.store.mailbox(BOB, "v2.0").messagesIn("inbox");
    expect(
      delivered.map((n) => [
        n.data.Subject,
        (n.data.From as { EmailAddress: { Address: string } }).EmailAddress.Address,
      ]),
    ).toEqual([[subject, ALICE]]);
  });

  it("retries a 429 after the Retry-After it could read cross-origin (1 s), then succeeds", async () => {
    const { sim } = ready();
    sim.store.mailbox(ALICE, "v2.0").addMessage("inbox", { Subject: "Throttled" });
    sim.clearRequests();
    // Only this request: a rule left unused (if the page never got through) must not throttle later tests.
    sim.throttle(1, 1, (r) => r.method === "GET" && r.url === `${V2}/Me/Messages?$select=Subject`);

    const result = await inPage("throttledList", ready().api);
    if (!("value" in result)) throw new Error(`page failed: ${JSON.stringify(result.error)}`);
    // Backoff jitter is 0 in the page: a wait of 1000 ms can only come from the Retry-After header.
    expect(result.value.waits).toEqual([1000]);
    expect(result.value.elapsedMs).toBeGreaterThanOrEqual(1000);
    expect(result.value.elapsedMs).toBeLessThan(5000);
    expect(result.value.subjects).toContain("Throttled");

    const preflight = `OPTIONS ${V2}/Me/Messages?$select=Subject [GET: authorization,x-anchormailbox]`;
    const get = `GET ${V2}/Me/Messages?$select=Subject`;
    // Access-Control-Max-Age is 0, so the retry is preflighted again.
    expect(wire()).toEqual([preflight, get, preflight, get]);
    drainRaw();
  });

  it("sends a $batch of two parts; both results come back typed", async () => {
    const { sim } = ready();
    const target = sim.store.mailbox(ALICE, "v2.0").addMessage("inbox", { Subject: "Batched" });
    sim.clearRequests();

    const result = await inPage("batchOfTwo", ready().api, target.id);
    if (!("value" in result)) throw new Error(`page failed: ${JSON.stringify(result.error)}`);
    expect(result.value.list.status).toBe(200);
    expect(result.value.list.subjects).toHaveLength(1);
    expect(result.value.one).toEqual({ status: 200, id: target.id, subject: "Batched", isRead: false });

    const lines = wire();
    expect(lines).toEqual([
      // v2.0 batches at {root}/me/$batch, as its documentation says (the service profile's default).
      `OPTIONS ${V2}/me/$batch [POST: authorization,content-type,x-anchormailbox]`,
      `POST ${V2}/me/$batch`,
    ]);
    const post = drainRaw()[1]!;
    expect(post.headers["content-type"]).toMatch(/^multipart\/mixed; boundary=batch_/);
    const requestLines = post.body.split("\r\n").filter((l) => l.endsWith(" HTTP/1.1"));
    expect(requestLines.map((l) => decodeURIComponent(l))).toEqual([
      `GET /api/v2.0/Me/Messages?$select=Subject&$top=1 HTTP/1.1`,
      `GET /api/v2.0/Me/Messages('${target.id}')?$select=Subject,IsRead HTTP/1.1`,
    ]);
  });

  it("surfaces a 404 as ODataError with status, code and the exposed request-id inside the page", async () => {
    const { sim } = ready();
    sim.clearRequests();

    const result = await inPage("missingMessage", ready().api, MISSING);
    if (!("error" in result)) throw new Error("expected the page to catch an error");
    expect(result.error).toMatchObject({
      isODataError: true,
      name: "ODataError",
      status: 404,
      code: "ErrorItemNotFound",
    });
    expect(result.error.requestId).toMatch(UUID); // read from the request-id header: exposed cross-origin

    expect(wire()).toEqual([
      `OPTIONS ${V2}/Me/Messages('${MISSING_IN_URL}') [GET: authorization,x-anchormailbox]`,
      `GET ${V2}/Me/Messages('${MISSING_IN_URL}')`,
    ]);
    drainRaw();
  });

  it("an anonymous GET (no token, no custom headers) is a simple request: no preflight", async () => {
    const { sim } = ready();
    sim.clearRequests();

    const result = await inPage("anonymousGet", ready().api.baseUrl);
    // The simulator wants a token: the page gets the 401 as a typed error, readable cross-origin.
    if (!("error" in result)) throw new Error("expected a 401");
    expect(result.error).toMatchObject({ isODataError: true, status: 401, code: "InvalidAuthenticationToken" });

    expect(wire()).toEqual([`GET ${V2}/Me/Messages`]);
    const [get] = drainRaw();
    // Only CORS-safelisted request headers were set by the client.
    const set = Object.keys(get!.headers).filter((h) => !BROWSER_HEADERS.has(h) && !h.startsWith("sec-"));
    expect(set).toEqual(["accept"]);
    expect(get!.headers.accept).toBe("application/json");
  });

  it("an anonymous GET under users.byId('upn') sends x-AnchorMailbox (the key), which costs a preflight", async () => {
    // Pins current behaviour: the Outlook clients default sendAnchorMailbox to true, so a users.byId(key) request carries
    // x-AnchorMailbox even without a token or custom headers, and x-AnchorMailbox is not CORS-safelisted. Outlook
    // needs a token on every call, and Authorization alone needs a preflight, so a real call costs nothing extra.
    const { sim } = ready();
    sim.clearRequests();

    const result = await inPage("anonymousGet", ready().api.baseUrl, BOB);
    if (!("error" in result)) throw new Error("expected a 401");
    expect(result.error).toMatchObject({ isODataError: true, status: 401 });
    expect(wire()).toEqual([
      `OPTIONS ${V2}/Users('${BOB}')/Messages [GET: x-anchormailbox]`,
      `GET ${V2}/Users('${BOB}')/Messages`,
    ]);
    expect(drainRaw()[1]?.anchorMailbox).toBe(BOB);
  });

  it("a redirect is not followed in the browser: RedirectError, and nothing reaches the redirect's target", async () => {
    // In manual mode the browser gives the client an opaque redirect (no status, no Location): it cannot tell a
    // same-origin target from a foreign one, so it follows neither. Without manual mode Chromium would follow both,
    // with the API key header (only Authorization is dropped across origins).
    const { site } = ready();
    const foreign = await startLoopback((_req, res) => {
      res.writeHead(200, { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*" });
      res.end('{"value":[]}');
    });
    const cors = {
      "Access-Control-Allow-Origin": site.origin,
      "Access-Control-Allow-Headers": "authorization, x-api-key",
    };
    const api = await startLoopback((req, res) => {
      if (req.method === "OPTIONS") res.writeHead(204, cors);
      else if (req.url?.startsWith("/svc/Me/Messages"))
        res.writeHead(302, { ...cors, Location: `${foreign.origin}/steal` });
      else res.writeHead(302, { ...cors, Location: "/svc/Me/Messages" });
      res.end();
    });
    try {
      for (const path of ["/svc", "/other"]) {
        const result = await inPage("redirectedList", `${api.origin}${path}`);
        if (!("error" in result)) throw new Error("expected RedirectError");
        expect(result.error).toMatchObject({ name: "RedirectError", isODataError: false });
      }
      expect(foreign.seen).toEqual([]);
      expect(api.seen.filter((r) => r.method === "GET").map((r) => r.url)).toEqual([
        "/svc/Me/Messages",
        "/other/Me/Messages",
      ]);
    } finally {
      await Promise.all([foreign.stop(), api.stop()]);
    }
  });

  it("the page logged no CORS failure and threw nothing", () => {
    const { pageLog } = ready();
    expect(pageLog.filter((line) => /CORS|Access-Control|pageerror/i.test(line))).toEqual([]);
  });
});

/** Request headers the browser itself adds to a cross-origin fetch (Sec-Fetch-* and Sec-CH-* are filtered apart). */
const BROWSER_HEADERS = new Set([
  "host",
  "connection",
  "user-agent",
  "origin",
  "referer",
  "accept-encoding",
  "accept-language",
]);

describe("the simulator's CORS answers, seen without a browser", () => {
  const PAGE_ORIGIN = "http://127.0.0.1:1";
  let sim: Simulator | undefined;
  beforeAll(async () => {
    sim = await startE2E({ cors: { origins: [PAGE_ORIGIN] } });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  const preflight = (origin: string, method: string, headers: string): Promise<Response> =>
    fetch(`${sim!.baseUrl("v2.0")}/Me/Messages`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": method, "access-control-request-headers": headers },
    });

  it("allows the listed origin, methods and headers; Max-Age 0; the preflight is recorded, not served", async () => {
    sim!.clearRequests();
    const r = await preflight(PAGE_ORIGIN, "PATCH", "Authorization, Content-Type, Prefer, x-AnchorMailbox, If-Match");
    expect(r.status).toBe(204);
    expect(r.headers.get("access-control-allow-origin")).toBe(PAGE_ORIGIN);
    expect(r.headers.get("access-control-allow-methods")).toBe("GET, POST, PATCH, PUT, DELETE");
    expect(r.headers.get("access-control-allow-headers")).toContain("x-anchormailbox");
    expect(r.headers.get("access-control-max-age")).toBe("0");
    expect(sim!.requests.map((q) => q.method)).toEqual(["OPTIONS"]);
  });

  it("refuses another origin, an unknown method and a header the API does not take (403, no Allow-Origin)", async () => {
    for (const r of [
      await preflight("http://127.0.0.1:2", "GET", "authorization"),
      await preflight(PAGE_ORIGIN, "TRACE", ""),
      await preflight(PAGE_ORIGIN, "GET", "authorization, x-custom"),
    ]) {
      expect(r.status).toBe(403);
      expect(r.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("exposes the headers the client reads to the allowed origin only, on errors and throttling too", async () => {
    const get = (origin: string): Promise<Response> =>
      fetch(`${sim!.baseUrl("v2.0")}/Me/Messages`, { headers: { origin, authorization: `Bearer ${TOKEN}` } });
    const ok = await get(PAGE_ORIGIN);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe(PAGE_ORIGIN);
    expect(ok.headers.get("vary")).toBe("Origin");
    const exposed = (ok.headers.get("access-control-expose-headers") ?? "").split(", ");
    for (const h of ["Retry-After", "request-id", "client-request-id", "Preference-Applied", "OData-Version", "ETag"])
      expect(exposed).toContain(h);
    sim!.throttle(1, 3);
    expect((await preflight(PAGE_ORIGIN, "GET", "authorization")).status).toBe(204); // preflights skip throttling
    const throttled = await get(PAGE_ORIGIN);
    expect([throttled.status, throttled.headers.get("retry-after")]).toEqual([429, "3"]);
    expect(throttled.headers.get("access-control-allow-origin")).toBe(PAGE_ORIGIN);
    const other = await get("http://127.0.0.1:2");
    expect(other.status).toBe(200);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    expect(other.headers.get("access-control-expose-headers")).toBeNull();
  });
});
