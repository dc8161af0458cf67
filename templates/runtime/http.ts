// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
import type { ClientContext } from "./context.js";
import type { Path } from "./path.js";
import type {
  ODataCollection,
  ODataEntity,
  PreferOptions,
  QueryOptions,
  RequestBody,
  RequestOptions,
} from "./types.js";
import { errorFromResponse, NetworkError, ODataError } from "./errors.js";
import {
  abortable,
  isIdempotent,
  isRetriable,
  nextRetryDelay,
  parseRetryAfter,
  retryPolicy,
  TimeoutError,
} from "./retry.js";
import { buildUrl } from "./url.js";

export interface HttpRequest {
  readonly method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  readonly path: Path;
  readonly query?: QueryOptions<any> | undefined;
  /** Sent as JSON when not undefined. */
  readonly body?: unknown;
  readonly options?: RequestOptions | undefined;
}

const JSON_TYPE = "application/json";

/**
 * Sends a request to an already built URL; throws ODataError for non-2xx responses. The one place every request goes
 * through: auth, anchor, Prefer header, retries (ClientOptions.retry), per-attempt timeouts (ClientOptions.timeoutMs),
 * cancellation.
 */
export async function execute(
  ctx: ClientContext,
  method: string,
  url: string,
  anchor: string | null | undefined,
  options: RequestOptions | undefined,
  accept: string | undefined,
  body?: RequestBody,
  contentType?: string,
): Promise<Response> {
  const o = ctx.options;
  // Invalid options fail before anything is sent.
  const prefer = preferHeader(o.prefer, options);
  const policy = retryPolicy(o.retry);
  const timeoutMs = o.timeoutMs;
  if (timeoutMs !== undefined && !(timeoutMs > 0 && timeoutMs <= MAX_TIMEOUT_MS))
    throw new TypeError(`timeoutMs must be a positive number of ms, got ${timeoutMs}`);
  const maxAttempts = isResendable(body) ? policy.maxAttempts : 1;
  const signal = options?.signal;
  const fetchFn = o.fetch ?? globalThis.fetch; // called unbound: browsers reject fetch with a foreign `this`
  const started = Date.now();
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    const headers = await requestHeaders(ctx, method, url, anchor, options, accept, contentType, prefer);
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = body;
    const call = attemptSignal(signal, timeoutMs);
    if (call.signal) init.signal = call.signal;
    let response: Response | undefined;
    let error: unknown;
    let retryAfter: number | undefined;
    let retriable: boolean;
    try {
      response = await abortable(fetchFn(url, init), call.signal);
      call.clearTimer();
      if (response.ok) return response;
      retryAfter = parseRetryAfter(response.headers.get("Retry-After"), Date.now());
      retriable = isRetriable(method, response.status, retryAfter !== undefined);
    } catch (e) {
      call.clearTimer();
      call.unlink();
      if (signal?.aborted) throw signal.reason; // never swallow the caller's abort into a retry
      if (!call.timedOut() && isAbortError(e)) throw e;
      error =
        call.timedOut() && timeoutMs !== undefined
          ? new TimeoutError(timeoutMs, method, url)
          : e instanceof ODataError || e instanceof NetworkError
            ? e // already typed (e.g. a $batch part whose whole batch failed)
            : new NetworkError(method, url, e);
      retriable = isIdempotent(method); // network error or timeout: the request may have been processed
    }
    const elapsed = Math.max(Date.now() - started, waited);
    const delay = retriable && attempt < maxAttempts ? nextRetryDelay(attempt, retryAfter, elapsed, policy) : undefined;
    if (delay === undefined) throw response ? await errorFromResponse(response, method, url) : error;
    call.unlink();
    await response?.body?.cancel().catch(() => undefined);
    await abortable(policy.sleep(delay, signal), signal);
    waited += delay;
  }
}

const MAX_TIMEOUT_MS = 2_147_483_647; // setTimeout's limit

/** Headers of one attempt; the token is asked for again on every attempt (a retry may come after it expired). */
async function requestHeaders(
  ctx: ClientContext,
  method: string,
  url: string,
  anchor: string | null | undefined,
  options: RequestOptions | undefined,
  accept: string | undefined,
  contentType: string | undefined,
  prefer: string,
): Promise<Headers> {
  const o = ctx.options;
  const headers = new Headers();
  if (accept) headers.set("Accept", accept);
  if (contentType) headers.set("Content-Type", contentType);
  // Credentials and the caller's headers go only to the service's own origin, never to a host a nextLink names.
  if (sameOrigin(url, ctx.baseUrl)) {
    const token = await o.getAccessToken?.({ url, method });
    if (token) headers.set("Authorization", `Bearer ${token}`);
    const mailbox = anchor === undefined ? o.anchorMailbox : anchor;
    if (o.sendAnchorMailbox && mailbox) headers.set("x-AnchorMailbox", mailbox);
    for (const [k, v] of Object.entries({ ...o.headers, ...options?.headers })) headers.set(k, v);
  }
  // A Prefer among the caller's headers stays, and the typed and raw preferences follow it.
  if (prefer) headers.set("Prefer", [headers.get("Prefer"), prefer].filter((v) => v).join(", "));
  if (options?.ifMatch) headers.set("If-Match", options.ifMatch);
  return headers;
}

interface AttemptSignal {
  /** The signal for this attempt's fetch: the caller's own when there is no timeout. */
  readonly signal: AbortSignal | undefined;
  readonly timedOut: () => boolean;
  /** Stops the timeout (the response headers arrived, or the attempt failed). */
  readonly clearTimer: () => void;
  /** Stops forwarding the caller's abort to this attempt (it is over and will be retried). */
  readonly unlink: () => void;
}

function attemptSignal(caller: AbortSignal | undefined, timeoutMs: number | undefined): AttemptSignal {
  if (timeoutMs === undefined)
    return { signal: caller, timedOut: () => false, clearTimer: () => undefined, unlink: () => undefined };
  const controller = new AbortController();
  let timedOut = false;
  // Still forwarded after the headers arrive, so the caller's abort also cancels reading the body.
  const forward = (): void => controller.abort(caller?.reason);
  caller?.addEventListener("abort", forward, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`Timed out after ${timeoutMs} ms`, "TimeoutError"));
  }, timeoutMs);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clearTimer: () => clearTimeout(timer),
    unlink: () => caller?.removeEventListener("abort", forward),
  };
}

function isAbortError(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "AbortError";
}

/** Bodies that can be sent again: none, strings and binary. A ReadableStream (or anything else) is read once. */
function isResendable(body: RequestBody | undefined): boolean {
  return (
    body === undefined ||
    typeof body === "string" ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    (typeof Blob !== "undefined" && body instanceof Blob) ||
    (typeof URLSearchParams !== "undefined" && body instanceof URLSearchParams) ||
    (typeof FormData !== "undefined" && body instanceof FormData)
  );
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** The Prefer header value: typed preferences (request over client) first, then the raw strings; "" if none. */
function preferHeader(client: PreferOptions | undefined, request: RequestOptions | undefined): string {
  const timeZone = request?.timeZone ?? client?.timeZone;
  const bodyContentType = request?.bodyContentType ?? client?.bodyContentType;
  const allowUnsafeHtml = request?.allowUnsafeHtml ?? client?.allowUnsafeHtml;
  const maxPageSize = request?.maxPageSize ?? client?.maxPageSize;
  const values: string[] = [];
  if (timeZone !== undefined) {
    if (typeof timeZone !== "string" || !timeZone || timeZone.includes('"') || CONTROL.test(timeZone))
      throw new TypeError(
        `Invalid timeZone ${JSON.stringify(timeZone)}: a non-empty name without quotes or control characters`,
      );
    values.push(`outlook.timezone="${timeZone}"`);
  }
  if (bodyContentType !== undefined) {
    if (bodyContentType !== "text" && bodyContentType !== "html")
      throw new TypeError(`Invalid bodyContentType ${JSON.stringify(bodyContentType)}: "text" or "html"`);
    values.push(`outlook.body-content-type="${bodyContentType}"`);
  }
  if (allowUnsafeHtml === true) values.push("outlook.allow-unsafe-html");
  if (maxPageSize !== undefined) {
    if (!Number.isSafeInteger(maxPageSize) || maxPageSize < 1)
      throw new TypeError(`Invalid maxPageSize ${String(maxPageSize)}: a positive integer`);
    values.push(`odata.maxpagesize=${maxPageSize}`);
  }
  if (request?.prefer) values.push(...request.prefer);
  return values.join(", ");
}

/**
 * The preferences the service applied, from the Preference-Applied header: e.g.
 * ['outlook.body-content-type="text"', "odata.track-changes"]. Commas inside quoted values do not split. [] if absent.
 */
export function preferenceApplied(response: Response): string[] {
  const header = response.headers.get("Preference-Applied");
  if (!header) return [];
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const c = header.charAt(i);
    if (quoted && c === "\\" && i + 1 < header.length) {
      current += c + header.charAt(++i);
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === "," && !quoted) {
      out.push(current);
      current = "";
    } else current += c;
  }
  out.push(current);
  return out.map((p) => p.trim()).filter((p) => p !== "");
}

function sameOrigin(url: string, baseUrl: string): boolean {
  try {
    // The page's address in a browser; `location` is not declared without the DOM lib.
    const base = (globalThis as { location?: { href?: string } }).location?.href;
    return new URL(url, base).origin === new URL(baseUrl, base).origin;
  } catch {
    return false;
  }
}

/** The `value` of an OData response that wraps a primitive result. */
export async function unwrapValue<T>(response: Promise<{ readonly value: T }>): Promise<T> {
  return (await response).value;
}

async function readJson<T>(response: Response, method: string): Promise<T> {
  let text: string;
  try {
    text = await response.text();
  } catch (e) {
    // A connection cut while the body streams in: typed like any other connection failure (an abort stays an abort).
    if (isAbortError(e)) throw e;
    throw new NetworkError(method, response.url, e);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Builds URL and headers, sends `body` as JSON, throws ODataError for non-2xx. */
export async function send(ctx: ClientContext, request: HttpRequest): Promise<Response> {
  const { body } = request;
  const url = buildUrl(ctx, request.path, request.query);
  return body === undefined
    ? execute(ctx, request.method, url, request.path.anchor, request.options, JSON_TYPE)
    : execute(
        ctx,
        request.method,
        url,
        request.path.anchor,
        request.options,
        JSON_TYPE,
        JSON.stringify(body),
        JSON_TYPE,
      );
}

export async function getEntity<T>(
  ctx: ClientContext,
  path: Path,
  query?: QueryOptions<any>,
  options?: RequestOptions,
): Promise<ODataEntity<T>> {
  return readJson(await send(ctx, { method: "GET", path, query, options }), "GET");
}

export async function listEntities<T>(
  ctx: ClientContext,
  path: Path,
  query?: QueryOptions<any>,
  options?: RequestOptions,
): Promise<ODataCollection<T>> {
  return readJson(await send(ctx, { method: "GET", path, query, options }), "GET");
}

/**
 * Pages of a collection, following @odata.nextLink. A relative link resolves against the page's @odata.context (itself
 * relative to the request URL), or against the request URL when the page has no context, as the OData JSON format says.
 */
export async function* listPages<T>(
  ctx: ClientContext,
  path: Path,
  query?: QueryOptions<any>,
  options?: RequestOptions,
): AsyncIterable<ODataCollection<T>> {
  let url: string | undefined = buildUrl(ctx, path, query);
  while (url !== undefined) {
    options?.signal?.throwIfAborted();
    const page: ODataCollection<T> = await readJson(
      await execute(ctx, "GET", url, path.anchor, options, JSON_TYPE),
      "GET",
    );
    yield page;
    const next: string | undefined = page["@odata.nextLink"];
    const resolved: string | undefined = next ? resolveUrl(next, payloadBase(page, url)) : undefined;
    url = resolved === url ? undefined : resolved; // a link to itself would loop forever
  }
}

/**
 * The base URL of the relative URLs in a response payload (OData JSON format, "Relative URLs"): its context URL,
 * resolved against the request URL; the request URL itself when there is no context.
 */
export function payloadBase(payload: unknown, requestUrl: string): string {
  const context =
    typeof payload === "object" && payload !== null
      ? (payload as Record<string, unknown>)["@odata.context"]
      : undefined;
  if (typeof context !== "string" || context === "") return requestUrl;
  try {
    return resolveUrl(context, requestUrl);
  } catch {
    return requestUrl; // an unparsable context: the request URL is the best base left
  }
}

function resolveUrl(ref: string, base: string): string {
  if (/^[a-z][a-z\d+.-]*:/i.test(ref)) return ref; // absolute: keep as given
  // A relative baseUrl (e.g. "/api" behind a proxy) resolves against the page location in browsers.
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  return new URL(ref, page === undefined ? base : new URL(base, page)).href;
}

/** The entities of every page. */
export async function* listAll<T>(
  ctx: ClientContext,
  path: Path,
  query?: QueryOptions<any>,
  options?: RequestOptions,
): AsyncIterable<ODataEntity<T>> {
  for await (const page of listPages<T>(ctx, path, query, options)) yield* page.value;
}

/** GET path/$count (`path` is given without $count). */
export async function countEntities(ctx: ClientContext, path: Path, options?: RequestOptions): Promise<number> {
  const url = buildUrl(ctx, path.nav("$count"));
  const text = (await (await execute(ctx, "GET", url, path.anchor, options, "text/plain")).text()).trim();
  const n = Number(text);
  if (text === "" || !Number.isFinite(n))
    throw new TypeError(`Invalid $count response from ${url}: ${text.slice(0, 100)}`);
  return n;
}

export async function createEntity<T>(
  ctx: ClientContext,
  path: Path,
  body: unknown,
  options?: RequestOptions,
): Promise<ODataEntity<T>> {
  return readJson(await send(ctx, { method: "POST", path, body, options }), "POST");
}

/** PATCH; undefined for 204 No Content. */
export async function updateEntity<T>(
  ctx: ClientContext,
  path: Path,
  body: unknown,
  options?: RequestOptions,
): Promise<ODataEntity<T> | undefined> {
  return readJson(await send(ctx, { method: "PATCH", path, body, options }), "PATCH");
}

/** PUT; undefined for 204 No Content. */
export async function replaceEntity<T>(
  ctx: ClientContext,
  path: Path,
  body: unknown,
  options?: RequestOptions,
): Promise<ODataEntity<T> | undefined> {
  return readJson(await send(ctx, { method: "PUT", path, body, options }), "PUT");
}

export async function deleteEntity(ctx: ClientContext, path: Path, options?: RequestOptions): Promise<void> {
  await (await send(ctx, { method: "DELETE", path, options })).body?.cancel();
}

/** POST to a bound or unbound action; `params` is the JSON body (none if undefined). Empty response → undefined. */
export async function invokeAction<R>(
  ctx: ClientContext,
  path: Path,
  params: unknown,
  options?: RequestOptions,
): Promise<R> {
  return readJson(await send(ctx, { method: "POST", path, body: params, options }), "POST");
}

/** GET a function (path ends with a call segment). */
export async function invokeFunction<R>(
  ctx: ClientContext,
  path: Path,
  query?: QueryOptions<any>,
  options?: RequestOptions,
): Promise<R> {
  return readJson(await send(ctx, { method: "GET", path, query, options }), "GET");
}

/** GET a raw stream (e.g. $value); the caller reads the Response. */
export async function getStream(ctx: ClientContext, path: Path, options?: RequestOptions): Promise<Response> {
  return execute(ctx, "GET", buildUrl(ctx, path), path.anchor, options, undefined);
}

export async function putStream(
  ctx: ClientContext,
  path: Path,
  body: RequestBody,
  contentType: string,
  options?: RequestOptions,
): Promise<void> {
  const response = await execute(ctx, "PUT", buildUrl(ctx, path), path.anchor, options, undefined, body, contentType);
  await response.body?.cancel();
}
