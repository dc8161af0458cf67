/**
 * The query engine: system query options parsed against the model ($select, $expand with nested
 * options, $filter, $orderby, $top, $skip, $count, $search) and applied to a list of entities.
 * Paging is left to the caller, which knows the page size and builds the next link.
 */
import type { NavigationProperty } from "../../generator/model/types.js";
import { invalidProperty, invalidQuery } from "./errors.js";
import { evaluate, type Expr, type FilterData, parseFilter } from "./filter.js";
import { NS, type ServiceInfo } from "./model.js";
import { EntityNode, type Mailbox } from "./store.js";
import { receivedName, sentName, snapshot } from "./entities.js";

export interface OrderBy {
  readonly path: Expr & { k: "path" };
  readonly desc: boolean;
}

export interface ExpandItem {
  readonly nav: NavigationProperty;
  readonly options: QueryOptions;
}

export interface QueryOptions {
  /** Canonical property names; undefined = all. */
  readonly select: readonly string[] | undefined;
  readonly expand: readonly ExpandItem[];
  readonly filter: Expr | undefined;
  readonly orderby: readonly OrderBy[];
  readonly top: number | undefined;
  readonly skip: number | undefined;
  readonly count: boolean;
  readonly search: SearchQuery | undefined;
}

export const NO_OPTIONS: QueryOptions = {
  select: undefined,
  expand: [],
  filter: undefined,
  orderby: [],
  top: undefined,
  skip: undefined,
  count: false,
  search: undefined,
};

/** The system query options the core knows; sync ($skiptoken, $deltatoken) and $batch add theirs. */
export const SYSTEM_OPTIONS = new Set([
  "$select",
  "$expand",
  "$filter",
  "$orderby",
  "$top",
  "$skip",
  "$count",
  "$search",
  "$format",
]);

/** Splits on `sep` outside quotes and parentheses. */
export function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let dquoted = false;
  let cur = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (ch === "'" && !dquoted) quoted = !quoted;
    else if (ch === '"' && !quoted) dquoted = !dquoted;
    else if (!quoted && !dquoted) {
      if (ch === "(") depth++;
      else if (ch === ")") depth--;
      else if (ch === sep && depth === 0) {
        out.push(cur);
        cur = "";
        continue;
      }
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

function nonNegativeInt(name: string, value: string): number {
  if (!/^\s*\d+\s*$/.test(value)) throw invalidQuery(`The value '${value}' of ${name} is not a non-negative integer.`);
  return Number(value);
}

/**
 * Parses system query options (names lower-case, with `$`) for a resource of `type`.
 * `collection` false: only $select and $expand apply.
 */
export function parseQueryOptions(
  service: ServiceInfo,
  type: string,
  params: ReadonlyMap<string, string>,
  collection: boolean,
): QueryOptions {
  for (const name of params.keys()) {
    if (!SYSTEM_OPTIONS.has(name)) throw invalidQuery(`The query option '${name}' is not supported.`);
  }
  const get = (n: string): string | undefined => params.get(n);
  const select = get("$select");
  const expand = get("$expand");
  const filter = get("$filter");
  const orderby = get("$orderby");
  const search = get("$search");
  const top = get("$top");
  const skip = get("$skip");
  const count = get("$count");
  if (search !== undefined && (filter !== undefined || orderby !== undefined)) {
    throw invalidQuery("The query parameter '$search' cannot be combined with '$filter' or '$orderby'.");
  }
  if (count !== undefined && !/^(true|false)$/i.test(count))
    throw invalidQuery(`The value '${count}' of $count must be true or false.`);
  return {
    select: select === undefined ? undefined : parseSelect(service, type, select),
    expand: expand === undefined ? [] : parseExpand(service, type, expand),
    filter: filter === undefined || !collection ? undefined : parseFilter(service, type, filter),
    orderby: orderby === undefined || !collection ? [] : parseOrderBy(service, type, orderby),
    top: top === undefined || !collection ? undefined : nonNegativeInt("$top", top),
    skip: skip === undefined || !collection ? undefined : nonNegativeInt("$skip", skip),
    count: collection && count !== undefined && count.toLowerCase() === "true",
    search: search === undefined || !collection ? undefined : parseSearch(search),
  };
}

function parseSelect(service: ServiceInfo, type: string, text: string): string[] | undefined {
  const out: string[] = [];
  for (const raw of text.split(",")) {
    const item = raw.trim();
    if (item === "") throw invalidQuery("$select has an empty item.");
    if (item === "*") return undefined;
    const parts = item.split("/");
    let t = type;
    let name = item;
    if (parts.length === 2 && parts[0]?.includes(".")) {
      const cast = service.typeName(parts[0]);
      if (!cast || !service.isA(cast, type)) throw invalidProperty(`'${parts[0]}' is not a type derived from ${type}.`);
      t = cast;
      name = parts[1] ?? "";
    }
    const p = service.propertyInFamily(t, name);
    if (p) {
      if (!out.includes(p.name)) out.push(p.name);
      continue;
    }
    const n = service.navigationInFamily(t, name);
    if (n) continue; // a navigation link: nothing to add in minimal metadata
    const info = service.struct(t);
    if (info?.open || service.struct(type)?.family.some((f) => service.struct(f)?.open)) {
      out.push(name);
      continue;
    }
    throw invalidProperty(`Could not find a property named '${name}' on type '${type}'.`);
  }
  return out;
}

const EXTENDED = new Set(["SingleValueExtendedProperties", "MultiValueExtendedProperties"]);

function parseExpand(service: ServiceInfo, type: string, text: string): ExpandItem[] {
  const out: ExpandItem[] = [];
  for (const raw of splitTop(text, ",")) {
    const item = raw.trim();
    const m = /^([^()]+?)\s*(?:\((.*)\))?$/s.exec(item);
    if (!m || item === "") throw invalidQuery(`'${item}' is not a valid $expand item.`);
    const name = (m[1] ?? "").trim();
    if (name === "*") throw invalidQuery("$expand=* is not supported.");
    // `Nav`, or `Ns.DerivedType/Nav` for a navigation of a derived type.
    const slash = name.lastIndexOf("/");
    const cast = slash > 0 ? service.typeName(name.slice(0, slash)) : undefined;
    if (slash > 0 && (!cast || !service.isA(cast, type)))
      throw invalidProperty(`'${name.slice(0, slash)}' is not a type derived from ${type}.`);
    const nav = service.navigationInFamily(cast ?? type, slash > 0 ? name.slice(slash + 1) : name);
    if (!nav) throw invalidProperty(`Could not find a navigation property named '${name}' on type '${type}'.`);
    if (nav.capabilities.expandable === false)
      throw invalidQuery(`The navigation property '${nav.name}' cannot be expanded.`);
    const nested = new Map<string, string>();
    if (m[2] !== undefined && m[2].trim() !== "") {
      for (const opt of splitTop(m[2], ";")) {
        const eq = opt.indexOf("=");
        if (eq < 0) throw invalidQuery(`'${opt}' is not a valid nested query option in $expand.`);
        const key = opt.slice(0, eq).trim().toLowerCase();
        const k = key.startsWith("$") ? key : `$${key}`;
        if (nested.has(k)) throw invalidQuery(`The nested query option '${k}' is given twice.`);
        nested.set(k, opt.slice(eq + 1));
      }
    }
    if (nested.has("$search")) throw invalidQuery("$search is not supported inside $expand.");
    const options = parseQueryOptions(service, nav.type.name, nested, nav.type.collection);
    if (EXTENDED.has(nav.name) && options.filter === undefined) {
      throw invalidQuery(
        `Expanding ${nav.name} needs a $filter on PropertyId; a single call cannot list all extended properties.`,
      );
    }
    out.push({ nav, options });
  }
  return out;
}

function parseOrderBy(service: ServiceInfo, type: string, text: string): OrderBy[] {
  return splitTop(text, ",").map((raw) => {
    const m = /^\s*(.+?)(?:\s+(asc|desc))?\s*$/i.exec(raw);
    if (!m) throw invalidQuery(`'${raw}' is not a valid $orderby item.`);
    const path = parseFilter(service, type, m[1] ?? "");
    if (path.k !== "path" || path.type?.collection) throw invalidQuery(`'${m[1] ?? ""}' cannot be used in $orderby.`);
    return { path, desc: (m[2] ?? "").toLowerCase() === "desc" };
  });
}

// ---- $search ----------------------------------------------------------------------------------

export interface SearchTerm {
  readonly field: string | undefined;
  readonly value: string;
}

/** OR of AND-groups of terms. */
export type SearchQuery = readonly (readonly SearchTerm[])[];

const SEARCH_KEYWORDS = new Set([
  "attachment",
  "bcc",
  "body",
  "content",
  "category",
  "cc",
  "from",
  "has",
  "participants",
  "received",
  "sender",
  "subject",
  "to",
]);

export function parseSearch(text: string): SearchQuery {
  let t = text.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) t = t.slice(1, -1);
  const tokens: string[] = [];
  const re = /(\w+:)?"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) tokens.push(m[3] !== undefined ? m[3] : `${m[1] ?? ""}${m[2] ?? ""}`);
  const groups: SearchTerm[][] = [[]];
  for (const tok of tokens) {
    if (tok === "OR") {
      groups.push([]);
      continue;
    }
    if (tok === "AND") continue;
    const colon = tok.indexOf(":");
    const key = colon > 0 ? tok.slice(0, colon).toLowerCase() : "";
    const term = SEARCH_KEYWORDS.has(key)
      ? { field: key, value: tok.slice(colon + 1) }
      : { field: undefined, value: tok };
    groups[groups.length - 1]?.push(term);
  }
  const out = groups.filter((g) => g.length > 0);
  if (out.length === 0) throw invalidQuery("$search needs at least one term.");
  return out;
}

function textOf(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.map(textOf).join(" ");
  if (typeof v === "object") return Object.values(v).map(textOf).join(" ");
  return "";
}

function matches(mb: Mailbox, node: EntityNode, term: SearchTerm): boolean {
  const d = snapshot(mb, node);
  const needle = term.value.toLowerCase();
  const has = (...values: unknown[]): boolean => values.some((v) => textOf(v).toLowerCase().includes(needle));
  if (!mb.service.isA(node.type, `${NS}.Message`)) return has(d);
  switch (term.field) {
    case undefined:
      return has(d.Subject, (d.Body as { Content?: unknown } | null)?.Content, d.From, d.Sender);
    case "subject":
      return has(d.Subject);
    case "body":
    case "content":
      return has((d.Body as { Content?: unknown } | null)?.Content);
    case "from":
    case "sender":
      return has(d.From, d.Sender);
    case "to":
      return has(d.ToRecipients);
    case "cc":
      return has(d.CcRecipients);
    case "bcc":
      return has(d.BccRecipients);
    case "participants":
      return has(d.From, d.ToRecipients, d.CcRecipients, d.BccRecipients);
    case "category":
      return has(d.Categories);
    case "attachment":
      return (node.navs.get("Attachments") ?? []).some((a) => textOf(a.data.Name).toLowerCase().includes(needle));
    case "has":
      return needle.startsWith("attachment") ? d.HasAttachments === true : false;
    case "received": {
      const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(term.value);
      const name = receivedName(mb.service, node.type);
      const received = name ? String(d[name] ?? "") : "";
      if (!m) return false;
      const day = `${m[3]}-${(m[1] ?? "").padStart(2, "0")}-${(m[2] ?? "").padStart(2, "0")}`;
      return received.startsWith(day);
    }
    default:
      return has(d);
  }
}

export function searchMatches(mb: Mailbox, node: EntityNode, query: SearchQuery): boolean {
  return query.some((group) => group.every((t) => matches(mb, node, t)));
}

// ---- applying -----------------------------------------------------------------------------------

/** Filter access to nodes: computed properties via snapshot(), navigation children from the tree. */
export function filterData(mb: Mailbox | undefined, service: ServiceInfo): FilterData {
  const cache = new Map<EntityNode, Record<string, unknown>>();
  return {
    props(entity) {
      if (!(entity instanceof EntityNode)) return undefined;
      let d = cache.get(entity);
      if (!d) {
        d = mb ? snapshot(mb, entity) : entity.data;
        cache.set(entity, d);
      }
      return d;
    },
    nav(entity, name) {
      if (!(entity instanceof EntityNode)) return null;
      const list = entity.navs.get(name) ?? [];
      const nav = service.navigation(entity.type, name);
      return nav?.type.collection === false ? (list[0] ?? null) : list;
    },
  };
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return a ? 1 : -1;
  const sa = typeof a === "string" ? a : JSON.stringify(a);
  const sb = typeof b === "string" ? b : JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function pathValue(p: Expr & { k: "path" }, node: EntityNode, data: FilterData): unknown {
  let cur: unknown = node;
  for (const seg of p.segs) {
    if (cur === null || cur === undefined) return null;
    if (seg.cast) continue;
    if (seg.nav) cur = data.nav(cur, seg.name);
    else cur = (data.props(cur) ?? (cur as Record<string, unknown>))[seg.name];
  }
  return cur ?? null;
}

export interface Applied {
  /** The matching items after $orderby, $skip and $top. */
  readonly items: EntityNode[];
  /** How many items matched $filter/$search (for $count). */
  readonly total: number;
}

/** $search results are ordered by send time, newest first, and capped at 250 (fact sheet §2.3). */
const SEARCH_CAP = 250;

export function applyQuery(
  mb: Mailbox | undefined,
  service: ServiceInfo,
  nodes: readonly EntityNode[],
  q: QueryOptions,
): Applied {
  const data = filterData(mb, service);
  let items = [...nodes];
  if (q.filter) {
    const f = q.filter;
    items = items.filter((n) => evaluate(f, n, data));
  }
  if (q.search) {
    if (!mb) throw invalidQuery("$search is not supported on this collection.");
    const s = q.search;
    items = items.filter((n) => searchMatches(mb, n, s));
    items.sort((a, b) => {
      const sa = sentName(service, a.type);
      const sb = sentName(service, b.type);
      return compareValues(sb ? b.data[sb] : null, sa ? a.data[sa] : null);
    });
    items = items.slice(0, SEARCH_CAP);
  }
  if (q.orderby.length > 0) {
    const keyed = items.map((n, i) => ({ n, i, keys: q.orderby.map((o) => pathValue(o.path, n, data)) }));
    keyed.sort((x, y) => {
      for (let k = 0; k < q.orderby.length; k++) {
        const c = compareValues(x.keys[k], y.keys[k]);
        if (c !== 0) return q.orderby[k]?.desc ? -c : c;
      }
      return x.i - y.i;
    });
    items = keyed.map((k) => k.n);
  }
  const total = items.length;
  const skip = q.skip ?? 0;
  items = items.slice(skip, q.top === undefined ? undefined : skip + q.top);
  return { items, total };
}

/** Applies the nested options of an $expand item to the children of a navigation. */
export function applyExpand(
  mb: Mailbox | undefined,
  service: ServiceInfo,
  children: readonly EntityNode[],
  q: QueryOptions,
): EntityNode[] {
  return applyQuery(mb, service, children, q).items;
}
