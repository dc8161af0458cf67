// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
import type { QueryOptions } from "./types.js";

/** The query string's [name, raw value] pairs: options (see below), then `params` as they are. */
export function serializeQuery(query: QueryOptions<any> | undefined): [string, string][] {
  return query ? [...options(query), ...Object.entries(query.params ?? {})] : [];
}

/**
 * System query options in their fixed order (an absent or empty one is left out), then custom query options: any
 * other key whose value is not undefined (a service profile's, such as calendarView's `startDateTime`; a Date goes as
 * its ISO text). A custom option's name may not start with `$` (a system option's) or hold `=`, `&` or `#`.
 * `$search` goes as one search phrase (OData 4.01 URL conventions §5.1.7): in double quotes, `"` and `\` escaped by
 * a backslash; a value already in double quotes goes as it is.
 */
function options(q: QueryOptions<any>, nested?: boolean): [string, string][] {
  const s = q.search;
  const values: Record<string, unknown> = {
    select: q.select?.join(","),
    expand: q.expand && expand(q.expand),
    filter: q.filter,
    search: !s || /^".*"$/s.test(s) ? s : `"${s.replace(/["\\]/g, "\\$&")}"`,
    orderby: q.orderby?.join(","),
    top: q.top,
    skip: q.skip,
    count: q.count,
  };
  const out: [string, string][] = [];
  for (const name in values)
    if (values[name] !== undefined && values[name] !== "") out.push([`$${name}`, String(values[name])]);
  // Inside `$expand(…)` only system options may stand (expandOption, OData ABNF): no custom ones.
  for (const [name, value] of nested ? [] : Object.entries(q)) {
    if (name in values || name === "params" || value === undefined) continue;
    if (/^\$|[=&#]/.test(name)) throw new TypeError(`Invalid query option: ${name}`);
    out.push([name, value instanceof Date ? value.toISOString() : String(value)]);
  }
  return out;
}

function expand(e: NonNullable<QueryOptions<any>["expand"]>): string {
  if (Array.isArray(e)) return e.join(",");
  const items: string[] = [];
  for (const [name, nested] of Object.entries(e as Record<string, true | QueryOptions<any> | undefined>)) {
    if (!nested) continue;
    const inner = nested === true ? [] : options(nested, true);
    items.push(inner.length ? `${name}(${inner.map(([k, v]) => `${k}=${v}`).join(";")})` : name);
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
