/**
 * Errors the simulator answers with: the documented envelope `{"error":{"code","message"}}`
 * (fact sheet §2.4). Handlers throw ServiceError; the server turns it into the response.
 */
export class ServiceError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, headers: Readonly<Record<string, string>> = {}) {
    super(message);
    this.name = "ServiceError";
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export const badRequest = (code: string, message: string): ServiceError => new ServiceError(400, code, message);

export const notFound = (message = "The specified object was not found in the store."): ServiceError =>
  new ServiceError(404, "ErrorItemNotFound", message);

export const invalidFilter = (message: string): ServiceError => badRequest("ErrorInvalidUrlQueryFilter", message);

export const invalidQuery = (message: string): ServiceError => badRequest("ErrorInvalidUrlQuery", message);

export const invalidProperty = (message: string): ServiceError => badRequest("ErrorInvalidProperty", message);

export const bodyError = (message: string): ServiceError => badRequest("RequestBodyRead", message);

export const methodNotAllowed = (message: string): ServiceError =>
  new ServiceError(405, "ErrorInvalidRequest", message);

export const segmentNotFound = (segment: string): ServiceError =>
  badRequest("RequestBroker--ParseUri", `Resource not found for the segment '${segment}'.`);

export function errorBody(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}
