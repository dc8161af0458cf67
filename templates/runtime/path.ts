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

/** An AAD `{userId}@{tenantId}` pair: it addresses a user but is no SMTP address, so it anchors nothing. */
const AAD_USER = /^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}@[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/i;

/** Immutable resource path; rendered to a URL at request time. */
export class Path {
  declare readonly segments: readonly Segment[];
  /**
   * The mailbox (user) for x-AnchorMailbox; `null` when the path addresses a user
   * by something other than an SMTP address, so no anchor is sent.
   */
  declare readonly anchor: string | null | undefined;
  /** The next string key names a mailbox (the key of a users collection). */
  declare readonly keyAnchors: boolean;

  private constructor(segments: readonly Segment[], anchor: string | null | undefined, keyAnchors: boolean) {
    this.segments = segments;
    this.anchor = anchor;
    this.keyAnchors = keyAnchors;
  }

  static root(): Path {
    return new Path([], undefined, false);
  }

  private add(segment: Segment): Path {
    return new Path([...this.segments, segment], this.anchor, false);
  }

  nav(name: string): Path {
    return this.add({ kind: "name", name });
  }

  key(value: KeyValue, type: KeyType): Path {
    const anchor = !this.keyAnchors ? this.anchor : typeof value === "string" && !AAD_USER.test(value) ? value : null;
    return new Path([...this.segments, { kind: "key", value, type }], anchor, false);
  }

  /** The same path, whose next string key is taken as the mailbox for x-AnchorMailbox. */
  anchoredByKey(): Path {
    return new Path(this.segments, this.anchor, true);
  }

  anchored(mailbox: string): Path {
    return new Path(this.segments, mailbox, this.keyAnchors);
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
