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
  const out: [string, string][] = [];
  const add = (name: string, value: string | number | boolean | undefined): void => {
    if (value !== undefined && value !== "") out.push([name, String(value)]);
  };
  add("select", q.select?.join(","));
  add("expand", q.expand && expand(q.expand));
  add("filter", q.filter);
  add("search", q.search);
  add("orderby", q.orderby?.join(","));
  add("top", q.top);
  add("skip", q.skip);
  add("count", q.count);
  return out;
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
