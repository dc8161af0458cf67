/**
 * Fault injection at the HTTP layer, for tests of retries, timeouts and error handling. Each rule
 * matches the next `times` requests (optionally only those a predicate picks) and misbehaves
 * one way. Every faulty request is still recorded in `sim.requests`, so tests can count attempts.
 *
 *   sim.inject({ kind: "unavailable", retryAfter: 0 }, { times: 2 });          // 503 twice, then normal
 *   sim.inject({ kind: "reset", afterBytes: 10 }, { match: (r) => r.method === "POST" });
 *   sim.inject({ kind: "delay", ms: 500 });
 *
 * Throttling (429 with Retry-After) is `sim.throttle()`; rules added here are checked first.
 */
import type { ServerResponse } from "node:http";
import { errorBody } from "./errors.js";
import { JSON_TYPE, type SimResponse } from "./http.js";

export type Fault =
  /** Destroys the connection before any byte of the response: the client sees a network error. */
  | { readonly kind: "hangup" }
  /**
   * Writes the status line, the headers (with the full Content-Length) and the first `afterBytes` bytes of the
   * real response body (default: half of it), then destroys the socket. The request is processed first.
   */
  | { readonly kind: "reset"; readonly afterBytes?: number }
  /** Waits `ms` before handling the request and answering normally. */
  | { readonly kind: "delay"; readonly ms: number }
  /**
   * Declares the full Content-Length but sends only the first `bytes` bytes (default: half) of the real body,
   * then ends the response and closes the connection. The request is processed first.
   */
  | { readonly kind: "truncate"; readonly bytes?: number }
  /** 503 ServiceUnavailable, with a Retry-After header (seconds) when `retryAfter` is given. Not processed. */
  | { readonly kind: "unavailable"; readonly retryAfter?: number };

/** What the fault rule applies to. */
export interface FaultScope<R> {
  /** How many matching requests misbehave; default 1. */
  readonly times?: number;
  /** Only requests this predicate accepts; default all. */
  readonly match?: ((request: R) => boolean) | undefined;
}

interface Rule<R> {
  readonly fault: Fault;
  remaining: number;
  readonly match: ((request: R) => boolean) | undefined;
}

/** The fault rules of one simulator, and the machinery that plays them out on a response. */
export class FaultInjector<R> {
  private readonly rules: Rule<R>[] = [];
  private readonly waits = new Set<() => void>();

  add(fault: Fault, scope: FaultScope<R> = {}): void {
    const times = scope.times ?? 1;
    if (!Number.isSafeInteger(times) || times < 1) throw new TypeError(`fault times must be a positive integer`);
    if (fault.kind === "delay" && !(fault.ms >= 0 && fault.ms <= 60_000))
      throw new TypeError("delay ms must be in 0..60000");
    this.rules.push({ fault, remaining: times, match: scope.match });
  }

  /** Drops every rule that has not fired yet. */
  clear(): void {
    this.rules.length = 0;
  }

  /** The fault for this request, if a rule matches (its count goes down by one). */
  take(request: R): Fault | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && (r.match === undefined || r.match(request)));
    if (!rule) return undefined;
    rule.remaining--;
    return rule.fault;
  }

  /** A wait that `cancel()` ends early (so that stopping the simulator never waits for a delay). */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waits.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waits.add(done);
    });
  }

  /** Ends every pending delay at once. */
  cancel(): void {
    for (const done of [...this.waits]) done();
  }
}

/** The 503 a fault answers with. */
export function unavailableResponse(retryAfter: number | undefined): SimResponse {
  const headers: Record<string, string> = { "content-type": JSON_TYPE };
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
  return {
    status: 503,
    headers,
    body: errorBody("ErrorServiceUnavailable", "The service is temporarily unavailable. Try again later."),
  };
}

/** Writes `response` broken the way `fault` says (reset or truncate). */
export function writeBroken(
  res: ServerResponse,
  response: SimResponse,
  fault: Extract<Fault, { kind: "reset" | "truncate" }>,
): void {
  const body = Buffer.from(response.body ?? "");
  const requested = fault.kind === "reset" ? fault.afterBytes : fault.bytes;
  const cut = Math.max(0, Math.min(body.length, requested ?? Math.floor(body.length / 2)));
  res.statusCode = response.status;
  for (const [k, v] of Object.entries(response.headers)) res.setHeader(k, v);
  res.setHeader("content-length", String(body.length));
  const socket = res.socket;
  if (fault.kind === "truncate") {
    // Ends the response short of its Content-Length, then closes the connection cleanly (FIN).
    res.setHeader("connection", "close");
    res.end(body.subarray(0, cut), () => socket?.end());
  } else {
    res.flushHeaders();
    res.write(body.subarray(0, cut), () => socket?.destroy());
  }
}
