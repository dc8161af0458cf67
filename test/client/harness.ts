// Fake fetch for the generated-client tests: records every request and answers from a queue of canned responses.

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  /** Header names lower-cased (as Headers reports them). */
  readonly headers: Record<string, string>;
  /** The JSON body, parsed; undefined when the request had no body. */
  readonly body: unknown;
}

type Canned = Response | ((request: RecordedRequest) => Response);

export interface FakeFetch {
  readonly fetch: typeof fetch;
  readonly requests: RecordedRequest[];
  /** Queues responses, answered in order. */
  respond(...responses: Canned[]): FakeFetch;
}

export function fakeFetch(...initial: Canned[]): FakeFetch {
  const queue: Canned[] = [...initial];
  const requests: RecordedRequest[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const raw = init?.body;
    if (raw !== undefined && raw !== null && typeof raw !== "string") throw new Error("fake fetch: non-string body");
    const request: RecordedRequest = {
      method: init?.method ?? "GET",
      url: typeof input === "string" ? input : input instanceof URL ? input.href : input.url,
      headers,
      body: typeof raw === "string" ? (JSON.parse(raw) as unknown) : undefined,
    };
    requests.push(request);
    const next = queue.shift();
    if (next === undefined) throw new Error(`fake fetch: no response queued for ${request.method} ${request.url}`);
    return typeof next === "function" ? next(request) : next;
  };
  const fake: FakeFetch = {
    fetch: fn as typeof fetch,
    requests,
    respond(...responses) {
      queue.push(...responses);
      return fake;
    },
  };
  return fake;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; odata.metadata=minimal", ...headers },
  });
}

/** 202 Accepted with no body (SendMail, Reply, ...). */
export function accepted(): Response {
  return new Response(null, { status: 202 });
}

/** The headers every JSON request to the service carries. */
export function jsonHeaders(anchor: string | undefined, withBody = false): Record<string, string> {
  return {
    accept: "application/json",
    authorization: "Bearer t0k",
    ...(anchor === undefined ? {} : { "x-anchormailbox": anchor }),
    ...(withBody ? { "content-type": "application/json" } : {}),
  };
}

/** The path segments of a URL, still percent-encoded, after the service root. */
export function segmentsAfter(root: string, url: string): string[] {
  const parsed = new URL(url);
  const base = new URL(root);
  if (parsed.origin !== base.origin || !parsed.pathname.startsWith(`${base.pathname}/`)) {
    throw new Error(`${url} is not under ${root}`);
  }
  return parsed.pathname.slice(base.pathname.length + 1).split("/");
}
