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
  readonly status: number;
  /** error.code from the body, or "HttpError<status>" if none. */
  readonly code: string;
  /** Header request-id, else client-request-id, else the body's error.innererror["request-id"]. */
  readonly requestId: string | undefined;
  /** The parsed body `error` object, or the raw body text. */
  readonly details: unknown;
  readonly method: string;
  readonly url: string;
  /** The response headers (Retry-After, request-id, …); empty when the error was not built from a response. */
  readonly headers: Headers;

  constructor(init: ODataErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.details = init.details;
    this.method = init.method;
    this.url = init.url;
    this.headers = init.headers ?? new Headers();
  }
}

/**
 * The connection failed before a whole response arrived: refused, reset, or cut while the body was read.
 * `cause` is what fetch or the body reader threw.
 */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
  readonly method: string;
  readonly url: string;
  override readonly cause: unknown;

  constructor(method: string, url: string, cause: unknown) {
    super(`${method} ${url}: the connection failed (${cause instanceof Error ? cause.message : String(cause)})`);
    this.method = method;
    this.url = url;
    this.cause = cause;
  }
}

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
    raw = await response.text();
    const body: unknown = JSON.parse(raw);
    if (isObject(body) && isObject(body["error"])) error = body["error"];
  } catch {
    // Not JSON (or unreadable): keep the raw text.
  }
  const code = text(error?.["code"]) ?? `HttpError${response.status}`;
  const m = error?.["message"];
  const message =
    text(m) ?? (isObject(m) ? text(m["value"]) : undefined) ?? `${method} ${url} failed with HTTP ${response.status}`;
  const inner = error?.["innererror"] ?? error?.["innerError"];
  const requestId =
    response.headers.get("request-id") ??
    response.headers.get("client-request-id") ??
    (isObject(inner) ? text(inner["request-id"]) : undefined);
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
