/**
 * An Outlook REST API simulator over real HTTP, for end-to-end tests of the generated clients.
 * It serves `/api/v1.0`, `/api/v2.0` and `/api/beta` from the models of `metadata/<version>.xml`
 * on 127.0.0.1 (port 0), keeps every mailbox in memory, records every request, and can inject
 * throttling. See /work/shared/docs/outlook-rest-api.md for the behaviour it follows.
 *
 *   const sim = await startSimulator();
 *   const client = createClient({ baseUrl: sim.baseUrl("v2.0"), getAccessToken: () => "test-token" });
 *   …
 *   await sim.stop();
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { RequestContext } from "./context.js";
import { addCorsHeaders, type CorsOptions, isPreflight, preflightResponse } from "./cors.js";
import { ServiceError } from "./errors.js";
import { type Fault, FaultInjector, type FaultScope, unavailableResponse, writeBroken } from "./faults.js";
import { errorResponse, JSON_TYPE, type SimRequest, type SimResponse } from "./http.js";
import { isVersion, serviceInfo, type Version } from "./model.js";
import { resolve } from "./resolve.js";
import { registerBatch } from "./batch.js";
import { installGroups } from "./groups.js";
import { installMeetings } from "./meetings.js";
import { coreRoutes, Router } from "./routes.js";
import { registerStreaming } from "./streaming.js";
import { registerSync } from "./sync.js";
import { DEFAULT_USERS, Store, type UserInit } from "./store.js";
import { parsePrefer, parseQueryString, splitPath } from "./url.js";

export interface SimulatorOptions {
  /** Accepted bearer tokens; default ["test-token"]. */
  readonly tokens?: readonly string[];
  /** Which user a token stands for (`Me`), by upn or id; tokens not listed are the first user. */
  readonly tokenUsers?: Readonly<Record<string, string>>;
  /** The simulated users; default alice@contoso.com and bob@contoso.com. */
  readonly users?: readonly UserInit[];
  /** Server page size, default 10, at most 50. */
  readonly pageSize?: number;
  /**
   * Cross-origin calls from browser pages (see cors.ts); default none. Preflights are answered before fault rules
   * and throttling, which they neither trigger nor use up; they are recorded in `requests` like any other request.
   */
  readonly cors?: CorsOptions;
}

export interface SeenRequest {
  readonly method: string;
  /** Path and query, as received. */
  readonly url: string;
  /** Header names lower-case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The x-AnchorMailbox header, if any. */
  readonly anchorMailbox: string | undefined;
}

export interface Simulator {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `${url}/api/${version}` */
  baseUrl(version: Version): string;
  readonly requests: readonly SeenRequest[];
  clearRequests(): void;
  /** Fault injection: the next n requests (optionally matching a predicate) answer 429 with Retry-After: s. */
  throttle(n: number, retryAfterSeconds?: number, match?: (r: SeenRequest) => boolean): void;
  /**
   * Fault injection: the next `scope.times` requests (default 1; optionally only those `scope.match` accepts)
   * hang up, reset mid-response, are delayed, get a truncated body or a 503 (see faults.ts). Checked before throttle().
   */
  inject(fault: Fault, scope?: FaultScope<SeenRequest>): void;
  /** Drops the fault rules that have not fired yet. */
  clearFaults(): void;
  /** Seed and inspect data. */
  readonly store: Store;
  /** The router, for modules that add routes (sync, $batch, subscriptions, streaming). */
  readonly router: Router;
  /** Answers one request without HTTP (auth included; throttling applies at the HTTP layer); for `$batch` parts. */
  handle(request: SimRequest): Promise<SimResponse>;
  stop(): Promise<void>;
}

interface ThrottleRule {
  remaining: number;
  readonly retryAfter: number;
  readonly match: ((r: SeenRequest) => boolean) | undefined;
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolveBody(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const tokens = new Set(options.tokens ?? ["test-token"]);
  const pageSize = Math.max(1, Math.min(50, options.pageSize ?? 10));
  const store = new Store(options.users ?? DEFAULT_USERS);
  const router = new Router();
  for (const r of coreRoutes()) router.use(r);
  // The modules beyond the core: sync rounds, $batch, push and streaming notifications, FindMeetingTimes.
  registerSync(router, store);
  registerBatch(router, handle);
  const notifications = registerStreaming({ router, store });
  installMeetings({ router });
  installGroups({ router, store });
  for (const v of ["v1.0", "v2.0", "beta"] as const) serviceInfo(v); // load the models up front
  const requests: SeenRequest[] = [];
  const throttles: ThrottleRule[] = [];
  const faults = new FaultInjector<SeenRequest>();
  const sockets = new Set<Socket>();
  let origin = "";
  let stopped = false;

  const meFor = (token: string): string => options.tokenUsers?.[token] ?? store.users[0]?.upn ?? "";

  async function handle(request: SimRequest): Promise<SimResponse> {
    const requestId = randomUUID();
    let response: SimResponse;
    try {
      response = await answer(request);
    } catch (e) {
      response =
        e instanceof ServiceError
          ? errorResponse(e)
          : errorResponse(
              new ServiceError(
                500,
                "ErrorInternalServerError",
                `Simulator failure: ${(e as Error).stack ?? String(e)}`,
              ),
            );
    }
    response.headers["request-id"] = requestId;
    const clientRequestId = request.headers["client-request-id"];
    if (clientRequestId) response.headers["client-request-id"] = clientRequestId;
    return response;
  }

  async function answer(request: SimRequest): Promise<SimResponse> {
    const url = new URL(request.url, "http://simulator.invalid");
    const m = /^\/api\/([^/]+)(\/.*)?$/i.exec(url.pathname);
    const version = m?.[1];
    if (!m || version === undefined || !isVersion(version)) {
      throw new ServiceError(
        404,
        "ResourceNotFound",
        `No service at ${url.pathname}; use /api/v1.0, /api/v2.0 or /api/beta.`,
      );
    }
    const auth = request.headers.authorization ?? "";
    const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    if (!token || !tokens.has(token)) {
      throw new ServiceError(
        401,
        "InvalidAuthenticationToken",
        token ? "Access token validation failure." : "Access token is empty.",
        {
          "www-authenticate": 'Bearer realm="", error="invalid_token"',
        },
      );
    }
    const me = store.user(meFor(token));
    if (!me) throw new ServiceError(401, "InvalidAuthenticationToken", "The token's user does not exist.");
    const vstore = store.version(version);
    const service = vstore.service;
    const prefer = parsePrefer(request.headers.prefer);
    const serviceRoot = `${origin}/api/${version}`;
    const tzPref = prefer.get("outlook.timezone");
    const bodyPref = prefer.get("outlook.body-content-type");
    const applied: string[] = [];
    const timeZone = version !== "v1.0" && typeof tzPref === "string" ? tzPref : undefined;
    const bodyType =
      version !== "v1.0" && typeof bodyPref === "string" && /^(text|html)$/i.test(bodyPref)
        ? (bodyPref.toLowerCase() as "text" | "html")
        : undefined;
    if (timeZone) applied.push(`outlook.timezone="${timeZone}"`);
    if (bodyType) applied.push(`outlook.body-content-type="${bodyType}"`);
    const rawPath = (m[2] ?? "").replace(/\/+$/, "");
    const ctx: RequestContext = {
      req: request,
      method: request.method.toUpperCase(),
      version,
      service,
      store,
      vstore,
      me,
      origin,
      serviceRoot,
      segments: splitPath(rawPath),
      rawPath,
      query: parseQueryString(url.search),
      prefer,
      applied,
      presentation: { service, version, serviceRoot, timeZone, bodyType },
      pageSize,
    };
    const pathRoute = router.pathRoute(ctx);
    const response = pathRoute ? await pathRoute.handle(ctx) : await router.dispatch(ctx, resolve(ctx, ctx.segments));
    if (applied.length > 0 && response.status < 400) response.headers["preference-applied"] = applied.join(", ");
    return response;
  }

  function throttled(seen: SeenRequest, version: string | undefined): SimResponse | undefined {
    const rule = throttles.find((t) => t.remaining > 0 && (t.match === undefined || t.match(seen)));
    if (!rule) return undefined;
    rule.remaining--;
    const headers: Record<string, string> = {
      "content-type": JSON_TYPE,
      "retry-after": String(rule.retryAfter),
      "rate-limit-reason": "Application is over its request limit for this mailbox.",
    };
    if (version !== "beta") {
      // Outlook (not Graph) sent these until February 2019; beta dropped them (fact sheet §2.6).
      headers["rate-limit-limit"] = "10000";
      headers["rate-limit-remaining"] = "0";
      headers["rate-limit-reset"] = new Date(store.now().getTime() + rule.retryAfter * 1000).toISOString();
    }
    return {
      status: 429,
      headers,
      body: JSON.stringify({
        error: { code: "ApplicationThrottled", message: "Application is over its request limit for this mailbox." },
      }),
    };
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = await readBody(req);
      const headers = headersOf(req);
      const request: SimRequest = { method: req.method ?? "GET", url: req.url ?? "/", headers, body };
      const seen: SeenRequest = {
        method: request.method,
        url: request.url,
        headers,
        body: body.toString("utf8"),
        anchorMailbox: headers["x-anchormailbox"],
      };
      requests.push(seen);
      if (options.cors && isPreflight(request)) {
        const preflight = preflightResponse(options.cors, headers);
        res.writeHead(preflight.status, preflight.headers);
        res.end();
        return;
      }
      const version = /^\/api\/([^/?]+)/i.exec(request.url)?.[1];
      const fault = faults.take(seen);
      if (fault?.kind === "hangup") {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === "delay") {
        await faults.wait(fault.ms);
        if (stopped) return; // still processed when the client gave up, as a real service would
      }
      let response = fault?.kind === "unavailable" ? unavailableResponse(fault.retryAfter) : throttled(seen, version);
      if (response) response.headers["request-id"] = randomUUID();
      else response = await handle(request);
      if (options.cors) addCorsHeaders(options.cors, headers, response);
      if (fault?.kind === "reset" || fault?.kind === "truncate") {
        writeBroken(res, response, fault);
        return;
      }
      res.statusCode = response.status;
      for (const [k, v] of Object.entries(response.headers)) res.setHeader(k, v);
      if (response.stream) {
        await response.stream(res);
        return;
      }
      res.end(response.body ?? undefined);
    })().catch((e: unknown) => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("content-type", JSON_TYPE);
      }
      res.end(JSON.stringify({ error: { code: "ErrorInternalServerError", message: String(e) } }));
    });
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    baseUrl: (version) => `${origin}/api/${version}`,
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    throttle: (n, retryAfterSeconds = 1, match) => {
      throttles.push({ remaining: n, retryAfter: retryAfterSeconds, match });
    },
    inject: (fault, scope) => faults.add(fault, scope),
    clearFaults: () => faults.clear(),
    store,
    router,
    handle,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      notifications.close();
      faults.cancel();
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

export type { SimRequest, SimResponse } from "./http.js";
export type { Version } from "./model.js";
