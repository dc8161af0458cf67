// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
import type { ClientContext } from "./context.js";
import type { Path } from "./path.js";
import type { ODataCollection, ODataEntity, QueryOptions, RequestOptions } from "./types.js";
import { errorFromResponse } from "./errors.js";
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

/** Sends one request to an already built URL; throws ODataError for non-2xx responses. */
async function execute(
  ctx: ClientContext,
  method: string,
  url: string,
  anchor: string | null | undefined,
  options: RequestOptions | undefined,
  accept: string | undefined,
  body?: BodyInit,
  contentType?: string,
): Promise<Response> {
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
  if (options?.prefer?.length) headers.set("Prefer", options.prefer.join(", "));
  if (options?.ifMatch) headers.set("If-Match", options.ifMatch);
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = body;
  if (options?.signal) init.signal = options.signal;
  const fetchFn = o.fetch ?? globalThis.fetch; // called unbound: browsers reject fetch with a foreign `this`
  const response = await fetchFn(url, init);
  if (!response.ok) throw await errorFromResponse(response, method, url);
  return response;
}

function sameOrigin(url: string, baseUrl: string): boolean {
  try {
    const base = typeof location === "undefined" ? undefined : location.href;
    return new URL(url, base).origin === new URL(baseUrl, base).origin;
  } catch {
    return false;
  }
}

/** The `value` of an OData response that wraps a primitive result. */
export async function unwrapValue<T>(response: Promise<{ readonly value: T }>): Promise<T> {
  return (await response).value;
}

async function readJson<T>(response: Response): Promise<T> {
  const text = await response.text();
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
  return readJson(await send(ctx, { method: "GET", path, query, options }));
}

export async function listEntities<T>(
  ctx: ClientContext,
  path: Path,
  query?: QueryOptions<any>,
  options?: RequestOptions,
): Promise<ODataCollection<T>> {
  return readJson(await send(ctx, { method: "GET", path, query, options }));
}

/** Pages of a collection, following @odata.nextLink (relative links resolve against the request URL). */
export async function* listPages<T>(
  ctx: ClientContext,
  path: Path,
  query?: QueryOptions<any>,
  options?: RequestOptions,
): AsyncIterable<ODataCollection<T>> {
  let url: string | undefined = buildUrl(ctx, path, query);
  while (url !== undefined) {
    options?.signal?.throwIfAborted();
    const page: ODataCollection<T> = await readJson(await execute(ctx, "GET", url, path.anchor, options, JSON_TYPE));
    yield page;
    const next: string | undefined = page["@odata.nextLink"];
    const resolved: string | undefined = next ? resolveUrl(next, url) : undefined;
    url = resolved === url ? undefined : resolved; // a link to itself would loop forever
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
  return readJson(await send(ctx, { method: "POST", path, body, options }));
}

/** PATCH; undefined for 204 No Content. */
export async function updateEntity<T>(
  ctx: ClientContext,
  path: Path,
  body: unknown,
  options?: RequestOptions,
): Promise<ODataEntity<T> | undefined> {
  return readJson(await send(ctx, { method: "PATCH", path, body, options }));
}

/** PUT; undefined for 204 No Content. */
export async function replaceEntity<T>(
  ctx: ClientContext,
  path: Path,
  body: unknown,
  options?: RequestOptions,
): Promise<ODataEntity<T> | undefined> {
  return readJson(await send(ctx, { method: "PUT", path, body, options }));
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
  return readJson(await send(ctx, { method: "POST", path, body: params, options }));
}

/** GET a function (path ends with a call segment). */
export async function invokeFunction<R>(
  ctx: ClientContext,
  path: Path,
  query?: QueryOptions<any>,
  options?: RequestOptions,
): Promise<R> {
  return readJson(await send(ctx, { method: "GET", path, query, options }));
}

/** GET a raw stream (e.g. $value); the caller reads the Response. */
export async function getStream(ctx: ClientContext, path: Path, options?: RequestOptions): Promise<Response> {
  return execute(ctx, "GET", buildUrl(ctx, path), path.anchor, options, undefined);
}

export async function putStream(
  ctx: ClientContext,
  path: Path,
  body: BodyInit,
  contentType: string,
  options?: RequestOptions,
): Promise<void> {
  const response = await execute(ctx, "PUT", buildUrl(ctx, path), path.anchor, options, undefined, body, contentType);
  await response.body?.cancel();
}
