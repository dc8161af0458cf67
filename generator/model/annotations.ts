/**
 * Annotations: reading `<Annotation>` elements into generic values, and
 * interpreting the few terms the generator acts on (Core descriptions,
 * Capabilities restrictions).
 */
import type { XmlElement } from "../parse/xml.js";
import type { Annotation, AnnotationProperty, AnnotationValue, Capabilities, Documentation } from "./types.js";
import { CAPABILITIES, CORE } from "./edm.js";

const CONSTANT_ATTRIBUTES = [
  "Binary", "Bool", "Date", "DateTimeOffset", "Decimal", "Duration", "EnumMember", "Float", "Guid", "Int", "String", "TimeOfDay",
] as const;
const PATH_ATTRIBUTES = ["AnnotationPath", "ModelElementPath", "NavigationPropertyPath", "Path", "PropertyPath", "UrlRef"] as const;

/** Reads one `<Annotation>` element; `qualify` resolves aliases in the term name. */
export function readAnnotation(el: XmlElement, qualify: (name: string) => string): Annotation {
  const term = qualify(el.attributes.get("Term") ?? "");
  const qualifier = el.attributes.get("Qualifier");
  const value = readValue(el, qualify);
  return qualifier === undefined ? { kind: "annotation", term, value } : { kind: "annotation", term, qualifier, value };
}

function readValue(el: XmlElement, qualify: (name: string) => string): AnnotationValue {
  for (const a of CONSTANT_ATTRIBUTES) {
    const v = el.attributes.get(a);
    if (v !== undefined) return { kind: "constant", type: a, value: a === "EnumMember" ? qualifyEnumMembers(v, qualify) : v };
  }
  for (const a of PATH_ATTRIBUTES) {
    const v = el.attributes.get(a);
    if (v !== undefined) return { kind: "path", type: a, value: v };
  }
  const child = el.children.find((c) => c.name !== "Annotation");
  return child ? readExpression(child, qualify) : { kind: "empty" };
}

function readExpression(el: XmlElement, qualify: (name: string) => string): AnnotationValue {
  switch (el.name) {
    case "Record": {
      const type = el.attributes.get("Type");
      const properties: AnnotationProperty[] = el.children
        .filter((c) => c.name === "PropertyValue")
        .map((p) => ({ name: p.attributes.get("Property") ?? "", value: readValue(p, qualify) }));
      return { kind: "record", ...(type !== undefined ? { type: qualify(type) } : {}), properties };
    }
    case "Collection":
      return { kind: "collection", items: el.children.map((c) => readExpression(c, qualify)) };
    default:
      if ((CONSTANT_ATTRIBUTES as readonly string[]).includes(el.name)) {
        return { kind: "constant", type: el.name, value: el.name === "EnumMember" ? qualifyEnumMembers(el.text, qualify) : el.text };
      }
      if ((PATH_ATTRIBUTES as readonly string[]).includes(el.name)) return { kind: "path", type: el.name, value: el.text };
      // Dynamic expressions (Apply, If, …) are kept by name only.
      return { kind: "constant", type: el.name, value: el.text };
  }
}

function qualifyEnumMembers(value: string, qualify: (name: string) => string): string {
  return value
    .split(/\s+/)
    .filter((s) => s.length > 0)
    .map((m) => {
      const slash = m.lastIndexOf("/");
      return slash < 0 ? m : `${qualify(m.slice(0, slash))}/${m.slice(slash + 1)}`;
    })
    .join(" ");
}

/** Most nodes of a large document have no description: they share one empty Documentation. */
const NO_DOCUMENTATION: Documentation = Object.freeze({});

const DESCRIPTION = `${CORE}.Description`;
const LONG_DESCRIPTION = `${CORE}.LongDescription`;

export function documentation(annotations: readonly Annotation[]): Documentation {
  if (annotations.length === 0) return NO_DOCUMENTATION;
  // One loop over the annotations with the terms' names made once: this runs for every node of the model (tens of
  // thousands), and a closure with a find that built the term's name per annotation was most of its time.
  let description: string | undefined;
  let longDescription: string | undefined;
  let sawDescription = false;
  let sawLongDescription = false;
  for (const a of annotations) {
    if (a.qualifier !== undefined) continue;
    // The first unqualified annotation of each term decides, as a find would.
    if (a.term === DESCRIPTION && !sawDescription) {
      sawDescription = true;
      if (a.value.kind === "constant") description = a.value.value;
    } else if (a.term === LONG_DESCRIPTION && !sawLongDescription) {
      sawLongDescription = true;
      if (a.value.kind === "constant") longDescription = a.value.value;
    }
  }
  if (description === undefined) return longDescription === undefined ? NO_DOCUMENTATION : { longDescription };
  return longDescription === undefined ? { description } : { description, longDescription };
}

/** term (local name) → record property → capability flag */
const CAPABILITY_TERMS: Readonly<Record<string, readonly (readonly [string, keyof Capabilities])[]>> = {
  InsertRestrictions: [["Insertable", "insertable"]],
  UpdateRestrictions: [["Updatable", "updatable"]],
  DeleteRestrictions: [["Deletable", "deletable"]],
  ReadRestrictions: [["Readable", "readable"]],
  ChangeTracking: [["Supported", "changeTracking"]],
  SearchRestrictions: [["Searchable", "searchable"]],
  ExpandRestrictions: [["Expandable", "expandable"]],
  FilterRestrictions: [["Filterable", "filterable"]],
  SortRestrictions: [["Sortable", "sortable"]],
  CountRestrictions: [["Countable", "countable"]],
};

/**
 * Capabilities.KeyAsSegmentSupported on the entity container: true when the service takes keys as path segments
 * (`People/1` for `People(1)`); a Tag, so an annotation without a value means true. Undefined when not annotated.
 */
export function keyAsSegmentSupported(annotations: readonly Annotation[]): boolean | undefined {
  const a = annotations.find((x) => x.term === `${CAPABILITIES}.KeyAsSegmentSupported` && x.qualifier === undefined);
  if (a === undefined) return undefined;
  return a.value.kind === "constant" ? a.value.value !== "false" : true;
}

export function capabilities(annotations: readonly Annotation[]): Capabilities {
  const out: { -readonly [K in keyof Capabilities]: boolean } = {};
  for (const a of annotations) {
    if (!a.term.startsWith(`${CAPABILITIES}.`) || a.qualifier !== undefined) continue;
    const local = a.term.slice(CAPABILITIES.length + 1);
    if (local === "TopSupported" || local === "SkipSupported") {
      const flag = a.value.kind === "constant" ? a.value.value === "true" : true;
      out[local === "TopSupported" ? "topSupported" : "skipSupported"] = flag;
      continue;
    }
    const props = CAPABILITY_TERMS[local];
    if (!props || a.value.kind !== "record") continue;
    for (const [prop, flag] of props) {
      const pv = a.value.properties.find((p) => p.name === prop);
      if (pv?.value.kind === "constant" && pv.value.type === "Bool") out[flag] = pv.value.value === "true";
    }
  }
  return out;
}
