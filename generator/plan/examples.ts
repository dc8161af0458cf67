/**
 * The README's usage example for one version, computed from its model: a root member (the singleton or entity set
 * with the most collections under it), a collection navigation of it, a property to `select` and print, and an
 * operation bound to the collection's items. Every name printed is a plain identifier taken from the model, and
 * every value is our own literal, so no metadata text reaches the example but names.
 */
import type { EntityType, NavigationProperty, Operation, Parameter, Property, ServiceModel } from "../model/types.js";
import { allNavigations, allProperties, boundOperations, indexModel, keyOf, operationUse, type ModelIndex } from "./index-model.js";
import { operationSegment } from "./docs.js";
import { memberName, memberNamesOf, stringLiteral } from "./naming.js";

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Properties that read well in an example, best first (compared case-insensitively). */
const LABELS = ["subject", "name", "displayname", "title", "description"];

interface Root {
  readonly kind: "singleton" | "entitySet";
  readonly name: string;
  /** Its member on the generated client. */
  readonly member: string;
  readonly type: EntityType;
}

/**
 * The lines of the example, or none when the model has nothing to show (no singleton or entity set).
 * `baseUrl` is printed in the URL comments when it is a plain http(s) URL.
 */
export function exampleLines(model: ServiceModel, baseUrl: string, segmentKeys = false): string[] {
  const index = indexModel(model);
  const container = model.schemas.find((s) => s.container)?.container;
  const entity = (q: string): EntityType | undefined => {
    const t = index.structured.get(q);
    return t?.kind === "entityType" ? t : undefined;
  };
  // Every key part is printed as an object key and in the URL comment: only plain names.
  const plainKey = (t: EntityType): boolean => {
    const parts = keyOf(index, t).properties;
    return parts.length > 0 && parts.every((p) => PLAIN.test(p.name));
  };
  // The client's own names for its members (a singleton that shares an entity set's name is renamed there).
  const allNames = memberNamesOf(model, index);
  const tsNames = allNames.plain;
  const rootNames = allNames.root.plain;
  const memberIdentifier = (wire: string): string => tsNames.get(wire) ?? wire;
  const roots: Root[] = [];
  for (const s of container?.singletons ?? []) {
    const type = entity(s.type);
    const member = rootNames.get(s.name);
    if (type && member !== undefined && PLAIN.test(s.name) && s.capabilities.readable !== false) roots.push({ kind: "singleton", name: s.name, member, type });
  }
  for (const s of container?.entitySets ?? []) {
    const type = entity(s.entityType);
    const member = rootNames.get(s.name);
    if (type && member !== undefined && PLAIN.test(s.name) && s.capabilities.readable !== false && plainKey(type)) {
      roots.push({ kind: "entitySet", name: s.name, member, type });
    }
  }
  const collections = (t: EntityType): NavigationProperty[] =>
    allNavigations(index, t).filter((n) => n.type.collection && n.capabilities.readable !== false && entity(n.type.name) !== undefined);
  // Singletons first, the signed-in user's kind best (a singleton of a type an entity set also holds: Me of Users),
  // then the root with the most collections under it.
  const setTypes = new Set((container?.entitySets ?? []).map((s) => s.entityType));
  const rank = (r: Root): number => (r.kind === "singleton" ? (setTypes.has(r.type.qualifiedName) ? 0 : 1) : 2);
  const counts = new Map(roots.map((r) => [r, collections(r.type).length]));
  const root = [...roots].sort((a, b) => rank(a) - rank(b) || counts.get(b)! - counts.get(a)!)[0];
  if (!root) return [];
  // A plain service root only: no user info, query or fragment (they would be printed into the README).
  const url = /^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/[A-Za-z0-9._~!$&'()*+,;=:%-]*)*$/.test(baseUrl) ? baseUrl.replace(/\/+$/, "") : "…";
  const lines: string[] = [];
  const members = memberNames(index, root.type, memberIdentifier);
  const rootLabel = label(index, root.type);
  const rootExpr = root.kind === "singleton" ? `client.${root.member}` : `client.${root.member}.byId(${keyLiteral(index, root.type)})`;
  const rootUrl = `${url}/${root.name}${root.kind === "singleton" ? "" : keyPredicate(index, root.type, segmentKeys)}`;
  if (rootLabel) {
    lines.push(
      `// GET ${rootUrl}?$select=${rootLabel.name}`,
      `const one = await ${rootExpr}.get({ select: [${stringLiteral(rootLabel.name)}] });`,
      `console.log(one${access(rootLabel.name)});`,
    );
  }
  const navs = collections(root.type)
    .filter((n) => PLAIN.test(n.name) && members.get(memberIdentifier(n.name)) === 1)
    .map((n, order) => {
      const target = entity(n.type.name)!;
      const l = label(index, target);
      return { n, target, rank: l ? l.rank : LABELS.length, ops: itemOperations(index, target, memberIdentifier).length, order };
    })
    .filter((c) => plainKey(c.target))
    .sort((a, b) => a.rank - b.rank || b.ops - a.ops || a.order - b.order);
  const nav = navs[0];
  if (!nav) return lines;
  const navLabel = label(index, nav.target);
  const navExpr = `${rootExpr}.${memberIdentifier(nav.n.name)}`;
  const navUrl = `${rootUrl}/${nav.n.name}`;
  if (lines.length > 0) lines.push("");
  const select = navLabel ? [stringLiteral(navLabel.name)] : [];
  lines.push(
    `// GET ${navUrl}?${navLabel ? `$select=${navLabel.name}&` : ""}$top=10`,
    `const page = await ${navExpr}.list({ ${navLabel ? `select: [${select.join(", ")}], ` : ""}top: 10 });`,
    navLabel ? `for (const item of page.value) console.log(item${access(navLabel.name)});` : "console.log(page.value.length);",
  );
  const op = itemOperations(index, nav.target, memberIdentifier)[0];
  if (op) {
    const params = op.parameters.filter((p) => literal(index, p) !== undefined);
    const args = params.length > 0 ? `{ ${params.map((p) => `${p.name}: ${literal(index, p)}`).join(", ")} }` : "";
    const segment = operationSegment(op);
    // A function gives a node: nothing is sent until `.get()` (or `.list()` for a collection); an action sends at once.
    const send = op.kind === "action" ? "" : op.returnType?.type.collection ? ".list()" : ".get()";
    // An action is a node too: `post(params)` sends it.
    const ops = boundOperations(index, nav.target, false).flat();
    const name = memberName(allNames, operationUse(op, ops, "entity"));
    // An action with parameters takes its object even when none is written here (OptionalActionNode: `post({})`).
    const body = args !== "" ? args : op.parameters.length > 0 ? "{}" : "";
    const call = op.kind === "action" ? `${name}.post(${body})` : `${name}(${args})${send}`;
    lines.push(
      "",
      `// ${op.kind === "action" ? "POST" : "GET"} ${navUrl}${keyPredicate(index, nav.target, segmentKeys)}/${segment}`,
      `const result = await ${navExpr}.byId(${keyLiteral(index, nav.target)}).${call};`,
      "console.log(result);",
    );
  }
  return lines;
}

/** How many members of a node of `t` have each name: an example uses only names held once. */
function memberNames(index: ModelIndex, t: EntityType, memberIdentifier: (wire: string) => string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (n: string): void => void out.set(n, (out.get(n) ?? 0) + 1);
  for (const n of allNavigations(index, t)) add(memberIdentifier(n.name));
  for (const g of boundOperations(index, t, false)) add(memberIdentifier(g[0]?.name ?? ""));
  return out;
}

/** Item-bound operations of `t` an example can call: one overload, a plain unique name, every required parameter writable. */
function itemOperations(index: ModelIndex, t: EntityType, memberIdentifier: (wire: string) => string): Operation[] {
  const members = memberNames(index, t, memberIdentifier);
  const ops = boundOperations(index, t, false)
    .filter((g) => g.length === 1)
    .map((g) => g[0]!)
    .filter((o) => PLAIN.test(o.name) && members.get(memberIdentifier(o.name)) === 1)
    .filter((o) => o.parameters.every((p) => (p.optional || (o.kind === "action" && p.nullable) ? true : literal(index, p) !== undefined)))
    .filter((o) => o.parameters.every((p) => PLAIN.test(p.name)));
  // Actions that take a value first (they show the parameter object), then other actions, then functions.
  const score = (o: Operation): number => (o.kind === "action" ? (o.parameters.some((p) => literal(index, p) !== undefined) ? 0 : 1) : 2);
  return ops.map((o, i) => ({ o, i })).sort((a, b) => score(a.o) - score(b.o) || a.i - b.i).map((x) => x.o);
}

function label(index: ModelIndex, t: EntityType): { name: string; rank: number } | undefined {
  const props = allProperties(index, t).filter((p) => PLAIN.test(p.name) && !p.type.collection && p.type.name === "Edm.String");
  let best: { name: string; rank: number } | undefined;
  for (const p of props) {
    const rank = LABELS.indexOf(p.name.toLowerCase());
    if (rank >= 0 && (!best || rank < best.rank)) best = { name: p.name, rank };
  }
  if (best) return best;
  const key = new Set(keyOf(index, t).names);
  const first = props.find((p) => !key.has(p.name));
  return first ? { name: first.name, rank: LABELS.length } : undefined;
}

function access(name: string): string {
  return `.${name}`;
}

const SAMPLE: Readonly<Record<string, string>> = {
  "Edm.String": '"text"',
  "Edm.Boolean": "true",
  "Edm.Byte": "1",
  "Edm.SByte": "1",
  "Edm.Int16": "1",
  "Edm.Int32": "1",
  "Edm.Int64": "1",
  "Edm.Single": "1",
  "Edm.Double": "1",
  "Edm.Decimal": "1",
  "Edm.DateTimeOffset": '"2026-01-01T09:00:00Z"',
  "Edm.Date": '"2026-01-01"',
  "Edm.TimeOfDay": '"09:00:00"',
  "Edm.Duration": '"PT1H"',
  "Edm.Guid": '"00000000-0000-0000-0000-000000000000"',
};

/** A literal for a parameter, or undefined when it takes a structured value. */
function literal(index: ModelIndex, p: Parameter): string | undefined {
  if (p.type.collection) return undefined;
  const name = index.typeDefinitions.get(p.type.name)?.underlyingType ?? p.type.name;
  const sample = SAMPLE[name];
  if (sample !== undefined) return sample;
  const e = index.enums.get(name);
  const member = e?.members.find((m) => PLAIN.test(m.name));
  return member ? stringLiteral(member.name) : undefined;
}

function keyPlaceholder(index: ModelIndex, p: Property): string {
  const name = index.typeDefinitions.get(p.type.name)?.underlyingType ?? p.type.name;
  return SAMPLE[name] === '"text"' ? stringLiteral(`<${PLAIN.test(p.name) ? p.name : "key"}>`) : (SAMPLE[name] ?? '"<key>"');
}

/** The key argument of `byId` / an entity set call: `"<Id>"`, `1`, or `{ A: "<A>", B: 1 }`. */
function keyLiteral(index: ModelIndex, t: EntityType): string {
  const parts = keyOf(index, t).properties;
  if (parts.length === 1) return keyPlaceholder(index, parts[0]!);
  return `{ ${parts.map((p) => `${p.name}: ${keyPlaceholder(index, p)}`).join(", ")} }`;
}

/** The key in the URL comments as the client sends it: `('<id>')`, or `/<id>` where single keys go as segments. */
function keyPredicate(index: ModelIndex, t: EntityType, segmentKeys: boolean): string {
  const parts = keyOf(index, t).properties;
  if (segmentKeys && parts.length === 1) return `/${keyPlaceholder(index, parts[0]!).replace(/^"(.*)"$/, "$1")}`;
  const value = (p: Property): string => {
    const lit = keyPlaceholder(index, p);
    return lit.startsWith('"') ? `'${lit.slice(1, -1)}'` : lit;
  };
  if (parts.length === 1) return `(${value(parts[0]!)})`;
  return `(${parts.map((p) => `${p.name}=${value(p)}`).join(",")})`;
}
