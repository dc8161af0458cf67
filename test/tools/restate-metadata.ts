/**
 * restate-metadata: writes the project's own CSDL documents for the Outlook REST API,
 * `metadata/v1.0.xml`, `metadata/v2.0.xml` and `metadata/beta.xml`.
 *
 * Each is built from the archived `$metadata` of that version (read-only, in
 * `../shared/corpus/outlook-<version>.csdl.xml`, never copied into this repository):
 * the original is parsed and modelled with the generator's own `parseXml` and
 * `buildModel`, and the model is serialised in this project's layout:
 *
 * - a Schema with `Alias="os"`; every type reference written through the alias;
 * - EnumTypes, TypeDefinitions, ComplexTypes, EntityTypes, Actions and Functions,
 *   Terms, the EntityContainer, then one `<Annotations Target="…">` block per
 *   annotated element (no inline annotations), terms written through vocabulary
 *   aliases (`Capabilities.ChangeTracking`);
 * - declaration order kept within each group, each type and each target;
 * - attributes equal to their defaults omitted; 2-space indentation, LF.
 *
 * So the documents state the same facts as the originals, in our own words;
 * `test/metadata/equivalence.test.ts` proves the models are equal.
 *
 *   npx tsx test/tools/restate-metadata.ts          write the three files
 *   npx tsx test/tools/restate-metadata.ts --check  exit 1 if a file is out of date
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { formatDiagnostic, hasErrors } from "../../generator/diagnostics/diagnostic.js";
import { buildModel } from "../../generator/model/build.js";
import type {
  Annotation,
  AnnotationValue,
  ComplexType,
  EntityContainer,
  EntityType,
  EnumType,
  Facets,
  Operation,
  Parameter,
  Schema,
  ServiceModel,
  Term,
  TypeDefinition,
  TypeRef,
} from "../../generator/model/types.js";
import { parseXml } from "../../generator/parse/xml.js";

export const VERSIONS = ["v1.0", "v2.0", "beta"] as const;
export type OutlookVersion = (typeof VERSIONS)[number];

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const originalPath = (v: OutlookVersion): string => path.resolve(repoRoot, "../shared/corpus", `outlook-${v}.csdl.xml`);
export const restatedPath = (v: OutlookVersion): string => path.resolve(repoRoot, "metadata", `${v}.xml`);

/** The alias our documents give the service's own namespace. */
const SCHEMA_ALIAS = "os";

/** Vocabularies we may reference, with the alias our documents write their terms through. */
const VOCABULARIES: readonly { readonly namespace: string; readonly alias: string; readonly uri: string }[] = [
  {
    namespace: "Org.OData.Capabilities.V1",
    alias: "Capabilities",
    uri: "https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Capabilities.V1.xml",
  },
  {
    namespace: "Org.OData.Core.V1",
    alias: "Core",
    uri: "https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml",
  },
];

const CONSTANT_TYPES = new Set([
  "Binary", "Bool", "Date", "DateTimeOffset", "Decimal", "Duration", "EnumMember", "Float", "Guid", "Int", "String", "TimeOfDay",
]);
const PATH_TYPES = new Set(["AnnotationPath", "ModelElementPath", "NavigationPropertyPath", "Path", "PropertyPath", "UrlRef"]);

// ---------------------------------------------------------------------------
// Escaping

/** Escapes an attribute value: `& < > "` and every control character become references. */
export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\u0000-\u001f\u007f]/g, (ch) => {
    switch (ch) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      default:
        return `&#x${ch.charCodeAt(0).toString(16).toUpperCase()};`;
    }
  });
}

/** Escapes element text the same way (quotes included, harmlessly). */
const escapeText = escapeAttribute;

// ---------------------------------------------------------------------------
// Writing

type Attrs = readonly (readonly [string, string | undefined])[];

class Writer {
  private readonly lines: string[] = [];
  private depth = 0;

  line(text: string): void {
    this.lines.push(`${"  ".repeat(this.depth)}${text}`);
  }

  /** `<name a="…">` … `</name>`, or `<name a="…"/>` when `body` writes nothing. */
  element(name: string, attrs: Attrs, body?: () => void): void {
    const open = `<${name}${attributes(attrs)}`;
    if (!body) {
      this.line(`${open}/>`);
      return;
    }
    const at = this.lines.length;
    this.depth++;
    body();
    this.depth--;
    if (this.lines.length === at) this.line(`${open}/>`);
    else {
      this.lines.splice(at, 0, `${"  ".repeat(this.depth)}${open}>`);
      this.line(`</${name}>`);
    }
  }

  textElement(name: string, text: string): void {
    this.line(`<${name}>${escapeText(text)}</${name}>`);
  }

  toString(): string {
    return `${this.lines.join("\n")}\n`;
  }
}

function attributes(attrs: Attrs): string {
  return attrs
    .filter((a): a is readonly [string, string] => a[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
    .join("");
}

const flag = (value: boolean, whenNot: boolean): string | undefined => (value === whenNot ? undefined : String(value));

// ---------------------------------------------------------------------------
// Restating a model

interface Names {
  /** qualified name → the same name through an alias where one applies */
  readonly short: (qualified: string) => string;
  readonly type: (ref: TypeRef) => string;
}

function namesFor(aliases: ReadonlyMap<string, string>): Names {
  const short = (qualified: string): string => {
    const dot = qualified.lastIndexOf(".");
    if (dot < 0) return qualified;
    const alias = aliases.get(qualified.slice(0, dot));
    return alias === undefined ? qualified : `${alias}.${qualified.slice(dot + 1)}`;
  };
  return { short, type: (ref) => (ref.collection ? `Collection(${short(ref.name)})` : short(ref.name)) };
}

/** Enum member values (`Org.OData.Capabilities.V1.NavigationType/Single …`) through aliases. */
function shortEnumMembers(value: string, names: Names): string {
  return value
    .split(/\s+/)
    .filter((m) => m.length > 0)
    .map((m) => {
      const slash = m.lastIndexOf("/");
      return slash < 0 ? m : `${names.short(m.slice(0, slash))}/${m.slice(slash + 1)}`;
    })
    .join(" ");
}

function facetAttrs(f: Facets): Attrs {
  return [
    ["MaxLength", f.maxLength],
    ["Precision", f.precision === undefined ? undefined : String(f.precision)],
    ["Scale", f.scale],
    ["SRID", f.srid],
    ["Unicode", f.unicode === undefined ? undefined : String(f.unicode)],
  ];
}

/** A target and the annotations aimed at it, in the order the model keeps them. */
interface Targeted {
  readonly target: string;
  readonly annotations: readonly Annotation[];
}

function restateSchema(w: Writer, schema: Schema, names: Names): void {
  const targets: Targeted[] = [];
  const aim = (target: string, annotations: readonly Annotation[]): void => {
    if (annotations.length > 0) targets.push({ target, annotations });
  };
  // A bare namespace would be read as an alias-free name; write the schema's target in full.
  aim(schema.namespace, schema.annotations);

  w.element(
    "Schema",
    [
      ["xmlns", "http://docs.oasis-open.org/odata/ns/edm"],
      ["Namespace", schema.namespace],
      ["Alias", SCHEMA_ALIAS],
    ],
    () => {
      for (const t of schema.enumTypes) enumType(w, t, names, aim);
      for (const t of schema.typeDefinitions) typeDefinition(w, t, names, aim);
      for (const t of schema.complexTypes) structuredType(w, t, names, aim);
      for (const t of schema.entityTypes) structuredType(w, t, names, aim);
      for (const op of schema.operations) operation(w, op, names, aim);
      for (const t of schema.terms) term(w, t, names, aim);
      if (schema.container) container(w, schema.container, names, aim);
      for (const { target, annotations } of targets) {
        w.element("Annotations", [["Target", target]], () => {
          for (const a of annotations) annotation(w, a, names);
        });
      }
    },
  );
}

type Aim = (target: string, annotations: readonly Annotation[]) => void;

function enumType(w: Writer, t: EnumType, names: Names, aim: Aim): void {
  const target = names.short(t.qualifiedName);
  aim(target, t.annotations);
  // Values are written unless every one is the implicit 0, 1, 2, … (never for flags).
  const implicit = !t.isFlags && t.members.every((m, i) => m.value === String(i));
  w.element(
    "EnumType",
    [
      ["Name", t.name],
      ["UnderlyingType", t.underlyingType === "Edm.Int32" ? undefined : t.underlyingType],
      ["IsFlags", flag(t.isFlags, false)],
    ],
    () => {
      for (const m of t.members) {
        aim(`${target}/${m.name}`, m.annotations);
        w.element("Member", [
          ["Name", m.name],
          ["Value", implicit ? undefined : m.value],
        ]);
      }
    },
  );
}

function typeDefinition(w: Writer, t: TypeDefinition, names: Names, aim: Aim): void {
  aim(names.short(t.qualifiedName), t.annotations);
  w.element("TypeDefinition", [["Name", t.name], ["UnderlyingType", names.short(t.underlyingType)], ...facetAttrs(t.facets)]);
}

function structuredType(w: Writer, t: EntityType | ComplexType, names: Names, aim: Aim): void {
  const target = names.short(t.qualifiedName);
  aim(target, t.annotations);
  const isEntity = t.kind === "entityType";
  w.element(
    isEntity ? "EntityType" : "ComplexType",
    [
      ["Name", t.name],
      ["BaseType", t.baseType === undefined ? undefined : names.short(t.baseType)],
      ["Abstract", flag(t.abstract, false)],
      ["OpenType", flag(t.openType, false)],
      ["HasStream", isEntity ? flag(t.hasStream, false) : undefined],
    ],
    () => {
      if (isEntity && t.key.length > 0) {
        w.element("Key", [], () => {
          for (const k of t.key) w.element("PropertyRef", [["Name", k]]);
        });
      }
      for (const p of t.properties) {
        aim(`${target}/${p.name}`, p.annotations);
        w.element("Property", [
          ["Name", p.name],
          ["Type", names.type(p.type)],
          ["Nullable", flag(p.nullable, true)],
          ...facetAttrs(p.facets),
          ["DefaultValue", p.defaultValue],
        ]);
      }
      for (const n of t.navigationProperties) {
        aim(`${target}/${n.name}`, n.annotations);
        w.element("NavigationProperty", [
          ["Name", n.name],
          ["Type", names.type(n.type)],
          ["Nullable", flag(n.nullable, true)],
          ["Partner", n.partner],
          ["ContainsTarget", flag(n.containsTarget, false)],
        ]);
      }
    },
  );
}

function operation(w: Writer, op: Operation, names: Names, aim: Aim): void {
  const all: Parameter[] = op.bindingParameter ? [op.bindingParameter, ...op.parameters] : [...op.parameters];
  // This overload alone (CSDL §14.2.1): a function by all its parameter types, an action by
  // its binding parameter's type, or `()` when unbound.
  const signature = op.kind === "function" ? all : op.bindingParameter ? [op.bindingParameter] : [];
  const target = `${names.short(op.qualifiedName)}(${signature.map((p) => names.type(p.type)).join(",")})`;
  aim(target, op.annotations);
  w.element(
    op.kind === "action" ? "Action" : "Function",
    [
      ["Name", op.name],
      ["IsBound", flag(op.isBound, false)],
      ["IsComposable", op.kind === "function" ? flag(op.isComposable, false) : undefined],
      ["EntitySetPath", op.entitySetPath],
    ],
    () => {
      for (const p of all) {
        aim(`${target}/${p.name}`, p.annotations);
        w.element("Parameter", [
          ["Name", p.name],
          ["Type", names.type(p.type)],
          ["Nullable", flag(p.nullable, true)],
          ...facetAttrs(p.facets),
        ]);
      }
      if (op.returnType) {
        w.element("ReturnType", [
          ["Type", names.type(op.returnType.type)],
          ["Nullable", flag(op.returnType.nullable, true)],
        ]);
      }
    },
  );
}

function term(w: Writer, t: Term, names: Names, aim: Aim): void {
  aim(names.short(t.qualifiedName), t.annotations);
  w.element("Term", [
    ["Name", t.name],
    ["Type", names.type(t.type)],
    ["Nullable", flag(t.nullable, true)],
    ["BaseTerm", t.baseTerm === undefined ? undefined : names.short(t.baseTerm)],
    ["AppliesTo", t.appliesTo.length > 0 ? t.appliesTo.join(" ") : undefined],
    ["DefaultValue", t.defaultValue],
  ]);
}

function container(w: Writer, c: EntityContainer, names: Names, aim: Aim): void {
  const target = names.short(c.qualifiedName);
  aim(target, c.annotations);
  const bindings = (list: EntityContainer["entitySets"][number]["navigationBindings"]): void => {
    for (const b of list) {
      const path = b.path
        .split("/")
        .map((seg) => (seg.includes(".") ? names.short(seg) : seg))
        .join("/");
      const [first = "", ...rest] = b.target.split("/");
      w.element("NavigationPropertyBinding", [
        ["Path", path],
        ["Target", [names.short(first), ...rest].join("/")],
      ]);
    }
  };
  w.element("EntityContainer", [["Name", c.name]], () => {
    for (const s of c.entitySets) {
      aim(`${target}/${s.name}`, s.annotations);
      w.element(
        "EntitySet",
        [
          ["Name", s.name],
          ["EntityType", names.short(s.entityType)],
          ["IncludeInServiceDocument", flag(s.includeInServiceDocument, true)],
        ],
        () => bindings(s.navigationBindings),
      );
    }
    for (const s of c.singletons) {
      aim(`${target}/${s.name}`, s.annotations);
      w.element(
        "Singleton",
        [
          ["Name", s.name],
          ["Type", names.short(s.type)],
          ["Nullable", flag(s.nullable, false)],
        ],
        () => bindings(s.navigationBindings),
      );
    }
    for (const i of c.operationImports) {
      aim(`${target}/${i.name}`, i.annotations);
      const isAction = i.kind === "actionImport";
      w.element(isAction ? "ActionImport" : "FunctionImport", [
        ["Name", i.name],
        [isAction ? "Action" : "Function", names.short(i.operation)],
        ["EntitySet", i.entitySet],
        ["IncludeInServiceDocument", flag(i.includeInServiceDocument, false)],
      ]);
    }
  });
}

function annotation(w: Writer, a: Annotation, names: Names): void {
  const head: [string, string | undefined][] = [
    ["Term", names.short(a.term)],
    ["Qualifier", a.qualifier],
  ];
  valueIn(w, "Annotation", head, a.value, names);
}

/**
 * Writes an element holding a value (`Annotation` or `PropertyValue`): constants and
 * paths as an attribute, records and collections as a child element.
 */
function valueIn(w: Writer, name: string, head: Attrs, value: AnnotationValue, names: Names): void {
  switch (value.kind) {
    case "empty":
      w.element(name, head);
      return;
    case "constant":
    case "path":
      if (CONSTANT_TYPES.has(value.type) || PATH_TYPES.has(value.type)) {
        w.element(name, [...head, [value.type, constantText(value.type, value.value, names)]]);
        return;
      }
      break;
    default:
      break;
  }
  w.element(name, head, () => expression(w, value, names));
}

function constantText(type: string, value: string, names: Names): string {
  return type === "EnumMember" ? shortEnumMembers(value, names) : value;
}

/** Writes a value in element notation (inside a Collection, or anything without an attribute form). */
function expression(w: Writer, value: AnnotationValue, names: Names): void {
  switch (value.kind) {
    case "empty":
      return;
    case "constant":
    case "path":
      w.textElement(value.type, constantText(value.type, value.value, names));
      return;
    case "record":
      w.element("Record", [["Type", value.type === undefined ? undefined : names.short(value.type)]], () => {
        for (const p of value.properties) valueIn(w, "PropertyValue", [["Property", p.name]], p.value, names);
      });
      return;
    case "collection":
      w.element("Collection", [], () => {
        for (const item of value.items) expression(w, item, names);
      });
      return;
  }
}

/** Every namespace an annotation term, record type or enum member value of the model mentions. */
function vocabulariesUsed(model: ServiceModel): Set<string> {
  const used = new Set<string>();
  const ns = (qualified: string): string => qualified.slice(0, Math.max(0, qualified.lastIndexOf(".")));
  const value = (v: AnnotationValue): void => {
    if (v.kind === "constant" && v.type === "EnumMember") {
      for (const m of v.value.split(/\s+/)) if (m.includes("/")) used.add(ns(m.slice(0, m.lastIndexOf("/"))));
    } else if (v.kind === "record") {
      if (v.type !== undefined) used.add(ns(v.type));
      for (const p of v.properties) value(p.value);
    } else if (v.kind === "collection") v.items.forEach(value);
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o["kind"] === "annotation") {
        const a = node as Annotation;
        used.add(ns(a.term));
        value(a.value);
        return;
      }
      for (const [k, v] of Object.entries(o)) if (k !== "origin") visit(v);
    }
  };
  visit(model.schemas);
  return used;
}

/** Serialises a model in this project's layout. `label` names the version in the header comment. */
export function restate(model: ServiceModel, label: string): string {
  if (model.schemas.length !== 1) throw new Error(`expected one schema, found ${model.schemas.length}`);
  const schema = model.schemas[0] as Schema;
  const aliases = new Map<string, string>([[schema.namespace, SCHEMA_ALIAS]]);

  const references: { uri: string; includes: { namespace: string; alias?: string }[] }[] = model.references.map((r) => ({
    uri: r.uri,
    includes: r.includes.map((i) => ({ ...i })),
  }));
  const included = new Set(references.flatMap((r) => r.includes.map((i) => i.namespace)));
  for (const ns of vocabulariesUsed(model)) {
    if (ns === schema.namespace || included.has(ns)) continue;
    const vocabulary = VOCABULARIES.find((v) => v.namespace === ns);
    if (!vocabulary) throw new Error(`annotations use the vocabulary ${ns}, which this tool has no reference for`);
    references.push({ uri: vocabulary.uri, includes: [{ namespace: ns, alias: vocabulary.alias }] });
  }
  for (const r of references) {
    for (const i of r.includes) {
      const alias = i.alias ?? VOCABULARIES.find((v) => v.namespace === i.namespace)?.alias;
      if (alias !== undefined) {
        i.alias = alias;
        aliases.set(i.namespace, alias);
      }
    }
  }
  const names = namesFor(aliases);

  const w = new Writer();
  w.line('<?xml version="1.0" encoding="utf-8"?>');
  w.line(
    `<!-- Outlook REST API ${label} schema (${schema.namespace}), restated by this project. ` +
      "Equivalent to the service's archived $metadata; test/metadata/equivalence.test.ts proves it. -->",
  );
  w.element(
    "edmx:Edmx",
    [
      ["Version", "4.0"],
      ["xmlns:edmx", "http://docs.oasis-open.org/odata/ns/edmx"],
    ],
    () => {
      for (const r of references) {
        w.element("edmx:Reference", [["Uri", r.uri]], () => {
          for (const i of r.includes) {
            w.element("edmx:Include", [
              ["Namespace", i.namespace],
              ["Alias", i.alias],
            ]);
          }
        });
      }
      w.element("edmx:DataServices", [], () => restateSchema(w, schema, names));
    },
  );
  return w.toString();
}

/** Builds the model of a CSDL document, throwing with every diagnostic when it has errors. */
export function modelOf(text: string, file: string, version: string): ServiceModel {
  const parsed = parseXml(text, file);
  const built = parsed.root ? buildModel(parsed.root, file, version) : { diagnostics: [] };
  const diagnostics = [...parsed.diagnostics, ...built.diagnostics];
  if (!built.model || hasErrors(diagnostics)) {
    throw new Error(`${file} does not build:\n${diagnostics.map(formatDiagnostic).join("\n")}`);
  }
  return built.model;
}

/** The restated document for one version, from its archived original. */
export function restateVersion(version: OutlookVersion): string {
  const file = originalPath(version);
  return restate(modelOf(readFileSync(file, "utf8"), file, version), version);
}

function main(argv: readonly string[]): number {
  const check = argv.includes("--check");
  let stale = 0;
  for (const v of VERSIONS) {
    const out = restatedPath(v);
    const text = restateVersion(v);
    const rel = path.relative(repoRoot, out);
    if (check) {
      let current: string | undefined;
      try {
        current = readFileSync(out, "utf8");
      } catch {
        current = undefined;
      }
      if (current !== text) {
        stale++;
        console.error(`${rel} is out of date`);
      }
    } else {
      writeFileSync(out, text);
      console.log(`wrote ${rel} (${text.length} bytes)`);
    }
  }
  return stale === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
