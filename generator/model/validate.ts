/**
 * Model stage, second half: the CSDL rules behind what the generator emits, checked over the built model (and the
 * element tree, for what the model does not keep: the edmx Version, a second entity container, the positions of
 * Key and Include elements). A pure function: it returns diagnostics, each located, and changes nothing.
 *
 * Each rule is here because breaking it gives a client that does not compile or means something else than the
 * metadata says: a parameter or an inherited member declared twice (TS2300), a key the URL cannot carry, a
 * navigation or entity set of a kind the client cannot address, an alias that rebinds a namespace, a name that
 * addresses nothing (`GET <root>/`).
 */
import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { XmlElement } from "../parse/xml.js";
import { EDM_PRIMITIVES } from "./edm.js";
import type { ComplexType, EntityType, Origin, Property, ServiceModel, TypeDefinition } from "./types.js";

type Structured = EntityType | ComplexType;

interface Index {
  readonly file: string;
  readonly structured: ReadonlyMap<string, Structured>;
  readonly enums: ReadonlySet<string>;
  readonly typeDefinitions: ReadonlyMap<string, TypeDefinition>;
  /** qualified name → the kinds of its overloads, unbound ones marked */
  readonly operations: ReadonlyMap<string, readonly { readonly kind: "action" | "function"; readonly isBound: boolean }[]>;
  /** namespaces of referenced documents: their types are taken on trust */
  readonly referenced: ReadonlySet<string>;
}

const children = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);

/**
 * A qualified name declared in two schemas: a dotted type name (`B.C` in namespace `A`) can collide with a type of
 * another namespace (`C` in `A.B`), and the build would keep one of them.
 */
function checkQualifiedNames(model: ServiceModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, string>();
  for (const s of model.schemas) {
    const local = new Set<string>();
    for (const t of [...s.entityTypes, ...s.complexTypes, ...s.enumTypes, ...s.typeDefinitions, ...s.terms]) {
      if (local.has(t.qualifiedName)) continue;
      local.add(t.qualifiedName);
      const other = seen.get(t.qualifiedName);
      if (other !== undefined && other !== s.namespace) {
        out.push(error("duplicate-name", `${t.qualifiedName} is declared in namespace ${other} and again in namespace ${s.namespace}`, t.origin));
      }
      seen.set(t.qualifiedName, s.namespace);
    }
  }
  return out;
}

export function validateModel(model: ServiceModel, root: XmlElement, file: string): Diagnostic[] {
  const structured = new Map<string, Structured>();
  const enums = new Set<string>();
  const typeDefinitions = new Map<string, TypeDefinition>();
  const operations = new Map<string, { kind: "action" | "function"; isBound: boolean }[]>();
  for (const s of model.schemas) {
    for (const t of [...s.entityTypes, ...s.complexTypes]) if (!structured.has(t.qualifiedName)) structured.set(t.qualifiedName, t);
    for (const e of s.enumTypes) enums.add(e.qualifiedName);
    for (const d of s.typeDefinitions) typeDefinitions.set(d.qualifiedName, d);
    for (const o of s.operations) {
      const list = operations.get(o.qualifiedName) ?? [];
      list.push({ kind: o.kind, isBound: o.isBound });
      operations.set(o.qualifiedName, list);
    }
  }
  const referenced = new Set(model.references.flatMap((r) => r.includes.map((i) => i.namespace)));
  const index: Index = { file, structured, enums, typeDefinitions, operations, referenced };
  return [
    ...checkVersion(root, file),
    ...checkContainers(root, file),
    ...checkAliases(model, root, file),
    ...checkNames(model),
    ...checkQualifiedNames(model),
    ...checkParameters(model),
    ...checkInheritedMembers(index),
    ...checkKeys(index, root),
    ...checkTargets(model, index),
  ];
}

const at = (file: string, el: XmlElement, path: string): Origin => ({ file, line: el.line, column: el.column, path });

/**
 * The edmx Version: 4.0 or 4.01. A version 1.0 to 3.0 document describes an OData v2 or v3 service, whose URL and
 * payload conventions the generated client does not speak; generating would give a client that compiles and then
 * fails against the service, so this is an error. A document without the attribute (CSDL requires it) is read as
 * 4.0, with a warning.
 */
function checkVersion(root: XmlElement, file: string): Diagnostic[] {
  const version = root.attributes.get("Version");
  if (version === undefined) {
    return [warning("csdl-version-missing", "the document has no edmx Version (CSDL requires 4.0 or 4.01); it is read as 4.0", at(file, root, "Edmx"))];
  }
  if (version === "4.0" || version === "4.01") return [];
  return [
    error(
      "unsupported-csdl-version",
      `the document declares edmx Version="${version}"; codegen reads OData version 4 metadata (4.0 or 4.01), and a client for an older protocol would address the service wrongly`,
      at(file, root, "Edmx"),
    ),
  ];
}

/** A metadata document defines exactly one entity container (CSDL 4.01 §13); the model would keep only one. */
function checkContainers(root: XmlElement, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  let first: string | undefined;
  for (const ds of children(root, "DataServices")) {
    for (const s of children(ds, "Schema")) {
      const ns = s.attributes.get("Namespace") ?? "";
      for (const c of children(s, "EntityContainer")) {
        const name = c.attributes.get("Name") ?? "";
        if (first === undefined) {
          first = `${ns}.${name}`;
          continue;
        }
        out.push(
          error("duplicate-container", `a metadata document defines exactly one entity container; ${ns}.${name} is a second one, after ${first}`, at(file, c, `Schema[${ns}]/EntityContainer[${name}]`)),
        );
      }
    }
  }
  return out;
}

/** Reserved by CSDL 4.01 §3.3 (Alias): these prefixes already mean something. */
const RESERVED_ALIASES = new Set(["Edm", "odata", "System", "Transient"]);

/**
 * Aliases: unique among the document's aliases, never a namespace's name (the alias would silently rebind that
 * namespace's names), never a reserved prefix, and a simple identifier.
 */
function checkAliases(model: ServiceModel, root: XmlElement, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const namespaces = new Set<string>(model.schemas.map((s) => s.namespace));
  const declared: { alias: string; own: string; origin: Origin }[] = [];
  for (const r of children(root, "Reference")) {
    for (const i of children(r, "Include")) {
      const ns = i.attributes.get("Namespace") ?? "";
      namespaces.add(ns);
      const alias = i.attributes.get("Alias");
      if (alias !== undefined) declared.push({ alias, own: ns, origin: at(file, i, `Reference[${r.attributes.get("Uri") ?? ""}]/Include[${ns}]`) });
    }
  }
  for (const s of model.schemas) if (s.alias !== undefined) declared.push({ alias: s.alias, own: s.namespace, origin: s.origin });
  const seen = new Set<string>();
  for (const { alias, own, origin } of declared) {
    out.push(...checkSimpleName(alias, "alias", origin));
    if (RESERVED_ALIASES.has(alias)) out.push(error("invalid-alias", `alias ${alias} is reserved by CSDL`, origin));
    // An alias equal to its own namespace is pointless but rebinds nothing.
    else if (namespaces.has(alias) && alias !== own) {
      out.push(error("invalid-alias", `alias ${alias} is also the name of a namespace: names qualified by ${alias} would silently mean that other namespace's`, origin));
    } else if (seen.has(alias)) out.push(error("duplicate-name", `alias ${alias} is declared twice`, origin));
    seen.add(alias);
  }
  return out;
}

/**
 * CSDL 4.01 §17.1 SimpleIdentifier: a letter or underscore, then letters, digits, combining marks, connectors and
 * format characters, at most 128 characters.
 */
const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SIMPLE_IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]*$/u;
/** Bidirectional overrides and isolates, marks, and zero-width characters: format characters that hide in text. */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/**
 * A name's syntax. Empty names, dot segments (`.`, `..`) and names starting with `$` are errors: in a URL they
 * address nothing, the parent of the service root, or a system resource such as `$metadata` (the runtime
 * percent-encodes every other character of a segment, so `/`, `\`, `?` and `#` stay inside it). Any other break of
 * the SimpleIdentifier grammar (hyphens, spaces, quotes, …, or more than 128 characters) is a warning: the generator
 * escapes such names everywhere (quoted wire keys, escaped URL segments, sanitised identifiers;
 * `test/plan/untrusted.test.ts`), so the client still means what the metadata says, but the service breaks CSDL and
 * other tools may refuse it. Bidirectional-override and zero-width characters are allowed by the grammar (\p{Cf})
 * and are a warning of their own: they make a name read differently from what it is (the Trojan Source pattern);
 * the generator escapes them in strings and comments, and messages here show them escaped.
 */
function checkSimpleName(name: string, subject: string, origin: Origin): Diagnostic[] {
  // Most names are plain ASCII identifiers: the Unicode classes below cost more (Graph has 50,000 names).
  if (name.length <= 128 && PLAIN_IDENTIFIER.test(name)) return [];
  const shown = shownName(name);
  const what = shownName(subject);
  if (name.trim() === "" || /^\.+$/.test(name)) {
    return [error("invalid-name", `${what} has ${name === "" ? "an empty name" : `the name ${shown}`}, which addresses nothing`, origin)];
  }
  if (name.startsWith("$")) {
    return [error("invalid-name", `${what} is named ${shown}: in a URL, a segment starting with $ names a system resource ($metadata, $batch, $count, …)`, origin)];
  }
  const out: Diagnostic[] = [];
  const length = [...name].length;
  if (!SIMPLE_IDENTIFIER.test(name) || length > 128) {
    const why = length > 128 ? `is ${length} characters long (at most 128)` : "is not a CSDL simple identifier (a letter or _, then letters, digits and _)";
    // Quoted: such a name may hold spaces and quotes.
    out.push(warning("invalid-identifier", `${what} ${shownName(JSON.stringify(name))} ${why}`, origin));
  }
  if (INVISIBLE.test(name)) out.push(warning("invisible-character-in-name", `${what} ${shown} holds a bidirectional-override or zero-width character`, origin));
  return out;
}

const INVISIBLE_ALL = new RegExp(INVISIBLE.source, "gu");

/** A name as a message shows it: cut after 80 characters (a name of megabytes made a warning of megabytes), invisible characters escaped. */
function shownName(name: string): string {
  const cut = name.length > 80 ? `${name.slice(0, 79)}…` : name;
  return INVISIBLE.test(cut) ? cut.replace(INVISIBLE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) : cut;
}

/** A namespace: simple identifiers separated by dots, no empty segment, at most 511 characters. */
function checkNamespace(ns: string, origin: Origin): Diagnostic[] {
  const segments = ns.split(".");
  if (segments.some((s) => s === "")) return [error("invalid-name", `namespace ${shownName(ns)} has an empty segment`, origin)];
  const out = segments.flatMap((s) => checkSimpleName(s, `namespace ${shownName(ns)}: its segment`, origin));
  if ([...ns].length > 511) out.push(warning("invalid-identifier", `namespace ${ns.slice(0, 40)}… is longer than 511 characters`, origin));
  return dedupe(out);
}

/** One warning of each code per name is enough. */
function dedupe(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const k = `${d.severity}\0${d.code}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Whether checkSimpleName has nothing to say: most names are plain, and the message's subject need not be made. */
const plainName = (name: string): boolean => name.length <= 128 && PLAIN_IDENTIFIER.test(name);

function checkNames(model: ServiceModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const name = (n: string, what: string, origin: Origin): void => void out.push(...checkSimpleName(n, what, origin));
  for (const s of model.schemas) {
    out.push(...checkNamespace(s.namespace, s.origin));
    for (const t of [...s.entityTypes, ...s.complexTypes]) {
      name(t.name, t.kind === "entityType" ? "an entity type" : "a complex type", t.origin);
      for (const p of t.properties) if (!plainName(p.name)) name(p.name, `a property of ${t.name}`, p.origin);
      for (const n of t.navigationProperties) if (!plainName(n.name)) name(n.name, `a navigation property of ${t.name}`, n.origin);
    }
    for (const e of s.enumTypes) {
      name(e.name, "an enum type", e.origin);
      for (const m of e.members) if (!plainName(m.name)) name(m.name, `a member of ${e.name}`, m.origin);
    }
    for (const d of s.typeDefinitions) name(d.name, "a type definition", d.origin);
    for (const t of s.terms) name(t.name, "a term", t.origin);
    for (const o of s.operations) {
      name(o.name, `an ${o.kind}`, o.origin);
      for (const p of [...(o.bindingParameter ? [o.bindingParameter] : []), ...o.parameters]) if (!plainName(p.name)) name(p.name, `a parameter of ${o.name}`, p.origin);
    }
    const c = s.container;
    if (c) {
      name(c.name, "the entity container", c.origin);
      for (const x of [...c.entitySets, ...c.singletons, ...c.operationImports]) name(x.name, x.kind.replace(/[A-Z]/g, (m) => ` ${m.toLowerCase()}`), x.origin);
    }
  }
  return out;
}

/** Parameter names are unique within an operation, the binding parameter included (TS2300 otherwise). */
function checkParameters(model: ServiceModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of model.schemas) {
    for (const o of s.operations) {
      const seen = new Set<string>();
      for (const p of [...(o.bindingParameter ? [o.bindingParameter] : []), ...o.parameters]) {
        if (seen.has(p.name)) out.push(error("duplicate-name", `parameter ${p.name} of ${o.kind} ${o.qualifiedName} is declared twice`, p.origin));
        seen.add(p.name);
      }
    }
  }
  return out;
}

/** The base types of `t`, nearest first, stopping at a cycle (reported by the build) or an unknown name. */
function ancestors(index: Index, t: Structured): Structured[] {
  const out: Structured[] = [];
  const seen = new Set<string>([t.qualifiedName]);
  let cur = t.baseType === undefined ? undefined : index.structured.get(t.baseType);
  while (cur && !seen.has(cur.qualifiedName)) {
    out.push(cur);
    seen.add(cur.qualifiedName);
    cur = cur.baseType === undefined ? undefined : index.structured.get(cur.baseType);
  }
  return out;
}

/** A derived type may not declare a property or navigation its base types (at any depth) already declare. */
function checkInheritedMembers(index: Index): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of index.structured.values()) {
    if (t.baseType === undefined) continue;
    const inherited = new Map<string, string>();
    for (const a of ancestors(index, t)) for (const m of [...a.properties, ...a.navigationProperties]) if (!inherited.has(m.name)) inherited.set(m.name, a.qualifiedName);
    for (const m of [...t.properties, ...t.navigationProperties]) {
      const from = inherited.get(m.name);
      if (from !== undefined) out.push(error("duplicate-name", `${t.name} redeclares ${m.name}, which it inherits from ${from}`, m.origin));
    }
  }
  return out;
}

/** Primitive types a key may have (CSDL 4.01 §8.2; Binary, Double and Single are tolerated, as services use them). */
const KEY_FORBIDDEN = /^Edm\.(Stream|Geography.*|Geometry.*|Untyped|PrimitiveType|ComplexType|EntityType|AnnotationPath|PropertyPath|NavigationPropertyPath|AnyPropertyPath|ModelElementPath)$/;

/** The PropertyRef elements of each entity type's Key, by qualified name, for their positions. */
function keyElements(root: XmlElement): Map<string, XmlElement[]> {
  const out = new Map<string, XmlElement[]>();
  for (const ds of children(root, "DataServices")) {
    for (const s of children(ds, "Schema")) {
      const ns = s.attributes.get("Namespace") ?? "";
      for (const t of children(s, "EntityType")) {
        const qn = `${ns}.${t.attributes.get("Name") ?? ""}`;
        if (!out.has(qn)) out.set(qn, children(t, "Key").flatMap((k) => children(k, "PropertyRef")));
      }
    }
  }
  return out;
}

/**
 * Keys: declared once along the inheritance chain; each part resolves (through complex properties for a path), is
 * single-valued and of a type a URL key can carry (not Stream, Geography, Geometry, complex or
 * entity); a path part has an Alias, a plain one has none, and aliases do not collide with the type's members.
 */
function checkKeys(index: Index, root: XmlElement): Diagnostic[] {
  const out: Diagnostic[] = [];
  const refs = keyElements(root);
  for (const t of index.structured.values()) {
    if (t.kind !== "entityType" || t.key.length === 0) continue;
    const elements = refs.get(t.qualifiedName) ?? [];
    const where = (i: number): Origin => {
      const el = elements[i];
      return el ? at(index.file, el, `${t.origin.path}/Key/PropertyRef[${t.key[i] ?? ""}]`) : t.origin;
    };
    const keyed = ancestors(index, t).find((a): a is EntityType => a.kind === "entityType" && a.key.length > 0);
    if (keyed) {
      out.push(error("invalid-key", `${t.qualifiedName} declares a Key, but it inherits one from ${keyed.qualifiedName}; a derived type cannot redefine its key`, where(0)));
      continue;
    }
    const members = new Set([t, ...ancestors(index, t)].flatMap((a) => [...a.properties, ...a.navigationProperties].map((m) => m.name)));
    const aliases = new Map((t.keyAliases ?? []).map((a) => [a.path, a.alias]));
    const names = new Set<string>();
    t.key.forEach((path, i) => {
      const origin = where(i);
      const alias = aliases.get(path);
      if (path.includes("/") && alias === undefined) out.push(error("invalid-key", `key part ${path} of ${t.qualifiedName} is a path, and a path needs an Alias`, origin));
      if (!path.includes("/") && alias !== undefined) out.push(error("invalid-key", `key property ${path} of ${t.qualifiedName} is not a path, so it takes no Alias`, origin));
      if (alias !== undefined) {
        out.push(...checkSimpleName(alias, `the alias of key part ${path}`, origin));
        if (members.has(alias)) out.push(error("invalid-key", `key alias ${alias} of ${t.qualifiedName} is also the name of a member of the type`, origin));
      }
      const keyName = alias ?? path;
      if (names.has(keyName)) out.push(error("duplicate-name", `key part ${keyName} of ${t.qualifiedName} is declared twice`, origin));
      names.add(keyName);
      const resolved = resolveKeyPath(index, t, path);
      if (typeof resolved === "string") {
        if (resolved !== "") out.push(error(resolved === "unresolved" ? "unresolved-key" : "invalid-key", keyProblem(resolved, path, t), origin));
        return;
      }
      const problem = keyTypeProblem(index, resolved);
      if (problem !== undefined) out.push(error("invalid-key", `key property ${path} of ${t.qualifiedName} ${problem}`, origin));
    });
  }
  return out;
}

type KeyPathFailure = "unresolved" | "through-collection" | "through-non-complex" | "";

function keyProblem(failure: KeyPathFailure, path: string, t: EntityType): string {
  switch (failure) {
    case "through-collection":
      return `key part ${path} of ${t.qualifiedName} goes through a collection`;
    case "through-non-complex":
      return `key part ${path} of ${t.qualifiedName} goes through a property that is not of a complex type`;
    default:
      return `key property ${path} of ${t.qualifiedName} is not declared`;
  }
}

/** The property a key path names, or why there is none ("" when it leads into a referenced document's type). */
function resolveKeyPath(index: Index, t: EntityType, path: string): Property | KeyPathFailure {
  const segments = path.split("/");
  let owner: Structured = t;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] ?? "";
    const p = [owner, ...ancestors(index, owner)].flatMap((a) => a.properties).find((x) => x.name === seg);
    if (!p) return "unresolved";
    if (i === segments.length - 1) return p;
    if (p.type.collection) return "through-collection";
    const next = index.structured.get(p.type.name);
    if (!next) return index.referenced.has(namespaceOf(p.type.name)) ? "" : "through-non-complex";
    if (next.kind !== "complexType") return "through-non-complex";
    owner = next;
  }
  return "unresolved";
}

function keyTypeProblem(index: Index, p: Property): string | undefined {
  if (p.type.collection) return "is a collection; a key is single-valued";
  let type = p.type.name;
  const seen = new Set<string>();
  while (index.typeDefinitions.has(type) && !seen.has(type)) {
    seen.add(type);
    type = index.typeDefinitions.get(type)?.underlyingType ?? type;
  }
  if (index.structured.has(type)) return `has the structured type ${type}; a key is primitive or an enum`;
  if (KEY_FORBIDDEN.test(type)) return `has the type ${type}, which a key cannot have`;
  // CSDL also wants key properties Nullable="false", but Outlook's own metadata leaves Entity/Id nullable, and the
  // client never sends a null key (byId takes a value), so nullability is not checked.
  return undefined;
}

function namespaceOf(qualifiedName: string): string {
  const dot = qualifiedName.lastIndexOf(".");
  return dot < 0 ? "" : qualifiedName.slice(0, dot);
}

/**
 * What each reference names is of the right kind: a navigation targets an entity type, an entity set or singleton
 * holds one, a structural property does not, a type definition is based on a primitive type and an enum on an
 * integer type, a function returns something, an ActionImport names an action and a FunctionImport a function,
 * each with an unbound overload.
 * Unresolved names are reported by the build (`unresolved-type`, `unresolved-operation`); names in referenced
 * documents are taken on trust.
 */
const ENUM_UNDERLYING = new Set(["Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32", "Edm.Int64"]);

function checkTargets(model: ServiceModel, index: Index): Diagnostic[] {
  const out: Diagnostic[] = [];
  const kindOf = (name: string): string | undefined => {
    if (EDM_PRIMITIVES.has(name)) return `the primitive type ${name}`;
    const s = index.structured.get(name);
    if (s) return s.kind === "entityType" ? undefined : `the complex type ${name}`;
    if (index.enums.has(name)) return `the enum type ${name}`;
    if (index.typeDefinitions.has(name)) return `the type definition ${name}`;
    return undefined;
  };
  for (const s of model.schemas) {
    for (const t of [...s.entityTypes, ...s.complexTypes]) {
      for (const p of t.properties) {
        if (index.structured.get(p.type.name)?.kind === "entityType") {
          out.push(error("csdl-wrong-kind", `property ${p.name} of ${t.name} has the entity type ${p.type.name}; an entity is reached by a navigation property`, p.origin));
        }
      }
      for (const n of t.navigationProperties) {
        const wrong = kindOf(n.type.name);
        if (wrong !== undefined) out.push(error("csdl-invalid-navigation", `navigation property ${n.name} of ${t.name} targets ${wrong}; a navigation targets an entity type`, n.origin));
      }
    }
    for (const d of s.typeDefinitions) {
      if (!EDM_PRIMITIVES.has(d.underlyingType) && !index.referenced.has(namespaceOf(d.underlyingType))) {
        out.push(error("csdl-wrong-kind", `type definition ${d.name} is based on ${d.underlyingType}; a type definition is based on a primitive type`, d.origin));
      }
    }
    for (const e of s.enumTypes) {
      if (!ENUM_UNDERLYING.has(e.underlyingType)) {
        out.push(error("csdl-wrong-kind", `enum type ${e.name} has the underlying type ${e.underlyingType}; it must be Edm.Byte, Edm.SByte, Edm.Int16, Edm.Int32 or Edm.Int64`, e.origin));
      }
    }
    for (const o of s.operations) {
      if (o.kind === "function" && !o.returnType) out.push(error("csdl-invalid-operation", `function ${o.qualifiedName} has no ReturnType; a function returns a value`, o.origin));
    }
    const c = s.container;
    if (!c) continue;
    for (const set of c.entitySets) {
      const wrong = kindOf(set.entityType);
      if (wrong !== undefined) out.push(error("csdl-wrong-kind", `entity set ${set.name} holds ${wrong}; an entity set holds an entity type`, set.origin));
    }
    for (const one of c.singletons) {
      const wrong = kindOf(one.type);
      if (wrong !== undefined) out.push(error("csdl-wrong-kind", `singleton ${one.name} has ${wrong}; a singleton is of an entity type`, one.origin));
    }
    for (const imp of c.operationImports) {
      const overloads = index.operations.get(imp.operation);
      if (!overloads) continue;
      const wanted = imp.kind === "actionImport" ? "action" : "function";
      const element = imp.kind === "actionImport" ? "an ActionImport" : "a FunctionImport";
      const other = wanted === "action" ? "a function" : "an action";
      if (!overloads.some((o) => o.kind === wanted)) {
        out.push(error("csdl-wrong-kind", `${imp.name} is ${element} naming ${imp.operation}, which is ${other}; ${element} names an unbound ${wanted}`, imp.origin));
      } else if (!overloads.some((o) => o.kind === wanted && !o.isBound)) {
        out.push(error("csdl-wrong-kind", `${imp.name} is ${element} naming ${imp.operation}, which has no unbound overload; ${element} names an unbound ${wanted}`, imp.origin));
      }
    }
  }
  return out;
}
