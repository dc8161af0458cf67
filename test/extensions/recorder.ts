// A recording fake fetch for the extension tests: keeps the method, the URL (raw and percent-decoded) and the raw
// body text of every request, and answers each from a function of the request (by default: 200 with `{}`).

export interface Sent {
  readonly method: string;
  /** As sent, percent-encoded. */
  readonly url: string;
  /** decodeURIComponent(url): the form the service documentation prints. */
  readonly decoded: string;
  /** The body text exactly as sent; undefined when there was none. */
  readonly body: string | undefined;
}

export type Answer = (request: Sent) => Response;

export interface Recorder {
  readonly fetch: typeof fetch;
  readonly sent: Sent[];
  /** The one request sent so far (fails when there were none or several). */
  only(): Sent;
}

export const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

export const noContent = (): Response => new Response(null, { status: 204 });

/** Answers like the service: the canned entity for GET, 201 with the echoed body for POST, 204 for PATCH and DELETE. */
export const serviceLike =
  (entity: unknown = {}): Answer =>
  (r) => {
    if (r.method === "GET") return json(entity);
    if (r.method === "POST") return json({ Id: "new", ...(JSON.parse(r.body ?? "{}") as object) }, 201);
    return noContent();
  };

export function recorder(answer: Answer = serviceLike()): Recorder {
  const sent: Sent[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const raw = init?.body;
    if (raw !== undefined && raw !== null && typeof raw !== "string") throw new Error("recorder: non-string body");
    const request: Sent = { method: init?.method ?? "GET", url, decoded: decodeURIComponent(url), body: raw ?? undefined };
    sent.push(request);
    return answer(request);
  };
  return {
    fetch: fn as typeof fetch,
    sent,
    only() {
      if (sent.length !== 1) throw new Error(`expected one request, got ${sent.length}: ${sent.map((s) => `${s.method} ${s.url}`).join(", ")}`);
      return sent[0] as Sent;
    },
  };
}
