// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
import type { ClientContext } from "./context.js";
import type { Path } from "./path.js";
import type { FetchInput, ODataEntity, QueryOptions, RequestOptions } from "./types.js";
import { listPages } from "./http.js";
import { nodeState, type Syncable } from "./node.js";
import { buildUrl } from "./url.js";

/** One change of a sync round: an entity that was created or updated, or one that left the collection. */
export type SyncChange<T> =
  | { readonly kind: "upsert"; readonly item: ODataEntity<T> }
  | {
      readonly kind: "removed";
      /** `Id`, else `id` (in the OData 4.0 form the entity-id), else `@odata.id`; "" if the entry names none. */
      readonly id: string;
      /** "deleted" or "changed" (from `@removed.reason` or the 4.0 `reason` property), when given. */
      readonly reason?: string;
      /** The entry as received. */
      readonly raw: Readonly<Record<string, unknown>>;
    };

export interface SyncOptions {
  /** The token a previous round ended with; without it the round is an initial (full) sync. */
  readonly deltaToken?: string | undefined;
  /** Sent as `Prefer: odata.maxpagesize=n`. */
  readonly maxPageSize?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Query of the first request; later pages follow the service's links, which carry it. */
  readonly query?: QueryOptions<any> | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Extra Prefer values sent with every page, e.g. 'outlook.timezone="UTC"'. */
  readonly prefer?: readonly string[] | undefined;
}

export interface SyncRound<T> extends AsyncIterable<SyncChange<T>> {
  /** After iteration ends: the delta token to keep for the next round (undefined while running). */
  readonly deltaToken: string | undefined;
  /** After iteration ends: the `@odata.deltaLink` the round ended on. */
  readonly deltaLink: string | undefined;
}

/** The resource answered without `Preference-Applied: odata.track-changes`: it cannot be synced. */
export class SyncNotSupportedError extends Error {
  override readonly name = "SyncNotSupportedError";
  readonly url: string;
  /** The Preference-Applied header received, if any. */
  readonly preferenceApplied: string | undefined;

  constructor(url: string, preferenceApplied: string | undefined) {
    super(
      `${url} does not support change tracking: the response lacks "Preference-Applied: odata.track-changes"` +
        (preferenceApplied ? ` (got "${preferenceApplied}")` : ""),
    );
    this.url = url;
    this.preferenceApplied = preferenceApplied;
  }
}

const TRACK_CHANGES = "odata.track-changes";

/**
 * One sync round over a change-tracking collection node: `sync(client.me.mailFolders.byId("Inbox").messages, { deltaToken })`.
 * Yields every change, removals included, page after page; afterwards `round.deltaToken` starts the next round.
 */
export function sync<T>(collection: Syncable<T>, options?: SyncOptions): SyncRound<T> {
  const { ctx, path } = nodeState(collection);
  return syncRound<T>(ctx, path, options);
}

/**
 * One sync (delta) round over a change-tracking collection: GET with `Prefer: odata.track-changes`
 * (plus `$deltatoken` when resuming), following `@odata.nextLink` pages until the page carrying `@odata.deltaLink`.
 * Requests go through the runtime's request path (auth, anchor mailbox, headers, retries).
 * Each iteration runs the round again from `options.deltaToken`. Outlook's first answer always holds a delta
 * token, so an initial sync may end early: run rounds from the new token until one yields nothing.
 * Throws SyncNotSupportedError when the first response does not apply track-changes.
 */
export function syncRound<T>(ctx: ClientContext, path: Path, options: SyncOptions = {}): SyncRound<T> {
  const size = options.maxPageSize;
  if (size !== undefined && !(Number.isSafeInteger(size) && size > 0))
    throw new TypeError(`maxPageSize must be a positive integer, got ${size}`);
  let deltaToken: string | undefined;
  let deltaLink: string | undefined;
  return {
    get deltaToken() {
      return deltaToken;
    },
    get deltaLink() {
      return deltaLink;
    },
    async *[Symbol.asyncIterator]() {
      deltaToken = undefined;
      deltaLink = undefined;
      const headers: Record<string, string> = {};
      const prefer = [TRACK_CHANGES, ...(options.prefer ?? [])];
      // execute() sets Prefer after the caller's headers: a Prefer given there joins the list instead of being lost.
      for (const [k, v] of Object.entries(options.headers ?? {})) {
        if (k.toLowerCase() === "prefer") prefer.push(v);
        else headers[k] = v;
      }
      const query: QueryOptions<any> | undefined =
        options.deltaToken === undefined
          ? options.query
          : { ...options.query, params: { ...options.query?.params, $deltatoken: options.deltaToken } };
      const requestOptions: RequestOptions = {
        headers,
        prefer,
        // Typed, so that it overrides a client-wide maxPageSize instead of being sent twice.
        ...(size !== undefined ? { maxPageSize: size } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      };
      const tracking = trackingContext(ctx);
      let first = true;
      for await (const page of listPages<T>(tracking.ctx, path, query, requestOptions)) {
        if (first) {
          first = false;
          const response = tracking.first();
          if (!hasPreference(response?.applied, TRACK_CHANGES))
            throw new SyncNotSupportedError(response?.url ?? buildUrl(ctx, path, query), response?.applied);
        }
        for (const entry of page.value) if (!isLink(entry)) yield toChange(entry);
        const link = page["@odata.deltaLink"];
        if (link !== undefined) {
          deltaLink = link;
          deltaToken = queryParam(link, "$deltatoken");
          return;
        }
      }
      throw new Error(
        "Sync round ended without @odata.deltaLink: the last page had no link to continue or resume from",
      );
    },
  };
}

interface FirstResponse {
  readonly url: string;
  readonly applied: string | undefined;
}

/**
 * The context with a fetch that notes the URL and Preference-Applied header of the first successful response
 * (failed attempts are retried by execute(), which stays in charge of auth, headers, retries and errors).
 */
function trackingContext(ctx: ClientContext): { ctx: ClientContext; first: () => FirstResponse | undefined } {
  const base = ctx.options.fetch;
  let first: FirstResponse | undefined;
  const noting = async (input: FetchInput, init?: RequestInit): Promise<Response> => {
    const response = await (base ?? globalThis.fetch)(input, init);
    if (first === undefined && response.ok) {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      first = { url, applied: response.headers.get("Preference-Applied") ?? undefined };
    }
    return response;
  };
  return { ctx: { ...ctx, options: { ...ctx.options, fetch: noting as typeof fetch } }, first: () => first };
}

function hasPreference(header: string | undefined, name: string): boolean {
  return (header ?? "").split(",").some((p) => (p.split("=")[0] ?? "").trim().toLowerCase() === name);
}

/** The decoded value of a query parameter of an absolute or relative URL (`+` stays `+`: links are percent-encoded). */
function queryParam(link: string, name: string): string | undefined {
  const q = link.indexOf("?");
  if (q < 0) return undefined;
  const end = link.indexOf("#", q);
  for (const pair of link.slice(q + 1, end < 0 ? undefined : end).split("&")) {
    const eq = pair.indexOf("=");
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (decode(key).toLowerCase() === name) return eq < 0 ? "" : decode(pair.slice(eq + 1));
  }
  return undefined;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Added or deleted links (`$link`, `$deletedLink` in OData 4.0 delta responses) are not entity changes. */
function isLink(entry: unknown): boolean {
  const context = isObject(entry) ? entry["@odata.context"] : undefined;
  return typeof context === "string" && /\$(?:deleted)?[lL]ink$/.test(context);
}

function toChange<T>(entry: ODataEntity<T>): SyncChange<T> {
  const e: Json = isObject(entry) ? entry : {};
  const removed = e["@removed"] ?? e["@odata.removed"];
  const context = e["@odata.context"];
  const deletedEntity = typeof context === "string" && context.endsWith("$deletedEntity");
  if (!isObject(removed) && !deletedEntity) return { kind: "upsert", item: entry };
  const idValue = e["Id"] ?? e["id"] ?? e["@odata.id"] ?? e["@id"];
  const id = typeof idValue === "string" || typeof idValue === "number" ? String(idValue) : "";
  const reasonValue = (isObject(removed) ? removed["reason"] : undefined) ?? e["reason"] ?? e["Reason"];
  return typeof reasonValue === "string"
    ? { kind: "removed", id, reason: reasonValue, raw: e }
    : { kind: "removed", id, raw: e };
}
