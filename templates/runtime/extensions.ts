// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
//
// Typed help for an application's own data on Outlook items: MAPI extended
// properties and open-type data extensions. The wire names differ between
// services (Outlook: SingleValueExtendedProperties/PropertyId/Value, Graph:
// singleValueExtendedProperties/id/value), so every helper is bound to a
// "shape" that the generator reads off the metadata.

import type { ClientContext } from "./context.js";
import { createEntity, deleteEntity, getEntity, updateEntity } from "./http.js";
import {
  decodeMapiValue,
  encodeMapiValue,
  ExtendedPropertyError,
  formatPropertyId,
  isMultiValueType,
  parsePropertyId,
  type MapiType,
  type MapiValue,
  type PropertyIdSpec,
} from "./mapi.js";
import { nodeState } from "./node.js";
import type { Path } from "./path.js";
import type { RequestOptions } from "./types.js";

/** Wire names of the extended-property navigations and their members. */
export interface ExtendedPropertyShape {
  readonly single: string;
  readonly multi: string;
  readonly id: string;
  readonly value: string;
}

/** Wire names of the extensions navigation and of the open extension type. */
export interface ExtensionShape {
  readonly nav: string;
  readonly id: string;
  readonly extensionName: string;
  /** Qualified name of the open extension type, e.g. Microsoft.OutlookServices.OpenTypeExtension. */
  readonly type: string;
  /**
   * What precedes the name in an extension's id: Outlook REST ids are `<type>.<name>`
   * (prefix `Microsoft.OutlookServices.OpenTypeExtension.`); Microsoft Graph filters on the bare name (prefix "").
   */
  readonly idPrefix: string;
}

/** The navigation an extended property of type T lives in. */
export type ExtendedPropertyNav<T extends MapiType, S extends ExtendedPropertyShape> = T extends `${string}Array`
  ? S["multi"]
  : S["single"];

/** One entry of an extended-property collection, as sent and received. */
export type ExtendedPropertyEntry<T extends MapiType, S extends ExtendedPropertyShape> = {
  readonly [K in S["id"] | S["value"]]: K extends S["id"] ? string : T extends `${string}Array` ? string[] : string;
};

/** A defined extended property: its id, and how to expand, filter, read and set it. */
export interface DefinedExtendedProperty<T extends MapiType, S extends ExtendedPropertyShape> {
  readonly type: T;
  /** The PropertyId string, e.g. `String {8ECCC264-6880-4EBE-992F-8888D2EEAA1D} Name Referral`. */
  readonly id: string;
  readonly shape: S;
  /** `$expand` options that bring this property along: `get({ expand: p.expand() })`. */
  expand(): { readonly [K in ExtendedPropertyNav<T, S>]: { readonly filter: string } };
  /** A `$filter` keeping items that carry the property, or carry it with this value. */
  filter(value?: MapiValue<T>): string;
  /** The body fragment that sets the property: spread it into a create or update body. */
  set(value: MapiValue<T>): { readonly [K in ExtendedPropertyNav<T, S>]: ExtendedPropertyEntry<T, S>[] };
  /** The property's value in an entity read with `expand()`, or undefined when absent. */
  read(entity: object | undefined): MapiValue<T> | undefined;
}

/** A quoted OData string literal: single quotes doubled. */
function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function sameId(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return formatPropertyId(parsePropertyId(a)) === formatPropertyId(parsePropertyId(b));
  } catch {
    return false;
  }
}

function entriesOf(entity: object | undefined, nav: string): readonly Record<string, unknown>[] {
  const list = entity === undefined ? undefined : (entity as Record<string, unknown>)[nav];
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
}

export function createExtendedProperty<T extends MapiType, S extends ExtendedPropertyShape>(
  shape: S,
  spec: PropertyIdSpec<T>,
): DefinedExtendedProperty<T, S> {
  const id = formatPropertyId(spec);
  const multi = isMultiValueType(spec.type);
  const nav = (multi ? shape.multi : shape.single) as ExtendedPropertyNav<T, S>;
  const idClause = `ep/${shape.id} eq ${quote(id)}`;
  return {
    type: spec.type,
    id,
    shape,
    expand: () =>
      ({ [nav]: { filter: `${shape.id} eq ${quote(id)}` } }) as ReturnType<DefinedExtendedProperty<T, S>["expand"]>,
    filter(value) {
      if (value === undefined) return `${nav}/Any(ep: ${idClause})`;
      const encoded = encodeMapiValue(spec.type, value);
      const valueClause = Array.isArray(encoded)
        ? encoded.map((v) => `ep/${shape.value}/Any(v: v eq ${quote(v)})`).join(" and ") ||
          `not ep/${shape.value}/Any()`
        : `ep/${shape.value} eq ${quote(encoded as string)}`;
      return `${nav}/Any(ep: ${idClause} and ${valueClause})`;
    },
    set: (value) =>
      ({ [nav]: [{ [shape.id]: id, [shape.value]: encodeMapiValue(spec.type, value) }] }) as unknown as ReturnType<
        DefinedExtendedProperty<T, S>["set"]
      >,
    read(entity) {
      const entry = entriesOf(entity, nav).find(
        (e) => typeof e[shape.id] === "string" && sameId(e[shape.id] as string, id),
      );
      const raw = entry?.[shape.value];
      if (raw === undefined || raw === null) return undefined;
      return decodeMapiValue(spec.type, raw as string | string[]);
    },
  };
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** `$expand` options for several extended properties at once (their filters joined with `or`). */
export function expandExtendedProperties<P extends readonly { expand(): object }[]>(
  ...properties: P
): UnionToIntersection<ReturnType<P[number]["expand"]>> {
  const filters = new Map<string, string[]>();
  for (const p of properties) {
    for (const [nav, options] of Object.entries(p.expand() as Record<string, { filter: string }>)) {
      filters.set(nav, [...(filters.get(nav) ?? []), options.filter]);
    }
  }
  const out: Record<string, { filter: string }> = {};
  for (const [nav, list] of filters) out[nav] = { filter: list.join(" or ") };
  return out as UnionToIntersection<ReturnType<P[number]["expand"]>>;
}

/** One body fragment setting several extended properties: `update({ ...extendedPropertyValues(a.set(1), b.set("x")) })`. */
export function extendedPropertyValues<F extends readonly Readonly<Record<string, readonly object[]>>[]>(
  ...fragments: F
): UnionToIntersection<F[number]> {
  const out: Record<string, object[]> = {};
  for (const f of fragments)
    for (const [nav, entries] of Object.entries(f)) out[nav] = [...(out[nav] ?? []), ...entries];
  return out as UnionToIntersection<F[number]>;
}

/** Reads and writes one extended property of one item. */
export interface ExtendedPropertyAccessor<T extends MapiType> {
  /** Reads the item with the property expanded; undefined when the item does not carry it. */
  get(options?: RequestOptions): Promise<MapiValue<T> | undefined>;
  /** Sets the property with a PATCH of the item. */
  set(value: MapiValue<T>, options?: RequestOptions): Promise<void>;
}

/** A node of an item that carries extended properties: its type has the SingleValueExtendedProperties navigation. */
export interface ExtendedPropertyItem {
  readonly singleValueExtendedProperties: unknown;
}

/** A node of an item that carries data extensions: its type has the Extensions navigation. */
export interface ExtensionItem {
  readonly extensions: unknown;
}

/**
 * Reads or sets one MAPI extended property of the item a node addresses:
 * `await extendedProperty(client.me.messages.byId(id), referral).get()`.
 */
export function extendedProperty<T extends MapiType, S extends ExtendedPropertyShape>(
  item: ExtendedPropertyItem,
  property: DefinedExtendedProperty<T, S>,
): ExtendedPropertyAccessor<T> {
  const { ctx, path } = nodeState(item);
  return extendedPropertyAccessor(ctx, path, property);
}

export function extendedPropertyAccessor<T extends MapiType, S extends ExtendedPropertyShape>(
  ctx: ClientContext,
  item: Path,
  property: DefinedExtendedProperty<T, S>,
): ExtendedPropertyAccessor<T> {
  return {
    async get(options) {
      const entity = await getEntity<object>(ctx, item, { expand: property.expand() }, options);
      return property.read(entity);
    },
    async set(value, options) {
      await updateEntity(ctx, item, property.set(value), options);
    },
  };
}

/** Annotations and members the service adds to an extension it returns. */
export interface ExtensionAnnotations {
  readonly "@odata.type"?: string;
  readonly "@odata.id"?: string;
  readonly "@odata.context"?: string;
}

/**
 * An extension as it appears in an item's create body (see DefinedExtension.inline). Its `@odata.type` is sent as
 * the bare qualified name, as the service documents it; it is typed `any` so that the entry also fits the model's
 * extension union, which spells that annotation with a leading `#`.
 */
export type InlineExtension<T extends object, S extends ExtensionShape> = T & {
  readonly "@odata.type": any;
} & { readonly [K in S["extensionName"]]: string };

/** A defined open-type data extension with a custom payload T. */
export interface DefinedExtension<T extends object, S extends ExtensionShape> {
  /** The extension name, e.g. `Com.Contoso.Referral`. */
  readonly name: string;
  /** The id the service filters and addresses it by, e.g. `Microsoft.OutlookServices.OpenTypeExtension.Com.Contoso.Referral` (Outlook) or `Com.Contoso.Referral` (Graph). */
  readonly id: string;
  readonly shape: S;
  /** The POST body that creates the extension on an existing item (and the PATCH body that updates it). */
  body(payload: Partial<T>): Record<string, unknown>;
  /** The fragment that creates the extension inline with a new item: spread it into the item's create body. */
  inline(payload: T): { readonly [K in S["nav"]]: InlineExtension<T, S>[] };
  /** `$expand` options that bring this extension along. */
  expand(): { readonly [K in S["nav"]]: { readonly filter: string } };
  /** A `$filter` keeping the items that carry this extension. */
  filter(): string;
  /** The extension's payload in an entity read with `expand()`, or undefined when absent. */
  read(entity: object | undefined): (T & ExtensionAnnotations) | undefined;
}

/** Reverse-DNS, at least two labels; letters, digits, `_` and `-` inside a label. */
const REVERSE_DNS = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)+$/;

/** Throws ExtendedPropertyError unless the name is reverse-DNS and not in a Microsoft domain. */
export function validateExtensionName(name: string): void {
  if (!REVERSE_DNS.test(name)) {
    throw new ExtendedPropertyError(
      `extension name ${JSON.stringify(name)} is not in reverse-DNS form, e.g. Com.Contoso.Referral`,
    );
  }
  // Microsoft reserves its domains (com.microsoft, com.onmicrosoft), and its own namespaces start Microsoft.
  const labels = name.toLowerCase().split(".");
  const reserved = (label: string | undefined): boolean => label === "microsoft" || label === "onmicrosoft";
  if (reserved(labels[0]) || reserved(labels[1])) {
    throw new ExtendedPropertyError(
      `extension name ${JSON.stringify(name)} uses a Microsoft domain, which is reserved`,
    );
  }
}

export function createExtension<T extends object, S extends ExtensionShape>(
  shape: S,
  name: string,
): DefinedExtension<T, S> {
  validateExtensionName(name);
  const id = `${shape.idPrefix}${name}`;
  // The type and the name lead, as the service documents them; the payload cannot override them.
  const body = (payload: object): Record<string, unknown> => {
    const out: Record<string, unknown> = { "@odata.type": shape.type, [shape.extensionName]: name };
    for (const [key, value] of Object.entries(payload)) {
      if (!(key in out))
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return {
    name,
    id,
    shape,
    body,
    inline: (payload) => ({ [shape.nav]: [body(payload)] }) as ReturnType<DefinedExtension<T, S>["inline"]>,
    expand: () =>
      ({ [shape.nav]: { filter: `${shape.id} eq ${quote(id)}` } }) as ReturnType<DefinedExtension<T, S>["expand"]>,
    filter: () => `${shape.nav}/any(e: e/${shape.id} eq ${quote(id)})`,
    read(entity) {
      const found = entriesOf(entity, shape.nav).find((e) => e[shape.id] === id || e[shape.extensionName] === name);
      if (!found) return undefined;
      const payload: Record<string, unknown> = { ...found };
      delete payload[shape.id];
      delete payload[shape.extensionName];
      return payload as T & ExtensionAnnotations;
    },
  };
}

/** Creates, reads, updates and deletes one extension of one item. */
export interface ExtensionAccessor<T extends object> {
  /** Adds the extension to the item (POST …/Extensions). */
  create(payload: T, options?: RequestOptions): Promise<T & ExtensionAnnotations>;
  /** Reads it (GET …/Extensions('name')); `by: "id"` addresses it by its full id instead. */
  get(options?: RequestOptions & { readonly by?: "name" | "id" }): Promise<T & ExtensionAnnotations>;
  /** Changes its payload (PATCH …/Extensions('name')). */
  update(payload: Partial<T>, options?: RequestOptions & { readonly by?: "name" | "id" }): Promise<void>;
  /** Removes it (DELETE …/Extensions('name')). */
  delete(options?: RequestOptions & { readonly by?: "name" | "id" }): Promise<void>;
}

/**
 * Creates, reads, updates or deletes one data extension of the item a node addresses:
 * `await extension(client.me.messages.byId(id), referral).get()`.
 */
export function extension<T extends object, S extends ExtensionShape>(
  item: ExtensionItem,
  definition: DefinedExtension<T, S>,
): ExtensionAccessor<T> {
  const { ctx, path } = nodeState(item);
  return extensionAccessor(ctx, path, definition);
}

export function extensionAccessor<T extends object, S extends ExtensionShape>(
  ctx: ClientContext,
  item: Path,
  extension: DefinedExtension<T, S>,
): ExtensionAccessor<T> {
  const collection = item.nav(extension.shape.nav);
  const one = (by: "name" | "id" | undefined): Path =>
    collection.key(by === "id" ? extension.id : extension.name, "Edm.String");
  return {
    async create(payload, options) {
      return createEntity<T & ExtensionAnnotations>(ctx, collection, extension.body(payload), options);
    },
    async get(options) {
      return getEntity<T & ExtensionAnnotations>(ctx, one(options?.by), undefined, options);
    },
    async update(payload, options) {
      await updateEntity(ctx, one(options?.by), extension.body(payload), options);
    },
    async delete(options) {
      await deleteEntity(ctx, one(options?.by), options);
    },
  };
}
