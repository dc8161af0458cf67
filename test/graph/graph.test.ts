/**
 * Microsoft Graph v1.0, raw and at full scale: the generator runs in-process on the archived $metadata into a
 * temporary folder, once for every test, and its output must be exactly what prettier would print. Checked against the model built from the same document: every entity type
 * has its model interface and node types, every bound action and function (each overload on its own) is a member of
 * the node types of its binding type; a user's file of calls (test/usage/graph/graph.usage.ts) and the client
 * type-check under TypeScript 5.9 and 7.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  DefinedExtendedProperty,
  DefinedExtension,
  ExtendedPropertyAccessor,
  ExtensionAccessor,
  MapiType,
  QueryOptions,
} from "../../generated/runtime/index.js";
import { formatDiagnostic, type Diagnostic } from "../../generator/diagnostics/diagnostic.js";
import { buildModel } from "../../generator/model/build.js";
import type { Operation, ServiceModel } from "../../generator/model/types.js";
import { parseXml } from "../../generator/parse/xml.js";
import { PRETTIER_OPTIONS } from "../../generator/format/format.js";
import { generate } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write.js";
import { recorder, serviceLike, type Sent } from "../extensions/recorder.js";
import { corpusFile, REPO } from "../helpers/paths.js";
import { tscProject } from "../helpers/typecheck.js";

const out = mkdtempSync(join(tmpdir(), "codegen-graph-"));
/** Usage files copied beside the generated client (they import "./index.js") and type-checked with it. */
const USAGE = join(REPO, "test", "usage", "graph", "graph.usage.ts");
let diagnostics: readonly Diagnostic[] = [];
let generated: readonly { readonly path: string; readonly text: string }[] = [];
let model: ServiceModel | undefined;

beforeAll(async () => {
  const graph = corpusFile("graph-v1.0.csdl.xml");
  const result = await generate({ inputs: [{ label: "v1.0", source: graph }], packageName: "graph-client" });
  diagnostics = result.diagnostics;
  generated = result.files;
  await writeOutput(out, result.files);
  if (existsSync(join(out, "v1.0"))) {
    // A user's files, type-checked with the rest by the tsc tests below.
    writeFileSync(join(out, "v1.0", "extensions-usage.ts"), GRAPH_USAGE);
    copyFileSync(USAGE, join(out, "v1.0", basename(USAGE)));
  }
  const parsed = parseXml(readFileSync(graph, "utf8"), graph);
  model = parsed.root ? buildModel(parsed.root, graph, "v1.0").model : undefined;
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

function theModel(): ServiceModel {
  if (!model) throw new Error("the Graph $metadata did not give a model");
  return model;
}

// ---- Reading the generated node types ------------------------------------------------------------------------------

/** An operation member of a node interface, with the parameter names of each of its signatures. */
interface EmittedOperation {
  /** The TypeScript member name. */
  readonly member: string;
  /** The wire name (the wire table's rule and names applied to the member name). */
  readonly wireName: string;
  /** An action sends at once (its result is a Promise); a function gives a node to send from. */
  readonly kind: "action" | "function";
  /** One entry per signature and per `|` alternative of its params type. */
  readonly parameterSets: readonly (readonly string[])[];
}

/** The node types of one entity type: its model interface's name and the interfaces nodes.ts declares for it. */
interface EmittedType {
  readonly name: string;
  readonly node?: string;
  readonly collection?: string;
  /** Operations the type declares on its nodes (its Members interface) and on its collections (CollectionMembers). */
  readonly itemOperations: readonly EmittedOperation[];
  readonly collectionOperations: readonly EmittedOperation[];
  /** The Members interfaces, for typesWith(). */
  readonly members?: string;
}

/** The member names of each `{ … }` group at the top level of a parameter list: one set per alternative. */
function parameterSets(paramsText: string): string[][] {
  const sets: string[][] = [];
  let depth = 0;
  let parens = 0;
  let member = "";
  let names: string[] = [];
  const flush = (): void => {
    const m = /^\s*(?:readonly\s+)?("[^"]*"|'[^']*'|[A-Za-z_$][\w$]*)\s*\??\s*:/.exec(member);
    // `name?: never` forbids another overload's parameter: it is not one of this signature's.
    if (m?.[1] && !/:\s*never\s*$/.test(member)) names.push(m[1].replace(/^["']|["']$/g, ""));
    member = "";
  };
  for (const ch of paramsText) {
    if (ch === "{") {
      depth++;
      if (depth === 1) {
        names = [];
        member = "";
        continue;
      }
    } else if (ch === "}") {
      depth--;
      if (depth === 0) {
        flush();
        sets.push(names);
        continue;
      }
    } else if (ch === "(" || ch === "<" || ch === "[") parens++;
    else if (ch === ")" || ch === ">" || ch === "]") parens--;
    if (depth === 1 && parens === 0 && (ch === ";" || ch === ",")) flush();
    else if (depth >= 1) member += ch;
  }
  return sets.length > 0 ? sets : [[]];
}

interface WireNaming {
  /** How a member name becomes a wire name. */
  readonly wire: (member: string) => string;
  /**
   * The namespace `qualifiedOperations: operationNamespaces` puts before an operation's wire name, called on a path
   * whose last name segment is `before` (the runtime looks up "<before>/<name>" first, then the name, then the table's
   * default namespace).
   */
  readonly namespace: (wireName: string, before?: string) => string | undefined;
}

/**
 * The wire table of client.ts and its exported operationNamespaces: how a member name becomes a wire name, and an
 * operation's namespace.
 */
function wireNaming(clientText: string): WireNaming {
  const file = ts.createSourceFile("client.ts", clientText, ts.ScriptTarget.ES2022, true);
  let table: ts.ObjectLiteralExpression | undefined;
  let exported: ts.ObjectLiteralExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && n.type?.getText(file) === "WireTable" && n.initializer && ts.isObjectLiteralExpression(n.initializer)) {
      table = n.initializer;
    }
    if (ts.isVariableDeclaration(n) && n.name.getText(file) === "operationNamespaces" && n.initializer && ts.isAsExpression(n.initializer)) {
      const o = n.initializer.expression;
      if (ts.isObjectLiteralExpression(o)) exported = o;
    }
    ts.forEachChild(n, visit);
  };
  visit(file);
  if (!table) throw new Error("client.ts declares no WireTable");
  if (!exported) throw new Error("client.ts exports no operationNamespaces");
  const prop = (o: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined =>
    o.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === key)
      ?.initializer;
  const rule = prop(table, "rule");
  const strings = (key: string, from: ts.ObjectLiteralExpression = table!): Map<string, string> => {
    const map = new Map<string, string>();
    const o = key === "" ? from : prop(from, key);
    if (o && ts.isObjectLiteralExpression(o)) {
      for (const p of o.properties) {
        if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && ts.isStringLiteral(p.initializer)) map.set(p.name.text, p.initializer.text);
      }
    }
    return map;
  };
  const names = strings("names");
  // The table names the export; the export lists the exceptions.
  const marker = prop(table, "namespaces");
  if (!marker || !ts.isStringLiteral(marker) || marker.text !== "operationNamespaces") throw new Error("the wire table names no operationNamespaces");
  const namespaces = strings("", exported);
  const fallback = prop(table, "namespace");
  const upper = rule !== undefined && ts.isStringLiteral(rule) && rule.text === "upper";
  return {
    wire: (member) => names.get(member) ?? (upper ? member.charAt(0).toUpperCase() + member.slice(1) : member),
    namespace: (wireName, before) =>
      (before === undefined ? undefined : namespaces.get(`${before}/${wireName}`)) ??
      namespaces.get(wireName) ??
      (fallback !== undefined && ts.isStringLiteral(fallback) ? fallback.text : undefined),
  };
}

let naming: WireNaming | undefined;
const wireTable = (): WireNaming => (naming ??= wireNaming(readFileSync(join(out, "v1.0", "client.ts"), "utf8")));

/** The operations an interface declares: an action is an `ActionNode<P, R>` member (or Optional/Bare), a function a method returning a node. */
function operationsOf(statement: ts.InterfaceDeclaration, file: ts.SourceFile, wire: (member: string) => string): EmittedOperation[] {
  const list: EmittedOperation[] = [];
  for (const member of statement.members) {
    const name = member.name?.getText(file).replace(/^["']|["']$/g, "") ?? "";
    if (ts.isMethodSignature(member)) {
      const result = member.type?.getText(file) ?? "";
      list.push({
        member: name,
        wireName: wire(name),
        // A method that sends at once (a Promise) is an action; one that gives a node is a function.
        kind: /^Promise</.test(result) ? "action" : "function",
        parameterSets: parameterSets(member.parameters.map((p) => p.getText(file)).join(", ")),
      });
    } else if (ts.isPropertySignature(member) && member.type && ts.isTypeReferenceNode(member.type) && /^(Optional|Bare)?ActionNode$/.test(member.type.typeName.getText(file))) {
      // ActionNode<P, R> and OptionalActionNode<P, R> (every parameter optional) take P; BareActionNode<R> none.
      const params = member.type.typeName.getText(file) === "BareActionNode" ? undefined : member.type.typeArguments?.[0];
      list.push({
        member: name,
        wireName: wire(name),
        kind: "action",
        parameterSets: params === undefined || params.kind === ts.SyntaxKind.UndefinedKeyword ? [[]] : parameterSets(`params: ${params.getText(file)}`),
      });
    }
  }
  return list;
}

let emitted: Map<string, EmittedType> | undefined;
/**
 * Reads models.ts and nodes.ts once, with the TypeScript parser, and finds each entity type's interfaces by their
 * structure, whatever names the generator gave them:
 * - the model interface X of a qualified name q: tagged `Tagged<X, "#q">` / `MaybeTagged<X, "#q">` in an `Any…` union,
 *   or documented by q (a type without a description), or named `typeIdentifier(name)` when no other type shares it;
 * - its node: `type N = EntityNodeOf<X or AnyX, Query, Members, …>`; its collection:
 *   `interface C extends CollectionNode<X or AnyX, …>, CollectionMembers`.
 */
function nodeTypes(): Map<string, EmittedType> {
  if (emitted) return emitted;
  const { wire } = wireTable();
  const parse = (name: string): ts.SourceFile =>
    ts.createSourceFile(name, readFileSync(join(out, "v1.0", name), "utf8"), ts.ScriptTarget.ES2022, true);
  const models = parse("models.ts");
  const nodes = parse("nodes.ts");
  const modelNames = new Set<string>();
  const byQualified = new Map<string, string>();
  /** Any-union alias → the model interface it stands for (its first member, MaybeTagged<X, …> or X). */
  const anyOf = new Map<string, string>();
  const tag = (t: ts.TypeNode): void => {
    if (ts.isTypeReferenceNode(t) && /^(Maybe)?Tagged$/.test(t.typeName.getText(models))) {
      const [x, q] = t.typeArguments ?? [];
      if (x && q && ts.isLiteralTypeNode(q) && ts.isStringLiteral(q.literal)) byQualified.set(q.literal.text.replace(/^#/, ""), x.getText(models));
    }
  };
  for (const st of models.statements) if (ts.isInterfaceDeclaration(st)) modelNames.add(st.name.text);
  for (const st of models.statements) {
    if (ts.isInterfaceDeclaration(st)) {
      const doc = ts.getJSDocCommentsAndTags(st)[0];
      const text = doc && ts.isJSDoc(doc) && typeof doc.comment === "string" ? doc.comment.trim() : "";
      if (/^[\w.]+$/.test(text) && text.includes(".")) byQualified.set(text, st.name.text);
    } else if (ts.isTypeAliasDeclaration(st)) {
      const members = ts.isUnionTypeNode(st.type) ? st.type.types : [st.type];
      members.forEach(tag);
      const first = members[0];
      // AnyX names X (an abstract X is no member of its own union); else the union's first member is X.
      const named = st.name.text.replace(/^Any/, "").replace(/\d+$/, "");
      if (st.name.text.startsWith("Any") && modelNames.has(named)) anyOf.set(st.name.text, named);
      else if (first && ts.isTypeReferenceNode(first)) {
        const x = /^(Maybe)?Tagged$/.test(first.typeName.getText(models)) ? first.typeArguments?.[0]?.getText(models) : first.getText(models);
        if (x) anyOf.set(st.name.text, x);
      }
    }
  }
  const all = theModel().schemas.flatMap((s) => [...s.entityTypes, ...s.complexTypes, ...s.enumTypes, ...s.typeDefinitions]);
  const sameName = new Map<string, number>();
  for (const t of all) sameName.set(t.name.toLowerCase(), (sameName.get(t.name.toLowerCase()) ?? 0) + 1);
  for (const t of all) {
    const plain = t.name.charAt(0).toUpperCase() + t.name.slice(1);
    if (!byQualified.has(t.qualifiedName) && sameName.get(t.name.toLowerCase()) === 1 && modelNames.has(plain)) byQualified.set(t.qualifiedName, plain);
  }
  // Node and collection interfaces by the model interface they address.
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const nodeOf = new Map<string, { node?: string; collection?: string; members?: string; collectionMembers?: string }>();
  for (const st of nodes.statements) {
    // A node is a type alias, `EntityNodeOf<X or AnyX, Query[, Members (& MediaNode)[, X, …]]>` (issue 12); a collection
    // an interface extending `CollectionNode<X or AnyX, …>, CollectionMembers`.
    if (ts.isTypeAliasDeclaration(st) && ts.isTypeReferenceNode(st.type) && st.type.typeName.getText(nodes) === "EntityNodeOf") {
      const [x0, , m] = st.type.typeArguments ?? [];
      if (!x0) continue;
      const x = anyOf.get(x0.getText(nodes)) ?? x0.getText(nodes);
      const refs = m === undefined ? [] : ts.isIntersectionTypeNode(m) ? [...m.types] : [m];
      const members = refs.filter(ts.isTypeReferenceNode).map((r) => r.typeName.getText(nodes)).find((n) => n !== "MediaNode");
      nodeOf.set(x, { ...nodeOf.get(x), node: st.name.text, ...(members === undefined ? {} : { members }) });
      continue;
    }
    if (!ts.isInterfaceDeclaration(st)) continue;
    interfaces.set(st.name.text, st);
    const bases = (st.heritageClauses ?? []).flatMap((h) => [...h.types]);
    const generic = bases.find((b) => b.expression.getText(nodes) === "CollectionNode");
    const arg = generic?.typeArguments?.[0]?.getText(nodes);
    if (!generic || !arg) continue;
    const x = anyOf.get(arg) ?? arg;
    const entry = nodeOf.get(x) ?? {};
    const others = bases.filter((b) => b !== generic && b.expression.getText(nodes) !== "Syncable");
    Object.assign(entry, { collection: st.name.text, collectionMembers: others[0]?.expression.getText(nodes) });
    nodeOf.set(x, entry);
  }
  const types = new Map<string, EmittedType>();
  for (const t of theModel().schemas.flatMap((s) => s.entityTypes)) {
    const name = byQualified.get(t.qualifiedName);
    if (name === undefined) continue;
    const e = nodeOf.get(name) ?? {};
    const ops = (i: string | undefined): EmittedOperation[] => {
      const d = i === undefined ? undefined : interfaces.get(i);
      return d ? operationsOf(d, nodes, wire) : [];
    };
    types.set(t.qualifiedName, {
      name,
      ...(e.node !== undefined ? { node: e.node } : {}),
      ...(e.collection !== undefined ? { collection: e.collection } : {}),
      ...(e.members !== undefined ? { members: e.members } : {}),
      itemOperations: ops(e.members),
      collectionOperations: ops(e.collectionMembers),
    });
  }
  emitted = types;
  return types;
}

/** The operations of a binding type's node (item) or collection interfaces, every signature merged per member. */
function emittedOperations(binding: string, collection: boolean): readonly EmittedOperation[] {
  const t = nodeTypes().get(binding);
  return (collection ? t?.collectionOperations : t?.itemOperations) ?? [];
}

/** Every bound operation of the model: one per binding type, item or collection, name and parameter list. */
function boundOperations(): { readonly op: Operation; readonly binding: string; readonly collection: boolean; readonly parameters: readonly string[] }[] {
  return theModel()
    .schemas.flatMap((s) => s.operations)
    .filter((op) => op.isBound && op.bindingParameter !== undefined)
    .map((op) => ({
      op,
      binding: op.bindingParameter?.type.name ?? "",
      collection: op.bindingParameter?.type.collection ?? false,
      parameters: op.parameters.map((p) => p.name),
    }));
}

function describeOperation(o: ReturnType<typeof boundOperations>[number]): string {
  return `${o.op.kind} ${o.op.qualifiedName}(${o.parameters.join(", ")}) bound to ${o.binding}${o.collection ? " (collection)" : ""}`;
}

const sameNames = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().join("\0") === [...b].sort().join("\0");

describe("Microsoft Graph v1.0", () => {
  it("generates with no errors", () => {
    expect(diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic)).toEqual([]);
  });

  it("is exactly what prettier prints, without prettier having run (layout only)", { timeout: 300_000 }, async () => {
    // The version rolled up into a few files, beside the runtime and the package's own.
    expect(generated.filter((f) => f.path.startsWith("v1.0/")).map((f) => f.path).sort()).toEqual([
      "v1.0/client.ts",
      "v1.0/extensions.ts",
      "v1.0/index.ts",
      "v1.0/models.ts",
      "v1.0/nodes.ts",
    ]);
    const prettier = await import("prettier");
    const unclean: string[] = [];
    for (const f of generated) {
      const parser = f.path.endsWith(".ts") ? "typescript" : f.path.endsWith(".json") ? "json" : f.path.endsWith(".md") ? "markdown" : undefined;
      if (parser && !(await prettier.check(f.text, { ...PRETTIER_OPTIONS, parser }))) unclean.push(f.path);
    }
    expect(unclean).toEqual([]);
  });

  it("emits a model interface and node types for every entity type", () => {
    const entityTypes = theModel().schemas.flatMap((s) => s.entityTypes);
    expect(entityTypes).toHaveLength(1182);
    const types = nodeTypes();
    const missing: string[] = [];
    for (const t of entityTypes) {
      const e = types.get(t.qualifiedName);
      if (!e) missing.push(`${t.qualifiedName}: no interface in models.ts`);
      else if (!e.node || !e.collection) missing.push(`${t.qualifiedName} (${e.name}): node ${e.node ?? "missing"}, collection ${e.collection ?? "missing"}`);
    }
    expect(missing).toEqual([]);
    // 1,182 distinct model interfaces and node interfaces.
    expect(new Set([...types.values()].map((t) => t.name)).size).toBe(1182);
    expect(new Set([...types.values()].map((t) => t.node)).size).toBe(1182);
  });

  it("counts 1,183 bound actions and functions in the model", () => {
    const ops = boundOperations();
    const distinct = new Set(ops.map((o) => `${o.binding}|${o.collection}|${o.op.qualifiedName}|${[...o.parameters].sort().join(",")}`));
    expect(ops).toHaveLength(1183);
    expect(distinct.size).toBe(1183);
    // All of them bind to entity types, so each has node types to live on.
    const entityTypes = new Set(theModel().schemas.flatMap((s) => s.entityTypes.map((t) => t.qualifiedName)));
    expect(ops.filter((o) => !entityTypes.has(o.binding)).map(describeOperation)).toEqual([]);
  });

  it("emits every bound operation on the node types of its binding type", () => {
    const missing = boundOperations()
      .filter((o) => !emittedOperations(o.binding, o.collection).some((e) => e.wireName === o.op.name && e.kind === o.op.kind))
      .map(describeOperation);
    expect(missing).toEqual([]);
    // operationNamespaces (as qualifiedOperations) qualifies each one with its own namespace, on every path that reaches
    // its binding type by name: the entity sets and navigations of that type (and, for an entity binding, the
    // singletons and single navigations). A name that also reaches a binding of the same operation in another
    // namespace cannot tell them apart, so it is not asserted.
    const { namespace } = wireTable();
    const model = theModel();
    const container = model.schemas.find((x) => x.container)?.container;
    const entityTypes = new Map(model.schemas.flatMap((x) => x.entityTypes.map((t) => [t.qualifiedName, t] as const)));
    // A node of the type or of a type derived from it offers the operation (a cast reaches the rest).
    const isA = (name: string, type: string): boolean => {
      for (let t = entityTypes.get(name); t; t = t.baseType === undefined ? undefined : entityTypes.get(t.baseType)) if (t.qualifiedName === type) return true;
      return false;
    };
    const reaching = (type: string, collection: boolean): string[] => [
      ...(container?.entitySets ?? []).filter((x) => isA(x.entityType, type)).map((x) => x.name),
      ...(collection ? [] : (container?.singletons ?? []).filter((x) => isA(x.type, type)).map((x) => x.name)),
      ...model.schemas.flatMap((x) =>
        x.entityTypes.flatMap((t) => t.navigationProperties.filter((n) => isA(n.type.name, type) && (n.type.collection || !collection)).map((n) => n.name)),
      ),
    ];
    const ops = boundOperations();
    const misqualified: string[] = [];
    for (const o of ops) {
      const ns = o.op.qualifiedName.slice(0, -o.op.name.length - 1);
      const others = ops.filter((x) => x.op.name === o.op.name && x.op.qualifiedName !== o.op.qualifiedName);
      const ambiguous = new Set(others.flatMap((x) => reaching(x.binding, x.collection)));
      const names = reaching(o.binding, o.collection).filter((n) => !ambiguous.has(n));
      for (const before of names.length > 0 ? names : [undefined]) {
        const got = namespace(o.op.name, before);
        if (got !== ns) misqualified.push(`${describeOperation(o)} after ${before ?? "(any)"}: ${got}.${o.op.name}`);
      }
    }
    expect(misqualified).toEqual([]);
  });

  // Functions may be overloaded by their parameters (delta() and delta(token), image(), image(width), …):
  // each overload needs a signature that takes exactly its parameters.
  it("emits every overload of a bound operation with its own parameters", () => {
    const missing = boundOperations()
      .filter(
        (o) =>
          !emittedOperations(o.binding, o.collection).some(
            (e) => e.wireName === o.op.name && e.kind === o.op.kind && e.parameterSets.some((set) => sameNames(set, o.parameters)),
          ),
      )
      .map(describeOperation);
    if (missing.length > 0) console.log(`Graph v1.0 bound operations without a signature of their own (${missing.length}):\n  ${missing.join("\n  ")}`);
    expect(missing).toEqual([]);
  });

  it("addresses the service root of Graph", () => {
    expect(readFileSync(join(out, "v1.0", "client.ts"), "utf8")).toContain('"https://graph.microsoft.com/v1.0"');
  });

  it("copies the usage file beside the client for the tsc tests", () => {
    expect(existsSync(join(out, "v1.0", basename(USAGE)))).toBe(true);
  });

  it("type-checks with the usage files under TypeScript 5.9", { timeout: 300_000 }, () => {
    expect(tscProject("typescript", out)).toBe("");
  });

  it("type-checks with the usage files under TypeScript 7", { timeout: 300_000 }, () => {
    expect(tscProject("typescript7", out)).toBe("");
  });
});

// ---- Extended properties and open extensions, with Graph's camelCase wire names -------------------------------------

const GUID = "8ECCC264-6880-4EBE-992F-8888D2EEAA1D";
const GRAPH = "https://graph.microsoft.com/v1.0";

const GRAPH_USAGE = `import {
  createClient,
  defineExtendedProperty,
  defineExtension,
  expandExtendedProperties,
  extendedProperty,
  extendedPropertyValues,
  extension,
} from "./index.js";

const referral = defineExtendedProperty({ type: "String", guid: "${GUID}", name: "Referral" });
const scores = defineExtendedProperty({ type: "IntegerArray", guid: "${GUID}", id: 0x8013 });
const contoso = defineExtension<{ companyName: string; dealValue?: number }>("Com.Contoso.Referral");

export async function use(): Promise<void> {
  const client = createClient();
  const m = await client.me.messages.byId("m1").get({ expand: expandExtendedProperties(referral, scores) });
  const source: string | undefined = referral.read(m);
  const s: number[] | undefined = scores.read(m);
  await client.me.messages.list({ filter: contoso.filter(), expand: contoso.expand() });
  await client.me.messages.create({ subject: "x", ...contoso.inline({ companyName: "A" }), ...extendedPropertyValues(referral.set("a"), scores.set([1])) });
  await extension(client.me.events.byId("e1"), contoso).create({ companyName: "A", dealValue: 1 });
  await extendedProperty(client.me.contacts.byId("c1"), referral).set("b");
  // @ts-expect-error -- a String property takes a string
  referral.set(1);
  // @ts-expect-error -- no such field
  await extension(client.me.events.byId("e1"), contoso).update({ wrong: 1 });
  void [source, s];
}
`;

type XpShape = { readonly single: "singleValueExtendedProperties"; readonly multi: "multiValueExtendedProperties"; readonly id: "id"; readonly value: "value" };
type ExtShape = {
  readonly nav: "extensions";
  readonly id: "id";
  readonly extensionName: "extensionName";
  readonly type: "microsoft.graph.openTypeExtension";
  readonly idPrefix: "";
};
interface GraphItem {
  get(query?: QueryOptions<any>): Promise<object>;
  update(body: object): Promise<unknown>;
}
interface GraphCollection {
  list(query?: QueryOptions<any>): Promise<{ readonly value: readonly object[] }>;
  create(body: object): Promise<object>;
  byId(id: string): GraphItem;
}
/** The part of the generated Graph module these tests use (it is imported from the temp folder, untyped). */
interface GraphModule {
  createClient(options: { readonly fetch: typeof fetch }): { readonly me: Record<"messages" | "events" | "contacts", GraphCollection> };
  defineExtendedProperty<T extends MapiType>(spec: { type: T; guid: string; name: string } | { type: T; guid: string; id: number }): DefinedExtendedProperty<T, XpShape>;
  defineExtension<P extends object>(name: string): DefinedExtension<P, ExtShape>;
  expandExtendedProperties(...properties: readonly { expand(): object }[]): object;
  extendedPropertyValues(...fragments: readonly object[]): object;
  extendedProperty<T extends MapiType>(node: GraphItem, property: DefinedExtendedProperty<T, XpShape>): ExtendedPropertyAccessor<T>;
  extension<P extends object>(node: GraphItem, extension: DefinedExtension<P, ExtShape>): ExtensionAccessor<P>;
  extendedPropertyShape: XpShape;
  extensionShape: ExtShape;
}

/**
 * Qualified names of the entity types whose nodes have the navigation (declared by the type or inherited through its
 * Members interface's `extends`): what extendedProperty() (singleValueExtendedProperties) and extension() (extensions)
 * address below an item.
 */
function typesWith(navigation: string): string[] {
  const nodes = ts.createSourceFile("nodes.ts", readFileSync(join(out, "v1.0", "nodes.ts"), "utf8"), ts.ScriptTarget.ES2022, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  for (const st of nodes.statements) if (ts.isInterfaceDeclaration(st)) interfaces.set(st.name.text, st);
  const has = (name: string, seen: Set<string>): boolean => {
    const i = interfaces.get(name);
    if (!i || seen.has(name)) return false;
    seen.add(name);
    if (i.members.some((m) => ts.isPropertySignature(m) && m.name.getText(nodes) === navigation)) return true;
    const bases = (i.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText(nodes)));
    return bases.some((b) => has(b, seen));
  };
  return [...nodeTypes()].filter(([, t]) => t.members !== undefined && has(t.members, new Set())).map(([q]) => q).sort();
}

describe("Microsoft Graph v1.0: extended properties and open extensions", () => {
  const ext = (): string => readFileSync(join(out, "v1.0", "extensions.ts"), "utf8");
  let graph: GraphModule;
  beforeAll(async () => {
    graph = (await import(join(out, "v1.0", "index.ts"))) as GraphModule;
  }, 300_000);

  it("detects Graph's shapes", () => {
    const text = ext().replace(/\s+/g, " ");
    expect(text).toContain('single: "singleValueExtendedProperties", multi: "multiValueExtendedProperties", id: "id", value: "value",');
    expect(text).toContain('nav: "extensions", id: "id", extensionName: "extensionName", type: "microsoft.graph.openTypeExtension",');
    expect(graph.extendedPropertyShape).toEqual({ single: "singleValueExtendedProperties", multi: "multiValueExtendedProperties", id: "id", value: "value" });
    expect(graph.extensionShape).toEqual({
      nav: "extensions",
      id: "id",
      extensionName: "extensionName",
      type: "microsoft.graph.openTypeExtension",
      idPrefix: "",
    });
  });

  it("type-checks a user's file of helper calls along with the client (the tsc tests above)", () => {
    expect(existsSync(join(out, "v1.0", "extensions-usage.ts"))).toBe(true);
  });

  it("gives message, event and contact nodes the navigations both helpers address", () => {
    const withExtendedProperties = typesWith("singleValueExtendedProperties");
    const withExtensions = typesWith("extensions");
    for (const t of ["microsoft.graph.message", "microsoft.graph.event", "microsoft.graph.contact"]) {
      expect(withExtendedProperties, t).toContain(t);
      expect(typesWith("multiValueExtendedProperties"), t).toContain(t);
      expect(withExtensions, t).toContain(t);
    }
  });

  it("lists the entity types whose nodes take each helper", () => {
    const withExtendedProperties = typesWith("singleValueExtendedProperties");
    const withExtensions = typesWith("extensions");
    console.log(`Graph v1.0 types with extended properties (${withExtendedProperties.length}): ${withExtendedProperties.join(", ")}`);
    console.log(`Graph v1.0 types with extensions (${withExtensions.length}): ${withExtensions.join(", ")}`);
    for (const t of ["microsoft.graph.message", "microsoft.graph.event", "microsoft.graph.contact"]) {
      expect(withExtendedProperties).toContain(t);
      expect(withExtensions).toContain(t);
    }
    // Folders and calendars carry extended properties but no extensions; directory objects the other way round.
    expect(withExtendedProperties).toEqual(expect.arrayContaining(["microsoft.graph.mailFolder", "microsoft.graph.calendar", "microsoft.graph.contactFolder", "microsoft.graph.post"]));
    expect(withExtensions).toEqual(expect.arrayContaining(["microsoft.graph.user", "microsoft.graph.group", "microsoft.graph.post"]));
    expect(withExtensions).not.toContain("microsoft.graph.mailFolder");
    expect(withExtendedProperties).not.toContain("microsoft.graph.user");
  });

  it("sends Graph's wire names for extended properties", async () => {
    const referral = graph.defineExtendedProperty({ type: "String", guid: GUID, name: "Referral" });
    const scores = graph.defineExtendedProperty({ type: "IntegerArray", guid: GUID, id: 0x8013 });
    const r = recorder(
      serviceLike({
        id: "AAMk=",
        singleValueExtendedProperties: [{ id: `String {${GUID.toLowerCase()}} Name Referral`, value: "Wingtip Toys" }],
        multiValueExtendedProperties: [{ id: `IntegerArray {${GUID}} Id 0x8013`, value: ["1", "2"] }],
      }),
    );
    const client = graph.createClient({ fetch: r.fetch });
    const message = await client.me.messages.byId("AAMk=").get({ expand: referral.expand() });
    expect(referral.read(message)).toBe("Wingtip Toys");
    await client.me.events.byId("e1").get({ expand: graph.expandExtendedProperties(referral, scores) });
    await client.me.contacts.list({ filter: referral.filter("Wingtip Toys") });
    expect(await graph.extendedProperty(client.me.messages.byId("AAMk="), scores).get()).toEqual([1, 2]);
    await graph.extendedProperty(client.me.messages.byId("AAMk="), referral).set("Contoso");
    await client.me.messages.create({ subject: "Hi", ...graph.extendedPropertyValues(referral.set("x"), scores.set([3])) });
    expect(r.sent.map((s: Sent) => [s.method, s.decoded, s.body])).toEqual([
      ["GET", `${GRAPH}/me/messages/AAMk=?$expand=singleValueExtendedProperties($filter=id eq 'String {${GUID}} Name Referral')`, undefined],
      [
        "GET",
        `${GRAPH}/me/events/e1?$expand=singleValueExtendedProperties($filter=id eq 'String {${GUID}} Name Referral'),multiValueExtendedProperties($filter=id eq 'IntegerArray {${GUID}} Id 0x8013')`,
        undefined,
      ],
      ["GET", `${GRAPH}/me/contacts?$filter=singleValueExtendedProperties/Any(ep: ep/id eq 'String {${GUID}} Name Referral' and ep/value eq 'Wingtip Toys')`, undefined],
      ["GET", `${GRAPH}/me/messages/AAMk=?$expand=multiValueExtendedProperties($filter=id eq 'IntegerArray {${GUID}} Id 0x8013')`, undefined],
      ["PATCH", `${GRAPH}/me/messages/AAMk=`, `{"singleValueExtendedProperties":[{"id":"String {${GUID}} Name Referral","value":"Contoso"}]}`],
      [
        "POST",
        `${GRAPH}/me/messages`,
        `{"subject":"Hi","singleValueExtendedProperties":[{"id":"String {${GUID}} Name Referral","value":"x"}],"multiValueExtendedProperties":[{"id":"IntegerArray {${GUID}} Id 0x8013","value":["3"]}]}`,
      ],
    ]);
  });

  it("sends Graph's wire names for open extensions", async () => {
    const contoso = graph.defineExtension<{ companyName: string; dealValue?: number }>("Com.Contoso.Referral");
    const stored = {
      "@odata.type": "#microsoft.graph.openTypeExtension",
      // Graph gives extensions on Outlook items the Outlook id (opentypeextension-get, example 5).
      id: "Microsoft.OutlookServices.OpenTypeExtension.Com.Contoso.Referral",
      extensionName: "Com.Contoso.Referral",
      companyName: "Wingtip Toys",
      dealValue: 500050,
    };
    const r = recorder(serviceLike(stored));
    const client = graph.createClient({ fetch: r.fetch });
    await graph.extension(client.me.messages.byId("AAMk="), contoso).create({ companyName: "Wingtip Toys", dealValue: 500050 });
    expect(await graph.extension(client.me.events.byId("e1"), contoso).get()).toEqual(stored);
    await graph.extension(client.me.contacts.byId("c1"), contoso).update({ dealValue: 1 });
    await graph.extension(client.me.contacts.byId("c1"), contoso).delete();
    await client.me.events.create({ subject: "Kick-off", ...contoso.inline({ companyName: "Wingtip Toys" }) });
    expect(contoso.read({ extensions: [stored] })).toEqual({ "@odata.type": "#microsoft.graph.openTypeExtension", companyName: "Wingtip Toys", dealValue: 500050 });
    expect(r.sent.map((s: Sent) => [s.method, s.decoded, s.body])).toEqual([
      [
        "POST",
        `${GRAPH}/me/messages/AAMk=/extensions`,
        '{"@odata.type":"microsoft.graph.openTypeExtension","extensionName":"Com.Contoso.Referral","companyName":"Wingtip Toys","dealValue":500050}',
      ],
      ["GET", `${GRAPH}/me/events/e1/extensions/Com.Contoso.Referral`, undefined],
      ["PATCH", `${GRAPH}/me/contacts/c1/extensions/Com.Contoso.Referral`, '{"@odata.type":"microsoft.graph.openTypeExtension","extensionName":"Com.Contoso.Referral","dealValue":1}'],
      ["DELETE", `${GRAPH}/me/contacts/c1/extensions/Com.Contoso.Referral`, undefined],
      [
        "POST",
        `${GRAPH}/me/events`,
        '{"subject":"Kick-off","extensions":[{"@odata.type":"microsoft.graph.openTypeExtension","extensionName":"Com.Contoso.Referral","companyName":"Wingtip Toys"}]}',
      ],
    ]);
  });

  // Graph filters and addresses open extensions by the bare name (`$expand=extensions($filter=id eq 'Com.Contoso.Referral')`),
  // where Outlook REST uses Microsoft.OutlookServices.OpenTypeExtension.<name>.
  it("filters and addresses Graph extensions by the id Graph knows", () => {
    const contoso = graph.defineExtension<object>("Com.Contoso.Referral");
    expect(contoso.id).toBe("Com.Contoso.Referral");
    expect(contoso.expand()).toEqual({ extensions: { filter: "id eq 'Com.Contoso.Referral'" } });
    expect(contoso.filter()).toBe("extensions/any(e: e/id eq 'Com.Contoso.Referral')");
  });
});
