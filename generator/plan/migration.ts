/**
 * A version's migration map (templates/runtime/migration-map.ts): checked against its shape and the model, then planned
 * as `<version>/migration.ts`, which exports it as plain data. The package exports it at its own subpath
 * (`./<version>/migration`) and the version's index does not re-export it: an app that never migrates never bundles it.
 *
 * The map comes from a file (the config's `migration`, or a map this package ships), so every string in it is
 * untrusted: each is printed as a string literal or an object key (naming.ts), in data position, never as code.
 * The literal is `as const` (templates/migration/migration.hbs): under a key named as a member of Object.prototype
 * (`toString`, `constructor`), TypeScript types a value by that member instead of the record's value type, so its
 * `kind` would widen to string and the module would not type-check.
 */
import type { MigrationMap } from "../../templates/runtime/migration-map.js";
import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { ServiceModel } from "../model/types.js";
import type { PlannedFile, Version } from "./context.js";
import { relativeSpecifier } from "./imports.js";
import { commentText, jsonString, objectKey, stringLiteral } from "./naming.js";
import { PRINT_WIDTH } from "../format/layout.js";

export type { MigrationMap } from "../../templates/runtime/migration-map.js";

/** The warning when the map the profile chose by label names types the version does not have. */
export const MIGRATION_MAP_MISMATCH = "migration-map-mismatch";

/** The diagnostic code of a map that is not a migration map, or not one for this version. */
export const INVALID_MIGRATION_MAP = "invalid-migration-map";

/** The module a version's map is planned into. */
export const migrationPath = (dir: string): string => `${dir}migration.ts`;

// ---- the shape ------------------------------------------------------------------------------------------------------

type Check = (value: unknown, at: string, out: string[]) => void;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const kindOf = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : typeof v);
/** A key as the path shows it: quoted, with invisible characters escaped. */
const keyAt = (at: string, key: string): string => `${at}[${jsonString(key)}]`;

const str: Check = (v, at, out) => {
  if (typeof v !== "string") out.push(`${at} must be a string, not ${kindOf(v)}`);
};
const strOrNull: Check = (v, at, out) => {
  if (v !== null && typeof v !== "string") out.push(`${at} must be a string or null, not ${kindOf(v)}`);
};
const yes: Check = (v, at, out) => {
  if (v !== true) out.push(`${at} must be true when present, not ${kindOf(v)}`);
};
const oneOf =
  (...values: string[]): Check =>
  (v, at, out) => {
    if (typeof v !== "string" || !values.includes(v)) out.push(`${at} must be ${values.map((x) => JSON.stringify(x)).join(" or ")}`);
  };
/** An object with these fields (those marked optional may be absent) and no other. */
const shape =
  (required: Readonly<Record<string, Check>>, optional: Readonly<Record<string, Check>> = {}): Check =>
  (v, at, out) => {
    if (!isRecord(v)) return void out.push(`${at} must be an object, not ${kindOf(v)}`);
    for (const [k, check] of Object.entries(required)) {
      if (!Object.hasOwn(v, k)) out.push(`${at}.${k} is missing`);
      else check(v[k], `${at}.${k}`, out);
    }
    for (const [k, x] of Object.entries(v)) {
      if (Object.hasOwn(required, k)) continue;
      if (Object.hasOwn(optional, k)) optional[k]!(x, `${at}.${k}`, out);
      else out.push(`${keyAt(at, k)} is not a field of a migration map here`);
    }
  };
const recordOf =
  (check: Check): Check =>
  (v, at, out) => {
    if (!isRecord(v)) return void out.push(`${at} must be an object, not ${kindOf(v)}`);
    for (const [k, x] of Object.entries(v)) check(x, keyAt(at, k), out);
  };

const side = shape({ label: str, namespace: str });
const shapeChange = shape({ type: str }, { collection: yes });
const parameter = shape({ to: strOrNull, type: str }, { collection: yes, toType: shapeChange, why: str });
const operation = shape(
  { to: strOrNull, kind: oneOf("action", "function"), parameters: recordOf(parameter) },
  { returns: shape({ type: str }, { collection: yes }), why: str },
);
const member = shape({ to: strOrNull, kind: oneOf("property", "navigationProperty"), type: str }, { collection: yes, contained: yes, toType: shapeChange, why: str });
const typeMap = shape(
  { to: strOrNull, kind: oneOf("entityType", "complexType", "enumType", "typeDefinition") },
  { base: str, delta: yes, why: str, members: recordOf(member), enumMembers: recordOf(strOrNull), enumMembersWhy: recordOf(str) },
);
const root = shape({ to: strOrNull, kind: oneOf("entitySet", "singleton"), type: str }, { why: str });
const migrationMapShape = shape({
  from: side,
  to: side,
  roots: recordOf(root),
  types: recordOf(typeMap),
  operations: recordOf(recordOf(operation)),
  imports: recordOf(operation),
});

/** What keeps `value` from having MigrationMap's shape (a field missing, of another type, or unknown), each by its place. */
export function migrationMapProblems(value: unknown): string[] {
  const problems: string[] = [];
  migrationMapShape(value, "map", problems);
  return problems;
}

/** At most this many problems of one map are reported: a file of another kind would give one per key. */
const MAX_PROBLEMS = 10;

/**
 * The map, when `value` has MigrationMap's shape (no field missing, none of another type, none unknown) and its
 * `from.namespace` is a namespace of the version's model; otherwise the diagnostics, at the map's file.
 */
export function checkMigrationMap(
  value: unknown,
  file: string,
  label: string,
  model: ServiceModel,
  shipped = false,
): { readonly map?: MigrationMap; readonly diagnostics: readonly Diagnostic[] } {
  const problems = migrationMapProblems(value);
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS).map((p) => error(INVALID_MIGRATION_MAP, `migration map of ${label}: ${p}`, { file }));
    const more = problems.length - shown.length;
    return { diagnostics: more > 0 ? [...shown, error(INVALID_MIGRATION_MAP, `migration map of ${label}: ${more} more problem(s)`, { file })] : shown };
  }
  const map = value as MigrationMap;
  const namespaces = model.schemas.map((s) => s.namespace);
  if (!namespaces.includes(map.from.namespace)) {
    const message = `migration map of ${label}: it maps names of ${jsonString(map.from.namespace)}, which version ${label} does not declare (its namespaces: ${namespaces.map(jsonString).join(", ")})`;
    return { diagnostics: [error(INVALID_MIGRATION_MAP, message, { file })] };
  }
  // The same namespace is not the same version (Outlook v1.0, v2.0 and beta share theirs): every type and root the map
  // names must be the model's. A map the profile chose by label is then left out with a warning; one the user named
  // is an error.
  const modelNames = new Set(model.schemas.flatMap((s) => [...s.entityTypes, ...s.complexTypes, ...s.enumTypes, ...s.typeDefinitions].map((t) => t.qualifiedName)));
  const rootNames = new Set(model.schemas.flatMap((s) => (s.container === undefined ? [] : [...s.container.entitySets, ...s.container.singletons].map((x) => x.name))));
  const strangers = [...Object.keys(map.types).filter((q) => !modelNames.has(q)), ...Object.keys(map.roots).filter((r) => !rootNames.has(r))];
  if (strangers.length > 0) {
    const shown = strangers.slice(0, 3).map(jsonString).join(", ");
    const message = `migration map of ${label}: it names ${strangers.length} type(s) or root(s) that version ${label} does not have (${shown}${strangers.length > 3 ? ", …" : ""}): it was built for another version`;
    return shipped
      ? { diagnostics: [warning("migration-map-mismatch", `${message}; the shipped map is left out (name the right one with the config's migration key)`, { file })] }
      : { diagnostics: [error(INVALID_MIGRATION_MAP, message, { file })] };
  }
  return { map, diagnostics: [] };
}

// ---- the module -----------------------------------------------------------------------------------------------------

type Data = string | boolean | null | { readonly [key: string]: Data };

const scalar = (v: string | boolean | null): string => (typeof v === "string" ? stringLiteral(v) : String(v));

/**
 * The object literal's property lines, in prettier's form: an object of objects one property per line, an object of
 * scalars on one line when that fits the print width (as prettier keeps it), else one property per line. A string
 * is never broken: a long `why` stays on its line, as prettier leaves it.
 */
export function literalLines(data: { readonly [key: string]: Data }, indent: string): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(data)) {
    const head = `${indent}${objectKey(k)}: `;
    if (v === null || typeof v !== "object") {
      out.push(`${head}${scalar(v)},`);
      continue;
    }
    const entries = Object.entries(v);
    if (entries.length === 0) {
      out.push(`${head}{},`);
      continue;
    }
    if (entries.every(([, x]) => x === null || typeof x !== "object")) {
      const flat = `${head}{ ${entries.map(([ek, x]) => `${objectKey(ek)}: ${scalar(x as string | boolean | null)}`).join(", ")} },`;
      if (flat.length <= PRINT_WIDTH) {
        out.push(flat);
        continue;
      }
    }
    out.push(`${head}{`, ...literalLines(v, `${indent}  `), `${indent}},`);
  }
  return out;
}

export function planMigration(v: Version, map: MigrationMap): PlannedFile {
  const path = migrationPath(v.dir);
  const describe = (s: { readonly label: string; readonly namespace: string }): string => `${commentText(s.label)} (${commentText(s.namespace)})`;
  return {
    path,
    template: "migration/migration",
    view: {
      header: v.header,
      runtime: relativeSpecifier(path, "runtime/migration-map.ts"),
      from: describe(map.from),
      to: describe(map.to),
      lines: literalLines(map as unknown as { readonly [key: string]: Data }, "  "),
    },
  };
}
