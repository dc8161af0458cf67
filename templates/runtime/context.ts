// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
import type { RetryOptions } from "./retry.js";
import type { PreferOptions } from "./types.js";

export type KeyStyle = "parentheses" | "segment";

/**
 * The namespaces of a version's bound operations that lie outside its default namespace: wire name, or
 * "<name>/<operation>" (the last name segment before the call, looked up first) → namespace. A version whose
 * operations have such exceptions exports its table (Graph: `operationNamespaces`) for `qualifiedOperations`.
 */
export type OperationNamespaces = Readonly<Record<string, string>>;

/** Q: what `qualifiedOperations` takes; a version with namespace exceptions takes only its table (or false). */
export interface ClientOptions<Q extends boolean | OperationNamespaces = boolean | OperationNamespaces> {
  /** Service root; the generated client passes its default (e.g. https://outlook.office.com/api/v2.0). Trailing slash optional. */
  readonly baseUrl?: string | undefined;
  /** Default: globalThis.fetch, looked up at call time. */
  readonly fetch?: typeof fetch | undefined;
  /** Returns a bearer token; called before every request. undefined/empty = no Authorization header. */
  readonly getAccessToken?:
    | ((request: { readonly url: string; readonly method: string }) => string | undefined | Promise<string | undefined>)
    | undefined;
  /**
   * Mailbox for x-AnchorMailbox on requests not under users(key). Sent as ASCII: an internationalised domain in its
   * IDNA form; an address whose local part is not ASCII sends no anchor (it is a routing hint only).
   */
  readonly anchorMailbox?: string | undefined;
  /** Send x-AnchorMailbox at all (the generated Outlook clients default this to true, others false). */
  readonly sendAnchorMailbox?: boolean | undefined;
  /**
   * Headers for every request to the service's origin (never to another origin a nextLink names). Redirects are
   * followed only within an origin; one to another origin rejects with RedirectError, so these headers, the token and
   * x-AnchorMailbox never follow it. A name or value HTTP cannot carry rejects with InvalidHeaderError before sending.
   */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Default "parentheses": Users('id'); "segment": Users/id (OData 4.01 key-as-segment). */
  readonly keyStyle?: KeyStyle | undefined;
  /**
   * Call functions without parameters without parentheses (`/me/contacts/delta`), as OData 4.01 allows; default false
   * (`delta()`). The generated Graph clients default this to true, as Graph's documentation writes its calls.
   */
  readonly bareFunctions?: boolean | undefined;
  /**
   * Address bound operations namespace-qualified (Ns.Reply) instead of bare (Reply). Default false. `true` qualifies
   * each with the version's namespace; a version whose operations lie in several namespaces refuses `true` and takes
   * its exported table of them (OperationNamespaces, e.g. Graph's `operationNamespaces`) instead.
   */
  readonly qualifiedOperations?: Q | undefined;
  /**
   * Retries of throttled (429), unavailable (503) and timed-out (504) responses, and of network errors and timeouts of
   * idempotent requests (GET, PUT, DELETE). POST and PATCH are retried only on 429, or 503 with Retry-After.
   * Default: 4 attempts with exponential backoff honouring Retry-After; `false` sends each request once.
   */
  readonly retry?: RetryOptions | false | undefined;
  /**
   * Per-attempt time limit in ms for the response headers to arrive; the attempt's fetch is then aborted. A timed-out
   * idempotent request is retried; when no attempt is left the call rejects with TimeoutError. Default: no limit.
   * Reading the response body is not covered.
   */
  readonly timeoutMs?: number | undefined;
  /**
   * The largest response body the client reads into memory (JSON entities and pages, $count, $batch responses), in
   * bytes. A larger Content-Length is refused at once, a longer body is cancelled as it passes the limit; both reject
   * with ResponseTooLargeError. Streams the caller reads (getStream) are not limited. Default 100 MiB.
   */
  readonly maxResponseBytes?: number | undefined;
  /** Prefer header preferences for every request; RequestOptions override them one by one. */
  readonly prefer?: PreferOptions | undefined;
}

export interface ClientContext {
  /** Service root without the trailing slash. */
  readonly baseUrl: string;
  readonly options: ClientOptions;
  /**
   * false: a redirect response is not followed but fails like any other non-2xx response (ODataError). Set for the
   * parts of a $batch, whose responses are already in hand. Default: same-origin redirects are followed.
   */
  readonly followRedirects?: boolean | undefined;
}

/** What a generated createClient() passes: its service root and the defaults the generator's config gave. */
export interface ContextDefaults {
  readonly baseUrl: string;
  readonly sendAnchorMailbox: boolean;
  readonly keyStyle?: KeyStyle;
  readonly bareFunctions?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

export function createContext(options: ClientOptions | undefined, defaults: ContextDefaults): ClientContext {
  const baseUrl = (options?.baseUrl || defaults.baseUrl).replace(/\/+$/, "");
  if (!baseUrl) throw new Error("no baseUrl: pass options.baseUrl");
  const given = options?.headers;
  // The default headers the caller does not set (header names compare case-insensitively), then the caller's.
  // Object.fromEntries and spreads define properties: a header named __proto__ stays an ordinary entry.
  const taken = Object.keys(given ?? {}).map((k) => k.toLowerCase());
  const headers = defaults.headers
    ? {
        ...Object.fromEntries(Object.entries(defaults.headers).filter(([k]) => !taken.includes(k.toLowerCase()))),
        ...given,
      }
    : given;
  return {
    baseUrl,
    options: {
      ...options,
      baseUrl,
      sendAnchorMailbox: options?.sendAnchorMailbox ?? defaults.sendAnchorMailbox,
      keyStyle: options?.keyStyle ?? defaults.keyStyle,
      bareFunctions: options?.bareFunctions ?? defaults.bareFunctions,
      headers,
    },
  };
}
