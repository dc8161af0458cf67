/**
 * Plans `<version>/models.ts`: every entity and complex type as an interface (with its query shape and its `Any…`
 * union), every enum (a const object and a type) and every type definition, in one file that imports only the
 * runtime's types.
 */
import type { EnumType, TypeDefinition } from "../model/types.js";
import { EDM_TS, nullable, tsType, Uses, type PlannedFile, type Version } from "./context.js";
import { navigationPropertyDoc, propertyDoc } from "./docs.js";
import { importLines } from "./imports.js";
import { allNavigations, allProperties, ancestry, type Structured } from "./index-model.js";
import { allocate, docLines, enumMemberKey, objectKey, propertyKey, stringLiteral } from "./naming.js";

/** A property's facts that say no more than its TypeScript type: the type alone, a string, boolean, Int32 or model type. */
const OBVIOUS = /^(?:Collection\()?(?:Edm\.(?:String|Boolean|Int32)|[^.,() ]+)\)?\.$/;

/**
 * The types rendered (and formatted) together: a part whose text stays under 64 K characters for types of about 11 KB
 * (the 52 MB types document), so that V8 makes its copies in the young generation, where they are collected cheaply,
 * not in the large-object space, which only a full collection frees (16 types: 510 MiB at the peak, 4: 465 MiB).
 */
const TAIL_PART = 4;

export function modelsPath(dir: string): string {
  return `${dir}models.ts`;
}

export function planModels(v: Version): PlannedFile {
  const uses = new Uses();
  const path = modelsPath(v.dir);
  const enums = [...v.index.enums.values()].map((e) => enumView(e, v));
  const typeDefinitions = [...v.index.typeDefinitions.values()].map((d) => typeDefinitionView(d, v));
  const structured = [...v.index.structured.values()].map((t) => structuredView(t, v, uses));
  return {
    path,
    template: "models/models",
    view: { header: v.header, imports: importLines(path, uses, v.symbols), enums, typeDefinitions, structured },
    tail: { key: "structured", template: "models/partials/structured", size: TAIL_PART },
  };
}

function structuredView(t: Structured, v: Version, uses: Uses): object {
  const { index, names } = v;
  const name = names.types.get(t.qualifiedName) ?? "";
  const base = t.baseType === undefined ? undefined : names.types.get(t.baseType);
  // Structural and navigation properties alike: a JSON key, its type, null where nullable (collections never are).
  // Each is documented on one line: the metadata's description first, then its EDM type and facts (or where it navigates).
  // One loop over both lists, each view pushed as it is made (no list of both first, no mapped copy): a large
  // service has tens of thousands of properties.
  const properties: object[] = [];
  const polymorphic = { polymorphic: true };
  for (const list of [t.properties, t.navigationProperties]) {
    for (const p of list) {
      const type = tsType(p.type, v, uses, polymorphic);
      // A doc that would only repeat what the TypeScript type says (`Edm.String.`, `identitySet.`) is left out.
      const facts = p.kind === "property" ? propertyDoc(v.docs, t, p) : navigationPropertyDoc(p);
      properties.push({
        // One line: the comment's entries joined (the template prints it as it is).
        doc: spaced(docLines(p.docs.description), OBVIOUS.test(facts) ? [] : docLines(facts)),
        key: propertyKey(p.name),
        type: p.type.collection ? type : nullable(type, p.nullable),
      });
    }
  }
  // A derived type's query shape names its base's and adds its own properties and navigations. Only entity types
  // have a query shape (names.query): a complex type's is not worked out (the template prints none without a name).
  const queryName = names.query.get(t.qualifiedName);
  const baseQuery = t.baseType === undefined ? undefined : names.query.get(t.baseType);
  const inherits = baseQuery !== undefined && ancestry(index, t)[1]?.qualifiedName === t.baseType;
  let select = "never";
  const expand: { key: string; type: string }[] = [];
  if (queryName !== undefined) {
    const selectable = [
      ...(inherits ? [`${baseQuery}["select"]`] : []),
      ...(inherits ? t.properties : allProperties(index, t)).map((p) => stringLiteral(p.name)),
    ];
    if (selectable.length > 0) select = selectable.join(" | ");
    for (const n of inherits ? t.navigationProperties : allNavigations(index, t)) {
      if (n.capabilities.expandable !== false) expand.push({ key: propertyKey(n.name), type: names.query.get(n.type.name) ?? "never" });
    }
  }
  const anyName = names.any.get(t.qualifiedName);
  // The type itself (abstract types never appear on the wire, so they take no place), then each direct derived
  // type's own union, or the type tagged when it has none: every concrete descendant, each once.
  const union = anyName
    ? [
        ...(t.abstract ? [] : [`${uses.type("MaybeTagged")}<${name}, ${stringLiteral(`#${t.qualifiedName}`)}>`]),
        ...(index.derived.get(t.qualifiedName) ?? []).flatMap((d) => {
          const dAny = names.any.get(d.qualifiedName);
          if (dAny !== undefined) return [dAny];
          return d.abstract ? [] : [`${uses.type("Tagged")}<${names.types.get(d.qualifiedName) ?? "never"}, ${stringLiteral(`#${d.qualifiedName}`)}>`];
        }),
      ]
    : [];
  const docs = [...docLines(t.docs.description), ...docLines(t.docs.longDescription)];
  return {
    // Without a description, the qualified name (the hover shows the TypeScript name already).
    docLines: docs.length > 0 ? docs : docLines(t.qualifiedName),
    name,
    extendsClause: base ? ` extends ${base}` : "",
    properties,
    queryName,
    select,
    expand,
    baseExpand: inherits && queryName !== undefined ? `${baseQuery}["expand"]` : undefined,
    anyName,
    union: (union.length > 0 ? union : [name]).join(" | "),
  };
}

/**
 * The entries of both lists joined by spaces, concatenated (docs.ts, propertyDoc, says why not joined), without a
 * list of both first.
 */
function spaced(first: readonly string[], second: readonly string[]): string {
  let text = "";
  let n = 0;
  for (const list of [first, second]) for (const entry of list) text = n++ === 0 ? entry : `${text} ${entry}`;
  return text;
}

function enumView(e: EnumType, v: Version): object {
  const name = v.names.types.get(e.qualifiedName) ?? "";
  // Keys are the members' names, but none of the object protocol's (enumMemberKey); the values are the names.
  const keys = uniqueKeys(e.members.map((m) => enumMemberKey(m.name)));
  return {
    docLines: [
      ...docLines(e.docs.description ?? e.qualifiedName),
      ...(e.isFlags ? ["A flags enum: values combine as a comma-separated list."] : []),
    ],
    name,
    members: e.members.map((m, i) => ({
      doc: docLines(m.docs.description).join(" "),
      key: objectKey(keys[i] ?? m.name),
      literal: stringLiteral(m.name),
    })),
    empty: e.members.length === 0,
  };
}

/** The keys made unique by allocate, in order; most enums' keys are distinct already and are taken as they are. */
function uniqueKeys(wanted: readonly string[]): readonly string[] {
  if (new Set(wanted).size === wanted.length) return wanted;
  const numbered = allocate(wanted.map((w, i): readonly [number, string] => [i, w]), { caseInsensitive: false });
  return wanted.map((w, i) => numbered.get(i) ?? w);
}

function typeDefinitionView(d: TypeDefinition, v: Version): object {
  return {
    docLines: [...docLines(d.docs.description), ...docLines(`Type definition ${d.qualifiedName}, based on ${d.underlyingType}.`)],
    name: v.names.types.get(d.qualifiedName) ?? "",
    type: EDM_TS[d.underlyingType] ?? "unknown",
  };
}
