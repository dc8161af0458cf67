// Shapes C and D: types-only descriptions of every entity type's URL space, generated from the Graph model, over a
// small runtime; models rolled up from the baseline into one models.ts.
//   D (the contract's shape): nodes.ts holds `interface XMembers extends BaseMembers`, `XNode`, `XCollection`; one
//     generic Proxy node (runtime/node.ts) builds every URL; client.ts holds a small wire table.
//   C (function style): paths.ts holds types-only path descriptors (`XPaths extends BasePaths`), and standalone
//     functions (runtime/fn.ts) take a reference: `list(nav(nav(client, "me"), "messages"), { top: 10 })`.
// Usage: npx tsx bench/prototypes/shape-cd.ts C|D
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { EntityType, Operation } from "../../generator/model/types.js";
import {
  ancestry,
  baseline,
  descendants,
  elementTs,
  freshOutput,
  hasStreamDeep,
  keyTs,
  keyWireType,
  loadGraph,
  paramsTs,
  refTs,
  rollUp,
  tsFiles,
  write,
  type Graph,
} from "./lib.js";

const shape = process.argv[2];
if (shape !== "C" && shape !== "D") throw new Error("usage: shape-cd.ts C|D");
const g = loadGraph();
const a = join(baseline(), "v1.0");
const out = freshOutput(shape);
const here = new URL(".", import.meta.url).pathname;

const VERBS = new Set(["get", "update", "replace", "delete", "list", "pages", "items", "count", "create", "byId", "cast", "getContent", "setContent", "then", "constructor", "toString", "toJSON", "valueOf", "__proto__"]);
const IDENT = /^[A-Za-z_$][\w$]*$/;
const stats = { renamed: 0, nameClashes: 0, omitBases: 0, functions: 0, functionTypeClashes: 0, keys: 0, keyClashes: 0, dupInterfaces: 0, skippedOps: 0 };

// ---- wire table -----------------------------------------------------------------------------------------------------
const names = new Map<string, string>();
/** TS member name of a wire name (D): the wire name itself unless it is a verb or no identifier. */
function member(wire: string): string {
  if (shape === "C") return JSON.stringify(wire);
  if (IDENT.test(wire) && !VERBS.has(wire)) return wire;
  let ts = IDENT.test(wire) ? `${wire}_` : wire.replace(/[^\w$]/g, "_").replace(/^(\d)/, "_$1");
  const prev = names.get(ts);
  if (prev !== undefined && prev !== wire) stats.nameClashes++;
  if (prev === undefined) stats.renamed++;
  names.set(ts, wire);
  return ts;
}
const functions = new Map<string, Record<string, string>>();
const INFERABLE = new Set(["Edm.String", "Edm.Int32", "Edm.Boolean", "Edm.Double"]);
function noteFunction(op: Operation): void {
  const entry = functions.get(op.name) ?? {};
  for (const p of op.parameters) {
    let t = p.type.name;
    const def = g.index.typeDefinitions.get(t);
    if (def) t = def.underlyingType;
    if (INFERABLE.has(t) || g.index.structured.has(t)) continue;
    const full = p.type.collection ? `Collection(${t})` : t;
    if (entry[p.name] !== undefined && entry[p.name] !== full) stats.functionTypeClashes++;
    entry[p.name] = full;
  }
  functions.set(op.name, entry);
}
const keys = new Map<string, string>();
function noteKey(wire: string, target: EntityType): void {
  const t = keyWireType(g, target);
  if (t === undefined) return;
  if (keys.has(wire) && keys.get(wire) !== t) stats.keyClashes++;
  keys.set(wire, t);
}

// ---- names ----------------------------------------------------------------------------------------------------------
const base = (q: string): string => g.names.builder.get(q)!.replace(/Builder$/, "");
const entityTs = (q: string): string => `M.${g.names.any.get(q) ?? g.names.types.get(q)!}`;
const queryTs = (q: string): string => `M.${g.names.query.get(q)!}`;
const isEntity = (q: string): boolean => g.index.structured.get(q)?.kind === "entityType";
const ent = (q: string): EntityType => g.index.structured.get(q) as EntityType;
const NODE = shape === "D" ? "Node" : "Paths";
const COLL = shape === "D" ? "Collection" : "CollectionPaths";
const MEM = shape === "D" ? "Members" : "Nav";
const CMEM = shape === "D" ? "CollectionMembers" : "CollectionOps";
const OPS = "Ops"; // C only: single-bound operations

function opsOf(t: EntityType, collection: boolean): Operation[][] {
  const list = g.index.boundTo.get(`${collection ? "collection" : "single"}:${t.qualifiedName}`) ?? [];
  const groups = new Map<string, Operation[]>();
  for (const op of list) groups.set(`${op.kind}:${op.name}`, [...(groups.get(`${op.kind}:${op.name}`) ?? []), op]);
  return [...groups.values()];
}

/** Result of an operation, as D/C types it. */
function opSignature(ops: readonly Operation[], qualifier: string): string {
  const op = ops[0]!;
  const { text: p, required } = paramsTs(g, ops, "M.");
  const none = ops.every((o) => o.parameters.length === 0);
  const rt = op.returnType?.type;
  if (op.kind === "function") {
    ops.forEach(noteFunction);
    let result: string;
    if (rt === undefined) result = "R.FunctionNode<void>";
    else if (rt.collection) result = isEntity(rt.name) ? `R.FunctionCollectionNode<${entityTs(rt.name)}, ${queryTs(rt.name)}>` : `R.FunctionCollectionNode<${elementTs(g, rt.name, "M.")}, R.NoQuery>`;
    else if (rt.name.startsWith("Edm.") || g.index.enums.has(rt.name) || g.index.typeDefinitions.has(rt.name)) result = `R.FunctionNode<R.ODataValue<${elementTs(g, rt.name, "M.")}>>`;
    else result = `R.FunctionNode<${elementTs(g, rt.name, "M.")}>`;
    if (shape === "C") return `R.Fn<${none ? "{}" : p}, ${result}>`;
    return `(${none ? "" : `params${required ? "" : "?"}: ${p}`}) => ${result}`;
  }
  let result: string;
  if (rt === undefined) result = "void";
  else if (rt.collection) result = `RT.ODataCollection<${elementTs(g, rt.name, "M.")}>`;
  else if (rt.name.startsWith("Edm.") || g.index.enums.has(rt.name) || g.index.typeDefinitions.has(rt.name)) result = `R.ODataValue<${elementTs(g, rt.name, "M.")}>`;
  else result = `RT.ODataEntity<${elementTs(g, rt.name, "M.")}>`;
  if (shape === "C") return `R.Act<${none ? "{}" : p}, ${result}>`;
  return `(params${required && !none ? "" : "?"}: ${none ? "{}" : p}, options?: RT.RequestOptions) => Promise<${result}>`;
  void qualifier;
}

let inInterface = new Set<string>();
function opMember(ops: readonly Operation[], where: string): string {
  const op = ops[0]!;
  const name = member(op.name);
  // C: an action and a function of one name bound to one type (Graph: browse) cannot both be properties; D makes them overloads.
  if (shape === "C" && inInterface.has(name)) return (stats.skippedOps++, "");
  inInterface.add(name);
  const sig = opSignature(ops, where);
  const doc = `  /** ${op.kind === "function" ? "GET" : "POST"} …/${where}${op.name}${op.kind === "function" ? "(…)" : ""} */\n`;
  if (shape === "C") return `${doc}  readonly ${name}: ${sig};\n`;
  // method syntax: params/returns from the arrow type
  const m = /^\((.*)\) => (.*)$/s.exec(sig)!;
  return `${doc}  ${name}(${m[1]}): ${m[2]};\n`;
}

function navMember(t: EntityType, nav: EntityType["navigationProperties"][number]): string {
  const target = ent(nav.type.name);
  if (target === undefined || !isEntity(nav.type.name)) return "";
  if (nav.type.collection) noteKey(nav.name, target);
  const name = member(nav.name);
  const type = shape === "D" ? `${base(target.qualifiedName)}${nav.type.collection ? COLL : NODE}` : `R.${nav.type.collection ? "Many" : "One"}<${base(target.qualifiedName)}${NODE}>`;
  return `  /** ${nav.type.collection ? "Collection(" + nav.type.name + ")" : nav.type.name}${nav.containsTarget ? ", contained" : ""}: …/${t.name}/${nav.name} */\n  readonly ${name}: ${type};\n`;
}

const declared = new Map<string, Set<string>>();
function declaredNames(t: EntityType, collection: boolean): Set<string> {
  const k = `${collection}:${t.qualifiedName}`;
  let s = declared.get(k);
  if (!s) {
    s = new Set<string>();
    if (!collection) for (const n of t.navigationProperties) s.add(member(n.name));
    for (const ops of opsOf(t, collection)) s.add(member(ops[0]!.name));
    declared.set(k, s);
  }
  return s;
}
function extendsClause(t: EntityType, collection: boolean, suffix: string): string {
  if (t.baseType === undefined || !isEntity(t.baseType)) return "";
  const mine = declaredNames(t, collection);
  const clash = ancestry(g.index, t)
    .slice(1)
    .flatMap((anc) => [...declaredNames(anc as EntityType, collection)])
    .filter((n) => mine.has(n));
  const baseName = `${base(t.baseType)}${suffix}`;
  // PROTO_NO_OMIT=1: plain `extends` everywhere, to see whether the rebinding types compile without Omit.
  if (clash.length === 0 || process.env.PROTO_NO_OMIT === "1") return ` extends ${baseName}`;
  stats.omitBases++;
  return ` extends Omit<${baseName}, ${[...new Set(clash)].map((c) => (c.startsWith('"') ? c : JSON.stringify(c))).join(" | ")}>`;
}

const castsOf = (t: EntityType, suffix: string): string => {
  const d = descendants(g.index, t).filter((x) => x.kind === "entityType");
  if (d.length === 0) return "{}";
  return `{ ${d.map((x) => `readonly ${JSON.stringify(x.qualifiedName)}: ${base(x.qualifiedName)}${suffix}`).join("; ")} }`;
};

const parts: string[] = [];
const seen = new Set<string>();
const decl = (name: string): string => {
  if (seen.has(name)) stats.dupInterfaces++;
  seen.add(name);
  return name;
};
for (const t of g.entities) {
  const b = base(t.qualifiedName);
  const where = `${t.name}('{id}')/`;
  const navs = t.navigationProperties.map((n) => navMember(t, n)).join("");
  inInterface = new Set();
  const single = opsOf(t, false).map((ops) => opMember(ops, where)).join("");
  inInterface = new Set();
  const coll = opsOf(t, true).map((ops) => opMember(ops, `${t.name}/`)).join("");
  const key = keyTs(g, t);
  const media = hasStreamDeep(g, t);
  if (shape === "D") {
    parts.push(`/** Navigations and operations microsoft.graph ${t.name} declares. */\nexport interface ${decl(b + MEM)}${extendsClause(t, false, MEM)} {\n${navs}${single}}\n`);
    parts.push(`export interface ${decl(b + CMEM)}${extendsClause(t, true, CMEM)} {\n${coll}}\n`);
    parts.push(`/** Addresses one ${t.qualifiedName}. */\nexport interface ${decl(b + NODE)} extends R.EntityNode<${entityTs(t.qualifiedName)}, ${queryTs(t.qualifiedName)}, ${castsOf(t, NODE)}>, ${b + MEM}${media ? ", R.MediaNode" : ""} {}\n`);
    parts.push(`/** Addresses a collection of ${t.qualifiedName}. */\nexport interface ${decl(b + COLL)} extends R.CollectionNode<${entityTs(t.qualifiedName)}, ${queryTs(t.qualifiedName)}, ${b + NODE}, ${key}, ${castsOf(t, COLL)}>, ${b + CMEM} {}\n`);
  } else {
    parts.push(`/** Navigations microsoft.graph ${t.name} declares (wire names). */\nexport interface ${decl(b + MEM)}${extendsClause(t, false, MEM)} {\n${navs}}\n`);
    parts.push(`export interface ${decl(b + OPS)}${extendsClause(t, false, OPS)} {\n${single}}\n`);
    parts.push(`export interface ${decl(b + CMEM)}${extendsClause(t, true, CMEM)} {\n${coll}}\n`);
    parts.push(`/** Path descriptor of ${t.qualifiedName}. */\nexport interface ${decl(b + NODE)} {\n  readonly entity: ${entityTs(t.qualifiedName)};\n  readonly query: ${queryTs(t.qualifiedName)};\n  readonly key: ${key};\n  readonly nav: ${b + MEM};\n  readonly ops: ${b + OPS};\n  readonly collectionOps: ${b + CMEM};\n  readonly casts: ${castsOf(t, NODE)};\n  readonly media: ${media};\n}\n`);
  }
}

// ---- the root ---------------------------------------------------------------------------------------------------------
const container = g.model.schemas.find((s) => s.container)!.container!;
let root = "";
for (const s of container.entitySets) {
  if (!isEntity(s.entityType)) continue;
  noteKey(s.name, ent(s.entityType));
  const type = shape === "D" ? `${base(s.entityType)}${COLL}` : `R.Many<${base(s.entityType)}${NODE}>`;
  root += `  /** Entity set ${s.name}: …/${s.name} */\n  readonly ${member(s.name)}: ${type};\n`;
}
for (const s of container.singletons) {
  if (!isEntity(s.type)) continue;
  const type = shape === "D" ? `${base(s.type)}${NODE}` : `R.One<${base(s.type)}${NODE}>`;
  root += `  /** Singleton ${s.name}: …/${s.name} */\n  readonly ${member(s.name)}: ${type};\n`;
}
let rootOps = "";
inInterface = new Set();
for (const imp of container.operationImports) {
  const ops = g.index.operations.get(imp.operation) ?? [];
  if (ops.length === 0) continue;
  rootOps += opMember(ops, "");
}
const runtimeTypes = "ODataCollection, ODataEntity, RequestOptions";
let nodes: string;
if (shape === "D") {
  nodes = `/* eslint-disable */\n// Types only: erased at compile time.\nimport type * as RT from "../runtime/index.js";\nimport type * as R from "../runtime/node.js";\nimport type * as M from "./models.js";\n\n${parts.join("\n")}\n/** The service root: entity sets, singletons and unbound operations. */\nexport interface ServiceClient {\n${root}${rootOps}}\n`;
} else {
  nodes = `/* eslint-disable */\n// Types only: erased at compile time.\nimport type * as RT from "../runtime/index.js";\nimport type * as R from "../runtime/fn.js";\nimport type * as M from "./models.js";\n\n${parts.join("\n")}\n/** The service root. */\nexport interface ServicePaths {\n  readonly entity: never;\n  readonly query: { readonly select: never; readonly expand: {} };\n  readonly key: string;\n  readonly nav: ServiceNav;\n  readonly ops: ServiceOps;\n  readonly collectionOps: {};\n  readonly casts: {};\n  readonly media: false;\n}\nexport interface ServiceNav {\n${root}}\nexport interface ServiceOps {\n${rootOps}}\n`;
}
const file = shape === "D" ? "nodes.ts" : "paths.ts";
write(join(out, "v1.0", file), nodes);

// ---- models, client, index, runtime ------------------------------------------------------------------------------------
write(join(out, "v1.0", "models.ts"), rollUp(tsFiles(join(a, "models")), "../runtime/index.js", false));
const sortObj = (m: Map<string, unknown>): Record<string, unknown> => Object.fromEntries([...m].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
const fnTable = new Map<string, unknown>([...functions].map(([k, v]) => [k, Object.keys(v).length === 0 ? 0 : v]));
stats.functions = fnTable.size;
stats.keys = keys.size;
const table = {
  rule: "same",
  ...(names.size ? { names: sortObj(names) } : {}),
  functions: sortObj(fnTable),
  ...(keys.size ? { keys: sortObj(keys) } : {}),
};
const tableText = JSON.stringify(table);
const defaults = `{ baseUrl: "https://graph.microsoft.com/v1.0", sendAnchorMailbox: false }`;
if (shape === "D") {
  copyFileSync(join(here, "runtime-node.ts"), join(out, "runtime", "node.ts"));
  write(
    join(out, "v1.0", "client.ts"),
    `/* eslint-disable */\nimport { createBatch, createContext, type Batch, type BatchOptions, type ClientOptions } from "../runtime/index.js";\nimport { nodeState, rootNode, type WireTable } from "../runtime/node.js";\nimport type { ServiceClient } from "./nodes.js";\n\n/** What the URL builder cannot derive from a member's name. */\nconst TABLE: WireTable = ${tableText};\n\n/** Creates a client (base URL https://graph.microsoft.com/v1.0). */\nexport function createClient(options?: ClientOptions): ServiceClient {\n  return rootNode<ServiceClient>(createContext(options, ${defaults}), TABLE);\n}\n\n/** Starts a $batch. */\nexport function startBatch(client: ServiceClient, options?: BatchOptions): Batch<ServiceClient> {\n  return createBatch(nodeState(client).ctx, (ctx) => rootNode<ServiceClient>(ctx, TABLE), options);\n}\n`,
  );
} else {
  copyFileSync(join(here, "runtime-fn.ts"), join(out, "runtime", "fn.ts"));
  write(
    join(out, "v1.0", "client.ts"),
    `/* eslint-disable */\nimport { createContext, type ClientOptions } from "../runtime/index.js";\nimport { rootRef, type EntityRef, type WireTable } from "../runtime/fn.js";\nimport type { ServicePaths } from "./paths.js";\n\nconst TABLE: WireTable = ${tableText};\n\n/** Creates a client: the reference of the service root. */\nexport function createClient(options?: ClientOptions): EntityRef<ServicePaths> {\n  return rootRef<ServicePaths>(createContext(options, ${defaults}), TABLE);\n}\n`,
  );
}
const index = readFileSync(join(a, "index.ts"), "utf8");
const runtimeExports = [...index.matchAll(/^export\s+(type\s+)?\{[^}]*\}\s+from\s+"\.\.\/runtime\/index\.js";/gm)].map((m) => m[0]);
const extra = shape === "D" ? `export type * as Nodes from "./nodes.js";\n` : `export type * as Paths from "./paths.js";\nexport { act, byId, call, cast, create, get, getContent, list, nav, remove, update } from "../runtime/fn.js";\n`;
write(join(out, "v1.0", "index.ts"), `/* eslint-disable */\n${runtimeExports.join("\n")}\nexport * from "./client.js";\nexport * from "./models.js";\n${extra}`);
console.log(JSON.stringify({ shape, out, tableBytes: tableText.length, ...stats }));
