// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
//
// The typed escape hatch: a request to any URL of the service that the generated nodes cannot express (OneDrive's
// `root:/path:` addressing, upload sessions, a new API), sent the way every node sends: token, x-AnchorMailbox,
// headers, Prefer, retries, timeouts, redirects, typed errors, and $batch when the node comes from Batch.add.
// A standalone function, so an app that never calls it does not bundle it.
import type { ClientContext } from "./context.js";
import { execute, readText } from "./http.js";
import { nodeState } from "./node.js";
import { formatQueryString } from "./query.js";
import type { RequestBody, RequestOptions } from "./types.js";
import { renderPath } from "./url.js";

export interface ServiceRequest extends RequestOptions {
  /** Default "GET". */
  readonly method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE" | undefined;
  /**
   * What to address, below the node given to request(): `"me/drive/items"` below the client (the service root),
   * `"children"` below `client.me.drive.root`. A leading "/" is the same as none; a leading ":" continues the node's
   * last segment (OneDrive's path addressing: `":/folder/file.txt:/content"` below `client.me.drive.root`). Written
   * as it goes on the wire: percent-encode what a segment needs. It may not name another origin (an absolute URL, a
   * `//host`), climb above the service root with `..`, or hold a `?`, `#` or `\`: RequestPathError, before anything is
   * sent. Query parameters go in `query`.
   */
  readonly path?: string | undefined;
  /** Query parameters, names as they go on the wire (`{ $select: "id,name", format: "pdf" }`); values percent-encoded. */
  readonly query?: Readonly<Record<string, string | number | boolean>> | undefined;
  /**
   * The request body. Blob, ArrayBuffer, a typed array, ReadableStream, URLSearchParams, FormData and strings go as
   * they are (a ReadableStream streams, and is not sent again on a retry); anything else goes as JSON.
   */
  readonly body?: unknown;
  /** Content-Type of a body that does not go as JSON; default the Blob's type, else application/octet-stream. */
  readonly contentType?: string | undefined;
  /** "json" (default): the body parsed as JSON (undefined when empty). "response": the Response, its body unread. */
  readonly responseType?: "json" | "response" | undefined;
}

/** A request() path that would leave the service (another origin, or above its root), refused before sending. */
export class RequestPathError extends TypeError {
  override readonly name = "RequestPathError";
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`request(): the path "${path.slice(0, 200)}" ${problem}`);
    this.path = path;
  }
}

/**
 * Sends a request to any URL of the service, below `node` (the client itself, or any node of it), with everything a
 * node's own verbs use. Resolves with the JSON body, typed as the caller says, or with the Response
 * (`responseType: "response"`); non-2xx answers reject with ODataError, as everywhere.
 * `await request<DriveItem>(client.me.drive.root, { path: ":/folder/file.txt:" })`
 */
export function request(node: object, init: ServiceRequest & { readonly responseType: "response" }): Promise<Response>;
export function request<T = unknown>(node: object, init?: ServiceRequest): Promise<T>;
export async function request(node: object, init: ServiceRequest = {}): Promise<unknown> {
  const { ctx, path } = nodeState(node);
  const method = init.method ?? "GET";
  const rendered = renderPath(ctx, path);
  const url = within(ctx, rendered.path, init.path ?? "");
  const query = [
    ...Object.entries(init.query ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
    ...rendered.aliases,
  ];
  const qs = formatQueryString(query);
  const target = qs ? `${url}?${qs}` : url;
  const raw = isRaw(init.body);
  const body = raw ? (init.body as RequestBody) : init.body === undefined ? undefined : JSON.stringify(init.body);
  const type =
    init.body === undefined
      ? undefined
      : raw
        ? (init.contentType ??
          (init.body instanceof Blob && init.body.type ? init.body.type : undefined) ??
          (typeof init.body === "string" ? "text/plain;charset=UTF-8" : "application/octet-stream"))
        : "application/json";
  const asResponse = init.responseType === "response";
  const response = await execute(
    ctx,
    method,
    target,
    path.anchor,
    init,
    asResponse ? "" : "application/json",
    body,
    type,
  );
  if (asResponse) return response;
  const text = await readText(ctx, response, method);
  return text ? JSON.parse(text) : undefined;
}

/** The node's URL continued by `path`, refused when the result would leave the service root's origin or folder. */
function within(ctx: ClientContext, nodeUrl: string, path: string): string {
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(path) || path.startsWith("//"))
    throw new RequestPathError(path, "is an absolute URL; request() reaches only the service");
  if (/[?#\\]/.test(path)) throw new RequestPathError(path, "holds ?, # or \\; put query parameters in `query`");
  const url = path === "" || path.startsWith(":") || path.startsWith("/") ? nodeUrl + path : `${nodeUrl}/${path}`;
  // Checked as fetch reads it, and as a server that decodes %2F and %5C before it resolves `..` would.
  for (const u of [url, url.replace(/%2f|%5c/gi, "/")]) inside(ctx, u, path);
  return url;
}

/** Throws RequestPathError when `url` leaves the service root's origin or folder. */
function inside(ctx: ClientContext, url: string, path: string): void {
  // The URL as fetch will read it: dot segments (also %2e) resolved, against the page in a browser.
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  let resolved: URL;
  let root: URL;
  try {
    root = new URL(`${ctx.baseUrl}/`, page);
    resolved = new URL(url, page);
  } catch {
    throw new RequestPathError(path, "does not make a valid URL");
  }
  const ok =
    resolved.origin === root.origin &&
    (resolved.pathname.startsWith(root.pathname) || `${resolved.pathname}/` === root.pathname);
  if (!ok) throw new RequestPathError(path, `leaves the service root ${ctx.baseUrl}`);
}

/** Sent as they are: what fetch takes as a body and JSON would spoil. */
function isRaw(body: unknown): boolean {
  return (
    typeof body === "string" ||
    body instanceof Blob ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof URLSearchParams ||
    body instanceof FormData ||
    (typeof ReadableStream !== "undefined" && body instanceof ReadableStream)
  );
}
