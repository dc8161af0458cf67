/**
 * Cross-origin resource sharing for the simulator, off unless `SimulatorOptions.cors` is given: lets a page served
 * from another origin (a browser test) call the API. It answers preflights (OPTIONS with Origin and
 * Access-Control-Request-Method) itself and adds Access-Control-Allow-Origin and Access-Control-Expose-Headers to
 * every other response for an allowed Origin. Preflights are checked strictly against the lists below, so a client
 * that starts sending a header the service does not allow fails in the browser, as it would against the real one.
 *
 *   const sim = await startSimulator({ cors: { origins: ["http://127.0.0.1:5173"] } });
 */
import { empty, type SimRequest, type SimResponse } from "./http.js";

export interface CorsOptions {
  /** The origins allowed to call the simulator from a browser, exactly as sent (`http://127.0.0.1:5173`). */
  readonly origins: readonly string[];
  /**
   * Access-Control-Max-Age of preflight answers, in seconds. Default 0: the browser keeps no preflight, so every
   * request that needs one sends one and tests can count them.
   */
  readonly maxAgeSeconds?: number;
}

/** Methods the API answers. */
export const CORS_METHODS: readonly string[] = ["GET", "POST", "PATCH", "PUT", "DELETE"];

/** Request headers a client of the API may send beyond the CORS-safelisted ones (lower-case). */
export const CORS_REQUEST_HEADERS: readonly string[] = [
  "authorization",
  "content-type",
  "prefer",
  "x-anchormailbox",
  "client-request-id",
  "return-client-request-id",
  "if-match",
  "if-none-match",
  "odata-version",
  "odata-maxversion",
];

/** Response headers a page may read (Content-Type is readable anyway; listed for old browsers). */
export const CORS_EXPOSED_HEADERS: readonly string[] = [
  "Content-Type",
  "Retry-After",
  "request-id",
  "client-request-id",
  "OData-Version",
  "Preference-Applied",
  "Location",
  "ETag",
  "WWW-Authenticate",
  "Rate-Limit-Limit",
  "Rate-Limit-Remaining",
  "Rate-Limit-Reset",
  "Rate-Limit-Reason",
];

/** Lower-case header names of a request; SimRequest headers already are. */
type Headers = Readonly<Record<string, string>>;

export function isPreflight(request: Pick<SimRequest, "method" | "headers">): boolean {
  return (
    request.method.toUpperCase() === "OPTIONS" &&
    request.headers.origin !== undefined &&
    request.headers["access-control-request-method"] !== undefined
  );
}

/**
 * The answer to a preflight: 204 with the allowances when the origin, the method and every requested header are
 * allowed; otherwise 403 without any Access-Control-* header, which the browser reports as a CORS failure.
 */
export function preflightResponse(options: CorsOptions, headers: Headers): SimResponse {
  const origin = headers.origin ?? "";
  const method = (headers["access-control-request-method"] ?? "").toUpperCase();
  const requested = (headers["access-control-request-headers"] ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== "");
  const allowed =
    options.origins.includes(origin) &&
    CORS_METHODS.includes(method) &&
    requested.every((h) => CORS_REQUEST_HEADERS.includes(h));
  if (!allowed) return empty(403, { vary: "Origin" });
  return empty(204, {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": CORS_METHODS.join(", "),
    "access-control-allow-headers": CORS_REQUEST_HEADERS.join(", "),
    "access-control-max-age": String(options.maxAgeSeconds ?? 0),
    vary: "Origin",
  });
}

/** Adds the CORS headers of an actual (not preflight) response, when the request came from an allowed origin. */
export function addCorsHeaders(options: CorsOptions, headers: Headers, response: SimResponse): void {
  const origin = headers.origin;
  response.headers.vary = response.headers.vary ? `${response.headers.vary}, Origin` : "Origin";
  if (origin === undefined || !options.origins.includes(origin)) return;
  response.headers["access-control-allow-origin"] = origin;
  response.headers["access-control-expose-headers"] = CORS_EXPOSED_HEADERS.join(", ");
}
