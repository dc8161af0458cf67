/**
 * Plan stage: one service model → the files to emit, each as a template name
 * and a view: plain data holding every name, type expression and import the
 * template prints. Templates decide nothing; this stage decides everything.
 */
import type { Capabilities, EntityType, EnumType, NavigationProperty, Operation, Parameter, ServiceModel, TypeDefinition, TypeRef } from "../model/types.js";
import { importLines, relativeSpecifier, type SymbolTable } from "./imports.js";
import { allNavigations, allProperties, ancestry, boundOperations, descendants, indexModel, keyOf, type ModelIndex, type Structured } from "./index-model.js";
import {
  allocate,
  companionNames,
  commentText,
  docLines,
  enumMemberKey,
  fileStem,
  folderName,
  memberIdentifier,
  ITEM_BUILDER_MEMBERS,
  COLLECTION_BUILDER_MEMBERS,
  objectKey,
  propertyKey,
  protocolNote,
  rootMemberNames,
  RUNTIME_NAMES,
  stringLiteral,
  typeIdentifier,
} from "./naming.js";
import type { CheckedDefinitions } from "./definitions.js";
import { detectExtensionSupport, planExtensions, type ExtensionSupport, type ExtensionsPlan } from "./extensions.js";
import { serviceProfile } from "./profiles.js";
import {
  docContext,
  entitySetDoc,
  navigationDoc,
  navigationPropertyDoc,
  operationDoc,
  operationImportDoc,
  propertyDoc,
  singletonDoc,
  type DocContext,
} from "./docs.js";

export interface PlannedFile {
  /** Path relative to the output folder, `/`-separated. */
  readonly path: string;
  readonly template: string;
  readonly view: object;
}

/** Defaults baked into the generated createClient(); the caller's options still override them. */
export interface ClientDefaults {
  readonly keyStyle?: "parentheses" | "segment";
  readonly headers?: Readonly<Record<string, string>>;
}

export interface PlanInput {
  readonly label: string;
  /** What the header names as the source: a file's base name or a URL. */
  readonly sourceName: string;
  readonly model: ServiceModel;
  readonly baseUrl?: string;
  /** Extended properties and extensions declared in the config, already checked. */
  readonly definitions?: CheckedDefinitions;
  /** Defaults baked into createClient(). */
  readonly client?: ClientDefaults;
  /** The version's files at the root of the output folder, beside runtime/ (sources mode, one input) instead of in a folder named after the label. */
  readonly atRoot?: boolean;
  /** What a long-lived caller (codegen --watch) keeps between plans of the same service; the plan reads and fills it. */
  readonly memo?: PlanMemo;
}

/** See PlanInput.memo: the type names of the last plan, with everything they were computed from (namesKey). */
export interface PlanMemo {
  names?: { readonly key: string; readonly names: Names };
}

const RUNTIME_MODULE = "runtime/index.ts";

const EDM_TS: Readonly<Record<string, string>> = {
  "Edm.String": "string",
  "Edm.Guid": "string",
  "Edm.Date": "string",
  "Edm.TimeOfDay": "string",
  "Edm.DateTimeOffset": "string",
  "Edm.Duration": "string",
  "Edm.Binary": "string",
  "Edm.Boolean": "boolean",
  "Edm.Byte": "number",
  "Edm.SByte": "number",
  "Edm.Int16": "number",
  "Edm.Int32": "number",
  "Edm.Int64": "number",
  "Edm.Single": "number",
  "Edm.Double": "number",
  "Edm.Decimal": "number",
  "Edm.Stream": "string",
  "Edm.Untyped": "unknown",
};

/** Names given to one version's declarations. */
export interface Names {
  readonly types: ReadonlyMap<string, string>;
  readonly query: ReadonlyMap<string, string>;
  readonly any: ReadonlyMap<string, string>;
  readonly builder: ReadonlyMap<string, string>;
  readonly collectionBuilder: ReadonlyMap<string, string>;
  /** The union of the qualified names of an entity type's descendants (what its builders' `cast` accepts). */
  readonly derived: ReadonlyMap<string, string>;
  /** The base name of a type's files (`models/<file>.ts`, `builders/<file>.ts`): its name, cut when long (fileStem). */
  readonly files: ReadonlyMap<string, string>;
}

/**
 * A planned file not computed yet: called, it gives the file (its path, template and view). Each call computes it
 * anew from the model; nothing is kept between calls.
 */
export type DeferredFile = () => PlannedFile;

export function planService(input: PlanInput): PlannedFile[] {
  return planServiceDeferred(input).map((file) => file());
}

/**
 * planService, one file at a time: what the files share (names, imports, the index of the model) is computed here,
 * each file's view only when it is asked for. A caller that renders the files as it asks for them holds one view at a
 * time instead of all of them (for a large service the views together are about twice the size of its document).
 */
export function planServiceDeferred(input: PlanInput): DeferredFile[] {
  const index = indexModel(input.model);
  // The prefix of every path of this version: its folder, or nothing when its files sit at the output's root.
  const dir = input.atRoot === true ? "" : `${folderName(input.label)}/`;
  const names = allocateNames(input.model, index, input.memo);
  const support = detectExtensionSupport(index);
  const extensionsPlan = planExtensions(support, input.definitions, dir, [...names.types.values(), ...RUNTIME_NAMES]);
  const symbols = symbolTable(dir, names, index, extensionsPlan);
  const header = headerFor(input);
  const docs = docContext(input.model, index);
  const files: DeferredFile[] = [];

  for (const t of index.structured.values()) files.push(() => modelFile(t, index, names, symbols, dir, header, docs));
  for (const e of index.enums.values()) files.push(() => enumFile(e, names, dir, header));
  for (const d of index.typeDefinitions.values()) files.push(() => typeDefinitionFile(d, names, dir, header));
  for (const t of index.structured.values()) {
    if (t.kind === "entityType") files.push(() => builderFile(t, index, names, symbols, support, dir, header, docs));
  }
  files.push(() => clientFile(input, index, names, symbols, dir, header, docs));
  if (extensionsPlan) files.push(() => ({ ...extensionsPlan.file, view: { ...extensionsPlan.file.view, header } }));
  files.push(() => barrelFile(input, index, names, extensionsPlan, dir, header));
  return files;
}

/**
 * What linters honour as "leave this file alone", for every generated file: ESLint and oxlint read
 * `eslint-disable`, Biome 2 reads `biome-ignore-all` at the top of a file.
 */
export const LINT_SUPPRESSIONS: readonly string[] = ["/* eslint-disable */", "// biome-ignore-all lint: generated by codegen"];

/** The first lines of a generated TypeScript file; the runtime's (copied, not rendered) name no source. */
export function headerFor(input: { readonly sourceName: string } | undefined): string {
  const from = input === undefined ? "" : ` from ${commentText(input.sourceName)}`;
  return [`// Generated by codegen${from}. Do not edit.`, ...LINT_SUPPRESSIONS].join("\n");
}

/**
 * With a memo, names are allocated again only when what they are computed from changed (namesKey): a regeneration
 * after an edit that adds, removes or renames no type, and changes no type's kind or derived types, reuses them.
 */
function allocateNames(model: ServiceModel, index: ModelIndex, memo: PlanMemo | undefined): Names {
  if (memo === undefined) return computeNames(model, index);
  const key = namesKey(model, index);
  if (memo.names?.key === key) return memo.names.names;
  const names = computeNames(model, index);
  memo.names = { key, names };
  return names;
}

/** All that computeNames reads: every type's qualified name and name in order, the first namespace, and per type whether it is structured, an entity type, and has derived types. */
function namesKey(model: ServiceModel, index: ModelIndex): string {
  const parts: (string | null)[] = [model.schemas[0]?.namespace ?? null];
  for (const s of model.schemas) {
    for (const t of [...s.enumTypes, ...s.typeDefinitions, ...s.complexTypes, ...s.entityTypes]) {
      const q = t.qualifiedName;
      const kind = index.structured.get(q)?.kind;
      const flags = `${kind === undefined ? "-" : kind === "entityType" ? "e" : "s"}${(index.derived.get(q)?.length ?? 0) > 0 ? "d" : "-"}`;
      parts.push(q, t.name, flags);
    }
  }
  // JSON: no name, whatever characters it holds, can run into the next.
  return JSON.stringify(parts);
}

function computeNames(model: ServiceModel, index: ModelIndex): Names {
  const primary: (readonly [string, string])[] = [];
  for (const s of model.schemas) {
    for (const t of [...s.enumTypes, ...s.typeDefinitions, ...s.complexTypes, ...s.entityTypes]) primary.push([t.qualifiedName, typeIdentifier(t.name)]);
  }
  // Qualify clashing names with their namespace's last segment before numbering them.
  const counts = new Map<string, number>();
  for (const [, n] of primary) counts.set(n.toLowerCase(), (counts.get(n.toLowerCase()) ?? 0) + 1);
  const wanted = primary.map(([q, n]): readonly [string, string] => {
    if ((counts.get(n.toLowerCase()) ?? 0) < 2) return [q, n];
    const ns = q.slice(0, q.lastIndexOf("."));
    const first = ns === model.schemas[0]?.namespace ? "" : typeIdentifier(ns.slice(ns.lastIndexOf(".") + 1));
    return [q, `${first}${n}`];
  });
  const types = allocate(wanted, { caseInsensitive: true, taken: RUNTIME_NAMES });
  // File names: the type names, cut where long; unique again case-insensitively (a cut name could meet another).
  const files = allocate([...types].map(([q, n]): readonly [string, string] => [q, fileStem(n)]), { caseInsensitive: true });
  const taken = [...types.values(), ...RUNTIME_NAMES];
  const companion = (kind: keyof ReturnType<typeof companionNames>, only: (q: string) => boolean): Map<string, string> => {
    const list = [...types].filter(([q]) => only(q)).map(([q, n]): readonly [string, string] => [q, companionNames(n)[kind]]);
    const out = allocate(list, { caseInsensitive: true, taken });
    taken.push(...out.values());
    return out;
  };
  const isStructured = (q: string): boolean => index.structured.has(q);
  const isEntity = (q: string): boolean => index.structured.get(q)?.kind === "entityType";
  const hasDerived = (q: string): boolean => (index.derived.get(q)?.length ?? 0) > 0;
  return {
    types,
    // Only entity types are queried ($select, $expand); a complex type has no query shape.
    query: companion("query", isEntity),
    any: companion("any", (q) => isStructured(q) && hasDerived(q)),
    builder: companion("builder", isEntity),
    collectionBuilder: companion("collectionBuilder", isEntity),
    derived: companion("derived", (q) => isEntity(q) && hasDerived(q)),
    files,
  };
}

function symbolTable(dir: string, names: Names, index: ModelIndex, extensions: ExtensionsPlan | undefined): SymbolTable {
  const table = new Map<string, string>();
  for (const name of extensions?.exports.flatMap((e) => e.names) ?? []) table.set(name, extensions?.file.path ?? "");
  for (const [q, n] of names.types) {
    const stem = names.files.get(q) ?? n;
    const file = `${dir}models/${stem}.ts`;
    table.set(n, file);
    const query = names.query.get(q);
    if (query) table.set(query, file);
    const any = names.any.get(q);
    if (any) table.set(any, file);
    if (index.structured.get(q)?.kind === "entityType") {
      const b = `${dir}builders/${stem}.ts`;
      table.set(names.builder.get(q) ?? "", b);
      table.set(names.collectionBuilder.get(q) ?? "", b);
      const derived = names.derived.get(q);
      if (derived) table.set(derived, b);
    }
  }
  for (const r of RUNTIME_NAMES) table.set(r, RUNTIME_MODULE);
  return table;
}

/** Tracks the symbols a file refers to, so its imports can be computed. */
class Uses {
  readonly types = new Set<string>();
  readonly values = new Set<string>();
  type(name: string): string {
    this.types.add(name);
    return name;
  }
  value(name: string): string {
    this.values.add(name);
    return name;
  }
}

/** The TypeScript type of a value of the given model type (element type when collection). */
function tsType(ref: TypeRef, index: ModelIndex, names: Names, uses: Uses, opts: { readonly polymorphic: boolean }): string {
  const element = elementType(ref.name, index, names, uses, opts);
  return ref.collection ? `${wrapForArray(element)}[]` : element;
}

function wrapForArray(t: string): string {
  return /^[A-Za-z0-9_$]+(<[A-Za-z0-9_$]+>)?$/.test(t) ? t : `(${t})`;
}

function elementType(name: string, index: ModelIndex, names: Names, uses: Uses, opts: { readonly polymorphic: boolean }): string {
  const edm = EDM_TS[name];
  if (edm !== undefined) return edm;
  if (name.startsWith("Edm.Geography") || name.startsWith("Edm.Geometry")) return "Record<string, unknown>";
  if (name.startsWith("Edm.")) return "unknown";
  const enumType = index.enums.get(name);
  const declared = names.types.get(name);
  if (declared === undefined) return "unknown";
  if (enumType) {
    if (enumType.members.length === 0) return "string";
    return enumType.isFlags ? `${uses.type("Flags")}<${uses.type(declared)}>` : uses.type(declared);
  }
  const any = names.any.get(name);
  if (opts.polymorphic && any !== undefined) return uses.type(any);
  return uses.type(declared);
}

function nullable(t: string, isNullable: boolean): string {
  return isNullable ? `${t} | null` : t;
}

function modelFile(t: Structured, index: ModelIndex, names: Names, symbols: SymbolTable, dir: string, header: string, facts: DocContext): PlannedFile {
  const uses = new Uses();
  const name = names.types.get(t.qualifiedName) ?? "";
  const base = t.baseType === undefined ? undefined : names.types.get(t.baseType);
  // Structural and navigation properties alike: a JSON key, its type, null where nullable (collections never are).
  // Each is documented: the metadata's description first, then its EDM type and facts (or where it navigates).
  const properties = [...t.properties, ...t.navigationProperties].map((p) => {
    const type = tsType(p.type, index, names, uses, { polymorphic: true });
    const about = p.kind === "property" ? propertyDoc(facts, t, p) : navigationPropertyDoc(p);
    return {
      docLines: [...docLines(p.docs.description), ...docLines(about)],
      key: propertyKey(p.name),
      type: p.type.collection ? type : nullable(type, p.nullable),
    };
  });
  const selectable = allProperties(index, t).map((p) => stringLiteral(p.name));
  const expand = allNavigations(index, t)
    .filter((n) => n.capabilities.expandable !== false)
    .map((n) => ({
    key: propertyKey(n.name),
    type: uses.type(names.query.get(n.type.name) ?? "never"),
  }));
  const anyName = names.any.get(t.qualifiedName);
  // Abstract types never appear on the wire, so they take no place in the union.
  const union = anyName
    ? [t, ...descendants(index, t)]
        .filter((d) => !d.abstract)
        .map((d) => {
          const n = d === t ? name : uses.type(names.types.get(d.qualifiedName) ?? "never");
          const tag = stringLiteral(`#${d.qualifiedName}`);
          return `${uses.type(d === t ? "MaybeTagged" : "Tagged")}<${n}, ${tag}>`;
        })
    : [];
  const path = `${dir}models/${names.files.get(t.qualifiedName) ?? name}.ts`;
  uses.types.delete(name);
  if (base) uses.type(base);
  const docs = [...docLines(t.docs.description), ...docLines(t.docs.longDescription)];
  return {
    path,
    template: "models/structured",
    view: {
      header,
      imports: importLines(path, uses, symbols),
      docLines: docs.length > 0 ? docs : docLines(`${t.kind === "entityType" ? "Entity" : "Complex"} type ${t.qualifiedName}.`),
      name,
      extendsClause: base ? ` extends ${base}` : "",
      properties,
      queryName: names.query.get(t.qualifiedName),
      select: selectable.length > 0 ? selectable.join(" | ") : "never",
      expand,
      anyName,
      union: (union.length > 0 ? union : [name]).join(" | "),
    },
  };
}

function enumFile(e: EnumType, names: Names, dir: string, header: string): PlannedFile {
  const name = names.types.get(e.qualifiedName) ?? "";
  // Keys are the members' names, but none of the object protocol's (enumMemberKey); the values are the names.
  const keys = allocate(e.members.map((m, i): readonly [number, string] => [i, enumMemberKey(m.name)]), { caseInsensitive: false });
  const path = `${dir}models/${names.files.get(e.qualifiedName) ?? name}.ts`;
  return {
    path,
    template: "models/enum",
    view: {
      header,
      docLines: [...docLines(e.docs.description), ...(e.isFlags ? ["A flags enum: values combine as a comma-separated list."] : [])],
      fallbackDoc: commentText(`Enum type ${e.qualifiedName}.`),
      name,
      members: e.members.map((m, i) => ({
        docLines: docLines(m.docs.description),
        key: objectKey(keys.get(i) ?? m.name),
        literal: stringLiteral(m.name),
      })),
      empty: e.members.length === 0,
    },
  };
}

function typeDefinitionFile(d: TypeDefinition, names: Names, dir: string, header: string): PlannedFile {
  const name = names.types.get(d.qualifiedName) ?? "";
  return {
    path: `${dir}models/${names.files.get(d.qualifiedName) ?? name}.ts`,
    template: "models/type-definition",
    view: {
      header,
      docLines: [...docLines(d.docs.description), ...docLines(`Type definition ${d.qualifiedName}, based on ${d.underlyingType}.`)],
      name,
      type: EDM_TS[d.underlyingType] ?? "unknown",
    },
  };
}

/** Member views of a builder class; `partial` names the template that prints each. */
type MemberView = { readonly partial: string } & Record<string, unknown>;

function builderFile(
  t: EntityType,
  index: ModelIndex,
  names: Names,
  symbols: SymbolTable,
  support: ExtensionSupport,
  dir: string,
  header: string,
  docs: DocContext,
): PlannedFile {
  const uses = new Uses();
  const name = names.types.get(t.qualifiedName) ?? "";
  const builder = names.builder.get(t.qualifiedName) ?? "";
  const collectionBuilder = names.collectionBuilder.get(t.qualifiedName) ?? "";
  const path = `${dir}builders/${names.files.get(t.qualifiedName) ?? name}.ts`;
  const resultType = uses.type(names.any.get(t.qualifiedName) ?? name);
  const query = uses.type(names.query.get(t.qualifiedName) ?? "never");
  uses.value("ODataEntityBuilder");
  uses.value("ODataCollectionBuilder");
  // The types a cast may name: every descendant, abstract ones included (a cast segment may name those).
  const derived = descendants(index, t);
  const derivedAlias = derived.length > 0 ? names.derived.get(t.qualifiedName) : undefined;
  const typeArgs = [resultType, query, ...(derivedAlias ? [derivedAlias] : [])].join(", ");

  // Item builder members beyond the base class's: stream, helpers, navigations, bound operations.
  const itemMembers: MemberView[] = [];
  if (ancestry(index, t).some((a) => a.kind === "entityType" && a.hasStream)) {
    uses.type("RequestOptions");
    itemMembers.push({
      partial: "stream",
      getStream: uses.value("getStream"),
      putStream: uses.value("putStream"),
      bodyType: uses.type("RequestBody"),
    });
  }
  const navs = allNavigations(index, t);
  const itemOps = mergeableOverloads(boundOperations(index, t, false));
  // Outlook's GetNotifications streams its result: it gets a streaming method beside the plain action.
  const streams = itemOps.some((g) => g[0]?.kind === "action" && g[0].name.toLowerCase() === "getnotifications");
  const hasExtendedProperties = support.withExtendedProperties.includes(t.qualifiedName);
  const hasExtensions = support.withExtensions.includes(t.qualifiedName);
  const memberNames = allocate(
    [
      ...(hasExtendedProperties ? [["helper:extendedProperty", "extendedProperty"] as const] : []),
      ...(hasExtensions ? [["helper:extension", "extension"] as const] : []),
      ...(streams ? [["helper:streamNotifications", "streamNotifications"] as const] : []),
      ...navs.map((n): readonly [string, string] => [`nav:${n.name}`, memberIdentifier(n.name)]),
      ...itemOps.map((g, i): readonly [string, string] => [operationKey(i), memberIdentifier(g[0]?.name ?? "")]),
    ],
    { caseInsensitive: false, taken: ITEM_BUILDER_MEMBERS, underscoreFirst: true },
  );
  if (streams) {
    itemMembers.push({
      partial: "stream-notifications",
      name: memberNames.get("helper:streamNotifications"),
      stream: uses.value("streamNotifications"),
      types: [uses.type("StreamingOptions"), uses.type("StreamingEvent")],
    });
  }
  if (hasExtendedProperties) {
    itemMembers.push({
      partial: "extended-property",
      name: memberNames.get("helper:extendedProperty"),
      shape: uses.type("extendedPropertyShape"),
      types: [uses.type("MapiType"), uses.type("DefinedExtendedProperty"), uses.type("ExtendedPropertyAccessor")],
      accessor: uses.value("extendedPropertyAccessor"),
    });
  }
  if (hasExtensions) {
    itemMembers.push({
      partial: "extension",
      name: memberNames.get("helper:extension"),
      shape: uses.type("extensionShape"),
      types: [uses.type("DefinedExtension"), uses.type("ExtensionAccessor")],
      accessor: uses.value("extensionAccessor"),
    });
  }
  for (const n of navs) {
    itemMembers.push(withDoc(navigationMember(n, memberNames.get(`nav:${n.name}`) ?? "", index, names, uses), navigationDoc(docs, t, n), n.name));
  }
  itemOps.forEach((g, i) =>
    itemMembers.push(withDoc(operationMember(g, memberNames.get(operationKey(i)) ?? "", index, names, uses), operationDoc(docs, t, false, g[0]!), g[0]!.name)),
  );

  // Collection builder members beyond the base class's: byId and the collection-bound operations.
  const key = keyOf(index, t);
  const keyParam = keyParameter(key.properties.map((p) => ({ name: p.name, type: wireTypeName(p.type.name, index) })));
  const collectionOps = mergeableOverloads(boundOperations(index, t, true));
  const collNames = allocate(
    collectionOps.map((g, i): readonly [string, string] => [operationKey(i), memberIdentifier(g[0]?.name ?? "")]),
    { caseInsensitive: false, taken: COLLECTION_BUILDER_MEMBERS, underscoreFirst: true },
  );
  const collectionMembers: MemberView[] = collectionOps.map((g, i) =>
    withDoc(operationMember(g, collNames.get(operationKey(i)) ?? "", index, names, uses), operationDoc(docs, t, true, g[0]!), g[0]!.name),
  );
  // The base class's byId builds the member builder the subclass names, with the key's EDM type.
  const collectionTypeArgs = [resultType, query, keyParam ? builder : "never", keyParam?.type ?? "never", ...(derivedAlias ? [derivedAlias] : [])];
  uses.values.delete(builder);
  uses.values.delete(collectionBuilder);
  return {
    path,
    template: "builders/entity",
    view: {
      header,
      imports: importLines(path, uses, symbols),
      qualifiedNameDoc: commentText(t.qualifiedName),
      typeName: stringLiteral(t.qualifiedName),
      derivedAlias,
      derivedUnion: derived.map((d) => stringLiteral(d.qualifiedName)).join(" | "),
      typeArgs,
      collectionTypeArgs: collectionTypeArgs.join(", "),
      hasKey: keyParam !== undefined,
      // The base class takes Edm.String when the subclass names no key type.
      keyEdmType: keyParam?.edmType === stringLiteral("Edm.String") ? undefined : keyParam?.edmType,
      builder,
      collectionBuilder,
      itemMembers,
      collectionMembers,
    },
  };
}


/**
 * A member's doc comment with one more line: the HTTP method and URL shape after any description; and, when the
 * member was renamed for the object protocol, a line that says so (protocolNote).
 */
function withDoc(m: MemberView, text: string, wireName: string): MemberView {
  const before = Array.isArray(m["docLines"]) ? (m["docLines"] as string[]) : [];
  const note = typeof m["name"] === "string" ? protocolNote(wireName, m["name"]) : undefined;
  return { ...m, docLines: [...before, ...docLines(text), ...docLines(note)] };
}

function operationKey(i: number): string {
  return `op:${i}`;
}

/**
 * Overload groups as methods: a group merges into one method unless two overloads give one parameter name different
 * types (its value could not be written as the right literal); such a group becomes one method per overload
 * (`f`, `f2`, …).
 */
function mergeableOverloads(groups: readonly Operation[][]): Operation[][] {
  return groups.flatMap((g) => {
    const types = new Map<string, string>();
    const conflict = g.some((o) =>
      o.parameters.some((p) => {
        const t = `${p.type.collection ? "Collection" : ""}(${p.type.name})`;
        const seen = types.get(p.name);
        types.set(p.name, t);
        return seen !== undefined && seen !== t;
      }),
    );
    return conflict ? g.map((o) => [o]) : [g];
  });
}

function keyParameter(parts: readonly { readonly name: string; readonly type: string }[]): { type: string; edmType: string } | undefined {
  if (parts.length === 0) return undefined;
  const tsKey = (edm: string): string => (edm === "Edm.Int64" ? "number | bigint" : EDM_TS[edm] === "number" ? "number" : EDM_TS[edm] === "boolean" ? "boolean" : "string");
  if (parts.length === 1) {
    const only = parts[0]!;
    return { type: tsKey(only.type), edmType: stringLiteral(only.type) };
  }
  const fields = parts.map((p) => `readonly ${propertyKey(p.name)}: ${tsKey(p.type)}`).join("; ");
  return { type: `{ ${fields} }`, edmType: `{ ${parts.map((p) => `${objectKey(p.name)}: ${stringLiteral(p.type)}`).join(", ")} }` };
}

function navigationMember(n: NavigationProperty, member: string, index: ModelIndex, names: Names, uses: Uses): MemberView {
  const target = index.structured.get(n.type.name);
  const builderName = n.type.collection ? names.collectionBuilder.get(n.type.name) : names.builder.get(n.type.name);
  if (!target || target.kind !== "entityType" || builderName === undefined) {
    return { partial: "unsupported", docLines: docLines(`Navigation ${n.name} targets ${n.type.name}, which this client cannot address.`) };
  }
  uses.value(builderName);
  const type = restrictedType(n.type.collection, n.type.name, n.capabilities, names, uses);
  return {
    partial: "navigation",
    docLines: docLines(n.docs.description),
    name: member,
    type,
    builder: builderName,
    wireName: stringLiteral(n.name),
  };
}

/**
 * The builder type a navigation or entity set hands out, with the operations
 * its Capabilities annotations forbid taken out of the type.
 */
function restrictedType(collection: boolean, entityType: string, c: Capabilities, names: Names, uses: Uses): string {
  const builderName = (collection ? names.collectionBuilder : names.builder).get(entityType) ?? "";
  const omitted: string[] = [];
  if (collection) {
    if (c.insertable === false) omitted.push("create");
    if (c.readable === false) omitted.push("list", "pages", "items");
    if (c.countable === false) omitted.push("count");
    if (c.changeTracking === false) omitted.push("sync");
  } else {
    if (c.updatable === false) omitted.push("update");
    if (c.deletable === false) omitted.push("delete");
    if (c.readable === false) omitted.push("get");
  }
  const itemOmitted = collection ? [...(c.updatable === false ? ["update"] : []), ...(c.deletable === false ? ["delete"] : [])] : [];
  const union = (list: readonly string[]): string => (list.length === 0 ? "never" : list.map(stringLiteral).join(" | "));
  if (itemOmitted.length === 0) return omitted.length === 0 ? builderName : `Omit<${builderName}, ${union(omitted)}>`;
  const item = uses.type(names.builder.get(entityType) ?? "");
  return `${uses.type("RestrictedCollection")}<${builderName}, ${item}, ${union(omitted)}, ${union(itemOmitted)}>`;
}

/**
 * An operation's method. Overloads of one name bound to the same type become one method whose parameter object is
 * a union of the overloads' parameter lists (each member forbids the others' parameters); the result is the union of
 * their results.
 */
function operationMember(overloads: readonly Operation[], member: string, index: ModelIndex, names: Names, uses: Uses): MemberView {
  const first = overloads[0]!;
  uses.type("RequestOptions");
  // An action's nullable parameters may be left out of its body (they then mean null, OData JSON 4.01 §19.2);
  // a function's parameters all go into its URL unless annotated Core.OptionalParameter.
  const lists = overloads.map((o) =>
    o.parameters.map((p) => ({
      name: p.name,
      key: propertyKey(p.name),
      optional: p.optional || (o.kind === "action" && p.nullable),
      type: paramType(p, index, names, uses),
    })),
  );
  const allParams = uniqueBy(overloads.flatMap((o) => o.parameters), (p) => p.name);
  const objectTypes = uniqueBy(
    lists.map((list) => {
      const own = new Set(list.map((p) => p.name));
      const others = allParams.filter((p) => !own.has(p.name)).map((p) => `readonly ${propertyKey(p.name)}?: never`);
      return list.length > 0 || others.length > 0
        ? `{ ${[...list.map((p) => `readonly ${p.key}${p.optional ? "?" : ""}: ${p.type}`), ...others].join("; ")} }`
        : "{}";
    }),
    (t) => t,
  );
  const paramsType = allParams.length > 0 ? objectTypes.join(" | ") : undefined;
  const allOptional = lists.some((list) => list.every((p) => p.optional));
  const results = uniqueBy(overloads.map((o) => operationResult(o, index, names, uses)), (r) => r.wireType);
  // Primitive results come wrapped in `{ value }` and are unwrapped, unless overloads mix them with other results.
  const unwrap = results.every((r) => r.unwrap);
  const resultType = (unwrap ? results.map((r) => r.resultType) : results.map((r) => r.wireType)).join(" | ");
  const wireType = unwrap ? `{ readonly value: ${resultType} }` : resultType;
  const common = {
    // The description when the metadata gives one; overloads say how they are told apart.
    docLines: [
      ...docLines(first.docs.description),
      ...(overloads.length > 1 ? [`${overloads.length} overloads, told apart by their parameters.`] : []),
    ],
    name: member,
    paramsType,
    paramsOptional: allOptional,
    resultType,
    wireType,
    unwrap,
    qualifiedName: stringLiteral(first.qualifiedName),
    wireName: stringLiteral(first.name),
  };
  if (first.kind === "action") return { partial: "action", ...common, invoke: unwrap ? "callActionValue" : "callAction" };
  uses.type("CallParam");
  return {
    partial: "function",
    ...common,
    invoke: unwrap ? "callFunctionValue" : "callFunction",
    // One parameter goes on the declaration's line (prettier keeps a lone object there); several, one per line.
    singleCallParam: allParams.length === 1,
    callParams: allParams.map((p) => ({
      wireName: stringLiteral(p.name),
      access: memberAccess("params", p.name, allParams.length > 0 && allOptional),
      type: stringLiteral(p.type.collection ? `Collection(${wireTypeName(p.type.name, index)})` : wireTypeName(p.type.name, index)),
      kind: stringLiteral(paramKind(p, index)),
    })),
  };
}

function operationResult(o: Operation, index: ModelIndex, names: Names, uses: Uses): { resultType: string; wireType: string; unwrap: boolean } {
  const ret = o.returnType;
  if (!ret) return { resultType: "void", wireType: "void", unwrap: false };
  const element = tsType({ ...ret.type, collection: false }, index, names, uses, { polymorphic: true });
  const isEntity = index.structured.get(ret.type.name)?.kind === "entityType";
  if (ret.type.collection) {
    uses.type("ODataCollection");
    const t = `ODataCollection<${element}>`;
    return { resultType: t, wireType: t, unwrap: false };
  }
  if (index.structured.has(ret.type.name)) {
    if (isEntity) uses.type("ODataEntity");
    const t = `${isEntity ? `ODataEntity<${element}>` : element}${ret.nullable ? " | undefined" : ""}`;
    return { resultType: t, wireType: t, unwrap: false };
  }
  const value = ret.nullable ? `${element} | null` : element;
  return { resultType: value, wireType: `{ readonly value: ${value} }`, unwrap: true };
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = key(i);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** `params.Name`, `params["odd name"]`, or their `?.` forms. */
function memberAccess(object: string, wireName: string, optional: boolean): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(wireName)) return `${object}${optional ? "?." : "."}${wireName}`;
  return `${object}${optional ? "?." : ""}[${stringLiteral(wireName)}]`;
}

/** The type name the runtime formats literals by: type definitions stand for their underlying type. */
function wireTypeName(name: string, index: ModelIndex): string {
  return index.typeDefinitions.get(name)?.underlyingType ?? name;
}

function paramKind(p: Parameter, index: ModelIndex): string {
  if (p.type.collection) return "collection";
  if (index.enums.has(p.type.name)) return "enum";
  if (index.structured.has(p.type.name)) return "complex";
  return "primitive";
}

function paramType(p: Parameter, index: ModelIndex, names: Names, uses: Uses): string {
  const t = tsType(p.type, index, names, uses, { polymorphic: true });
  return p.nullable && !p.type.collection ? `${t} | null` : t;
}

function clientFile(input: PlanInput, index: ModelIndex, names: Names, symbols: SymbolTable, dir: string, header: string, docs: DocContext): PlannedFile {
  const uses = new Uses();
  const path = `${dir}client.ts`;
  const profile = serviceProfile(input.model, input.label);
  const baseUrl = input.baseUrl ?? profile.baseUrl;
  uses.type("ClientOptions");
  uses.type("ClientContext");
  uses.value("createContext");
  uses.value("Path");
  const container = input.model.schemas.find((s) => s.container)?.container;
  const rootNames = rootMemberNames(container);
  uses.value("createBatch");
  uses.type("Batch");
  uses.type("BatchOptions");
  const members: MemberView[] = [];
  for (const s of container?.singletons ?? []) {
    const builder = names.builder.get(s.type);
    if (!builder) continue;
    members.push({
      partial: "root-singleton",
      docLines: [
        ...docLines(s.docs.description),
        ...docLines(`Singleton ${s.name}: ${singletonDoc(s.name, s.capabilities)}`),
        ...docLines(protocolNote(s.name, rootNames.get(`single:${s.name}`) ?? "")),
      ],
      name: rootNames.get(`single:${s.name}`),
      builder: uses.value(builder),
      // A singleton is never deleted, whatever its annotations say.
      type: restrictedType(false, s.type, { ...s.capabilities, deletable: false }, names, uses),
      wireName: stringLiteral(s.name),
    });
  }
  for (const s of container?.entitySets ?? []) {
    const builder = names.builder.get(s.entityType);
    const collection = names.collectionBuilder.get(s.entityType);
    const t = index.structured.get(s.entityType);
    if (!builder || !collection || !t || t.kind !== "entityType") continue;
    const key = keyParameter(keyOf(index, t).properties.map((p) => ({ name: p.name, type: wireTypeName(p.type.name, index) })));
    members.push({
      partial: "root-entity-set",
      docLines: [
        ...docLines(s.docs.description),
        ...docLines(`Entity set ${s.name}: call without a key for the collection, with a key for one entity.`),
        ...docLines(entitySetDoc(docs, s.name, t, s.capabilities)),
        ...docLines(protocolNote(s.name, rootNames.get(`set:${s.name}`) ?? "")),
      ],
      name: rootNames.get(`set:${s.name}`),
      builder: uses.value(builder),
      collectionBuilder: uses.value(collection),
      collectionType: restrictedType(true, s.entityType, s.capabilities, names, uses),
      itemType: restrictedType(false, s.entityType, { ...(s.capabilities.updatable === false ? { updatable: false } : {}), ...(s.capabilities.deletable === false ? { deletable: false } : {}) }, names, uses),
      keyType: key?.type ?? "string",
      keyEdmType: key?.edmType ?? stringLiteral("Edm.String"),
      anchored: profile.anchorUsersSet === s.name,
      wireName: stringLiteral(s.name),
    });
  }
  for (const imp of container?.operationImports ?? []) {
    const overloads = index.operations.get(imp.operation)?.filter((o) => !o.isBound) ?? [];
    if (overloads.length === 0) continue;
    const m = withDoc(operationMember(overloads, rootNames.get(`import:${imp.name}`) ?? "", index, names, uses), operationImportDoc(imp.name, overloads[0]!), imp.name);
    uses.value(m.partial === "action" ? "invokeAction" : "invokeFunction");
    if (m["unwrap"] === true) uses.value("unwrapValue");
    members.push({ ...m, partial: m.partial === "action" ? "root-action" : "root-function", wireName: stringLiteral(imp.name) });
  }
  return {
    path,
    template: "client/client",
    view: {
      header,
      imports: importLines(path, uses, symbols),
      defaultBaseUrl: stringLiteral(baseUrl),
      defaultBaseUrlDoc: commentText(baseUrl || "none: pass baseUrl"),
      sendAnchorMailbox: profile.sendAnchorMailbox ? "true" : "false",
      ...clientDefaultsView(input.client),
      members,
      batchName: "startBatch",
      labelDoc: commentText(input.label),
    },
  };
}

/**
 * The config's client defaults as more entries of createContext's defaults object. Header names and values are the
 * user's text: they are printed as string literals only, and the doc names the headers without their values.
 */
function clientDefaultsView(client: ClientDefaults | undefined): { extraDefaults: string; extraDefaultsDoc: string } {
  const entries: string[] = [];
  const doc: string[] = [];
  if (client?.keyStyle !== undefined) {
    entries.push(`keyStyle: ${stringLiteral(client.keyStyle)}`);
    doc.push(`key style ${client.keyStyle}`);
  }
  const headers = Object.entries(client?.headers ?? {});
  if (headers.length > 0) {
    entries.push(`headers: { ${headers.map(([k, v]) => `${objectKey(k)}: ${stringLiteral(v)}`).join(", ")} }`);
    doc.push(`headers ${headers.map(([k]) => k).join(", ")}`);
  }
  return {
    extraDefaults: entries.map((e) => `, ${e}`).join(""),
    extraDefaultsDoc: commentText(doc.map((d) => `; ${d}`).join("")),
  };
}

function barrelFile(
  input: PlanInput,
  index: ModelIndex,
  names: Names,
  extensions: ExtensionsPlan | undefined,
  dir: string,
  header: string,
): PlannedFile {
  const path = `${dir}index.ts`;
  const runtime = relativeSpecifier(path, RUNTIME_MODULE);
  const typeExports: { names: string; from: string }[] = [
    {
      names: "BatchOptions, BatchResult, ClientOptions, Flags, ODataCollection, ODataEntity, PreferOptions, QueryOptions, RequestOptions, RetryOptions",
      from: runtime,
    },
  ];
  const valueExports: { names: string; from: string }[] = [
    { names: "createClient, ServiceClient, startBatch", from: "./client.js" },
    {
      // Only Outlook answers MailboxNotEnabledForRESTAPI: the helper that recognises it is exported there alone.
      names: `${serviceProfile(input.model, input.label).mailboxErrors ? "isMailboxNotEnabledForRestApi, " : ""}isODataError, NetworkError, ODataError, preferenceApplied, TimeoutError`,
      from: runtime,
    },
    {
      names: "Batch, BatchErrorCodes, createWebhookHandler, JsonStreamError, parseNotification, StreamingReconnectError, SyncNotSupportedError",
      from: runtime,
    },
  ];
  typeExports.push({
    names: "ParsedNotification, StreamingEvent, StreamingOptions, SyncChange, SyncOptions, SyncRound, WebhookHandler, WebhookOptions",
    from: runtime,
  });
  if (extensions) {
    typeExports.push({
      names: "DefinedExtendedProperty, DefinedExtension, ExtendedPropertyAccessor, ExtensionAccessor, MapiType, MapiValue, PropertyIdSpec",
      from: runtime,
    });
    valueExports.push({ names: "decodeMapiValue, encodeMapiValue, ExtendedPropertyError, formatPropertyId, parsePropertyId", from: runtime });
    for (const e of extensions.exports) (e.typeOnly ? typeExports : valueExports).push({ names: e.names.join(", "), from: "./extensions.js" });
  }
  // Every model and builder module, whole: one short line each, however many names it declares.
  const sorted = [...names.types].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const modules = sorted.flatMap(([q, n]) => [
    `./models/${names.files.get(q) ?? n}.js`,
    ...(index.structured.get(q)?.kind === "entityType" ? [`./builders/${names.files.get(q) ?? n}.js`] : []),
  ]);
  return {
    path,
    template: "barrels/index",
    view: { header, label: input.label, typeExports, valueExports, modules },
  };
}
