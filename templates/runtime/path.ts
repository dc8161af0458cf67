// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.

/** A single key value, or a record of values for a compound key. */
export type KeyValue =
  string | number | bigint | boolean | Readonly<Record<string, string | number | bigint | boolean>>;

/**
 * Edm type of a key, e.g. "Edm.String"; a qualified name that does not start with "Edm." is an enum.
 * For compound keys, a record property → type; parts without a type are inferred from their JS type.
 */
export type KeyType = string | Readonly<Record<string, string>>;

export interface CallParam {
  readonly name: string;
  readonly value: unknown;
  /** Edm type, enum qualified name, or "Collection(...)". */
  readonly type: string;
  readonly kind: "primitive" | "enum" | "complex" | "collection";
}

export type Segment =
  /** entity set, singleton, navigation property, "$value", "$count" */
  | { readonly kind: "name"; readonly name: string }
  | { readonly kind: "key"; readonly value: KeyValue; readonly type: KeyType }
  /** derived type cast, e.g. Microsoft.OutlookServices.FileAttachment */
  | { readonly kind: "cast"; readonly qualifiedName: string }
  /** bound action/function; rendered bare or qualified per ClientOptions.qualifiedOperations */
  | { readonly kind: "operation"; readonly qualifiedName: string; readonly name: string }
  /** function call with inline parameters */
  | {
      readonly kind: "call";
      readonly qualifiedName: string;
      readonly name: string;
      readonly params: readonly CallParam[];
    };

/** Immutable resource path; rendered to a URL at request time. */
export class Path {
  readonly segments: readonly Segment[];
  /** The mailbox (user) for x-AnchorMailbox. */
  readonly anchor: string | undefined;

  private constructor(segments: readonly Segment[], anchor: string | undefined) {
    this.segments = segments;
    this.anchor = anchor;
  }

  static root(): Path {
    return new Path([], undefined);
  }

  private add(segment: Segment): Path {
    return new Path([...this.segments, segment], this.anchor);
  }

  nav(name: string): Path {
    return this.add({ kind: "name", name });
  }

  key(value: KeyValue, type: KeyType): Path {
    return this.add({ kind: "key", value, type });
  }

  anchored(mailbox: string): Path {
    return new Path(this.segments, mailbox);
  }

  cast(qualifiedName: string): Path {
    return this.add({ kind: "cast", qualifiedName });
  }

  operation(qualifiedName: string, name: string): Path {
    return this.add({ kind: "operation", qualifiedName, name });
  }

  call(qualifiedName: string, name: string, params: readonly CallParam[]): Path {
    return this.add({ kind: "call", qualifiedName, name, params });
  }
}
