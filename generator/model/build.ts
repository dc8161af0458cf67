/**
 * Model stage: the parsed XML tree → the intermediate model (./types.ts).
 *
 * Resolves aliases and type references, applies inline and external
 * annotations to their targets, and checks what the generator relies on:
 * every type resolves, names are unique, base types do not cycle, and every
 * concrete entity type has a key. Problems become diagnostics; the stage
 * never throws on bad input.
 */
import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { XmlElement } from "../parse/xml.js";
import { capabilities, documentation, readAnnotation } from "./annotations.js";
import { EDM_PRIMITIVES } from "./edm.js";
import { validateModel } from "./validate.js";
import type {
  Annotation,
  ComplexType,
  EntityContainer,
  EntitySet,
  EntityType,
  EnumMember,
  EnumType,
  Facets,
  NavigationProperty,
  NavigationPropertyBinding,
  Operation,
  OperationImport,
  Origin,
  Parameter,
  Property,
  Reference,
  Schema,
  ServiceModel,
  Singleton,
  Term,
  TypeDefinition,
  TypeRef,
} from "./types.js";

export interface BuiltModel {
  readonly model?: ServiceModel;
  readonly diagnostics: readonly Diagnostic[];
}

type DeclKind = "entityType" | "complexType" | "enumType" | "typeDefinition" | "term" | "entityContainer" | "operation";

interface Context {
  readonly file: string;
  readonly diagnostics: Diagnostic[];
  /** alias → namespace */
  readonly aliases: Map<string, string>;
  readonly namespaces: Set<string>;
  /** namespaces of referenced documents: their types are taken on trust */
  readonly referenced: Set<string>;
  /** qualified name → kind of declaration */
  readonly declared: Map<string, DeclKind>;
  /** qualified names of actions and functions (an operation may share a type's name, so `declared` cannot say) */
  readonly operations: Set<string>;
  /** normalised external target → annotations */
  readonly external: Map<string, Annotation[]>;
  /**
   * The external targets with a `/`, split at the first: `ns.Type/member` is ns.Type → member → the target. A member
   * is looked up by its parent's target and its name, without making the string of its own target for each.
   */
  readonly externalByHead: Map<string, Map<string, string>>;
  /** normalised external target → where its first `Annotations` element is */
  readonly externalOrigins: Map<string, Origin>;
  readonly usedTargets: Set<string>;
  /** qualify(ctx, name) as one function for readAnnotation (not a closure per element) */
  readonly qualifyName: (name: string) => string;
  /**
   * One string per qualified name, one object per type reference (a large document names the same few terms and
   * types thousands of times; a model is plain readonly data, so sharing is safe).
   */
  readonly qualifiedNames: Map<string, string>;
  readonly typeRefs: {
    readonly single: Map<string, TypeRef>;
    readonly collection: Map<string, TypeRef>;
    /** a Type attribute as written → its reference, and whether the type is declared */
    readonly byRaw: Map<string, { readonly ref: TypeRef; readonly declared: boolean }>;
  };
}

const children = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);
const attr = (el: XmlElement, name: string): string | undefined => el.attributes.get(name);
const bool = (el: XmlElement, name: string, fallback: boolean): boolean => {
  const v = attr(el, name);
  return v === undefined ? fallback : v === "true";
};

export function buildModel(root: XmlElement, file: string, version: string): BuiltModel {
  const ctx: Context = {
    file,
    diagnostics: [],
    aliases: new Map(),
    namespaces: new Set(),
    referenced: new Set(),
    declared: new Map(),
    operations: new Set(),
    external: new Map(),
    externalByHead: new Map(),
    externalOrigins: new Map(),
    usedTargets: new Set(),
    qualifyName: (name) => qualify(ctx, name),
    qualifiedNames: new Map(),
    typeRefs: { single: new Map(), collection: new Map(), byRaw: new Map() },
  };
  const origin = (el: XmlElement, path: string): Origin => ({ file, line: el.line, column: el.column, path });

  if (root.name !== "Edmx") {
    ctx.diagnostics.push(error("csdl-not-edmx", `the root element is <${root.name}>, not <edmx:Edmx>`, origin(root, root.name)));
    return { diagnostics: ctx.diagnostics };
  }
  const references: Reference[] = children(root, "Reference").map((r) => {
    const includes = children(r, "Include").map((i) => {
      const namespace = attr(i, "Namespace") ?? "";
      const alias = attr(i, "Alias");
      ctx.referenced.add(namespace);
      if (alias !== undefined) ctx.aliases.set(alias, namespace);
      return { namespace, ...(alias !== undefined ? { alias } : {}) };
    });
    return { kind: "reference", uri: attr(r, "Uri") ?? "", includes };
  });
  const dataServices = children(root, "DataServices")[0];
  if (!dataServices) {
    ctx.diagnostics.push(error("csdl-no-dataservices", "the document has no <edmx:DataServices>", origin(root, "Edmx")));
    return { diagnostics: ctx.diagnostics };
  }
  const schemaEls = children(dataServices, "Schema");

  // Pass 1: namespaces, aliases and every declared name.
  for (const s of schemaEls) {
    const ns = attr(s, "Namespace");
    const path = `Schema[${ns ?? ""}]`;
    if (!ns) {
      ctx.diagnostics.push(error("csdl-missing-attribute", "a Schema has no Namespace", origin(s, path)));
      continue;
    }
    if (ctx.namespaces.has(ns)) ctx.diagnostics.push(error("duplicate-name", `namespace ${ns} is declared twice`, origin(s, path)));
    ctx.namespaces.add(ns);
    const alias = attr(s, "Alias");
    if (alias !== undefined) ctx.aliases.set(alias, ns);
    const local = new Map<string, string>();
    for (const c of s.children) {
      const kind = declKind(c.name);
      if (!kind) continue;
      const name = attr(c, "Name") ?? "";
      const qn = `${ns}.${name}`;
      if (kind === "operation") ctx.operations.add(qn);
      const previous = local.get(name);
      if (previous !== undefined && !(kind === "operation" && previous === "operation")) {
        const at = origin(c, `${path}/${c.name}[${name}]`);
        // An operation named like a type breaks the CSDL rule, but nothing here confuses the two (Graph does this).
        if (kind === "operation" || previous === "operation") {
          ctx.diagnostics.push(warning("operation-shares-type-name", `${name} names both an operation and a type in namespace ${ns}`, at));
          if (kind === "operation") continue;
        } else {
          ctx.diagnostics.push(error("duplicate-name", `${name} is declared twice in namespace ${ns}`, at));
          continue;
        }
      }
      if (!(kind === "operation" && previous !== undefined)) local.set(name, kind);
      if (!(kind === "operation" && ctx.declared.has(qn))) ctx.declared.set(qn, kind);
    }
  }

  // External annotations, keyed by normalised target.
  for (const s of schemaEls) {
    for (const a of children(s, "Annotations")) {
      const raw = attr(a, "Target") ?? "";
      const target = normaliseTarget(ctx, raw);
      if (!ctx.externalOrigins.has(target)) ctx.externalOrigins.set(target, origin(a, `Schema[${attr(s, "Namespace") ?? ""}]/Annotations[${raw}]`));
      const qualifier = attr(a, "Qualifier");
      const list = ctx.external.get(target) ?? [];
      for (const el of children(a, "Annotation")) {
        const ann = readAnnotation(el, ctx.qualifyName);
        list.push(qualifier !== undefined && ann.qualifier === undefined ? { ...ann, qualifier } : ann);
      }
      ctx.external.set(target, list);
      const slash = target.indexOf("/");
      if (slash >= 0) {
        const head = target.slice(0, slash);
        let members = ctx.externalByHead.get(head);
        if (members === undefined) ctx.externalByHead.set(head, (members = new Map()));
        members.set(target.slice(slash + 1), target);
      }
    }
  }

  // Pass 2: build every schema.
  const schemas: Schema[] = [];
  for (const s of schemaEls) {
    const ns = attr(s, "Namespace");
    if (!ns) continue;
    schemas.push(buildSchema(ctx, s, ns, origin));
  }

  checkInheritance(ctx, schemas);
  checkKeys(ctx, schemas);

  for (const target of ctx.external.keys()) {
    if (!ctx.usedTargets.has(target)) {
      const message = target.trim() === "" ? "an Annotations element has no Target" : `no element matches the annotation target ${target}`;
      ctx.diagnostics.push(warning("annotation-target-unresolved", message, ctx.externalOrigins.get(target) ?? { file }));
    }
  }

  const model: ServiceModel = { kind: "serviceModel", version, references, schemas };
  ctx.diagnostics.push(...validateModel(model, root, file));
  return { model, diagnostics: ctx.diagnostics };
}

function declKind(element: string): DeclKind | undefined {
  switch (element) {
    case "EntityType":
      return "entityType";
    case "ComplexType":
      return "complexType";
    case "EnumType":
      return "enumType";
    case "TypeDefinition":
      return "typeDefinition";
    case "Term":
      return "term";
    case "EntityContainer":
      return "entityContainer";
    case "Action":
    case "Function":
      return "operation";
    default:
      return undefined;
  }
}

/**
 * Replaces a leading alias with its namespace: `graph.user` → `microsoft.graph.user`. Every name's answer is kept
 * (aliases are all known before the first call): the same few terms and types are named thousands of times.
 */
function qualify(ctx: Context, name: string): string {
  const names = ctx.qualifiedNames;
  let q = names.get(name);
  if (q === undefined) {
    const dot = name.lastIndexOf(".");
    const ns = dot < 0 ? undefined : ctx.aliases.get(name.slice(0, dot));
    q = ns === undefined ? name : `${ns}.${name.slice(dot + 1)}`;
    names.set(name, q);
  }
  return q;
}

/** Normalises an annotation target: aliases resolved, signature spaces removed. */
function normaliseTarget(ctx: Context, target: string): string {
  const paren = target.indexOf("(");
  const slashBeforeParen = target.indexOf("/");
  if (paren >= 0 && (slashBeforeParen < 0 || paren < slashBeforeParen)) {
    const close = matchingParen(target, paren);
    const head = qualify(ctx, target.slice(0, paren));
    const params = target
      .slice(paren + 1, close < 0 ? target.length : close)
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p.length > 0)
      .map((p) => qualifyTypeName(ctx, p));
    const rest = close < 0 ? "" : target.slice(close + 1);
    return `${head}(${params.join(",")})${rest}`;
  }
  // The first segment qualified, the rest as it is.
  const slash = target.indexOf("/");
  if (slash < 0) return qualify(ctx, target);
  const first = target.slice(0, slash);
  const qualified = qualify(ctx, first);
  return qualified === first ? target : `${qualified}${target.slice(slash)}`;
}

/** Index of the `)` closing the `(` at `open` (parameter types may be `Collection(…)`), or -1. */
function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i;
  }
  return -1;
}

function qualifyTypeName(ctx: Context, name: string): string {
  const m = /^Collection\((.*)\)$/.exec(name);
  return m ? `Collection(${qualify(ctx, m[1] ?? "")})` : qualify(ctx, name);
}

/**
 * What a large model holds once per node, shared where it is the same: a node without annotations or facets gets the
 * one empty list or object, and type references are one object per type named (a model is plain readonly data, so
 * sharing is safe; it halves what the annotations, facets and types of a document of many properties cost).
 */
const NO_ANNOTATIONS: readonly Annotation[] = Object.freeze([]);
const NO_FACETS: Facets = Object.freeze({});

/**
 * Inline annotations of an element, plus the external ones aimed at its target (or at any of its targets: an
 * operation has several). With `member`, the targets are its parent's and its own are `target/member`.
 *
 * This runs for nearly every element of the document, most of which have none: no array is made until there is one,
 * and the result is a copy of the exact size (an array grown by push keeps room for 16).
 */
function annotationsOf(ctx: Context, el: XmlElement, targets: string | readonly string[], member?: string): readonly Annotation[] {
  let own: Annotation[] | undefined;
  for (const c of el.children) if (c.name === "Annotation") (own ??= []).push(readAnnotation(c, ctx.qualifyName));
  // Most annotations of a large document are external, to one target each: an element with none of its own gets the
  // target's list itself (the model is readonly data, so sharing it is safe), not a copy of it made per element.
  let shared: readonly Annotation[] | undefined;
  const add = (ext: readonly Annotation[] | undefined): void => {
    if (ext === undefined || ext.length === 0) return;
    if (own === undefined && shared === undefined) shared = ext;
    else {
      own ??= [...shared!];
      shared = undefined;
      own.push(...ext);
    }
  };
  if (typeof targets === "string") add(external(ctx, targets, member));
  else for (const t of targets) add(external(ctx, t, member));
  return shared ?? (own === undefined ? NO_ANNOTATIONS : own.slice());
}
/** The external annotations of a target (`head`, or its member), marked as used. */
function external(ctx: Context, head: string, member: string | undefined): readonly Annotation[] | undefined {
  let target: string | undefined = head;
  if (member !== undefined) target = head.includes("/") ? `${head}/${member}` : ctx.externalByHead.get(head)?.get(member);
  const ext = target === undefined ? undefined : ctx.external.get(target);
  if (ext !== undefined) ctx.usedTargets.add(target!);
  return ext;
}

/**
 * `what` and `name` say what refers to the type in a diagnostic ("property", "Id"); apart, so that the phrase is only
 * made for a diagnostic, not for each of the tens of thousands of references.
 */
function typeRef(ctx: Context, raw: string | undefined, origin: Origin, what: string, name: string): TypeRef {
  if (raw === undefined || raw === "") {
    ctx.diagnostics.push(error("csdl-missing-attribute", `${what} ${name} has no Type`, origin));
    return { kind: "typeRef", name: "Edm.Untyped", collection: false };
  }
  // Every declaration is known by now, so a Type attribute resolves the same way wherever it is written.
  let resolved = ctx.typeRefs.byRaw.get(raw);
  if (resolved === undefined) {
    const m = /^Collection\((.*)\)$/.exec(raw.trim());
    const name = qualify(ctx, (m ? (m[1] ?? "") : raw).trim());
    const declared = EDM_PRIMITIVES.has(name) || isDeclaredType(ctx, name) || ctx.referenced.has(namespaceOf(name));
    const known = m !== null ? ctx.typeRefs.collection : ctx.typeRefs.single;
    let ref = known.get(name);
    if (ref === undefined) known.set(name, (ref = Object.freeze({ kind: "typeRef", name, collection: m !== null })));
    ctx.typeRefs.byRaw.set(raw, (resolved = { ref, declared }));
  }
  if (!resolved.declared) ctx.diagnostics.push(error("unresolved-type", `${what} ${name} refers to type ${raw}, which is not declared`, origin));
  return resolved.ref;
}

function isDeclaredType(ctx: Context, name: string): boolean {
  const k = ctx.declared.get(name);
  return k === "entityType" || k === "complexType" || k === "enumType" || k === "typeDefinition";
}

function namespaceOf(qualifiedName: string): string {
  const dot = qualifiedName.lastIndexOf(".");
  return dot < 0 ? "" : qualifiedName.slice(0, dot);
}

function facets(el: XmlElement): Facets {
  const maxLength = attr(el, "MaxLength");
  const precision = attr(el, "Precision");
  const scale = attr(el, "Scale");
  const srid = attr(el, "SRID");
  const unicode = attr(el, "Unicode");
  if (maxLength === undefined && precision === undefined && scale === undefined && srid === undefined && unicode === undefined) return NO_FACETS;
  return {
    ...(maxLength !== undefined ? { maxLength } : {}),
    ...(precision !== undefined && Number.isFinite(Number(precision)) ? { precision: Number(precision) } : {}),
    ...(scale !== undefined ? { scale } : {}),
    ...(srid !== undefined ? { srid } : {}),
    ...(unicode !== undefined ? { unicode: unicode === "true" } : {}),
  };
}

function buildSchema(
  ctx: Context,
  s: XmlElement,
  ns: string,
  originOf: (el: XmlElement, path: string) => Origin,
): Schema {
  const base = `Schema[${ns}]`;
  const entityTypes: EntityType[] = [];
  const complexTypes: ComplexType[] = [];
  const enumTypes: EnumType[] = [];
  const typeDefinitions: TypeDefinition[] = [];
  const operations: Operation[] = [];
  const terms: Term[] = [];
  let container: EntityContainer | undefined;

  for (const el of s.children) {
    if (declKind(el.name) === undefined) continue; // Annotations (thousands in Graph) were read before
    const name = attr(el, "Name") ?? "";
    const path = `${base}/${el.name}[${name}]`;
    const origin = originOf(el, path);
    const qn = `${ns}.${name}`;
    switch (el.name) {
      case "EntityType":
      case "ComplexType": {
        const members = structuredMembers(ctx, el, qn, path, originOf);
        const baseTypeRaw = attr(el, "BaseType");
        const baseType = baseTypeRaw === undefined ? undefined : qualify(ctx, baseTypeRaw);
        if (baseType !== undefined && ctx.declared.get(baseType) !== (el.name === "EntityType" ? "entityType" : "complexType")) {
          ctx.diagnostics.push(error("unresolved-type", `base type ${baseTypeRaw ?? ""} is not a declared ${el.name}`, origin));
        }
        const annotations = annotationsOf(ctx, el, qn);
        const common = {
          name,
          namespace: ns,
          qualifiedName: qn,
          ...(baseType !== undefined ? { baseType } : {}),
          abstract: bool(el, "Abstract", false),
          openType: bool(el, "OpenType", false),
          ...members,
          annotations,
          docs: documentation(annotations),
          origin,
        };
        if (el.name === "EntityType") {
          const keyEl = children(el, "Key")[0];
          const refs = keyEl ? children(keyEl, "PropertyRef") : [];
          const key = refs.map((p) => attr(p, "Name") ?? "");
          const keyAliases = refs.flatMap((p) => {
            const alias = attr(p, "Alias");
            return alias === undefined ? [] : [{ path: attr(p, "Name") ?? "", alias }];
          });
          entityTypes.push({ kind: "entityType", ...common, key, ...(keyAliases.length > 0 ? { keyAliases } : {}), hasStream: bool(el, "HasStream", false) });
        } else {
          complexTypes.push({ kind: "complexType", ...common });
        }
        break;
      }
      case "EnumType": {
        const members: EnumMember[] = [];
        const seen = new Set<string>();
        let next = 0n;
        const isFlags = bool(el, "IsFlags", false);
        for (const m of children(el, "Member")) {
          const mName = attr(m, "Name") ?? "";
          const mPath = `${path}/Member[${mName}]`;
          if (seen.has(mName)) ctx.diagnostics.push(error("duplicate-name", `enum member ${mName} is declared twice`, originOf(m, mPath)));
          seen.add(mName);
          const raw = attr(m, "Value");
          let value: bigint;
          try {
            value = raw === undefined ? next : BigInt(raw.trim());
          } catch {
            ctx.diagnostics.push(error("csdl-invalid-value", `enum member ${mName} has a non-integer Value ${raw ?? ""}`, originOf(m, mPath)));
            value = next;
          }
          next = value + 1n;
          const annotations = annotationsOf(ctx, m, qn, mName);
          members.push({
            kind: "enumMember",
            name: mName,
            value: value.toString(),
            annotations,
            docs: documentation(annotations),
            origin: originOf(m, mPath),
          });
        }
        const annotations = annotationsOf(ctx, el, qn);
        enumTypes.push({
          kind: "enumType",
          name,
          namespace: ns,
          qualifiedName: qn,
          isFlags,
          underlyingType: qualify(ctx, attr(el, "UnderlyingType") ?? "Edm.Int32"),
          members,
          annotations,
          docs: documentation(annotations),
          origin,
        });
        break;
      }
      case "TypeDefinition": {
        const annotations = annotationsOf(ctx, el, qn);
        const underlying = typeRef(ctx, attr(el, "UnderlyingType"), origin, "type definition", name);
        typeDefinitions.push({
          kind: "typeDefinition",
          name,
          namespace: ns,
          qualifiedName: qn,
          underlyingType: underlying.name,
          facets: facets(el),
          annotations,
          docs: documentation(annotations),
          origin,
        });
        break;
      }
      case "Action":
      case "Function":
        operations.push(buildOperation(ctx, el, ns, path, originOf));
        break;
      case "Term": {
        const annotations = annotationsOf(ctx, el, qn);
        const baseTerm = attr(el, "BaseTerm");
        const defaultValue = attr(el, "DefaultValue");
        terms.push({
          kind: "term",
          name,
          namespace: ns,
          qualifiedName: qn,
          type: typeRef(ctx, attr(el, "Type"), origin, "term", name),
          nullable: bool(el, "Nullable", true),
          ...(baseTerm !== undefined ? { baseTerm: qualify(ctx, baseTerm) } : {}),
          appliesTo: (attr(el, "AppliesTo") ?? "").split(/\s+/).filter((x) => x.length > 0),
          ...(defaultValue !== undefined ? { defaultValue } : {}),
          annotations,
          docs: documentation(annotations),
          origin,
        });
        break;
      }
      case "EntityContainer":
        container = buildContainer(ctx, el, ns, path, originOf);
        break;
      default:
        break;
    }
  }
  const alias = attr(s, "Alias");
  const annotations = annotationsOf(ctx, s, ns);
  return {
    kind: "schema",
    namespace: ns,
    ...(alias !== undefined ? { alias } : {}),
    entityTypes,
    complexTypes,
    enumTypes,
    typeDefinitions,
    operations,
    terms,
    ...(container ? { container } : {}),
    annotations,
    docs: documentation(annotations),
    origin: originOf(s, base),
  };
}

function structuredMembers(
  ctx: Context,
  el: XmlElement,
  qn: string,
  path: string,
  originOf: (el: XmlElement, path: string) => Origin,
): { properties: Property[]; navigationProperties: NavigationProperty[] } {
  const properties: Property[] = [];
  const navigationProperties: NavigationProperty[] = [];
  const seen = new Set<string>();
  for (const c of el.children) {
    if (c.name !== "Property" && c.name !== "NavigationProperty") continue;
    const name = attr(c, "Name") ?? "";
    const cPath = `${path}/${c.name}[${name}]`;
    const origin = originOf(c, cPath);
    if (seen.has(name)) {
      ctx.diagnostics.push(error("duplicate-name", `member ${name} is declared twice`, origin));
      continue;
    }
    seen.add(name);
    const annotations = annotationsOf(ctx, c, qn, name);
    const type = typeRef(ctx, attr(c, "Type"), origin, c.name === "Property" ? "property" : "navigation property", name);
    if (c.name === "Property") {
      const defaultValue = attr(c, "DefaultValue");
      const nullable = bool(c, "Nullable", true);
      const docs = documentation(annotations);
      // Two literals rather than a spread of an optional field: there are tens of thousands of properties.
      properties.push(
        defaultValue === undefined
          ? { kind: "property", name, type, nullable, facets: facets(c), annotations, docs, origin }
          : { kind: "property", name, type, nullable, facets: facets(c), defaultValue, annotations, docs, origin },
      );
    } else {
      const partner = attr(c, "Partner");
      navigationProperties.push({
        kind: "navigationProperty",
        name,
        type,
        nullable: bool(c, "Nullable", true),
        containsTarget: bool(c, "ContainsTarget", false),
        ...(partner !== undefined ? { partner } : {}),
        capabilities: capabilities(annotations),
        annotations,
        docs: documentation(annotations),
        origin,
      });
    }
  }
  return { properties, navigationProperties };
}

function buildParameter(
  ctx: Context,
  p: XmlElement,
  path: string,
  targets: readonly string[],
  originOf: (el: XmlElement, path: string) => Origin,
): Parameter {
  const name = attr(p, "Name") ?? "";
  const pPath = `${path}/Parameter[${name}]`;
  const origin = originOf(p, pPath);
  const annotations = annotationsOf(ctx, p, targets, name);
  return {
    kind: "parameter",
    name,
    type: typeRef(ctx, attr(p, "Type"), origin, "parameter", name),
    nullable: bool(p, "Nullable", true),
    facets: facets(p),
    optional: annotations.some((a) => a.term === "Org.OData.Core.V1.OptionalParameter"),
    annotations,
    docs: documentation(annotations),
    origin,
  };
}

function buildOperation(
  ctx: Context,
  el: XmlElement,
  ns: string,
  path: string,
  originOf: (el: XmlElement, path: string) => Origin,
): Operation {
  const name = attr(el, "Name") ?? "";
  const qn = `${ns}.${name}`;
  const origin = originOf(el, path);
  const kind = el.name === "Action" ? "action" : "function";
  const isBound = bool(el, "IsBound", false);
  const paramEls = children(el, "Parameter");
  // Annotation targets: all overloads, or this overload's signature. A function overload is
  // named by all its parameter types; an action overload by its binding parameter's type, or
  // `()` when unbound (its full parameter list is accepted too). Naming a function by its
  // binding type alone would also hit another overload whose only parameter has that type.
  const types = paramEls.map((p) => qualifyTypeName(ctx, (attr(p, "Type") ?? "").trim()));
  const signatures = new Set<string>([qn, `${qn}(${types.join(",")})`]);
  if (kind === "action") signatures.add(isBound ? `${qn}(${types.slice(0, 1).join(",")})` : `${qn}()`);
  const targets = [...signatures];
  const params = paramEls.map((p) => buildParameter(ctx, p, path, targets, originOf));
  if (isBound && params.length === 0) {
    ctx.diagnostics.push(error("csdl-invalid-operation", `bound ${kind} ${name} has no binding parameter`, origin));
  }
  const [bindingParameter, ...rest] = isBound ? params : [undefined, ...params];
  const returnEl = children(el, "ReturnType")[0];
  const returnType = returnEl
    ? { type: typeRef(ctx, attr(returnEl, "Type"), originOf(returnEl, `${path}/ReturnType`), "return type of", name), nullable: bool(returnEl, "Nullable", true) }
    : undefined;
  const entitySetPath = attr(el, "EntitySetPath");
  const annotations = annotationsOf(ctx, el, targets);
  return {
    kind,
    name,
    namespace: ns,
    qualifiedName: qn,
    isBound,
    ...(bindingParameter ? { bindingParameter } : {}),
    parameters: rest.filter((p): p is Parameter => p !== undefined),
    ...(returnType ? { returnType } : {}),
    isComposable: bool(el, "IsComposable", false),
    ...(entitySetPath !== undefined ? { entitySetPath } : {}),
    annotations,
    docs: documentation(annotations),
    origin,
  };
}

function bindings(el: XmlElement, ctx: Context): NavigationPropertyBinding[] {
  return children(el, "NavigationPropertyBinding").map((b) => ({
    path: (attr(b, "Path") ?? "")
      .split("/")
      .map((seg) => (seg.includes(".") ? qualify(ctx, seg) : seg))
      .join("/"),
    target: normaliseTarget(ctx, attr(b, "Target") ?? ""),
  }));
}

function buildContainer(
  ctx: Context,
  el: XmlElement,
  ns: string,
  path: string,
  originOf: (el: XmlElement, path: string) => Origin,
): EntityContainer {
  const name = attr(el, "Name") ?? "";
  const qn = `${ns}.${name}`;
  const entitySets: EntitySet[] = [];
  const singletons: Singleton[] = [];
  const operationImports: OperationImport[] = [];
  const seen = new Set<string>();
  for (const c of el.children) {
    const cName = attr(c, "Name") ?? "";
    const cPath = `${path}/${c.name}[${cName}]`;
    const origin = originOf(c, cPath);
    if (!["EntitySet", "Singleton", "ActionImport", "FunctionImport"].includes(c.name)) continue;
    if (seen.has(cName)) {
      ctx.diagnostics.push(error("duplicate-name", `${cName} is declared twice in container ${name}`, origin));
      continue;
    }
    seen.add(cName);
    const annotations = annotationsOf(ctx, c, qn, cName);
    const common = { name: cName, annotations, docs: documentation(annotations), origin };
    switch (c.name) {
      case "EntitySet": {
        const t = typeRef(ctx, attr(c, "EntityType"), origin, "entity set", cName);
        entitySets.push({
          kind: "entitySet",
          ...common,
          entityType: t.name,
          includeInServiceDocument: bool(c, "IncludeInServiceDocument", true),
          navigationBindings: bindings(c, ctx),
          capabilities: capabilities(annotations),
        });
        break;
      }
      case "Singleton": {
        const t = typeRef(ctx, attr(c, "Type"), origin, "singleton", cName);
        singletons.push({
          kind: "singleton",
          ...common,
          type: t.name,
          nullable: bool(c, "Nullable", false),
          navigationBindings: bindings(c, ctx),
          capabilities: capabilities(annotations),
        });
        break;
      }
      default: {
        const isAction = c.name === "ActionImport";
        const operation = qualify(ctx, attr(c, isAction ? "Action" : "Function") ?? "");
        if (!ctx.operations.has(operation)) {
          ctx.diagnostics.push(error("unresolved-operation", `${c.name} ${cName} refers to ${operation}, which is not declared`, origin));
        }
        const entitySet = attr(c, "EntitySet");
        operationImports.push({
          kind: isAction ? "actionImport" : "functionImport",
          ...common,
          operation,
          ...(entitySet !== undefined ? { entitySet } : {}),
          includeInServiceDocument: bool(c, "IncludeInServiceDocument", false),
        });
      }
    }
  }
  const annotations = annotationsOf(ctx, el, qn);
  return {
    kind: "entityContainer",
    name,
    namespace: ns,
    qualifiedName: qn,
    entitySets,
    singletons,
    operationImports,
    annotations,
    docs: documentation(annotations),
    origin: originOf(el, path),
  };
}

function checkInheritance(ctx: Context, schemas: readonly Schema[]): void {
  const all = new Map<string, EntityType | ComplexType>();
  for (const s of schemas) for (const t of [...s.entityTypes, ...s.complexTypes]) all.set(t.qualifiedName, t);
  for (const t of all.values()) {
    const seen = new Set<string>([t.qualifiedName]);
    let cur = t.baseType;
    while (cur !== undefined) {
      if (seen.has(cur)) {
        ctx.diagnostics.push(error("cyclic-base-type", `the base types of ${t.qualifiedName} form a cycle: ${[...seen, cur].join(" → ")}`, t.origin));
        break;
      }
      seen.add(cur);
      cur = all.get(cur)?.baseType;
    }
  }
}

function checkKeys(ctx: Context, schemas: readonly Schema[]): void {
  const entities = new Map<string, EntityType>();
  for (const s of schemas) for (const t of s.entityTypes) entities.set(t.qualifiedName, t);
  const keyOf = (t: EntityType): readonly string[] => {
    const seen = new Set<string>();
    let cur: EntityType | undefined = t;
    while (cur && !seen.has(cur.qualifiedName)) {
      if (cur.key.length > 0) return cur.key;
      seen.add(cur.qualifiedName);
      cur = cur.baseType === undefined ? undefined : entities.get(cur.baseType);
    }
    return [];
  };
  // A key is needed wherever instances are addressed within a collection.
  const needsKey = new Map<string, string>();
  for (const s of schemas) {
    for (const set of s.container?.entitySets ?? []) needsKey.set(set.entityType, `entity set ${set.name}`);
    for (const t of s.entityTypes) {
      for (const n of t.navigationProperties) if (n.type.collection) needsKey.set(n.type.name, `navigation property ${t.name}/${n.name}`);
    }
  }
  for (const t of entities.values()) {
    const user = needsKey.get(t.qualifiedName);
    if (user !== undefined && keyOf(t).length === 0) {
      ctx.diagnostics.push(error("missing-key", `entity type ${t.qualifiedName} has no key, but ${user} needs one`, t.origin));
    }
  }
}
