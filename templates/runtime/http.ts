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
  StreamOptions,
  UploadOptions,
} from "./types.js";
import {
  BatchFormatError,
  checkOption,
  discard,
  errorFromResponse,
  InvalidHeaderError,
  NetworkError,
  ODataError,
  readLimited,
  RedirectError,
  ResponseTooLargeError,
  setHeader,
} from "./errors.js";
import {
  abortable,
  isIdempotent,
  isRetriable,
  MAX_TIMER_MS,
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
 * cancellation, redirects.
 *
 * Redirects are fetched in "manual" mode and followed here, only within the origin of the URL that was redirected (at
 * most 10 in a row), with the same headers: 303, and 301/302 after a POST, continue as a GET without body; 307/308
 * keep method and body. A redirect to another origin is not followed at all: it rejects with RedirectError (carrying
 * the target), so neither the token nor x-AnchorMailbox nor the caller's headers (API keys) can reach another origin,
 * whatever the platform's fetch would have kept. In a browser, fetch hides every redirect in manual mode (an opaque
 * redirect): there any redirect rejects with RedirectError.
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
  checkOption(
    timeoutMs === undefined || (timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS),
    "timeoutMs",
    `above 0 and at most ${MAX_TIMER_MS} (ms)`,
    timeoutMs,
  );
  responseLimit(o);
  const maxAttempts = isResendable(body) ? policy.maxAttempts : 1;
  const signal = options?.signal;
  const fetchFn = o.fetch ?? globalThis.fetch; // called unbound: browsers reject fetch with a foreign `this`
  const started = Date.now();
  let waited = 0;
  // What a redirect may change: the URL, and (303, or 301/302 after POST) the method and body.
  let target = url;
  let verb = method;
  let payload = body;
  let payloadType = contentType;
  let redirects = 0;
  // Once a redirect has led to another origin, the rest goes without any header the client adds (see redirectTarget).
  let bare = false;
  for (let attempt = 1; ;) {
    signal?.throwIfAborted();
    const headers = bare
      ? new Headers()
      : await requestHeaders(ctx, verb, target, anchor, options, accept, payloadType, prefer);
    // Half duplex, which fetch asks for where the body is a stream: it goes as it is read, never retried nor sent again
    // on a redirect (isResendable).
    const init: RequestInit & { duplex: "half" } = { method: verb, headers, redirect: "manual", duplex: "half" };
    if (payload !== undefined) init.body = payload;
    const call = attemptSignal(signal, timeoutMs);
    if (call.signal) init.signal = call.signal;
    let response: Response | undefined;
    let error: unknown;
    // What was thrown would be thrown again (judged on the thrown error itself, even when a timeout came with it).
    let again = false;
    try {
      const got = await abortable(fetchFn(target, init), call.signal);
      call.clearTimer();
      // A fetch function that does not pass `redirect: "manual"` on follows redirects itself, headers and all: what
      // it brings back from another origin is not the service's answer.
      if (got.redirected && got.url !== "" && !sameOrigin(got.url, target)) {
        await discard(got);
        throw new RedirectError(verb, target, got.status, got.url, "the fetch function followed it to another origin");
      }
      if (got.ok) return got;
      response = got;
    } catch (e) {
      call.clearTimer();
      call.unlink();
      again = final(e);
      if (signal?.aborted) throw signal.reason; // never swallow the caller's abort into a retry
      if (!call.timedOut() && isAbortError(e)) throw e;
      error = call.timedOut()
        ? new TimeoutError(timeoutMs!, verb, target)
        : e instanceof ODataError || e instanceof NetworkError || final(e)
          ? e // already typed (e.g. a $batch part whose whole batch failed)
          : new NetworkError(verb, target, e);
    }
    // Without a response (a network error or timeout) the request may have been processed: only an idempotent one is
    // sent again. An unreadable $batch answer, or a redirect the fetch function followed, would come again.
    let retriable = isIdempotent(verb) && !again;
    let retryAfter: number | undefined;
    if (response) {
      const status = response.status;
      if (ctx.followRedirects !== false && isRedirect(response)) {
        call.unlink();
        await discard(response);
        const rewrite = status === 303 ? verb !== "HEAD" : status <= 302 && verb === "POST";
        const next = redirectTarget(response, verb, target, rewrite ? "GET" : verb, rewrite ? undefined : payload);
        if (++redirects > MAX_REDIRECTS)
          throw new RedirectError(verb, target, status, next.url, `over ${MAX_REDIRECTS} in a row`);
        if (rewrite) {
          verb = "GET";
          payload = undefined;
          payloadType = undefined;
        }
        bare ||= next.bare;
        target = next.url;
        continue; // the same attempt: a redirect is no failure
      }
      retryAfter = parseRetryAfter(response.headers.get("Retry-After"), Date.now());
      retriable = isRetriable(verb, status, retryAfter !== undefined);
    }
    const elapsed = Math.max(Date.now() - started, waited);
    const delay = retriable && attempt < maxAttempts ? nextRetryDelay(attempt, retryAfter, elapsed, policy) : undefined;
    if (delay === undefined) throw response ? await errorFromResponse(response, verb, target) : error;
    call.unlink();
    await discard(response);
    await abortable(policy.sleep(delay, signal), signal);
    waited += delay;
    attempt++;
  }
}

/** Errors that the same request would meet again: never retried. */
const final = (e: unknown): boolean => e instanceof BatchFormatError || e instanceof RedirectError;

const MAX_REDIRECTS = 10;
const REDIRECT_STATUS: readonly number[] = [301, 302, 303, 307, 308];

function isRedirect(response: Response): boolean {
  return response.type === "opaqueredirect" || REDIRECT_STATUS.includes(response.status);
}

/**
 * Where a redirect leads, when the client follows it; else RedirectError. Within the origin it is followed as it was
 * sent. To another origin (Graph's file downloads answer 302 to a pre-authorised URL elsewhere) only a GET or HEAD
 * without a body is followed, and `bare`: without the token, x-AnchorMailbox, ClientOptions.headers or any other
 * header the client adds, for the rest of the chain; a request with a body is not sent on (RedirectError).
 */
function redirectTarget(
  response: Response,
  method: string,
  url: string,
  nextMethod: string,
  nextBody: RequestBody | undefined,
): { readonly url: string; readonly bare: boolean } {
  const status = response.status;
  if (response.type === "opaqueredirect")
    throw new RedirectError(method, url, status, undefined, "the browser hides its target");
  const location = response.headers.get("Location");
  let next: string | undefined;
  try {
    next = location ? resolveUrl(location, url) : undefined;
  } catch {
    next = undefined;
  }
  if (next === undefined) throw new RedirectError(method, url, status, undefined, "no valid Location");
  if (!/^https?:/i.test(next)) throw new RedirectError(method, url, status, next, "not http(s)");
  const bare = !sameOrigin(next, url);
  if (bare && (nextBody !== undefined || (nextMethod !== "GET" && nextMethod !== "HEAD")))
    throw new RedirectError(method, url, status, next, "only a GET or HEAD without body leaves the origin");
  // The body goes on (307 and 308, and 301 and 302 of anything but a POST): a stream was read already.
  if (!isResendable(nextBody))
    throw new RedirectError(method, url, status, next, "a streamed body cannot be sent again");
  return { url: next, bare };
}

const DEFAULT_MAX_RESPONSE_BYTES = 100 * 1024 * 1024;

/** ClientOptions.maxResponseBytes, checked (before anything is sent). */
function responseLimit(o: ClientContext["options"]): number {
  const limit = o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  checkOption(Number.isSafeInteger(limit) && limit > 0, "maxResponseBytes", "a positive integer", limit);
  return limit;
}

/** A response body as text (UTF-8), read as readBody reads it. */
export async function readText(ctx: ClientContext, response: Response, method: string): Promise<string> {
  return new TextDecoder().decode(await readBody(ctx, response, method));
}

/**
 * A whole response body, read up to ClientOptions.maxResponseBytes (ResponseTooLargeError beyond it, the rest
 * cancelled); a connection cut while it streams in is a NetworkError (an abort stays an abort).
 */
export async function readBody(ctx: ClientContext, response: Response, method: string): Promise<Uint8Array> {
  const limit = responseLimit(ctx.options);
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readLimited(response, limit);
  } catch (e) {
    if (isAbortError(e)) throw e;
    throw new NetworkError(method, response.url, e);
  }
  if (bytes === undefined) throw new ResponseTooLargeError(method, response.url, limit);
  return bytes;
}

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
  if (accept) setHeader(headers, "Accept", accept);
  if (contentType) setHeader(headers, "Content-Type", contentType);
  // Credentials and the caller's headers go only to the service's own origin, never to a host a nextLink names.
  if (sameOrigin(url, ctx.baseUrl)) {
    const token = await o.getAccessToken?.({ url, method });
    if (token) setHeader(headers, "Authorization", `Bearer ${token}`);
    const mailbox = anchor === undefined ? o.anchorMailbox : anchor;
    const value = o.sendAnchorMailbox && mailbox ? anchorValue(mailbox) : undefined;
    if (value) setHeader(headers, "x-AnchorMailbox", value);
    for (const [k, v] of Object.entries({ ...o.headers, ...options?.headers })) setHeader(headers, k, v);
  }
  // A Prefer among the caller's headers stays, and the typed and raw preferences follow it.
  if (prefer) setHeader(headers, "Prefer", [headers.get("Prefer"), prefer].filter((v) => v).join(", "));
  if (options?.ifMatch) setHeader(headers, "If-Match", options.ifMatch);
  return headers;
}

const ASCII = /^[\x20-\x7e]*$/;

/**
 * The x-AnchorMailbox value for a mailbox address (a users(key) UPN or ClientOptions.anchorMailbox). Outlook takes an
 * SMTP address there, and an HTTP header carries no Unicode: an internationalised domain goes as its IDNA (punycode)
 * form, and an address whose local part is not ASCII (SMTPUTF8) gets no anchor at all. The header is a routing hint:
 * the request still addresses the mailbox by its URL, percent-encoded as UTF-8. A control character (CR, LF, …)
 * throws InvalidHeaderError before anything is sent.
 */
function anchorValue(mailbox: string): string | undefined {
  if (CONTROL.test(mailbox) || /[\u0080-\u009f\u2028\u2029]/.test(mailbox))
    throw new InvalidHeaderError("x-AnchorMailbox", "control character in the mailbox address");
  if (ASCII.test(mailbox)) return mailbox;
  const at = mailbox.lastIndexOf("@");
  const local = mailbox.slice(0, at);
  const domain = mailbox.slice(at + 1);
  if (at <= 0 || !ASCII.test(local) || !/^[^\s/?#:@[\]\\%]+$/u.test(domain)) return undefined;
  try {
    const host = new URL(`http://${domain}`).hostname;
    return ASCII.test(host) && host !== "" ? `${local}@${host}` : undefined;
  } catch {
    return undefined; // not a valid internationalised domain name
  }
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
  const controller = timeoutMs === undefined ? undefined : new AbortController();
  let timedOut = false;
  // Still forwarded after the headers arrive, so the caller's abort also cancels reading the body.
  const forward = (): void => controller?.abort(caller?.reason);
  if (controller) caller?.addEventListener("abort", forward, { once: true });
  const timer =
    controller &&
    setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`Timed out after ${timeoutMs} ms`, "TimeoutError"));
    }, timeoutMs);
  return {
    signal: controller ? controller.signal : caller,
    timedOut: () => timedOut,
    clearTimer: () => clearTimeout(timer),
    unlink: () => caller?.removeEventListener("abort", forward),
  };
}

function isAbortError(e: unknown): boolean {
  return (e as { name?: unknown } | undefined)?.name === "AbortError";
}

/**
 * Bodies that can be sent again: none, strings, binary, Blob, URLSearchParams, FormData (globals in Node 18 and every
 * browser). A ReadableStream (or anything else) is read once.
 */
function isResendable(body: RequestBody | undefined): boolean {
  return (
    body === undefined ||
    typeof body === "string" ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof Blob ||
    body instanceof URLSearchParams ||
    body instanceof FormData
  );
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** The Prefer header value: typed preferences (request over client) first, then the raw strings; "" if none. */
function preferHeader(client: PreferOptions | undefined, request: RequestOptions | undefined): string {
  const pick = <K extends keyof PreferOptions>(key: K): PreferOptions[K] => request?.[key] ?? client?.[key];
  const timeZone = pick("timeZone");
  const bodyContentType = pick("bodyContentType");
  const maxPageSize = pick("maxPageSize");
  const values: string[] = [];
  if (timeZone !== undefined) {
    const valid = typeof timeZone === "string" && /^[^"\u0000-\u001f\u007f]+$/.test(timeZone);
    checkOption(valid, "timeZone", "a string without quotes or control characters", timeZone);
    values.push(`outlook.timezone="${timeZone}"`);
  }
  if (bodyContentType !== undefined) {
    checkOption(
      bodyContentType === "text" || bodyContentType === "html",
      "bodyContentType",
      '"text" or "html"',
      bodyContentType,
    );
    values.push(`outlook.body-content-type="${bodyContentType}"`);
  }
  if (pick("allowUnsafeHtml") === true) values.push("outlook.allow-unsafe-html");
  if (maxPageSize !== undefined) {
    checkOption(
      Number.isSafeInteger(maxPageSize) && maxPageSize >= 1,
      "maxPageSize",
      "a positive integer",
      maxPageSize,
    );
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

async function readJson<T>(ctx: ClientContext, response: Response, method: string): Promise<T> {
  const text = await readText(ctx, response, method);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Builds URL and headers, sends `body` as JSON, throws ODataError for non-2xx. */
export async function send(ctx: ClientContext, request: HttpRequest): Promise<Response> {
  return sendTo(ctx, request.method, request.path, request.query, request.body, request.options);
}

/**
 * Builds the URL and sends: `body` as JSON, or as it is when a `contentType` is given ("" for none). No body: neither a body nor a
 * Content-Type header (undefined arguments are as good as absent ones). `accept` "": no Accept header. Takes
 * sendJson's arguments, and answers with the Response itself (an action returning Edm.Stream).
 */
export function sendTo(
  ctx: ClientContext,
  method: string,
  path: Path,
  query: QueryOptions<any> | undefined,
  body: unknown,
  options: RequestOptions | undefined,
  accept = JSON_TYPE,
  contentType?: string,
): Promise<Response> {
  const json = body !== undefined && contentType === undefined;
  return execute(
    ctx,
    method,
    buildUrl(ctx, path, query),
    path.anchor,
    options,
    accept,
    json ? JSON.stringify(body) : (body as RequestBody | undefined),
    json ? JSON_TYPE : contentType,
  );
}

/** Sends a request (`body` as JSON when not undefined) and reads its JSON answer; undefined for an empty body. */
export async function sendJson<T>(
  ctx: ClientContext,
  method: HttpRequest["method"],
  path: Path,
  query: QueryOptions<any> | undefined,
  body: unknown,
  options: RequestOptions | undefined,
): Promise<T> {
  return readJson(ctx, await sendTo(ctx, method, path, query, body, options), method);
}

export async function getEntity<T>(
  ctx: ClientContext,
  path: Path,
  query?: QueryOptions<any>,
  options?: RequestOptions,
): Promise<ODataEntity<T>> {
  return sendJson(ctx, "GET", path, query, undefined, options);
}

export async function listEntities<T>(
  ctx: ClientContext,
  path: Path,
  query?: QueryOptions<any>,
  options?: RequestOptions,
): Promise<ODataCollection<T>> {
  return sendJson(ctx, "GET", path, query, undefined, options);
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
  // Every link followed in this iteration: a link back to any of them (a cycle through 1, 2 or N pages) ends it, as
  // those pages were read already. One entry per page read, so it grows no faster than the pages themselves.
  // Compared in URL's own form, so `HTTPS://h:443/a` is the page `https://h/a`.
  const followed = new Set<string>();
  const key = (u: string): string => {
    try {
      return new URL(u).href;
    } catch {
      return u;
    }
  };
  while (url !== undefined) {
    followed.add(key(url));
    options?.signal?.throwIfAborted();
    const page: ODataCollection<T> = await readJson(
      ctx,
      await execute(ctx, "GET", url, path.anchor, options, JSON_TYPE),
      "GET",
    );
    yield page;
    const next: string | undefined = page["@odata.nextLink"];
    const resolved: string | undefined = next ? resolveUrl(next, payloadBase(page, url)) : undefined;
    url = resolved !== undefined && !followed.has(key(resolved)) ? resolved : undefined;
  }
}

/**
 * The base URL of the relative URLs in a response payload (OData JSON format, "Relative URLs"): its context URL,
 * resolved against the request URL; the request URL itself when there is no context.
 */
export function payloadBase(payload: unknown, requestUrl: string): string {
  const context = (payload as Record<string, unknown> | null | undefined)?.["@odata.context"];
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
/** GET `…/$count`, with `$filter`/`$search` where given (URL conventions §4.8), as a number. */
export async function countEntities(
  ctx: ClientContext,
  path: Path,
  options?: RequestOptions,
  query?: QueryOptions<any>,
): Promise<number> {
  const response = await sendTo(ctx, "GET", path.nav("$count"), query, undefined, options, "text/plain");
  const text = (await readText(ctx, response, "GET")).trim();
  const n = Number(text);
  if (text === "" || !Number.isFinite(n))
    throw new TypeError(`Invalid $count from ${buildUrl(ctx, path.nav("$count"))}: ${text.slice(0, 100)}`);
  return n;
}

export async function createEntity<T>(
  ctx: ClientContext,
  path: Path,
  body: unknown,
  options?: RequestOptions,
): Promise<ODataEntity<T>> {
  return sendJson(ctx, "POST", path, undefined, body, options);
}

/** PATCH; undefined for 204 No Content. */
export async function updateEntity<T>(
  ctx: ClientContext,
  path: Path,
  body: unknown,
  options?: RequestOptions,
): Promise<ODataEntity<T> | undefined> {
  return sendJson(ctx, "PATCH", path, undefined, body, options);
}

/** PUT; undefined for 204 No Content. */
export async function replaceEntity<T>(
  ctx: ClientContext,
  path: Path,
  body: unknown,
  options?: RequestOptions,
): Promise<ODataEntity<T> | undefined> {
  return sendJson(ctx, "PUT", path, undefined, body, options);
}

export async function deleteEntity(ctx: ClientContext, path: Path, options?: RequestOptions): Promise<void> {
  await (await sendTo(ctx, "DELETE", path, undefined, undefined, options)).body?.cancel();
}

/** POST to a bound or unbound action; `params` is the JSON body (none if undefined). Empty response → undefined. */
export async function invokeAction<R>(
  ctx: ClientContext,
  path: Path,
  params: unknown,
  options?: RequestOptions,
): Promise<R> {
  return sendJson(ctx, "POST", path, undefined, params, options);
}

/** GET a function (path ends with a call segment). */
export async function invokeFunction<R>(
  ctx: ClientContext,
  path: Path,
  query?: QueryOptions<any>,
  options?: RequestOptions,
): Promise<R> {
  return sendJson(ctx, "GET", path, query, undefined, options);
}

/**
 * GET a raw stream (e.g. $value): with the query given (a stream function's), else the options' raw query parameters
 * (`format`), and never the other request options; the caller reads the Response.
 */
export async function getStream(
  ctx: ClientContext,
  path: Path,
  options?: StreamOptions,
  query: QueryOptions<any> | undefined = options?.params && { params: options.params },
): Promise<Response> {
  return sendTo(ctx, "GET", path, query, undefined, options, "");
}

/**
 * PUT a body as it is (a Blob, bytes or a ReadableStream, which is streamed, never buffered), with the given content
 * type, else a Blob's own, else application/octet-stream. The caller reads the Response.
 */
export function putBody(ctx: ClientContext, path: Path, body: RequestBody, options?: UploadOptions): Promise<Response> {
  const type = options?.contentType ?? ((body instanceof Blob && body.type) || "application/octet-stream");
  return sendTo(ctx, "PUT", path, undefined, body, options, "", type);
}

/** PUT a body as it is with the given content type (putBody), its answer's body let go: `setContent`'s older form. */
export async function putStream(
  ctx: ClientContext,
  path: Path,
  body: RequestBody,
  contentType: string,
  options?: RequestOptions,
): Promise<void> {
  await (await putBody(ctx, path, body, { ...options, contentType })).body?.cancel();
}
