// Test helper: a fetch double that records every call and replays scripted responses.
export interface RecordedCall {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: BodyInit | null | undefined;
  readonly signal: AbortSignal | null | undefined;
}

export type Responder = (url: string, init: RequestInit) => Response | Promise<Response>;

export function fakeFetch(...responses: (Response | Responder)[]): { fetch: typeof fetch; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const i = init ?? {};
    const headers: Record<string, string> = {};
    new Headers(i.headers).forEach((value, name) => (headers[name] = value));
    calls.push({
      url,
      method: i.method ?? "GET",
      headers,
      body: i.body,
      signal: i.signal,
    });
    const next = responses.shift();
    if (next === undefined) throw new Error(`unexpected fetch ${url}`);
    return typeof next === "function" ? next(url, i) : next;
  };
  return { fetch: fn as typeof fetch, calls };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}
