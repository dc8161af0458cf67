// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.

/** Control information the service may add to an entity (OData JSON format, minimal metadata). */
export interface ODataAnnotations {
  readonly "@odata.context"?: string;
  readonly "@odata.etag"?: string;
  readonly "@odata.id"?: string;
  readonly "@odata.type"?: string;
  readonly "@odata.editLink"?: string;
}

export type ODataEntity<T> = T & ODataAnnotations;

/** One page of a collection response. */
export interface ODataCollection<T> {
  readonly value: ODataEntity<T>[];
  readonly "@odata.nextLink"?: string;
  readonly "@odata.deltaLink"?: string;
  readonly "@odata.count"?: number;
  readonly "@odata.context"?: string;
}

/** A flags enum value: one member or several joined by commas, e.g. "Created,Updated". */
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

export interface RequestOptions {
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Extra Prefer header values, e.g. 'outlook.timezone="Pacific Standard Time"' */
  readonly prefer?: readonly string[] | undefined;
  /** If-Match for update/delete */
  readonly ifMatch?: string | undefined;
}
