// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
import { checkOption, RequestError } from "./errors.js";

/** When and how long to wait before sending a failed request again. */
export interface RetryOptions {
  /** Total attempts including the first. Default 4; 1 disables retries. */
  readonly maxAttempts?: number | undefined;
  /** Backoff base without Retry-After: a wait is `random() * min(maxDelayMs, baseDelayMs * 2^(attempt-1))`. Default 500. */
  readonly baseDelayMs?: number | undefined;
  /** Cap for one wait. A Retry-After longer than this surfaces the error instead of waiting. Default 30_000. */
  readonly maxDelayMs?: number | undefined;
  /**
   * Give up when the next wait would end more than this many ms after the first attempt started. Default 60_000.
   * Elapsed time is the larger of the wall-clock time and the sum of the waits asked of `sleep`.
   */
  readonly maxTotalMs?: number | undefined;
  /** Jitter source in [0, 1). Default Math.random. */
  readonly random?: (() => number) | undefined;
  /** Waits `ms`; must reject with `signal.reason` when the signal aborts. Default: a setTimeout-based wait. */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/** RetryOptions with every default filled in. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxTotalMs: number;
  readonly random: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** An attempt that got no response headers within ClientOptions.timeoutMs, and no attempt was left to retry it. */
export class TimeoutError extends RequestError {
  override readonly name = "TimeoutError";
  declare readonly timeoutMs: number;

  constructor(timeoutMs: number, method: string, url: string) {
    super(method, url, `timed out after ${timeoutMs} ms`, { timeoutMs });
  }
}

/** setTimeout fires at once above this many ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/** GET, PUT, DELETE, HEAD and OPTIONS. PATCH and POST are not: sending them twice may apply them twice. */
export function isIdempotent(method: string): boolean {
  return /^(GET|PUT|DELETE|HEAD|OPTIONS)$/i.test(method);
}

/**
 * Whether a response with this status may be sent again. 429 always (the service did not process it); 503 for
 * idempotent methods, or for any method when the service said when to come back (Retry-After); 504 only for
 * idempotent methods (the request may have been processed).
 */
export function isRetriable(method: string, status: number, hasRetryAfter: boolean): boolean {
  if (status === 429) return true;
  if (status === 503) return hasRetryAfter || isIdempotent(method);
  if (status === 504) return isIdempotent(method);
  return false;
}

/** A Retry-After header (delta-seconds or an HTTP date) as a wait in ms from `now` (ms since the epoch); undefined if absent or invalid. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(value)) return Number(value) * 1000;
  if (!/[a-z]/i.test(value)) return undefined; // Date.parse would read "-1" or "1,5" as dates
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter after attempt `attempt` (1-based) failed. */
export function backoffDelay(attempt: number, options?: RetryOptions | undefined): number {
  const p = retryPolicy(options);
  return p.random() * Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (attempt - 1));
}

/**
 * The wait before the attempt after `attempt`, or undefined to give up: no attempt left, a Retry-After beyond
 * maxDelayMs, or a wait that would end past maxTotalMs. `retryAfterMs` is the parsed Retry-After, if any.
 */
export function nextRetryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  elapsedMs: number,
  options?: RetryOptions | undefined,
): number | undefined {
  const p = retryPolicy(options);
  if (attempt >= p.maxAttempts) return undefined;
  if (retryAfterMs !== undefined && retryAfterMs > p.maxDelayMs) return undefined;
  const delay = retryAfterMs ?? backoffDelay(attempt, p);
  return elapsedMs + delay > p.maxTotalMs ? undefined : delay;
}

/** Fills in defaults and checks the numbers; `false` means a single attempt. Throws TypeError for invalid values. */
export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  const o = options === false ? { maxAttempts: 1 } : (options ?? {});
  const maxAttempts = o.maxAttempts ?? 4;
  checkOption(
    Number.isSafeInteger(maxAttempts) && maxAttempts >= 1,
    "retry.maxAttempts",
    "a positive integer",
    maxAttempts,
  );
  return {
    maxAttempts,
    baseDelayMs: nonNegative("baseDelayMs", o.baseDelayMs ?? 500),
    maxDelayMs: nonNegative("maxDelayMs", o.maxDelayMs ?? 30_000),
    maxTotalMs: nonNegative("maxTotalMs", o.maxTotalMs ?? 60_000),
    random: o.random ?? Math.random,
    sleep: o.sleep ?? sleep,
  };
}

function nonNegative(name: string, value: number): number {
  checkOption(value >= 0 && value < Infinity, `retry.${name}`, "a finite number >= 0", value);
  return value;
}

/** The default wait: setTimeout, cancelled by `signal` (rejects with its reason). */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await abortable(
      new Promise((resolve) => (timer = setTimeout(resolve, Math.min(Math.max(0, ms), MAX_TIMER_MS)))),
      signal,
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Settles like `promise`, or rejects with `signal.reason` as soon as the signal aborts, whichever comes first. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
