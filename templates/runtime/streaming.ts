// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
import type { ParsedNotification } from "./notifications.js";
import { isODataError } from "./errors.js";
import { send } from "./http.js";
import { nodeState } from "./node.js";
import { parseNotification } from "./notifications.js";

/** A JSON stream that is malformed or ends before its array is closed. */
export class JsonStreamError extends Error {
  override readonly name: string = "JsonStreamError";
}

/** A streamed element over JsonStreamLimits: nested too deep, or too long. The stream is cancelled. */
export class JsonStreamLimitError extends JsonStreamError {
  override readonly name = "JsonStreamLimitError";
  /** Which limit: "depth" (maxDepth) or "elementLength" (maxElementLength). */
  readonly limit: "depth" | "elementLength";
  readonly max: number;

  constructor(limit: "depth" | "elementLength", max: number) {
    super(
      limit === "depth"
        ? `JSON stream nested deeper than ${max} arrays and objects`
        : `JSON array element longer than ${max} characters`,
    );
    this.limit = limit;
    this.max = max;
  }
}

/** What one streamed JSON document may hold before JsonStreamLimitError: a hostile server picks the sizes. */
export interface JsonStreamLimits {
  /** Arrays and objects open at once, the wrapper and the element array included. Default 100. */
  readonly maxDepth?: number | undefined;
  /**
   * Characters of one element's JSON text. Default 16 Mi (16,777,216). A string of the wrapper object (a key, a
   * nextLink) may hold at most 64 Ki characters, or this many if fewer.
   */
  readonly maxElementLength?: number | undefined;
}

const DEFAULT_MAX_DEPTH = 100;
const DEFAULT_MAX_ELEMENT_LENGTH = 16_777_216; // 16 Mi
/** A key or a string value of the wrapper object (`@odata.nextLink`, say) is never longer than this. */
const MAX_WRAPPER_STRING = 65_536; // 64 Ki

function limitOf(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!(Number.isSafeInteger(v) && v > 0)) throw new TypeError(`${name} must be a positive integer, got ${String(v)}`);
  return v;
}

type Container = "[" | "{";

/**
 * Incremental scanner: finds the elements of the top-level array (or of the `value` array of a top-level
 * object, the OData collection wrapper) and hands each one's text to JSON.parse once complete.
 */
class ArrayScanner {
  private readonly stack: Container[] = [];
  private readonly maxDepth: number;
  private readonly maxLength: number;
  /** An error met after some elements of the same chunk were complete: thrown by the next push or end. */
  private failure: unknown;

  constructor(limits: JsonStreamLimits | undefined) {
    this.maxDepth = limitOf(limits?.maxDepth, DEFAULT_MAX_DEPTH, "maxDepth");
    this.maxLength = limitOf(limits?.maxElementLength, DEFAULT_MAX_ELEMENT_LENGTH, "maxElementLength");
  }

  private phase: "start" | "body" | "end" = "start";
  private topObject = false;
  /** Stack depth inside the element array; 0 until it is found. */
  private target = 0;
  private targetDone = false;
  private expect: "valueOrEnd" | "value" | "commaOrEnd" = "valueOrEnd";
  private inString = false;
  private escaped = false;
  /** Collecting an element: text from earlier chunks, and its start in the current one (-1: none). */
  private pending = "";
  private start = -1;
  private primitive = false;
  /**
   * Wrapper object: the raw text of a string at depth 1 from earlier chunks, and its start in the current one (taken
   * as slices of the chunks, never a character at a time), and the key whose value comes next.
   */
  private keyText: string | undefined;
  private keyStart = 0;
  private lastString: string | undefined;
  private key: string | undefined;

  /** Scans one chunk of text; returns the elements completed in it. */
  push(s: string): unknown[] {
    this.check();
    const out: unknown[] = [];
    try {
      this.scan(s, out);
    } catch (e) {
      // The elements completed before the error are still delivered; the error comes with the next call.
      if (out.length === 0) throw e;
      this.failure = e;
    }
    return out;
  }

  private scan(s: string, out: unknown[]): void {
    for (let i = 0; i < s.length; i++) {
      const c = s.charAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === "\\") this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          if (this.keyText !== undefined) {
            const raw = this.wrapperString(this.keyText + s.slice(this.keyStart, i));
            this.keyText = undefined;
            this.lastString = decodeKey(raw);
          } else if (this.start >= 0 && this.stack.length === this.target) this.emit(s, i + 1, out);
        }
        continue;
      }
      if (c === " " || c === "\n" || c === "\r" || c === "\t") {
        if (this.primitive) this.finishPrimitive(s, i, out);
        continue;
      }
      if (this.phase === "start") {
        if (c !== "[" && c !== "{") throw new JsonStreamError(`Expected a JSON array, found ${JSON.stringify(c)}`);
        this.open(c);
        this.phase = "body";
        if (c === "[") this.target = 1;
        else this.topObject = true;
      } else if (this.phase === "end") {
        throw new JsonStreamError(`Unexpected ${JSON.stringify(c)} after the end of the JSON array`);
      } else if (this.target > 0 && !this.targetDone && this.stack.length === this.target) {
        this.atArrayLevel(s, i, c, out);
      } else if (this.start >= 0) {
        // Inside an object or array element.
        if (c === '"') this.inString = true;
        else if (c === "{" || c === "[") this.open(c);
        else if (c === "}" || c === "]") {
          this.close(c);
          if (this.stack.length === this.target) this.emit(s, i + 1, out);
        }
      } else {
        this.inWrapper(c, i);
      }
    }
    if (this.keyText !== undefined) {
      this.keyText = this.wrapperString(this.keyText + s.slice(this.keyStart));
      this.keyStart = 0;
    }
    if (this.start >= 0) {
      if (this.pending.length + (s.length - this.start) > this.maxLength)
        throw new JsonStreamLimitError("elementLength", this.maxLength);
      this.pending += s.slice(this.start);
      this.start = 0;
    }
  }

  private wrapperString(raw: string): string {
    const max = Math.min(this.maxLength, MAX_WRAPPER_STRING);
    if (raw.length > max) throw new JsonStreamLimitError("elementLength", max);
    return raw;
  }

  private open(c: Container): void {
    if (this.stack.length >= this.maxDepth) throw new JsonStreamLimitError("depth", this.maxDepth);
    this.stack.push(c);
  }

  /** The stream ended: throws unless the array (and its wrapper) was closed. */
  /** Throws the error met after the elements the last push returned, if any. */
  check(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  end(): void {
    this.check();
    if (this.phase === "start")
      throw new JsonStreamError("JSON stream ended before the array started (empty response)");
    if (this.phase !== "end")
      throw new JsonStreamError("JSON stream ended before the array was closed (truncated response)");
    if (this.topObject && this.target === 0) throw new JsonStreamError('JSON object has no "value" array');
  }

  private atArrayLevel(s: string, i: number, c: string, out: unknown[]): void {
    if (this.primitive) {
      if (c !== "," && c !== "]") {
        if (!/[-+.\deEtrufalsn]/.test(c)) throw new JsonStreamError(`Unexpected ${JSON.stringify(c)} in JSON value`);
        return;
      }
      this.finishPrimitive(s, i, out);
    }
    if (this.expect === "commaOrEnd") {
      if (c === ",") this.expect = "value";
      else if (c === "]") this.closeTarget();
      else throw new JsonStreamError(`Expected "," or "]" between array elements, found ${JSON.stringify(c)}`);
      return;
    }
    if (c === "]" && this.expect === "valueOrEnd") return this.closeTarget();
    if (c === "," || c === "]" || c === "}" || c === ":")
      throw new JsonStreamError(`Expected an array element, found ${JSON.stringify(c)}`);
    this.start = i;
    this.pending = "";
    if (c === "{" || c === "[") this.open(c);
    else if (c === '"') this.inString = true;
    else this.primitive = true;
  }

  private finishPrimitive(s: string, i: number, out: unknown[]): void {
    this.primitive = false;
    this.emit(s, i, out);
  }

  private emit(s: string, endIndex: number, out: unknown[]): void {
    if (this.pending.length + (endIndex - this.start) > this.maxLength)
      throw new JsonStreamLimitError("elementLength", this.maxLength);
    const text = this.pending + s.slice(this.start, endIndex);
    this.pending = "";
    this.start = -1;
    this.expect = "commaOrEnd";
    try {
      out.push(JSON.parse(text));
    } catch (e) {
      throw new JsonStreamError(`Invalid JSON array element: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private close(c: string): void {
    const open = this.stack.pop();
    if ((c === "}" ? "{" : "[") !== open) throw new JsonStreamError(`Unexpected ${JSON.stringify(c)} in JSON stream`);
  }

  private closeTarget(): void {
    this.stack.pop();
    this.targetDone = true;
    if (this.stack.length === 0) this.phase = "end";
    this.key = undefined;
  }

  /** Scans the wrapper object around the array (or a member value being skipped). */
  private inWrapper(c: string, i: number): void {
    const depth = this.stack.length;
    if (c === '"') {
      this.inString = true;
      if (depth === 1) {
        this.keyText = "";
        this.keyStart = i + 1;
      }
    } else if (c === ":" && depth === 1) {
      this.key = this.lastString;
    } else if (c === "," && depth === 1) {
      this.key = undefined;
    } else if (c === "{" || c === "[") {
      this.open(c);
      if (c === "[" && depth === 1 && this.key === "value" && this.target === 0) {
        this.target = 2;
        this.expect = "valueOrEnd";
      }
    } else if (c === "}" || c === "]") {
      this.close(c);
      if (this.stack.length === 0) this.phase = "end";
    }
  }
}

function decodeKey(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/**
 * Yields each element of a streamed top-level JSON array as soon as it is complete, not when the response ends.
 * A top-level object is read as an OData collection: the elements of its `value` array are yielded.
 * Chunks may split anywhere (inside strings, escapes or UTF-8 sequences). Throws JsonStreamError on malformed
 * JSON or a stream that ends early, JsonStreamLimitError past `limits` (nesting, one element's length: memory stays
 * bounded by them); on abort, cancels the stream and throws the signal's reason.
 */
export async function* parseJsonArrayStream(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
  limits?: JsonStreamLimits,
): AsyncIterable<unknown> {
  signal?.throwIfAborted();
  const scanner = new ArrayScanner(limits); // invalid limits throw before the stream is touched
  const reader = body.getReader();
  const onAbort = (): void => {
    reader.cancel(signal?.reason).catch(() => undefined);
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  const decoder = new TextDecoder();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      signal?.throwIfAborted();
      if (done) break;
      for (const item of scanner.push(decoder.decode(value, { stream: true }))) {
        yield item;
        signal?.throwIfAborted();
      }
      scanner.check(); // an error met after those elements: now, not when (if ever) the next chunk comes
    }
    finished = true;
    for (const item of scanner.push(decoder.decode())) yield item;
    scanner.end();
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

export type StreamingEvent =
  | { readonly kind: "notification"; readonly notification: ParsedNotification }
  | { readonly kind: "keepAlive"; readonly status: string };

export interface StreamingOptions {
  readonly subscriptionIds: readonly string[];
  /** How long the service keeps one response open. Default 30. */
  readonly connectionTimeoutInMinutes?: number | undefined;
  /** How often the service sends a KeepAliveNotification. Default 30. */
  readonly keepAliveIntervalInSeconds?: number | undefined;
  /** A connection silent this long (not even a keep-alive) is dropped and reopened. Default 3 × keep-alive + 10 s; 0: never. */
  readonly idleTimeoutInSeconds?: number | undefined;
  /** Stops the stream: the iteration ends without an error. */
  readonly signal?: AbortSignal | undefined;
  /** Called when GetNotifications answers 404 (subscription expired): returns the new subscription ids. */
  readonly renew?: (() => Promise<readonly string[]>) | undefined;
  /** Reconnects in a row without receiving anything before giving up with StreamingReconnectError. Default 10. */
  readonly maxReconnects?: number | undefined;
  /** Wait before the n-th consecutive reconnect after a failure (ms). Default min(30 s, 500 ms × 2^(n-1)). */
  readonly retryDelay?: ((attempt: number) => number) | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Caps on one streamed element (nesting, length); past them the stream rejects with JsonStreamLimitError. */
  readonly limits?: JsonStreamLimits | undefined;
}

/** Too many reconnects in a row failed or returned nothing. `cause` is the last error, if any. */
export class StreamingReconnectError extends Error {
  override readonly name = "StreamingReconnectError";
  readonly attempts: number;

  constructor(attempts: number, cause: unknown) {
    super(`GetNotifications failed after ${attempts} reconnects in a row`, cause === undefined ? {} : { cause });
    this.attempts = attempts;
  }
}

class IdleTimeout extends Error {
  override readonly name = "IdleTimeout";
}

const RETRYABLE_STATUS: readonly number[] = [408, 429, 500, 502, 503, 504];

/**
 * Streaming notifications [beta]: POSTs `<user>/GetNotifications` (`user` a node such as `client.me`) and yields
 * notifications and keep-alives as they arrive. Reopens the stream when it ends (connection timeout) or drops
 * (network error, silence), calls `renew` on 404 and goes on with the new ids, stops quietly on abort.
 */
export async function* streamNotifications(user: object, options: StreamingOptions): AsyncIterable<StreamingEvent> {
  const { ctx, path: userPath, table } = nodeState(user);
  let ids = [...options.subscriptionIds];
  if (ids.length === 0) throw new TypeError("streamNotifications needs at least one subscription id");
  const timeout = options.connectionTimeoutInMinutes ?? 30;
  const keepAlive = options.keepAliveIntervalInSeconds ?? 30;
  const idle = options.idleTimeoutInSeconds ?? keepAlive * 3 + 10;
  const maxReconnects = options.maxReconnects ?? 10;
  const retryDelay = options.retryDelay ?? ((n: number) => Math.min(30_000, 500 * 2 ** (n - 1)));
  const signal = options.signal;
  const name = "GetNotifications";
  // An OperationNamespaces, or a boolean, which has no own property.
  const namespaces = Object(ctx.options.qualifiedOperations) as Readonly<Record<string, string>>;
  const namespace =
    (Object.hasOwn(namespaces, name) ? namespaces[name] : table.namespace) ?? "Microsoft.OutlookServices";
  const path = userPath.operation(`${namespace}.${name}`, name);
  let failures = 0; // reconnects in a row that received nothing
  let lastError: unknown;

  while (!signal?.aborted) {
    const connection = new AbortController();
    const stop = (): void => connection.abort(signal?.reason);
    signal?.addEventListener("abort", stop, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const disarm = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    };
    const arm = (): void => {
      disarm();
      if (idle > 0) timer = setTimeout(() => connection.abort(new IdleTimeout(`No data for ${idle} s`)), idle * 1000);
    };
    let received = false;
    let renewed = false;
    try {
      arm();
      const response = await send(ctx, {
        method: "POST",
        path,
        body: {
          ConnectionTimeoutInMinutes: timeout,
          KeepAliveNotificationIntervalInSeconds: keepAlive,
          SubscriptionIds: ids,
        },
        options: { signal: connection.signal, ...(options.headers ? { headers: options.headers } : {}) },
      });
      if (response.body) {
        for await (const element of parseJsonArrayStream(response.body, connection.signal, options.limits)) {
          received = true;
          failures = 0;
          const event = toEvent(element);
          if (event) {
            disarm(); // the consumer's time is not the connection's silence
            yield event;
          }
          arm();
        }
      }
    } catch (e) {
      if (signal?.aborted) return;
      if (e instanceof JsonStreamLimitError) throw e; // the service would send it again: no reconnect
      if (isODataError(e) && e.status === 404 && options.renew) {
        ids = [...(await options.renew())];
        if (ids.length === 0) throw new TypeError("renew() returned no subscription ids");
        renewed = true;
      } else if (isODataError(e) && !RETRYABLE_STATUS.includes(e.status)) {
        throw e;
      }
      lastError = e;
    } finally {
      disarm();
      signal?.removeEventListener("abort", stop);
      connection.abort(); // ends a stream the consumer stopped reading
    }
    if (signal?.aborted) return;
    if (!received) {
      // Nothing came through (an error, or an empty response): back off, give up after maxReconnects.
      failures++;
      if (failures > maxReconnects) throw new StreamingReconnectError(failures - 1, lastError);
      if (!renewed) await sleep(retryDelay(failures), signal);
    }
  }
}

function toEvent(element: unknown): StreamingEvent | undefined {
  if (typeof element !== "object" || element === null) return undefined;
  const type = (element as Record<string, unknown>)["@odata.type"];
  const t = typeof type === "string" ? type : "";
  if (t.endsWith("KeepAliveNotification")) {
    const status = (element as Record<string, unknown>)["Status"] ?? (element as Record<string, unknown>)["status"];
    return { kind: "keepAlive", status: typeof status === "string" ? status : "" };
  }
  if (t !== "" && !t.endsWith("Notification")) return undefined;
  const notification = parseNotification(element);
  return notification ? { kind: "notification", notification } : undefined;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!(ms > 0)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
