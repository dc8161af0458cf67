/**
 * Transport-neutral request and response shapes: the server turns Node's objects into these, and
 * a later `$batch` module can feed its parts through the same dispatcher.
 */
import type { ServerResponse } from "node:http";
import { bodyError, errorBody, type ServiceError } from "./errors.js";

export interface SimRequest {
  readonly method: string;
  /** Path and query, as received (`/api/v2.0/Me/Messages?$top=1`). */
  readonly url: string;
  /** Header names lower-case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** For long-lived responses (streaming notifications): writes the body itself. */
  stream?: (res: ServerResponse) => Promise<void>;
}

export const JSON_TYPE =
  "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";

export function json(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { "content-type": JSON_TYPE, "odata-version": "4.0", ...headers },
    body: JSON.stringify(value),
  };
}

export function text(status: number, value: string, contentType = "text/plain; charset=utf-8"): SimResponse {
  return { status, headers: { "content-type": contentType }, body: value };
}

export function empty(status: number, headers: Record<string, string> = {}): SimResponse {
  return { status, headers };
}

export function errorResponse(e: ServiceError): SimResponse {
  return { status: e.status, headers: { "content-type": JSON_TYPE, ...e.headers }, body: errorBody(e.code, e.message) };
}

/** The JSON body of a request; an empty body reads as `{}`. */
export function readJson(req: SimRequest): unknown {
  const raw = req.body.toString("utf8");
  if (raw.trim() === "") return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw bodyError("The request body is not valid JSON.");
  }
}
