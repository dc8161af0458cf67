// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
import type { QueryOptions } from "./types.js";

/** System query options in their fixed order, as [name, raw value] pairs, then `params`. */
export function serializeQuery(query: QueryOptions<any> | undefined): [string, string][] {
  const out: [string, string][] = [];
  if (!query) return out;
  for (const [name, value] of options(query)) out.push([`$${name}`, value]);
  for (const [name, value] of Object.entries(query.params ?? {})) out.push([name, value]);
  return out;
}

function options(q: QueryOptions<any>): [string, string][] {
  const values = {
    select: q.select?.join(","),
    expand: q.expand && expand(q.expand),
    filter: q.filter,
    search: q.search,
    orderby: q.orderby?.join(","),
    top: q.top,
    skip: q.skip,
    count: q.count,
  };
  // In this order; an absent or empty option is left out.
  return Object.entries(values)
    .filter(([, value]) => value !== undefined && value !== "")
    .map(([name, value]) => [name, String(value)]);
}

function expand(e: NonNullable<QueryOptions<any>["expand"]>): string {
  if (Array.isArray(e)) return e.join(",");
  const items: string[] = [];
  for (const [name, nested] of Object.entries(e as Record<string, true | QueryOptions<any> | undefined>)) {
    if (!nested) continue;
    const inner = nested === true ? [] : options(nested);
    items.push(inner.length ? `${name}(${inner.map(([k, v]) => `$${k}=${v}`).join(";")})` : name);
  }
  return items.join(",");
}

/** Percent-encodes a query name or value, keeping `$ , ( ) ' : @ /` readable. */
export function encodeQueryComponent(s: string): string {
  return encodeURIComponent(s).replace(/%(24|2C|3A|40|2F)/g, decodeURIComponent);
}

/** Joins [name, value] pairs into a query string (without "?"). */
export function formatQueryString(pairs: readonly (readonly [string, string])[]): string {
  // In a value, "=" and ";" are unambiguous (nested $expand options use them) and stay readable.
  return pairs
    .map(
      ([k, v]) =>
        `${encodeQueryComponent(k)}=${encodeURIComponent(v).replace(/%(24|2C|3A|40|2F|3D|3B)/g, decodeURIComponent)}`,
    )
    .join("&");
}
