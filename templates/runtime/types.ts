// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.

/**
 * A request body fetch accepts. Taken from RequestInit rather than named BodyInit, which only the DOM lib declares:
 * with `lib: ["ES2022"]` and @types/node the same name gives Node's (undici's) body type.
 */
export type RequestBody = NonNullable<RequestInit["body"]>;

/** What fetch takes as its first argument: the DOM's `RequestInfo | URL`, or Node's `string | URL | Request`. */
export type FetchInput = Parameters<typeof fetch>[0];

/** Control information the service may add to an entity (OData JSON format, minimal metadata). */
export interface ODataAnnotations {
  readonly "@odata.context"?: string;
  readonly "@odata.etag"?: string;
  readonly "@odata.id"?: string;
  readonly "@odata.type"?: string;
  readonly "@odata.editLink"?: string;
  /** Media entities (HasStream, e.g. Photo): the content type and ETag of the stream behind `$value`. */
  readonly "@odata.mediaContentType"?: string;
  readonly "@odata.mediaEtag"?: string;
}

export type ODataEntity<T> = T & ODataAnnotations;

/** A primitive result as the service sends it: `{ "value": X }` (an operation returning a string, a number, …). */
export interface ODataValue<T> {
  readonly value: T;
  readonly "@odata.context"?: string;
}

/** One page of a collection response. */
export interface ODataCollection<T> {
  readonly value: ODataEntity<T>[];
  readonly "@odata.nextLink"?: string;
  readonly "@odata.deltaLink"?: string;
  readonly "@odata.count"?: number;
  readonly "@odata.context"?: string;
}

/** A flags enum value: one member or several joined by commas, e.g. "Created,Updated". */
/** T as it comes when its `@odata.type` names N: how a derived type appears where its base type is declared. */
export type Tagged<T, N extends string> = T & { readonly "@odata.type": N };

/** T whose `@odata.type` may be left out: the declared type itself. */
export type MaybeTagged<T, N extends string> = T & { readonly "@odata.type"?: N };

export type Flags<T extends string> = T | `${T},${string}`;

/** Query shape generated per entity type, e.g. interface MessageQuery { select: "Subject" | "Body"; expand: { Attachments: AttachmentQuery } } */
export interface QueryShape {
  readonly select: string;
  readonly expand: object;
}

export type OrderBy<P extends string> = P | `${P} asc` | `${P} desc`;

type ExpandMap<E> = {
  readonly [K in keyof E & string]?: true | (E[K] extends QueryShape ? QueryOptions<E[K]> : never);
};

export interface QueryOptions<Q extends QueryShape = QueryShape> {
  readonly select?: readonly Q["select"][] | undefined;
  /** Navigation properties to expand: a list of names, or a map name → true | nested options. */
  readonly expand?: readonly (keyof Q["expand"] & string)[] | ExpandMap<Q["expand"]> | undefined;
  readonly filter?: string | undefined;
  readonly search?: string | undefined;
  readonly orderby?: readonly OrderBy<Q["select"]>[] | undefined;
  readonly top?: number | undefined;
  readonly skip?: number | undefined;
  readonly count?: boolean | undefined;
  /** Extra raw query parameters, appended as given (values are percent-encoded). */
  readonly params?: Readonly<Record<string, string>> | undefined;
}

/**
 * Typed Prefer header preferences. Set client-wide with ClientOptions.prefer or per request (a request's value wins);
 * they are sent first, in this order, followed by any raw RequestOptions.prefer strings.
 */
export interface PreferOptions {
  /** `Prefer: outlook.timezone="<tz>"`: date-times of events, reminders and tasks in this zone (a Windows name, e.g. "Pacific Standard Time"). */
  readonly timeZone?: string | undefined;
  /** `Prefer: outlook.body-content-type="text"|"html"`: the format of Body/UniqueBody on reads. */
  readonly bodyContentType?: "text" | "html" | undefined;
  /** `Prefer: outlook.allow-unsafe-html` when true: message HTML without the default script stripping. */
  readonly allowUnsafeHtml?: boolean | undefined;
  /** `Prefer: odata.maxpagesize=<n>`: a positive integer page size. */
  readonly maxPageSize?: number | undefined;
}

export interface RequestOptions extends PreferOptions {
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Cancels the request in flight and any pending retry wait; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /** Extra Prefer header values, e.g. 'odata.track-changes'; sent after the typed preferences. */
  readonly prefer?: readonly string[] | undefined;
  /** If-Match for update/delete */
  readonly ifMatch?: string | undefined;
}

/** A stream read's options: the request options, and raw query parameters the stream's URL takes (`{ format: "pdf" }`). */
export interface StreamOptions extends RequestOptions {
  readonly params?: Readonly<Record<string, string>> | undefined;
}

/** What a stream upload (`put`) takes: sent as it is; a ReadableStream is streamed, never buffered nor sent twice. */
export type StreamBody = Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array>;

/** A stream upload's options: the request options and the Content-Type (else a Blob's own, else application/octet-stream). */
export interface UploadOptions extends RequestOptions {
  readonly contentType?: string | undefined;
}
