// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
import { readLimited } from "./errors.js";

/** A notification as Outlook sends it (PascalCase). */
export interface OutlookNotification {
  readonly "@odata.type"?: string;
  readonly Id?: string | null;
  readonly SubscriptionId: string;
  readonly SubscriptionExpirationDateTime?: string;
  readonly SequenceNumber?: number;
  /** Flags, e.g. "Created,Updated"; "Missed" asks for a resync. */
  readonly ChangeType: string;
  readonly Resource: string;
  readonly ResourceData?: Readonly<Record<string, unknown>>;
  readonly ClientState?: string;
}

/** A notification as Microsoft Graph sends it (camelCase). */
export interface GraphNotification {
  readonly subscriptionId: string;
  readonly subscriptionExpirationDateTime?: string;
  readonly sequenceNumber?: number;
  readonly changeType: string;
  readonly resource: string;
  readonly resourceData?: Readonly<Record<string, unknown>>;
  readonly clientState?: string;
  readonly tenantId?: string;
}

export type RawNotification = OutlookNotification | GraphNotification;

/** A notification in either casing, normalised. */
export interface ParsedNotification {
  readonly subscriptionId: string;
  readonly subscriptionExpirationDateTime?: string;
  readonly sequenceNumber?: number;
  /** "Created,Updated" → ["Created", "Updated"], casing as sent. */
  readonly changeType: readonly string[];
  readonly resource: string;
  readonly resourceData?: Readonly<Record<string, unknown>>;
  /** From the body; a ClientState header is not copied here. */
  readonly clientState?: string;
  /** ChangeType includes Missed: notifications were lost, resync the resource. */
  readonly missed: boolean;
  readonly raw: Readonly<Record<string, unknown>>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The value under a PascalCase name or its camelCase twin. */
function field(o: Json, pascal: string): unknown {
  return o[pascal] ?? o[pascal.charAt(0).toLowerCase() + pascal.slice(1)];
}

const CHANGE_FLAGS: readonly (readonly [number, string])[] = [
  [1, "Created"],
  [2, "Updated"],
  [4, "Deleted"],
  [8, "Acknowledgment"],
  [16, "Missed"],
];

function changeTypes(v: unknown): string[] {
  if (typeof v === "number") return CHANGE_FLAGS.filter(([bit]) => (v & bit) !== 0).map(([, name]) => name);
  if (typeof v !== "string") return [];
  return v
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Normalises one notification object (either casing); undefined if it names no subscription. */
export function parseNotification(raw: unknown): ParsedNotification | undefined {
  if (!isObject(raw)) return undefined;
  const subscriptionId = field(raw, "SubscriptionId");
  if (typeof subscriptionId !== "string" || subscriptionId === "") return undefined;
  const changeType = changeTypes(field(raw, "ChangeType"));
  const resource = field(raw, "Resource");
  const out: {
    subscriptionId: string;
    subscriptionExpirationDateTime?: string;
    sequenceNumber?: number;
    changeType: string[];
    resource: string;
    resourceData?: Json;
    clientState?: string;
    missed: boolean;
    raw: Json;
  } = {
    subscriptionId,
    changeType,
    resource: typeof resource === "string" ? resource : "",
    missed: changeType.some((c) => c.toLowerCase() === "missed"),
    raw,
  };
  const expires = field(raw, "SubscriptionExpirationDateTime");
  if (typeof expires === "string") out.subscriptionExpirationDateTime = expires;
  const seq = field(raw, "SequenceNumber");
  const n = typeof seq === "string" && seq.trim() !== "" ? Number(seq) : seq;
  if (typeof n === "number" && Number.isSafeInteger(n)) out.sequenceNumber = n;
  const data = field(raw, "ResourceData");
  if (isObject(data)) out.resourceData = data;
  const state = field(raw, "ClientState");
  if (typeof state === "string") out.clientState = state;
  return out;
}

/** The parts of node:http's IncomingMessage the handler uses (also fits Express/Connect requests). */
export interface NodeLikeRequest {
  readonly method?: string | undefined;
  /** Path and query, e.g. "/hook?validationToken=…". */
  readonly url?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** A body already read by middleware (string, bytes, or parsed JSON); else the stream is read. */
  readonly body?: unknown;
  [Symbol.asyncIterator]?(): AsyncIterator<unknown>;
  on?(event: string, listener: (...args: any[]) => void): unknown;
}

/** The parts of node:http's ServerResponse the handler uses. */
export interface NodeLikeResponse {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body?: string): unknown;
}

export interface GapInfo {
  readonly subscriptionId: string;
  /** Last sequence number seen + 1. */
  readonly expected: number;
  /** Lower than `expected` for a repeated or late delivery. */
  readonly received: number;
}

export interface WebhookOptions {
  /**
   * The expected ClientState: one for all subscriptions, or per subscription id (return undefined for an
   * unknown subscription: its notifications are rejected). Omitted: no check.
   */
  readonly clientState?: string | ((subscriptionId: string) => string | undefined) | undefined;
  /** Accepted notifications of one POST. Runs after the response is sent; batches run one at a time, in arrival order. */
  readonly onNotifications: (batch: ParsedNotification[]) => void | Promise<void>;
  /** A sequence number other than last + 1 for the subscription. */
  readonly onGap?: ((info: GapInfo) => void) | undefined;
  /** A notification whose ChangeType includes Missed (resync the resource). */
  readonly onMissed?: ((n: ParsedNotification) => void) | undefined;
  /** A notification dropped because its ClientState did not match. */
  readonly onRejected?: ((n: ParsedNotification, reason: "clientState") => void) | undefined;
  /** Errors thrown by the callbacks; default console.error. */
  readonly onError?: ((error: unknown) => void) | undefined;
  /**
   * Larger notification bodies are refused with 413; a body without Content-Length (chunked) is read only up to the
   * limit, then the rest is cancelled. Default 4 MiB.
   */
  readonly maxBodyBytes?: number | undefined;
  /**
   * How many subscriptions' last sequence numbers (for onGap) are remembered. When more subscriptions send, the least
   * recently seen one is forgotten: its next notification starts afresh, without a gap check. Bounds the memory that
   * invented subscription ids can take (ids over 512 characters are not tracked at all). Default 10,000.
   */
  readonly maxTrackedSubscriptions?: number | undefined;
}

export interface WebhookHandler {
  /**
   * For fetch-style servers (Deno, Bun, workers, Next.js route handlers). Pass the platform's `waitUntil`
   * to keep the onNotifications work alive after the response on serverless platforms.
   */
  handleFetch(
    request: Request,
    context?: { readonly waitUntil?: ((promise: Promise<unknown>) => void) | undefined },
  ): Promise<Response>;
  /** For node:http (and Express/Connect) request and response objects. */
  handleNode(req: NodeLikeRequest, res: NodeLikeResponse): Promise<void>;
  /** Resolves when every batch queued so far has been handled (for tests and graceful shutdown). */
  drain(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The queued onNotifications work, if any. */
  readonly work?: Promise<void>;
}

interface Incoming {
  readonly method: string;
  readonly url: string;
  header(name: string): string | undefined;
  /** Reads the body: text, or an already parsed value. Undefined when it exceeds `limit` bytes. */
  read(limit: number): Promise<{ readonly text: string } | { readonly parsed: unknown } | undefined>;
}

/** Every answer is plain text the browser must not sniff (the validation echo repeats a caller-chosen token). */
const TEXT = { "Content-Type": "text/plain", "X-Content-Type-Options": "nosniff" };
const plain = (status: number, body: string, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { ...TEXT, ...headers },
  body,
});

/**
 * A webhook endpoint for push notifications (Outlook and Graph).
 * - `?validationToken=…` (POST or GET; the name in any case, Outlook sent `validationtoken`): answered at once with
 *   200 text/plain and the decoded token; the body is not read.
 * - Notification POST `{"value":[…]}`: 202 as soon as the body is parsed; onNotifications runs afterwards.
 *   ClientState (body field, else the `ClientState` header) is compared per notification: mismatching ones are
 *   dropped and passed to onRejected; if every notification of a non-empty POST mismatches the answer is 403.
 * - Malformed JSON or a body without a `value` array: 400. Other methods: 405. Oversized bodies: 413. Never throws.
 */
export function createWebhookHandler(options: WebhookOptions): WebhookHandler {
  // Insertion order is recency order: an id seen again is moved to the end, the first one is the one to evict.
  const lastSequence = new Map<string, number>();
  let queue: Promise<void> = Promise.resolve();
  const limit = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const maxTracked = options.maxTrackedSubscriptions ?? 10_000;
  if (!(Number.isSafeInteger(maxTracked) && maxTracked >= 0))
    throw new TypeError(`maxTrackedSubscriptions must be a non-negative integer, got ${String(maxTracked)}`);

  const report = (error: unknown): void => {
    try {
      if (options.onError) options.onError(error);
      else console.error("Webhook callback failed:", error);
    } catch {
      // An error handler that throws has nowhere left to report to.
    }
  };
  const call = (fn: () => void): void => {
    try {
      fn();
    } catch (e) {
      report(e);
    }
  };

  const expectedState = (subscriptionId: string): string | undefined | null => {
    const cs = options.clientState;
    if (cs === undefined) return null; // no check
    return typeof cs === "string" ? cs : cs(subscriptionId);
  };

  async function answer(req: Incoming): Promise<Answer> {
    const query = req.url.indexOf("?");
    if (query >= 0) {
      const found: { token?: string } = {};
      new URLSearchParams(req.url.slice(query + 1)).forEach((value, name) => {
        if (found.token === undefined && name.toLowerCase() === "validationtoken") found.token = value;
      });
      if (found.token !== undefined && (req.method === "POST" || req.method === "GET")) return plain(200, found.token);
    }
    if (req.method !== "POST") return plain(405, "Method Not Allowed", { Allow: "POST" });
    let body: unknown;
    try {
      const read = await req.read(limit);
      if (read === undefined) return plain(413, "Payload Too Large");
      body = "parsed" in read ? read.parsed : JSON.parse(read.text);
    } catch {
      return plain(400, "Malformed JSON body");
    }
    const value = isObject(body) ? body["value"] : undefined;
    if (!Array.isArray(value)) return plain(400, 'Expected a JSON object with a "value" array');
    const headerState = req.header("clientstate");
    const accepted: ParsedNotification[] = [];
    let rejected = 0;
    for (const item of value) {
      const n = parseNotification(item);
      if (n === undefined) continue;
      const expected = expectedState(n.subscriptionId);
      if (expected !== null && (expected === undefined || !sameText(n.clientState ?? headerState, expected))) {
        rejected++;
        if (options.onRejected) call(() => options.onRejected?.(n, "clientState"));
        continue;
      }
      accepted.push(n);
      track(n);
    }
    if (accepted.length === 0 && rejected > 0) return plain(403, "ClientState mismatch");
    if (accepted.length === 0) return { status: 202, headers: {}, body: "" };
    const work = queue.then(async () => {
      try {
        await options.onNotifications(accepted);
      } catch (e) {
        report(e);
      }
    });
    queue = work;
    return { status: 202, headers: {}, body: "", work };
  }

  function track(n: ParsedNotification): void {
    const seq = n.sequenceNumber;
    const id = n.subscriptionId;
    if (seq !== undefined && id.length <= MAX_TRACKED_ID && maxTracked > 0) {
      const last = lastSequence.get(id);
      if (last !== undefined && seq !== last + 1 && options.onGap) {
        const info = { subscriptionId: id, expected: last + 1, received: seq };
        call(() => options.onGap?.(info));
      }
      lastSequence.delete(id);
      lastSequence.set(id, last === undefined ? seq : Math.max(last, seq));
      if (lastSequence.size > maxTracked) {
        const oldest = lastSequence.keys().next();
        if (!oldest.done) lastSequence.delete(oldest.value);
      }
    }
    if (n.missed && options.onMissed) call(() => options.onMissed?.(n));
  }

  async function safeAnswer(req: Incoming): Promise<Answer> {
    try {
      return await answer(req);
    } catch (e) {
      report(e);
      return plain(500, "Internal Server Error");
    }
  }

  return {
    async handleFetch(request, context) {
      const a = await safeAnswer({
        method: request.method.toUpperCase(),
        url: request.url,
        header: (name) => request.headers.get(name) ?? undefined,
        read: (max) => readFetchBody(request, max),
      });
      if (a.work) context?.waitUntil?.(a.work);
      return new Response(a.body === "" ? null : a.body, { status: a.status, headers: a.headers });
    },
    async handleNode(req, res) {
      const a = await safeAnswer({
        method: (req.method ?? "GET").toUpperCase(),
        url: req.url ?? "/",
        header: (name) => {
          const v = req.headers[name];
          return typeof v === "string" ? v : v?.join(", ");
        },
        read: (max) => readNodeBody(req, max),
      });
      try {
        res.writeHead(a.status, a.headers);
        res.end(a.body);
      } catch (e) {
        report(e);
      }
    },
    drain() {
      return queue;
    },
  };
}

/** Subscription ids longer than this are not tracked for gaps (real ones are GUIDs or short base64 strings). */
const MAX_TRACKED_ID = 512;

/** Reads a fetch Request's body up to `limit` bytes, cancelling the stream once past it (a chunked body included). */
async function readFetchBody(request: Request, limit: number): Promise<{ readonly text: string } | undefined> {
  const bytes = await readLimited(request, limit);
  return bytes === undefined ? undefined : { text: new TextDecoder().decode(bytes) };
}

function decodeChunks(chunks: readonly Uint8Array[], size: number): string {
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(all);
}

/** Compares without an early exit, so the expected value does not leak through timing. */
function sameText(actual: string | undefined, expected: string): boolean {
  if (actual === undefined) return false;
  let diff = actual.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (actual.charCodeAt(i) | 0) ^ expected.charCodeAt(i);
  return diff === 0;
}

/** UTF-8 length of a string, without encoding it. */
function byteLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

async function readNodeBody(
  req: NodeLikeRequest,
  limit: number,
): Promise<{ readonly text: string } | { readonly parsed: unknown } | undefined> {
  const pre = req.body;
  if (typeof pre === "string") return byteLength(pre) > limit ? undefined : { text: pre };
  if (pre instanceof Uint8Array) return pre.length > limit ? undefined : { text: new TextDecoder().decode(pre) };
  // body-parser leaves `{}` when the content type did not match: then the stream is still unread.
  if (pre !== undefined && pre !== null && !(isObject(pre) && Object.keys(pre).length === 0)) return { parsed: pre };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const add = (chunk: unknown): boolean => {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    if (!(bytes instanceof Uint8Array)) throw new TypeError("Unexpected request body chunk");
    size += bytes.length;
    chunks.push(bytes);
    return size <= limit;
  };
  if (req[Symbol.asyncIterator]) {
    for await (const chunk of req as AsyncIterable<unknown>) if (!add(chunk)) return undefined;
  } else if (req.on) {
    const on = req.on.bind(req);
    const ok = await new Promise<boolean>((resolve, reject) => {
      let over = false;
      on("data", (chunk: unknown) => {
        try {
          // Past the limit the answer is 413 at once: a body that never ends must not hold the request open.
          if (!over && !add(chunk)) {
            over = true;
            chunks.length = 0;
            resolve(false);
          }
        } catch (e) {
          reject(e);
        }
      });
      on("end", () => resolve(!over));
      on("error", reject);
    });
    if (!ok) return undefined;
  }
  return { text: decodeChunks(chunks, size) };
}
