// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
import type { ClientContext } from "./context.js";
import { BatchFormatError, ODataError } from "./errors.js";
import { execute, readBody } from "./http.js";
import { nodeAt, nodeState } from "./node.js";
import { Path } from "./path.js";
import { abortable, nextRetryDelay, parseRetryAfter, retryPolicy } from "./retry.js";
import type { FetchInput, RequestOptions } from "./types.js";

/**
 * How a part names its URL:
 * - "service": relative to the service root, after a slash (`/me/messages`): the form Microsoft Graph documents, which
 *   SAP CAP accepts too; OData's JSON format (§19.1) reads a leading slash as a path on the host, so a service that
 *   follows it to the letter takes only the other two;
 * - "relative": relative to the batch URL, without a leading slash (`me/messages` when the batch is `{root}/$batch`);
 * - "absolute": the absolute path on the service's origin (`/v1.0/me/messages`), HTTP's usual request target: the form
 *   the Outlook REST API documents for its multipart batches.
 */
export type BatchPartUrls = "service" | "relative" | "absolute";

/** What a generated client knows of its service's $batch (its service profile): the defaults of BatchOptions. */
export interface BatchDefaults {
  readonly format?: "multipart" | "json";
  readonly path?: string;
  readonly maxPartsPerRequest?: number;
  readonly partUrls?: BatchPartUrls;
}

export interface BatchOptions {
  /**
   * Wire format: "multipart" (OData's multipart/mixed) or "json" (the OData 4.01 JSON batch format). Default: the
   * service's (Graph "json"; Outlook, which has no JSON batch, and other services "multipart").
   */
  readonly format?: "multipart" | "json" | undefined;
  /** Sends `Prefer: odata.continue-on-error`: the service runs every part even after a failed one. */
  readonly continueOnError?: boolean | undefined;
  /**
   * At most this many parts per $batch request; default the service's limit (20 for Graph and Outlook, 20 where
   * unknown). More are split into several $batch requests, sent one after another; requests joined by dependsOn, a
   * reference (Batch.ref) or an atomicity group go in the same one. Without continueOnError, a failed part stops the
   * later requests, as the service stops within one: their parts resolve as not executed (424, BatchPartNotExecuted).
   */
  readonly maxPartsPerRequest?: number | undefined;
  /** Batch endpoint relative to the service root; default the service's ("me/$batch" for Outlook v2.0 and beta, else "$batch"). */
  readonly path?: string | undefined;
  /**
   * How the parts name their URLs (see BatchPartUrls). Default: the service's (Graph "service", Outlook "absolute");
   * else "relative" in the JSON format and "absolute" in the multipart format.
   */
  readonly partUrls?: BatchPartUrls | undefined;
  /** The older spelling of partUrls: true is "relative", false "absolute". partUrls wins. */
  readonly relativeUrls?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** Per-request options of Batch.add. dependsOn needs format "json". */
export interface BatchAddOptions {
  /** Request id (JSON "id", multipart Content-ID); default the next free number, "1", "2", … */
  readonly id?: string | undefined;
  /**
   * Requests of one group run all or nothing; add them one after another. In the multipart format a group is sent as
   * one change set; when it fails, every request of the group gets the change set's error response.
   */
  readonly atomicityGroup?: string | undefined;
  /**
   * Ids of requests or atomicity groups added before, which must succeed before this one runs. A request whose URL
   * starts with a reference (Batch.ref) depends on the referenced request without being told.
   */
  readonly dependsOn?: readonly string[] | undefined;
}

export type BatchResult<T> =
  | { readonly ok: true; readonly status: number; readonly headers: Headers; readonly body: T }
  | { readonly ok: false; readonly status: number; readonly headers: Headers; readonly error: ODataError };

export const BatchErrorCodes = {
  /** The service sent no response for the part (it stopped at an earlier failure), or it was never sent. */
  PartNotExecuted: "BatchPartNotExecuted",
} as const;

interface QueuedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: string | Bytes | undefined;
}

interface Part {
  readonly id: string;
  readonly atomicityGroup: string | undefined;
  readonly dependsOn: readonly string[];
  /** True once the request function called fetch. */
  fetched: boolean;
  request: QueuedRequest | undefined;
  /** Resolves once the request is queued or the request function settled without one. */
  readonly ready: Promise<void>;
  readonly markReady: () => void;
  /** What fetch returns to the request function. */
  readonly response: Promise<Response>;
  readonly resolve: (response: Response) => void;
  readonly reject: (error: unknown) => void;
  answered: boolean;
  status: number;
  headers: Headers;
  result: Promise<unknown>;
}

interface PartResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string | Bytes | null;
}

/** A whole $batch request failed; parts that were waiting for it get `error` with the outer status and headers. */
class BatchFailure {
  readonly error: unknown;
  readonly status: number;
  readonly headers: Headers;

  constructor(error: unknown, status: number, headers: Headers) {
    this.error = error;
    this.status = status;
    this.headers = headers;
  }
}

/** Request ids and group names: they go into Content-ID headers and `$id` references. */
/**
 * Bytes backed by an ArrayBuffer, as fetch and Response take them: `Uint8Array<ArrayBuffer>` where Uint8Array is
 * generic (TypeScript 5.7 and later), plain `Uint8Array` before; written without type arguments so both compile.
 */
type Bytes = ReturnType<Uint8Array["slice"]>;

const ID = /^[\w.~-]+$/;
const NULL_BODY_STATUS = [101, 103, 204, 205, 304];
const JSON_MEDIA = /^application\/(?:[^;\s]*\+)?json\b/i;

/**
 * Collects requests made with the ordinary typed client and sends them as $batch requests.
 * The client given to add() does not send: its fetch queues the request until send().
 */
export class Batch<C> {
  private readonly ctx: ClientContext;
  private readonly makeClient: (ctx: ClientContext) => C;
  private readonly format: "multipart" | "json";
  private readonly continueOnError: boolean;
  private readonly maxParts: number;
  private readonly path: string;
  private readonly partUrls: BatchPartUrls;
  private readonly signal: AbortSignal | undefined;
  private readonly parts: Part[] = [];
  private readonly ids = new Set<string>();
  private readonly groups = new Set<string>();
  private state: "open" | "sending" | "done" = "open";

  constructor(
    ctx: ClientContext,
    makeClient: (ctx: ClientContext) => C,
    options?: BatchOptions,
    defaults?: BatchDefaults,
  ) {
    const max = options?.maxPartsPerRequest ?? defaults?.maxPartsPerRequest ?? 20;
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`Batch: invalid maxPartsPerRequest ${max}`);
    this.ctx = ctx;
    this.makeClient = makeClient;
    this.format = options?.format ?? defaults?.format ?? "multipart";
    this.continueOnError = options?.continueOnError ?? false;
    this.maxParts = max;
    this.path = (options?.path ?? defaults?.path ?? "$batch").replace(/^\/+/, "");
    const relative = options?.relativeUrls;
    this.partUrls =
      options?.partUrls ??
      (relative === undefined ? undefined : relative ? "relative" : "absolute") ??
      defaults?.partUrls ??
      (this.format === "json" ? "relative" : "absolute");
    this.signal = options?.signal;
  }

  /** Number of requests added so far. */
  get size(): number {
    return this.parts.length;
  }

  /**
   * Queues one request made with the client: `batch.add((c) => c.me.messages.list({ top: 5 }))`.
   * The request function must make exactly one HTTP request. The promise resolves after send() with the typed body,
   * or with the part's ODataError; it rejects for other failures (which send() reports as well).
   */
  add<T>(request: (client: C) => Promise<T>, options?: BatchAddOptions): Promise<BatchResult<T>> {
    if (this.state !== "open") throw new Error("Batch: add() after send()");
    const part = this.newPart(options);
    const partOptions = {
      ...this.ctx.options,
      // The outer $batch request carries the credentials; parts get no token of their own.
      getAccessToken: undefined,
      fetch: (input: FetchInput, init?: RequestInit) => this.enqueue(part, input, init),
      // A part is sent once and waits for the whole batch: no retries or timeouts of its own.
      retry: false as const,
      timeoutMs: undefined,
    };
    // A part answered with a redirect fails as that response: the batch cannot send a second request for it.
    const ctx: ClientContext = { baseUrl: this.ctx.baseUrl, options: partOptions, followRedirects: false };
    let pending: Promise<T>;
    try {
      pending = Promise.resolve(request(this.makeClient(ctx)));
    } catch (e) {
      pending = Promise.reject(e);
    }
    pending.then(part.markReady, part.markReady);
    const result = (async (): Promise<BatchResult<T>> => {
      try {
        const body = await pending;
        if (!part.answered) throw new Error("Batch: the request function made no HTTP request");
        return { ok: true, status: part.status, headers: part.headers, body };
      } catch (e) {
        if (e instanceof ODataError) return { ok: false, status: e.status, headers: part.headers, error: e };
        throw e;
      }
    })();
    // send() reports failures too: a caller who awaits only send() gets no unhandled rejection.
    result.catch(() => {});
    part.result = result;
    return result;
  }

  /**
   * A node for what an earlier request of this batch creates or reads, addressed by reference: its URL starts with
   * `$<id>` (OData "referencing new entities"; in JSON the request then depends on `id`). Use it inside add(), with the
   * client add() passes, naming the node type of the referenced entity or collection:
   * `batch.add((c) => batch.ref<ProjectNode>(c, "1").tasks.create({ title: "First" }))`.
   */
  ref<N>(client: object, id: string): N {
    if (!this.ids.has(id)) throw new Error(`Batch: ref("${id}") names no request added before`);
    const { ctx, table } = nodeState(client);
    return nodeAt(ctx, table, Path.root().nav(`$${id}`)) as N;
  }

  /** Sends every queued request; resolves when all parts have their results. Rejects if a $batch request failed. */
  async send(): Promise<void> {
    if (this.state !== "open") throw new Error("Batch: send() called twice");
    this.state = "sending";
    let failure: BatchFailure | undefined;
    try {
      await Promise.all(this.parts.map((p) => p.ready));
      const queued = this.parts.filter((p) => p.request !== undefined);
      const chunks = this.chunk(queued);
      let stopped = false;
      for (const chunk of chunks) {
        if (stopped) {
          for (const p of chunk) notExecuted(p);
          continue;
        }
        this.signal?.throwIfAborted();
        await this.sendChunk(chunk);
        if (!this.continueOnError && chunk.some((p) => p.status >= 400)) stopped = true;
      }
    } catch (e) {
      failure = e instanceof BatchFailure ? e : new BatchFailure(e, 0, new Headers());
      for (const p of this.parts) {
        if (p.answered || !p.request) continue;
        p.answered = true;
        p.status = failure.status;
        p.headers = failure.headers;
        p.reject(failure.error);
      }
    } finally {
      this.state = "done";
      await Promise.allSettled(this.parts.map((p) => p.result));
    }
    if (failure) throw failure.error;
  }

  private newPart(options: BatchAddOptions | undefined): Part {
    const group = options?.atomicityGroup;
    const dependsOn = options?.dependsOn ?? [];
    if (this.format !== "json" && dependsOn.length) throw new Error('Batch: dependsOn needs format "json"');
    let id = options?.id;
    if (id === undefined) for (let n = this.parts.length + 1; this.ids.has((id = String(n))); n++);
    if (!ID.test(id) || this.ids.has(id) || this.groups.has(id))
      throw new Error(`Batch: request id "${id}" is invalid or taken`);
    if (group !== undefined) {
      const last = this.parts[this.parts.length - 1];
      if (!ID.test(group) || this.ids.has(group) || group === id)
        throw new Error(`Batch: atomicityGroup "${group}" is invalid or a request id`);
      if (this.groups.has(group) && last?.atomicityGroup !== group)
        throw new Error(`Batch: the requests of atomicityGroup "${group}" must be added one after another`);
    }
    for (const d of dependsOn)
      if (!this.ids.has(d) && !this.groups.has(d))
        throw new Error(`Batch: dependsOn "${d}" names no request or atomicity group added before`);
    this.ids.add(id);
    if (group !== undefined) this.groups.add(group);

    let markReady = (): void => {};
    const ready = new Promise<void>((r) => (markReady = r));
    let resolve: (response: Response) => void = () => {};
    let reject: (error: unknown) => void = () => {};
    const response = new Promise<Response>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const part: Part = {
      id,
      atomicityGroup: group,
      dependsOn,
      fetched: false,
      request: undefined,
      ready,
      markReady,
      response,
      resolve,
      reject,
      answered: false,
      status: 0,
      headers: new Headers(),
      result: Promise.resolve(),
    };
    this.parts.push(part);
    return part;
  }

  /** The fetch of the client given to add(): records the request and waits for the batch response. */
  private async enqueue(part: Part, input: FetchInput, init: RequestInit | undefined): Promise<Response> {
    if (part.fetched || this.state === "done")
      throw new Error("Batch: a batched request function must make exactly one HTTP request, before send()");
    part.fetched = true;
    try {
      init?.signal?.throwIfAborted();
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      const headers = new Headers(init?.headers);
      headers.delete("Authorization");
      const raw = init?.body;
      const body =
        raw === undefined || raw === null
          ? undefined
          : typeof raw === "string"
            ? raw
            : new Uint8Array(await new Response(raw).arrayBuffer());
      part.request = { method: (init?.method ?? "GET").toUpperCase(), url, headers, body };
    } finally {
      part.markReady();
    }
    return part.response;
  }

  /**
   * Splits the parts into $batch requests of at most maxParts: requests joined by an atomicity group, dependsOn or a
   * reference (`$1/…`) form one unit that is never split; units go in the order of their first request, each request
   * keeps its place in the caller's order.
   */
  private chunk(parts: readonly Part[]): Part[][] {
    // Union-find over the parts' indexes; a group's name and a request's id lead to the part that names them first.
    const up = parts.map((_, i) => i);
    const find = (i: number): number => (up[i] === i ? i : (up[i] = find(up[i]!)));
    const first = new Map<string, number>();
    parts.forEach((p, i) => {
      const joined = [...p.dependsOn, ...(refOf(p, this.ctx.baseUrl, this.ids) ?? [])];
      if (p.atomicityGroup !== undefined) joined.push(p.atomicityGroup);
      for (const name of joined) {
        const j = first.get(name);
        if (j !== undefined) up[find(i)] = find(j);
      }
      first.set(p.id, i);
      if (p.atomicityGroup !== undefined && !first.has(p.atomicityGroup)) first.set(p.atomicityGroup, i);
    });
    const units = new Map<number, Part[]>();
    parts.forEach((p, i) => {
      const root = find(i);
      const unit = units.get(root);
      if (unit) unit.push(p);
      else units.set(root, [p]);
    });
    const chunks: Part[][] = [];
    let current: Part[] = [];
    // A unit enters the map at its first request, so the map's order is the units' order.
    for (const unit of units.values()) {
      if (unit.length > this.maxParts)
        throw new Error(
          `Batch: ${unit.length} requests joined by dependsOn, references or an atomicity group (the first "${unit[0]?.id}") exceed maxPartsPerRequest ${this.maxParts}`,
        );
      if (current.length + unit.length > this.maxParts) {
        chunks.push(current);
        current = [];
      }
      current.push(...unit);
    }
    if (current.length) chunks.push(current);
    const at = new Map(parts.map((p, i) => [p, i]));
    return chunks.map((c) => c.sort((a, b) => at.get(a)! - at.get(b)!));
  }

  /**
   * Sends one $batch request and hands every part its response. Parts answered 429 are sent again, alone, after the
   * longest Retry-After among them (the client's retry policy bounds the attempts and waits), with the parts that
   * got no response or failed (424) for depending on one of them; the others keep their responses.
   */
  private async sendChunk(chunk: readonly Part[]): Promise<void> {
    const policy = retryPolicy(this.ctx.options.retry);
    const started = Date.now();
    let waited = 0;
    let pending = chunk;
    for (let attempt = 1; ; attempt++) {
      const answers = await this.post(pending);
      const throttled = pending.filter((p) => answers.get(p)?.status === 429);
      let delay: number | undefined;
      if (throttled.length) {
        const now = Date.now();
        const after = throttled
          .map((p) => parseRetryAfter(answers.get(p)?.headers.get("Retry-After"), now))
          .reduce<number | undefined>((a, b) => (b === undefined ? a : Math.max(a ?? 0, b)), undefined);
        delay = nextRetryDelay(attempt, after, Math.max(now - started, waited), policy);
      }
      const again = new Set<string>();
      if (delay !== undefined) {
        for (const p of pending) {
          const a = answers.get(p);
          const refs = refOf(p, this.ctx.baseUrl, this.ids) ?? [];
          const blocked = [...p.dependsOn, ...refs].some((d) => again.has(d));
          // A part that names another by `$id` goes again only with it: the service resolves `$1` within one batch.
          if (refs.some((d) => !again.has(d))) continue;
          if (!a || a.status === 429 || (a.status === 424 && blocked)) {
            again.add(p.id);
            if (p.atomicityGroup !== undefined) again.add(p.atomicityGroup);
          }
        }
        // An atomicity group goes again whole (all or nothing), its members answered before the throttled one too.
        for (const p of pending) if (p.atomicityGroup !== undefined && again.has(p.atomicityGroup)) again.add(p.id);
      }
      for (const p of pending) {
        if (again.has(p.id)) continue;
        const a = answers.get(p);
        if (a) deliver(p, a);
        else notExecuted(p);
      }
      if (delay === undefined) return;
      await abortable(policy.sleep(delay, this.signal), this.signal);
      waited += delay;
      pending = pending.filter((p) => again.has(p.id));
    }
  }

  /** Sends one $batch request; the response of each part that got one. */
  private async post(chunk: readonly Part[]): Promise<Map<Part, PartResponse>> {
    const url = `${this.ctx.baseUrl}/${this.path}`;
    const json = this.format === "json";
    // Every part must address one mailbox: the outer request is routed by the first part's anchor.
    const anchor = chunk.map((p) => p.request?.headers.get("x-AnchorMailbox")).find((a) => a) ?? undefined;
    let body: string | Bytes;
    let contentType: string;
    const target = (p: Part): string => this.target(p, url);
    if (json) {
      contentType = "application/json";
      // A request sent again after a 429 depends only on the requests sent with it: the others have their answers.
      const sent = new Set(chunk.flatMap((p) => [p.id, p.atomicityGroup ?? p.id]));
      body = JSON.stringify({ requests: chunk.map((p) => jsonRequest(p, target(p), sent)) });
    } else {
      const boundary = `batch_${newId()}`;
      contentType = `multipart/mixed; boundary=${boundary}`;
      body = multipartRequest(chunk, boundary, target);
    }
    const options: RequestOptions = {
      ...(this.continueOnError ? { prefer: ["odata.continue-on-error"] } : {}),
      ...(this.signal ? { signal: this.signal } : {}),
    };
    // The outer POST goes the way of every request: token, headers, retries (only when the service said it
    // did not process it) and timeouts.
    let response: Response;
    try {
      response = await execute(
        this.ctx,
        "POST",
        url,
        anchor,
        options,
        json ? "application/json" : "multipart/mixed",
        body,
        contentType,
      );
    } catch (e) {
      if (e instanceof ODataError) throw new BatchFailure(e, e.status, e.headers);
      throw e;
    }
    const type = response.headers.get("Content-Type") ?? "";
    const multipart = /^multipart\//i.test(type);
    if (multipart) boundaryOf(type); // a bad boundary is refused before the body is read
    if (!multipart && !(JSON_MEDIA.test(type) || (json && !type))) {
      await response.body?.cancel().catch(() => undefined);
      throw new BatchFormatError(`Batch: unexpected response Content-Type "${type}" from ${url}`);
    }
    // Read whole, up to ClientOptions.maxResponseBytes (ResponseTooLargeError beyond).
    const bytes = await readBody(this.ctx, response, "POST");
    const answers = multipart ? parseMultipart(bytes, type) : parseJsonResponses(new TextDecoder().decode(bytes));

    // Responses with an id go to that part; the others fill the remaining parts in request order.
    const got = new Map<Part, PartResponse>();
    const byId = new Map(chunk.map((p) => [p.id, p]));
    const rest: Answer[] = [];
    for (const a of answers) {
      const p = a.id === undefined ? undefined : byId.get(a.id);
      if (p && !got.has(p)) this.answer(chunk, got, p, a);
      else rest.push(a);
    }
    for (const a of rest) {
      const p = chunk.find((q) => !got.has(q));
      if (p) this.answer(chunk, got, p, a);
    }
    return got;
  }

  /**
   * Records a part's response. A multipart change set that failed is answered by one response in its place: every
   * request of the group gets it, for all of them were rolled back.
   */
  private answer(chunk: readonly Part[], got: Map<Part, PartResponse>, part: Part, a: Answer): void {
    const group = part.atomicityGroup;
    if (this.format === "json" || a.inChangeSet || group === undefined || a.response.status < 400)
      got.set(part, a.response);
    else for (const p of chunk) if (p.atomicityGroup === group && !got.has(p)) got.set(p, a.response);
  }

  /**
   * The request target of a part: a reference (`$1/tasks`) as it is; else in the form partUrls names, when the part
   * lies below the service root (or the batch URL's folder, for "relative"); else the absolute path on the batch's
   * origin (or the whole URL, on another origin).
   */
  private target(part: Part, batchUrl: string): string {
    const url = part.request?.url ?? "";
    const root = `${this.ctx.baseUrl}/`;
    if (refOf(part, this.ctx.baseUrl, this.ids)) return url.slice(root.length);
    const folder = batchUrl.slice(0, batchUrl.lastIndexOf("/") + 1);
    if (this.partUrls === "relative" && url.startsWith(folder) && url.length > folder.length)
      return url.slice(folder.length);
    if (this.partUrls === "service" && url.startsWith(root)) return url.slice(root.length - 1);
    return requestTarget(url, batchUrl);
  }
}

/** The id of the earlier request a part's URL starts with (`{root}/$1/tasks`), in a one-item list; else undefined. */
function refOf(part: Part, baseUrl: string, ids: ReadonlySet<string>): [string] | undefined {
  const url = part.request?.url ?? "";
  const root = `${baseUrl}/`;
  const ref = url.startsWith(root) ? referenced(url.slice(root.length)) : undefined;
  return ref !== undefined && ref !== part.id && ids.has(ref) ? [ref] : undefined;
}

/** A batch whose parts are made with the client `makeClient(ctx)`, e.g. `(c) => new ServiceClient(c)`. */
export function createBatch<C>(
  ctx: ClientContext,
  makeClient: (ctx: ClientContext) => C,
  options?: BatchOptions,
  defaults?: BatchDefaults,
): Batch<C> {
  return new Batch(ctx, makeClient, options, defaults);
}

function deliver(part: Part, r: PartResponse): void {
  part.answered = true;
  part.status = r.status;
  part.headers = r.headers;
  try {
    if (r.status < 200 || r.status > 599) throw new Error(`Batch: part "${part.id}" answered with status ${r.status}`);
    const body = NULL_BODY_STATUS.includes(r.status) ? null : r.body;
    part.resolve(new Response(body, { status: r.status, headers: r.headers }));
  } catch (e) {
    part.reject(e);
  }
}

function notExecuted(part: Part): void {
  const req = part.request;
  const message = `The service sent no response for batch request ${part.id} (${req?.method} ${req?.url})`;
  const body = JSON.stringify({ error: { code: BatchErrorCodes.PartNotExecuted, message } });
  deliver(part, { status: 424, headers: new Headers({ "Content-Type": "application/json" }), body });
}

function newId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof c?.randomUUID === "function") return c.randomUUID();
  let s = "";
  for (let i = 0; i < 32; i++) s += Math.floor(Math.random() * 16).toString(16);
  return s;
}

/** "if-match" → "If-Match": the lower-case names a Headers object gives back, in their usual spelling. */
function headerName(name: string): string {
  switch (name) {
    case "x-anchormailbox":
      return "x-AnchorMailbox";
    case "odata-version":
      return "OData-Version";
    case "odata-maxversion":
      return "OData-MaxVersion";
  }
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

/** The request target: the absolute path (path and query) when the part is on the batch's origin. */
function requestTarget(url: string, batchUrl: string): string {
  const origin = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i;
  const o = origin.exec(url)?.[0];
  if (o === undefined || o.toLowerCase() !== origin.exec(batchUrl)?.[0].toLowerCase()) return url;
  const rest = url.slice(o.length);
  return rest.startsWith("/") ? rest : `/${rest}`;
}

function utf8(text: string): Bytes {
  // An encoder's bytes always have an ArrayBuffer of their own; Node's typings leave that open.
  return new TextEncoder().encode(text) as Bytes;
}

/** The id a request URL below the service root names by reference (`$1/tasks` → "1"), or undefined. */
function referenced(url: string): string | undefined {
  return /^\$([\w.~-]+)(?=[/?]|$)/.exec(url)?.[1];
}

/** The multipart/mixed body; the requests of an atomicity group form one change set (a nested multipart/mixed). */
function multipartRequest(parts: readonly Part[], boundary: string, target: (part: Part) => string): string | Bytes {
  const out: (string | Bytes)[] = [];
  let changeSet: { readonly group: string; readonly boundary: string } | undefined;
  const closeChangeSet = (): void => {
    if (changeSet) out.push(`--${changeSet.boundary}--\r\n`);
    changeSet = undefined;
  };
  for (const p of parts) {
    const req = p.request;
    if (!req) continue;
    if (changeSet && changeSet.group !== p.atomicityGroup) closeChangeSet();
    if (p.atomicityGroup !== undefined && !changeSet) {
      changeSet = { group: p.atomicityGroup, boundary: `changeset_${newId()}` };
      out.push(`--${boundary}\r\nContent-Type: multipart/mixed; boundary=${changeSet.boundary}\r\n\r\n`);
    }
    let head =
      `--${changeSet?.boundary ?? boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: ${p.id}\r\n\r\n` +
      `${req.method} ${target(p)} HTTP/1.1\r\n`;
    req.headers.forEach((value, name) => (head += `${headerName(name)}: ${value}\r\n`));
    out.push(`${head}\r\n`, req.body ?? "", "\r\n");
  }
  closeChangeSet();
  out.push(`--${boundary}--\r\n`);
  if (out.every((c) => typeof c === "string")) return out.join("");
  const bytes = out.map((c) => (typeof c === "string" ? utf8(c) : c));
  const all = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of bytes) {
    all.set(b, at);
    at += b.length;
  }
  return all;
}

function mediaType(headers: Headers): string {
  return headers.get("Content-Type") ?? "";
}

function jsonRequest(p: Part, url: string, sent: ReadonlySet<string>): Record<string, unknown> {
  const req = p.request;
  if (!req) throw new Error(`Batch: request ${p.id} was not queued`);
  // Header names in lower case, as Headers gives them: they are case-insensitive, but some services (SAP CAP) look
  // the headers of a JSON batch request up by their lower-case names only (an "If-Match" is not seen).
  const headers: Record<string, string> = {};
  req.headers.forEach((value, name) => (headers[name] = value));
  const r: Record<string, unknown> = { id: p.id, method: req.method, url };
  if (p.atomicityGroup !== undefined) r["atomicityGroup"] = p.atomicityGroup;
  // A reference `$id` needs the referenced request among dependsOn (not only its atomicity group); it goes first, as
  // SAP CAP resolves the reference against the first entry only.
  const ref = referenced(url);
  const dependsOn = (ref === undefined ? p.dependsOn : [ref, ...p.dependsOn.filter((d) => d !== ref)]).filter((d) =>
    sent.has(d),
  );
  if (dependsOn.length) r["dependsOn"] = dependsOn;
  if (Object.keys(headers).length) r["headers"] = headers;
  if (req.body !== undefined) {
    // OData JSON 4.01 §19.1: JSON bodies inline, text as a string, anything else base64url-encoded.
    const type = mediaType(req.headers);
    const text = typeof req.body === "string" ? req.body : undefined;
    if (JSON_MEDIA.test(type) && text !== undefined) r["body"] = text === "" ? null : JSON.parse(text);
    else if (/^text\//i.test(type)) r["body"] = text ?? new TextDecoder().decode(req.body as Uint8Array);
    else r["body"] = toBase64Url(typeof req.body === "string" ? utf8(req.body) : req.body);
  }
  return r;
}

interface Answer {
  readonly id: string | undefined;
  readonly response: PartResponse;
  /** The response of one request of a multipart change set. */
  readonly inChangeSet?: boolean | undefined;
}

function parseJsonResponses(text: string): Answer[] {
  const doc: unknown = JSON.parse(text);
  const responses = isRecord(doc) ? doc["responses"] : undefined;
  if (!Array.isArray(responses)) throw new BatchFormatError('Batch: JSON batch response has no "responses" array');
  return responses.map((r: unknown): Answer => {
    if (!isRecord(r) || typeof r["status"] !== "number")
      throw new BatchFormatError("Batch: malformed JSON batch response");
    const headers = new Headers();
    const h = r["headers"];
    if (isRecord(h)) for (const [k, v] of Object.entries(h)) if (typeof v === "string") appendHeader(headers, k, v);
    const b = r["body"];
    const type = mediaType(headers);
    let body: string | Bytes | null = null;
    if (b !== undefined && b !== null) {
      if (!type || JSON_MEDIA.test(type)) {
        body = JSON.stringify(b);
        if (!type) headers.set("Content-Type", "application/json");
      } else if (typeof b !== "string") body = JSON.stringify(b);
      else body = /^text\//i.test(type) ? b : fromBase64Url(b);
    }
    const id = r["id"];
    return {
      id: typeof id === "string" || typeof id === "number" ? String(id) : undefined,
      response: { status: r["status"], headers, body },
    };
  });
}

/** RFC 2046 §5.1.1: a boundary has 1 to 70 characters. */
const MAX_BOUNDARY = 70;

/** The boundary parameter of a multipart media type; BatchFormatError when missing or longer than RFC 2046 allows. */
function boundaryOf(contentType: string): string {
  const m = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary)
    throw new BatchFormatError(`Batch: no boundary in response Content-Type "${contentType.slice(0, 200)}"`);
  if (boundary.length > MAX_BOUNDARY)
    throw new BatchFormatError(
      `Batch: the response's multipart boundary has ${boundary.length} characters; RFC 2046 allows at most ${MAX_BOUNDARY}`,
    );
  return boundary;
}

/** The responses of a multipart batch response; those of a change set (a nested multipart/mixed) in their place. */
function parseMultipart(bytes: Uint8Array, contentType: string, inChangeSet = false): Answer[] {
  const boundary = boundaryOf(contentType);
  return splitMultipart(bytes, boundary).flatMap((part, i): Answer[] => {
    const mime = readHead(part, 0);
    const mimeHeaders = headersOf(mime.lines);
    const type = mediaType(mimeHeaders);
    if (/^multipart\//i.test(type)) {
      if (inChangeSet) throw new BatchFormatError("Batch: a change set nested in a change set");
      return parseMultipart(part.slice(mime.end), type, true);
    }
    const http = readHead(part, mime.end);
    const statusLine = http.lines[0] ?? "";
    const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\b/i.exec(statusLine)?.[1];
    if (status === undefined)
      throw new BatchFormatError(`Batch: response part ${i + 1} has no status line: "${statusLine.slice(0, 200)}"`);
    const contentId = mimeHeaders.get("Content-ID")?.replace(/^<(.*)>$/, "$1");
    return [
      {
        id: contentId || undefined,
        response: { status: Number(status), headers: headersOf(http.lines.slice(1)), body: part.slice(http.end) },
        inChangeSet,
      },
    ];
  });
}

const CR = 13;
const LF = 10;
const DASH = 45;

/**
 * The body parts of a multipart body (RFC 2046): the line break before a delimiter belongs to the delimiter.
 * One pass over the lines: a delimiter starts a line, so only line starts are compared with it, and a comparison stops
 * at the first differing byte (the delimiter holds no line break). Each byte is looked at a bounded number of times,
 * whatever boundary and body the server chose: linear in the body.
 */
function splitMultipart(bytes: Uint8Array, boundary: string): Bytes[] {
  const delimiter = utf8(`--${boundary}`);
  const parts: Bytes[] = [];
  let start = -1;
  for (let line = 0; line < bytes.length;) {
    const eol = bytes.indexOf(LF, line);
    if (startsWith(bytes, delimiter, line)) {
      if (start >= 0) {
        let end = line;
        if (bytes[end - 1] === LF) end--;
        if (bytes[end - 1] === CR) end--;
        parts.push(bytes.slice(start, Math.max(start, end)));
      }
      const after = line + delimiter.length;
      if (bytes[after] === DASH && bytes[after + 1] === DASH) return parts;
      if (eol === -1) break;
      start = eol + 1;
    }
    if (eol === -1) break;
    line = eol + 1;
  }
  throw new BatchFormatError(`Batch: the multipart response lacks its closing delimiter --${boundary}--`);
}

function startsWith(hay: Uint8Array, prefix: Uint8Array, at: number): boolean {
  if (at + prefix.length > hay.length) return false;
  for (let j = 0; j < prefix.length; j++) if (hay[at + j] !== prefix[j]) return false;
  return true;
}

/** Header lines from `from` up to the empty line; `end` is where the body starts. */
function readHead(bytes: Uint8Array, from: number): { readonly lines: string[]; readonly end: number } {
  const decoder = new TextDecoder();
  const lines: string[] = [];
  let at = from;
  while (at < bytes.length) {
    const eol = bytes.indexOf(LF, at);
    const stop = eol === -1 ? bytes.length : eol;
    const line = decoder.decode(bytes.subarray(at, stop)).replace(/\r$/, "");
    at = stop + 1;
    if (line === "") {
      if (lines.length) break;
      continue; // tolerate blank lines before the head
    }
    lines.push(line);
  }
  return { lines, end: Math.min(at, bytes.length) };
}

function headersOf(lines: readonly string[]): Headers {
  const headers = new Headers();
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) appendHeader(headers, line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

function appendHeader(headers: Headers, name: string, value: string): void {
  try {
    headers.append(name, value);
  } catch {
    // A name or value Headers rejects: leave it out rather than lose the part.
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Bytes {
  const s = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}
