/**
 * One row of issue 12's cause table, as test/graph-wire/requests.test.ts runs it. Each module of this folder exports
 * `rows: readonly Row[]`. Every call's `code` goes, verbatim, into one user's file over the generated Graph v1.0 client
 * (`v1.0/requests-usage.ts`), which must type-check under TypeScript 5.9 and 7; every `refused` line goes into the same
 * file after `// @ts-expect-error`, so the types must reject it. Then each call runs against a recording fetch, which
 * must see exactly `request` (and nothing else).
 */
export interface Row {
  /** The cause, as the table names it: "No way to address references", … */
  readonly cause: string;
  readonly calls: readonly Call[];
  /** Statements the types must refuse (each is one line; `client` is in scope). */
  readonly refused?: readonly { readonly code: string; readonly why: string }[];
}

export interface Call {
  /** What it shows, for the test's name and the closing table. */
  readonly name: string;
  /**
   * TypeScript statements in an async function body where `client` (the Graph v1.0 client, `createClient({ baseUrl:
   * "https://graph.test/v1.0", fetch })`) and everything `imports` names are in scope. May `return` a value for `check`.
   */
  readonly code: string;
  /** Names to import from the generated version's index (`./index.js`), e.g. ["bind"]. */
  readonly imports?: readonly string[];
  /** The requests the call sends, in order: method, percent-decoded URL, body text (undefined for none). */
  readonly requests: readonly Expected[];
  /** How the recording fetch answers request i (default: GET → `{"value":[]}`, anything else → 204). */
  readonly answer?: (request: Recorded, i: number) => Response;
  /** Checks what `code` returned (e.g. that a stream result is a Response whose text is the CSV). */
  readonly check?: (result: unknown) => void | Promise<void>;
}

export interface Expected {
  readonly method: string;
  readonly url: string;
  readonly body?: string | undefined;
  /** Headers the request must carry (name lower-case → value), beside any others. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Recorded {
  readonly method: string;
  /** As sent, percent-encoded. */
  readonly url: string;
  /** decodeURIComponent(url). */
  readonly decoded: string;
  /** The body read as UTF-8 text, whatever its kind (string, bytes, Blob, stream); undefined for none. */
  readonly body: string | undefined;
  /** Lower-case header name → value. */
  readonly headers: Readonly<Record<string, string>>;
}
