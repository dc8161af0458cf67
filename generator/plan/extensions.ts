/**
 * Finds, in a service model, where an application's own data can live on
 * items: MAPI extended properties and open-type data extensions. Detection
 * goes by the model's shapes, not by entity names, so it finds them in Outlook
 * (PascalCase) and Microsoft Graph (camelCase) alike, and nowhere else.
 */
import type { EntityType, NavigationProperty } from "../model/types.js";
import type { ExtendedPropertyShape, ExtensionShape } from "../../templates/runtime/extensions.js";
import type { PropertyIdSpec } from "../../templates/runtime/mapi.js";
import type { CheckedDefinitions } from "./definitions.js";
import { importLines, relativeSpecifier } from "./imports.js";
import { allNavigations, allProperties, descendants, keyOf, type ModelIndex } from "./index-model.js";
import { allocate, docLines, memberIdentifier, propertyKey, stringLiteral, typeIdentifier } from "./naming.js";
import type { PlannedFile } from "./context.js";

const RUNTIME_MODULE = "runtime/index.ts";

// The wire-name shapes are the runtime's own types: what the plan detects is what the generated helpers receive.
export type { ExtendedPropertyShape, ExtensionShape };

export interface ExtensionSupport {
  readonly extendedProperties?: ExtendedPropertyShape;
  readonly extensions?: ExtensionShape;
  /** Qualified names of the entity types that carry both extended-property navigations. */
  readonly withExtendedProperties: readonly string[];
  /** Qualified names of the entity types that carry the extensions navigation. */
  readonly withExtensions: readonly string[];
}

const lower = (s: string): string => s.toLowerCase();

/**
 * Outlook REST gives an extension the id `<open type>.<name>` and filters on it; Microsoft Graph (and, by the
 * OData convention that a key is the name, any other service) filters on the bare name.
 */
function extensionIdPrefix(openType: string): string {
  return openType.startsWith("Microsoft.OutlookServices.") ? `${openType}.` : "";
}

/** `{ id, value }` wire names when the navigation targets an extended-property type of that multiplicity. */
function extendedPropertyMembers(index: ModelIndex, nav: NavigationProperty, multi: boolean): { id: string; value: string } | undefined {
  const target = index.structured.get(nav.type.name);
  if (!nav.type.collection || target?.kind !== "entityType") return undefined;
  const key = keyOf(index, target).properties;
  const value = allProperties(index, target).find((p) => lower(p.name) === "value");
  // The key must be one of the type's own properties (not a path's alias): the helpers read it from the entity.
  const id = key.length === 1 && allProperties(index, target).includes(key[0]!) ? key[0] : undefined;
  if (!id || id.type.name !== "Edm.String" || !value || value.type.name !== "Edm.String" || value.type.collection !== multi) return undefined;
  return { id: id.name, value: value.name };
}

function extendedPropertyShapeOf(index: ModelIndex, t: EntityType): ExtendedPropertyShape | undefined {
  const navs = allNavigations(index, t);
  const single = navs.find((n) => lower(n.name) === "singlevalueextendedproperties");
  const multi = navs.find((n) => lower(n.name) === "multivalueextendedproperties");
  if (!single || !multi) return undefined;
  const s = extendedPropertyMembers(index, single, false);
  const m = extendedPropertyMembers(index, multi, true);
  if (!s || !m || s.id !== m.id || s.value !== m.value) return undefined;
  return { single: single.name, multi: multi.name, id: s.id, value: s.value };
}

function extensionShapeOf(index: ModelIndex, t: EntityType): ExtensionShape | undefined {
  const nav = allNavigations(index, t).find((n) => lower(n.name) === "extensions" && n.type.collection);
  const target = nav ? index.structured.get(nav.type.name) : undefined;
  if (!nav || target?.kind !== "entityType") return undefined;
  const key = keyOf(index, target).properties;
  if (key.length !== 1 || !key[0] || !allProperties(index, target).includes(key[0])) return undefined;
  const open = [target, ...descendants(index, target)].find(
    (d) => d.kind === "entityType" && d.openType && !d.abstract && allProperties(index, d).some((p) => lower(p.name) === "extensionname"),
  );
  const extensionName = open ? allProperties(index, open).find((p) => lower(p.name) === "extensionname") : undefined;
  if (!open || !extensionName) return undefined;
  return { nav: nav.name, id: key[0].name, extensionName: extensionName.name, type: open.qualifiedName, idPrefix: extensionIdPrefix(open.qualifiedName) };
}

const same = <T extends object>(a: T, b: T): boolean => JSON.stringify(a) === JSON.stringify(b);

const supportOf = new WeakMap<ModelIndex, ExtensionSupport>();

/**
 * Which extension helpers a model's shape supports, found once per model's index: the pipeline asks when it checks
 * the declared definitions, and the planner again (each pass reads every entity type's navigations).
 */
export function detectExtensionSupport(index: ModelIndex): ExtensionSupport {
  let support = supportOf.get(index);
  if (support === undefined) {
    support = findExtensionSupport(index);
    supportOf.set(index, support);
  }
  return support;
}

function findExtensionSupport(index: ModelIndex): ExtensionSupport {
  let extendedProperties: ExtendedPropertyShape | undefined;
  let extensions: ExtensionShape | undefined;
  const withExtendedProperties: string[] = [];
  const withExtensions: string[] = [];
  for (const t of index.structured.values()) {
    if (t.kind !== "entityType") continue;
    const xp = extendedPropertyShapeOf(index, t);
    // One shape per service: a type whose navigations are named otherwise gets no helper.
    if (xp && (!extendedProperties || same(xp, extendedProperties))) {
      extendedProperties ??= xp;
      withExtendedProperties.push(t.qualifiedName);
    }
    const ext = extensionShapeOf(index, t);
    if (ext && (!extensions || same(ext, extensions))) {
      extensions ??= ext;
      withExtensions.push(t.qualifiedName);
    }
  }
  return {
    ...(extendedProperties ? { extendedProperties } : {}),
    ...(extensions ? { extensions } : {}),
    withExtendedProperties,
    withExtensions,
  };
}

/** The module `<version>/extensions.ts`: the helpers bound to this service's shapes, and the config's accessors. */
export interface ExtensionsPlan {
  readonly file: PlannedFile;
  /** What the module exports, for the symbol table and the barrel. */
  readonly exports: readonly { readonly names: readonly string[]; readonly typeOnly: boolean }[];
}

const FIXED_EXPORTS = [
  "defineExtendedProperty", "defineExtension", "expandExtendedProperties", "extendedPropertyValues",
  "extendedPropertyShape", "extensionShape", "createClient", "ServiceClient",
];

function specLiteral(spec: PropertyIdSpec): string {
  const hex = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(4, "0")}`;
  const parts = [`type: ${stringLiteral(spec.type)}`];
  if ("guid" in spec) parts.push(`guid: ${stringLiteral(spec.guid)}`);
  if ("name" in spec) parts.push(`name: ${stringLiteral(spec.name)}`);
  if ("id" in spec) parts.push(`id: ${hex(spec.id)}`);
  if ("tag" in spec) parts.push(`tag: ${hex(spec.tag)}`);
  return `{ ${parts.join(", ")} }`;
}

export function planExtensions(
  support: ExtensionSupport,
  definitions: CheckedDefinitions | undefined,
  /** The version's path prefix: `v2.0/`, or empty when its files sit at the output's root. */
  dir: string,
  takenTypeNames: readonly string[],
): ExtensionsPlan | undefined {
  const xp = support.extendedProperties;
  const ext = support.extensions;
  if (!xp && !ext) return undefined;
  const path = `${dir}extensions.ts`;
  const uses = { types: new Set<string>(), values: new Set<string>() };
  const runtime = new Map<string, string>();
  const use = (name: string, asValue: boolean): string => {
    (asValue ? uses.values : uses.types).add(name);
    runtime.set(name, RUNTIME_MODULE);
    return name;
  };

  const properties = xp ? (definitions?.extendedProperties ?? []) : [];
  const extensions = ext ? (definitions?.extensions ?? []) : [];
  const valueNames = allocate(
    [...properties.map((p) => [`xp:${p.key}`, memberIdentifier(p.key)] as const), ...extensions.map((e) => [`ext:${e.key}`, memberIdentifier(e.key)] as const)],
    { caseInsensitive: false, taken: FIXED_EXPORTS },
  );
  const typeNames = allocate(
    extensions.map((e) => [e.key, typeIdentifier(e.key)] as const),
    { caseInsensitive: true, taken: takenTypeNames },
  );

  if (xp) {
    use("createExtendedProperty", true);
    use("DefinedExtendedProperty", false);
    use("MapiType", false);
    use("PropertyIdSpec", false);
  }
  if (ext) {
    use("createExtension", true);
    use("DefinedExtension", false);
  }
  const view = {
    imports: importLines(path, uses, runtime),
    runtime: relativeSpecifier(path, RUNTIME_MODULE),
    xp: xp && {
      single: stringLiteral(xp.single),
      multi: stringLiteral(xp.multi),
      id: stringLiteral(xp.id),
      value: stringLiteral(xp.value),
    },
    ext: ext && {
      nav: stringLiteral(ext.nav),
      id: stringLiteral(ext.id),
      extensionName: stringLiteral(ext.extensionName),
      type: stringLiteral(ext.type),
      idPrefix: stringLiteral(ext.idPrefix),
    },
    properties: properties.map((p) => ({
      name: valueNames.get(`xp:${p.key}`),
      docLines: docLines(`Extended property ${p.propertyId}, declared in the codegen config as ${p.key}.`),
      spec: specLiteral(p.spec),
    })),
    extensions: extensions.map((e) => ({
      name: valueNames.get(`ext:${e.key}`),
      typeName: typeNames.get(e.key),
      docLines: docLines(`Data extension ${e.name}, declared in the codegen config as ${e.key}.`),
      fields: e.fields.map((f) => ({ key: propertyKey(f.name), type: f.type })),
      extensionName: stringLiteral(e.name),
    })),
  };
  const exports = [
    ...(xp ? [{ names: ["defineExtendedProperty", "expandExtendedProperties", "extendedPropertyShape", "extendedPropertyValues"], typeOnly: false }] : []),
    ...(ext ? [{ names: ["defineExtension", "extensionShape"], typeOnly: false }] : []),
    ...(valueNames.size > 0 ? [{ names: [...valueNames.values()], typeOnly: false }] : []),
    ...(typeNames.size > 0 ? [{ names: [...typeNames.values()], typeOnly: true }] : []),
  ];
  return { file: { path, template: "extensions/extensions", view }, exports };
}

/** Which kinds of config-declared definitions a version cannot carry (so the user hears they were skipped). */
export function unsupportedDefinitions(support: ExtensionSupport, definitions: CheckedDefinitions): string[] {
  const out: string[] = [];
  if (!support.extendedProperties && definitions.extendedProperties.length > 0) out.push("extended properties");
  if (!support.extensions && definitions.extensions.length > 0) out.push("data extensions");
  return out;
}
