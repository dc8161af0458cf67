// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.

export interface ODataErrorInit {
  readonly message: string;
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly details: unknown;
  readonly method: string;
  readonly url: string;
  readonly headers?: Headers | undefined;
}

/** A non-2xx response from the service. */
export class ODataError extends Error {
  override readonly name = "ODataError";
  declare readonly status: number;
  /** error.code from the body, or "HttpError<status>" if none. */
  declare readonly code: string;
  /** Header request-id, else client-request-id, else the body's error.innererror["request-id"]. */
  declare readonly requestId: string | undefined;
  /**
   * The parsed body `error` object, or the raw body text. At most the first 64 KiB of an error body are read (the
   * rest is cancelled); a longer body is kept as that raw text.
   */
  declare readonly details: unknown;
  declare readonly method: string;
  declare readonly url: string;
  /** The response headers (Retry-After, request-id, …); empty when the error was not built from a response. */
  declare readonly headers: Headers;

  constructor(init: ODataErrorInit) {
    super(init.message);
    // Fields are declared, not initialised: one assignment sets them all (a smaller bundle).
    Object.assign(this, init, { headers: init.headers ?? new Headers() });
  }
}

/**
 * What the errors of a request that got no usable answer share: the request's method and URL, which also begin the
 * message ("GET https://…: <problem>"), and their own fields. Its constructor assigns the subclass's fields before
 * the subclass's own field initialisers run, so a subclass declares its fields (`declare readonly`) and never
 * initialises them: an initialiser would reset the value.
 */
export class RequestError extends Error {
  declare readonly method: string;
  declare readonly url: string;

  constructor(method: string, url: string, problem: string, fields: object) {
    super(`${method} ${url}: ${problem}`);
    Object.assign(this, fields, { method, url });
  }
}

/**
 * The connection failed before a whole response arrived: refused, reset, or cut while the body was read.
 * `cause` is what fetch or the body reader threw.
 */
export class NetworkError extends RequestError {
  override readonly name = "NetworkError";
  declare readonly cause: unknown;

  constructor(method: string, url: string, cause: unknown) {
    super(method, url, `connection failed (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
}

/**
 * The service answered with a redirect the client does not follow: a request with a body to another origin (scheme,
 * host or port), one away from http(s), one without a usable Location, a streamed body that cannot be sent again, or
 * more than 10 in a row; or a fetch function followed one to another origin itself. Within the origin of the URL that
 * was redirected a request goes on as sent; to another origin only a GET or HEAD without a body goes on, without any
 * header the client adds. `location` is the resolved target, when the response named one (a browser hides it: fetch
 * gives an opaque redirect there).
 */
export class RedirectError extends RequestError {
  override readonly name = "RedirectError";
  declare readonly status: number;
  declare readonly location: string | undefined;

  constructor(method: string, url: string, status: number, location: string | undefined, reason: string) {
    super(method, url, `redirect (HTTP ${status || "opaque"}) not followed: ${reason}`, { status, location });
  }
}

/** A response body larger than the client reads (ClientOptions.maxResponseBytes); the rest was not read. */
export class ResponseTooLargeError extends RequestError {
  override readonly name = "ResponseTooLargeError";
  declare readonly limit: number;

  constructor(method: string, url: string, limit: number) {
    super(method, url, `response body over ${limit} bytes`, { limit });
  }
}

/**
 * A header the client would send has a name or value HTTP cannot carry (a control character such as CR or LF, or a
 * character outside Latin-1). Thrown before anything is sent; the message names the header, never its value.
 */
export class InvalidHeaderError extends TypeError {
  override readonly name = "InvalidHeaderError";
  declare readonly header: string;

  constructor(header: string, problem: string) {
    super(`Invalid ${header} header: ${problem}`);
    Object.assign(this, { header });
  }
}

const TOKEN = /^[!#$%&'*+.^_`|~\dA-Za-z-]+$/;
/** A field value: visible Latin-1 characters, spaces and tabs. */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Sets a header after checking it; throws InvalidHeaderError instead of fetch's TypeError (which can quote the value). */
export function setHeader(headers: Headers, name: string, value: string): void {
  if (!TOKEN.test(name)) throw new InvalidHeaderError(JSON.stringify(name.slice(0, 100)), "not a valid header name");
  if (typeof value !== "string") throw new InvalidHeaderError(name, `the value is a ${typeof value}, not a string`);
  if (!FIELD_VALUE.test(value)) throw new InvalidHeaderError(name, "control or non-Latin-1 character in the value");
  headers.set(name, value);
}

/**
 * Reads a whole body (of a Response, or a Request the webhook receives), at most `limit` bytes: a larger Content-Length is refused before reading, a longer body is
 * cancelled as soon as it passes the limit. Returns undefined when it does not fit (the stream is cancelled).
 */
export async function readLimited(
  message: { readonly headers: Headers; readonly body: ReadableStream<Uint8Array> | null },
  limit: number,
): Promise<Uint8Array | undefined> {
  const length = Number(message.headers.get("Content-Length") ?? "");
  if (Number.isFinite(length) && length > limit) {
    await discard(message);
    return undefined;
  }
  const head = await readPrefix(message.body, limit);
  return head.truncated ? undefined : head.bytes;
}

/** Cancels a body that will not be read; a failure to cancel changes nothing. */
export async function discard(
  message: { readonly body: ReadableStream<Uint8Array> | null } | undefined,
): Promise<void> {
  await message?.body?.cancel().catch(() => undefined);
}

/** Throws TypeError("<name> must be <expected>, got <value>") unless `ok`: an option checked before anything is sent. */
export function checkOption(ok: boolean, name: string, expected: string, value: unknown): void {
  if (ok) return;
  // An object is named, not printed: String() of one is "[object Object]", or throws when it has no prototype.
  const shown =
    typeof value === "object" && value
      ? "an object"
      : typeof value === "string"
        ? JSON.stringify(value)
        : String(value);
  throw new TypeError(`${name} must be ${expected}, got ${shown}`);
}

/** At most this much of an error body is read: enough for any OData error object, the rest is cancelled. */
const ERROR_BODY_LIMIT = 64 * 1024;

export const MailboxErrorCodes = {
  NotEnabled: "MailboxNotEnabledForRESTAPI",
  NotSupported: "MailboxNotSupportedForRESTAPI",
} as const;

export function isODataError(e: unknown): e is ODataError {
  return e instanceof ODataError;
}

/** True for the errors Outlook returns for mailboxes that the REST API cannot reach (e.g. on-premises). */
export function isMailboxNotEnabledForRestApi(e: unknown): boolean {
  return isODataError(e) && (e.code === MailboxErrorCodes.NotEnabled || e.code === MailboxErrorCodes.NotSupported);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/** Builds an ODataError from a failed response; never throws on unreadable or non-JSON bodies. */
export async function errorFromResponse(response: Response, method: string, url: string): Promise<ODataError> {
  let raw = "";
  let error: Json | undefined;
  try {
    // A partial read of a larger body: the error keeps its first ERROR_BODY_LIMIT bytes as raw text.
    const head = await readPrefix(response.body, ERROR_BODY_LIMIT);
    raw = new TextDecoder().decode(head.bytes);
    const body: unknown = head.truncated ? undefined : JSON.parse(raw);
    if (isObject(body) && isObject(body["error"])) error = body["error"];
  } catch {
    // Not JSON (or unreadable): keep the raw text.
  }
  const code = text(error?.["code"]) ?? `HttpError${response.status}`;
  // A message object (OData 4.0 JSON: { lang, value }) and the inner error are read only for their strings.
  const m = error?.["message"] as Json | undefined;
  const message = text(m) ?? text(m?.["value"]) ?? `${method} ${url} failed with HTTP ${response.status}`;
  const inner = (error?.["innererror"] ?? error?.["innerError"]) as Json | undefined;
  const requestId =
    response.headers.get("request-id") ?? response.headers.get("client-request-id") ?? text(inner?.["request-id"]);
  return new ODataError({
    message: `${code}: ${message}`,
    status: response.status,
    code,
    requestId,
    details: error ?? raw,
    method,
    url,
    headers: response.headers,
  });
}

/** The first `limit` bytes of a body; the rest is cancelled unread (`truncated`). */
async function readPrefix(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body?.getReader();
  if (reader) {
    try {
      while (size <= limit) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        size += value.length;
      }
      if (size > limit) await reader.cancel().catch(() => undefined);
    } finally {
      reader.releaseLock();
    }
  }
  const bytes = new Uint8Array(Math.min(size, limit));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk.subarray(0, bytes.length - at), at);
    at += chunk.length;
  }
  return { bytes, truncated: size > limit };
}

/**
 * A $batch response the client cannot read: a multipart body without a valid boundary (RFC 2046: 1 to 70
 * characters; a longer one is refused before the body is searched), its closing delimiter or a status line, or a
 * JSON batch without its "responses" array. The parts waiting for it reject with this error (not retried: the same answer would come again), as send() does.
 */
export class BatchFormatError extends Error {
  override readonly name = "BatchFormatError";
}
