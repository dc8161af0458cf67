/**
 * What every planner of one version shares: the planned-file shape, the version's context (its model index, names,
 * paths and header), and how a model type becomes a TypeScript type. The planners (models.ts, nodes.ts, client.ts,
 * barrels.ts, extensions.ts, package.ts) each plan one output kind; plan.ts calls them in order.
 */
import type { CapabilityOverride } from "./profiles.js";
import type { Parameter, ServiceModel, TypeRef } from "../model/types.js";
import type { CheckedDefinitions } from "./definitions.js";
import type { DocContext } from "./docs.js";
import type { ExtensionSupport, ExtensionsPlan } from "./extensions.js";
import type { SymbolTable } from "./imports.js";
import type { ModelIndex } from "./index-model.js";
import type { MigrationMap } from "./migration.js";
import type { MemberNames, Names } from "./naming.js";

export interface PlannedFile {
  /** Path relative to the output folder, `/`-separated. */
  readonly path: string;
  readonly template: string;
  readonly view: object;
  /** A large file's last section, which the renderer may give apart in parts (Tail). */
  readonly tail?: Tail;
}

/**
 * The view's array `key`, which the file's template prints last through the partial `template` (a template of its
 * own too): the renderer gives the file without it, then the partial over `size` items at a time, the same text in
 * parts, so that a version's rolled-up models.ts is never one string before it is formatted. Each part is rendered
 * from `{ [key]: items }` alone: the partial may read only its items (no `@root`, no other field of the view).
 */
export interface Tail {
  readonly key: string;
  readonly template: string;
  readonly size: number;
}

/**
 * A planned file not computed yet: called, it gives the file (its path, template and view). Each call computes it
 * anew from the model; nothing is kept between calls.
 */
export type DeferredFile = () => PlannedFile;

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
  /** The config's capability overrides of this version, by target (plan/capabilities.ts), already checked. */
  readonly capabilities?: Readonly<Record<string, CapabilityOverride>>;
  /** The version's files at the root of the output folder, beside runtime/ (sources mode, one input) instead of in a folder named after the label. */
  readonly atRoot?: boolean;
  /** What a long-lived caller (codegen --watch) keeps between plans of the same service; the plan reads and fills it. */
  readonly memo?: PlanMemo;
  /** The version's migration map, already checked (plan/migration.ts): planned as `<version>/migration.ts`. */
  readonly migration?: MigrationMap;
}

/** See PlanInput.memo: the type names of the last plan, with everything they were computed from (namesKey). */
export interface PlanMemo {
  names?: { readonly key: string; readonly names: Names };
}

/** One version as its planners see it. Read-only: computed once by plan.ts. */
export interface Version {
  readonly input: PlanInput;
  readonly index: ModelIndex;
  readonly names: Names;
  /** Wire name → TypeScript member names, for every navigation, operation, entity set and singleton (naming.memberNames). */
  readonly members: MemberNames;
  /** The prefix of every path of this version: its folder, or nothing when its files sit at the output's root. */
  readonly dir: string;
  readonly header: string;
  readonly docs: DocContext;
  readonly support: ExtensionSupport;
  readonly extensions: ExtensionsPlan | undefined;
  readonly symbols: SymbolTable;
}

export const RUNTIME_MODULE = "runtime/index.ts";

export const EDM_TS: Readonly<Record<string, string>> = {
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

/** Tracks the symbols a file refers to, so its imports can be computed. */
export class Uses {
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
export function tsType(ref: TypeRef, v: Version, uses: Uses, opts: { readonly polymorphic: boolean }): string {
  const element = elementType(ref.name, v, uses, opts);
  return ref.collection ? `${wrapForArray(element)}[]` : element;
}

function wrapForArray(t: string): string {
  return /^[A-Za-z0-9_$]+(<[A-Za-z0-9_$]+>)?$/.test(t) ? t : `(${t})`;
}

export function elementType(name: string, v: Version, uses: Uses, opts: { readonly polymorphic: boolean }): string {
  const edm = EDM_TS[name];
  if (edm !== undefined) return edm;
  if (name.startsWith("Edm.Geography") || name.startsWith("Edm.Geometry")) return "Record<string, unknown>";
  if (name.startsWith("Edm.")) return "unknown";
  const enumType = v.index.enums.get(name);
  const declared = v.names.types.get(name);
  if (declared === undefined) return "unknown";
  if (enumType) {
    if (enumType.members.length === 0) return "string";
    return enumType.isFlags ? `${uses.type("Flags")}<${uses.type(declared)}>` : uses.type(declared);
  }
  const any = v.names.any.get(name);
  if (opts.polymorphic && any !== undefined) return uses.type(any);
  return uses.type(declared);
}

export function nullable(t: string, isNullable: boolean): string {
  return isNullable ? `${t} | null` : t;
}

/** The type name the runtime formats literals by: type definitions stand for their underlying type. */
export function wireTypeName(name: string, index: ModelIndex): string {
  return index.typeDefinitions.get(name)?.underlyingType ?? name;
}

export function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = key(i);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Edm types whose URL literal the runtime infers from a JavaScript string, boolean or number (keys). */
export const INFERABLE: ReadonlySet<string> = new Set(["Edm.String", "Edm.Boolean", "Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32", "Edm.Int64"]);

/**
 * The Edm types of function parameters whose literal the runtime infers from the value: INFERABLE, and the floating
 * point types, which take a JavaScript number (formatLiteral renders a finite number the same with or without the type).
 */
const INFERABLE_PARAMETER: ReadonlySet<string> = new Set([...INFERABLE, "Edm.Double", "Edm.Single"]);

/**
 * The literal type of a function parameter the runtime cannot infer from its value, or undefined. A collection or a
 * structured value needs none: the runtime sends an array or an object as JSON through a parameter alias whatever the
 * table says (templates/runtime/node.ts, callParams).
 */
export function literalType(p: Parameter, index: ModelIndex): string | undefined {
  const name = wireTypeName(p.type.name, index);
  if (p.type.collection || index.structured.has(name) || INFERABLE_PARAMETER.has(name)) return undefined;
  if (name === "Edm.Untyped" || name.startsWith("Edm.Geography") || name.startsWith("Edm.Geometry")) return undefined;
  return name;
}

