/**
 * Request bodies checked against the model: property names are matched case-insensitively
 * and stored under their canonical names, values are checked against their declared types,
 * unknown properties are refused (except on open types), `@odata.type` picks a derived type.
 */
import type { TypeRef } from "../../generator/model/types.js";
import { bodyError } from "./errors.js";
import type { ServiceInfo } from "./model.js";

export interface EntityPayload {
  /** The concrete type: the declared type, or the derived type named by `@odata.type`. */
  readonly type: string;
  readonly props: Record<string, unknown>;
  /** Inline navigation content, by canonical navigation name. */
  readonly navs: Map<string, unknown>;
  /** Keys that were present in the body (canonical names), for PATCH. */
  readonly present: ReadonlySet<string>;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads `@odata.type` of a body: undefined when absent; the declared type must accept it. */
export function payloadType(service: ServiceInfo, declared: string, body: Record<string, unknown>): string {
  const raw = body["@odata.type"];
  if (raw === undefined) return declared;
  if (typeof raw !== "string") throw bodyError("@odata.type must be a string.");
  const type = service.typeName(raw);
  if (!type || !service.isA(type, declared)) {
    throw bodyError(`The type '${raw}' is not ${declared} or a type derived from it.`);
  }
  return type;
}

export function readEntityPayload(service: ServiceInfo, declared: string, body: unknown): EntityPayload {
  if (!isPlainObject(body)) throw bodyError("The request body must be a JSON object.");
  const type = payloadType(service, declared, body);
  const info = service.struct(type);
  if (!info) throw bodyError(`Unknown type ${type}.`);
  const props: Record<string, unknown> = {};
  const navs = new Map<string, unknown>();
  const present = new Set<string>();
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith("@") || key.includes("@odata.")) continue; // instance and property annotations
    const p = info.properties.get(key.toLowerCase());
    if (p) {
      props[p.name] = readValue(service, p.type, value, `${info.name}.${p.name}`);
      present.add(p.name);
      continue;
    }
    const n = info.navigations.get(key.toLowerCase());
    if (n) {
      navs.set(n.name, value);
      present.add(n.name);
      continue;
    }
    if (info.open) {
      props[key] = value;
      present.add(key);
      continue;
    }
    throw bodyError(
      `The property '${key}' does not exist on type '${type}'. Make sure to only use property names that are defined by the type.`,
    );
  }
  return { type, props, navs, present };
}

const STRINGY = new Set(["Edm.String", "Edm.Guid", "Edm.Date", "Edm.TimeOfDay", "Edm.Duration", "Edm.Binary"]);
const INTEGERS = new Set(["Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32", "Edm.Int64"]);
const DECIMALS = new Set(["Edm.Double", "Edm.Single", "Edm.Decimal"]);

/** A value of the given type, with complex members under canonical names. */
export function readValue(service: ServiceInfo, ref: TypeRef, value: unknown, where: string): unknown {
  if (value === null || value === undefined) return null;
  if (ref.collection) {
    if (!Array.isArray(value)) throw bodyError(`${where} must be a JSON array.`);
    return value.map((v, i) => readValue(service, { ...ref, collection: false }, v, `${where}[${i}]`));
  }
  return readSingle(service, ref.name, value, where);
}

function readSingle(service: ServiceInfo, typeName: string, value: unknown, where: string): unknown {
  const fail = (what: string): never => {
    throw bodyError(`Cannot convert the value of ${where} to ${what}.`);
  };
  if (typeName === "Edm.Untyped" || typeName === "Edm.Stream") return value;
  if (typeName === "Edm.Boolean") return typeof value === "boolean" ? value : fail("Edm.Boolean");
  if (typeName === "Edm.DateTimeOffset") {
    if (typeof value !== "string" || Number.isNaN(Date.parse(value))) fail("Edm.DateTimeOffset");
    return value;
  }
  if (STRINGY.has(typeName)) return typeof value === "string" ? value : fail(typeName);
  if (INTEGERS.has(typeName)) {
    if (typeof value === "number" && Number.isInteger(value)) return value;
    if (typeName === "Edm.Int64" && typeof value === "string" && /^-?\d+$/.test(value)) return value;
    return fail(typeName);
  }
  if (DECIMALS.has(typeName)) {
    if (typeof value === "number") return value;
    if (typeof value === "string" && /^(?:-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|NaN|-?INF)$/i.test(value)) return value;
    return fail(typeName);
  }
  const def = service.typeDefinition(typeName);
  if (def) return readSingle(service, def.underlyingType, value, where);
  const en = service.enumType(typeName);
  if (en) {
    if (typeof value === "number") {
      const m = en.members.find((x) => Number(x.value) === value);
      return m ? m.name : fail(typeName);
    }
    if (typeof value !== "string") return fail(typeName);
    const parts = en.isFlags ? value.split(",").map((s) => s.trim()) : [value];
    const names = parts.map(
      (p) => en.members.find((m) => m.name.toLowerCase() === p.toLowerCase())?.name ?? fail(typeName),
    );
    return names.join(",");
  }
  const info = service.struct(typeName);
  if (info && info.kind === "complex") {
    if (!isPlainObject(value)) return fail(typeName);
    const type = payloadType(service, typeName, value);
    const actual = service.struct(type) ?? info;
    const out: Record<string, unknown> = {};
    if (type !== typeName) out["@odata.type"] = `#${type}`;
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith("@") || k.includes("@odata.")) continue;
      const p = actual.properties.get(k.toLowerCase());
      if (!p) {
        if (actual.open) {
          out[k] = v;
          continue;
        }
        throw bodyError(`The property '${k}' does not exist on type '${type}'.`);
      }
      out[p.name] = readValue(service, p.type, v, `${where}.${p.name}`);
    }
    return out;
  }
  return value;
}
