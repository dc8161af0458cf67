/**
 * Extended properties and extensions declared in the codegen config. They are
 * checked here with the very functions the runtime uses (so the generator and
 * the client agree on what is valid), and become named, typed accessors in
 * each version that supports them.
 */
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { validateExtensionName } from "../../templates/runtime/extensions.js";
import { formatPropertyId, type PropertyIdSpec } from "../../templates/runtime/mapi.js";

/** As written in the config: `{ "type": "String", "guid": "…", "name": "Referral" }`, or `id`/`tag` instead of `name`. */
export interface ExtendedPropertyDefinition {
  readonly type: string;
  readonly guid?: string;
  readonly name?: string;
  readonly id?: number | string;
  readonly tag?: number | string;
}

/** The JSON types a data extension's fields may have: primitives and arrays of primitives. */
export const EXTENSION_FIELD_TYPES: Readonly<Record<string, string>> = {
  string: "string",
  number: "number",
  boolean: "boolean",
  "string[]": "string[]",
  "number[]": "number[]",
  "boolean[]": "boolean[]",
};

/** As written in the config: `{ "name": "Com.Contoso.Referral", "fields": { "companyName": "string" } }`. */
export interface ExtensionDefinition {
  readonly name: string;
  readonly fields?: Readonly<Record<string, string>>;
}

export interface Definitions {
  readonly extendedProperties?: Readonly<Record<string, ExtendedPropertyDefinition>>;
  readonly extensions?: Readonly<Record<string, ExtensionDefinition>>;
}

export interface CheckedExtendedProperty {
  /** The config's key: becomes the accessor's name. */
  readonly key: string;
  readonly spec: PropertyIdSpec;
  readonly propertyId: string;
}

export interface CheckedExtension {
  readonly key: string;
  readonly name: string;
  readonly fields: readonly { readonly name: string; readonly type: string }[];
}

export interface CheckedDefinitions {
  readonly extendedProperties: readonly CheckedExtendedProperty[];
  readonly extensions: readonly CheckedExtension[];
}

const hexOrNumber = (v: number | string): number => (typeof v === "number" ? v : /^0x[0-9a-f]+$/i.test(v) ? parseInt(v, 16) : Number.NaN);

export function checkDefinitions(
  definitions: Definitions | undefined,
  file: string,
): { readonly checked: CheckedDefinitions; readonly diagnostics: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const extendedProperties: CheckedExtendedProperty[] = [];
  const extensions: CheckedExtension[] = [];
  for (const [key, d] of Object.entries(definitions?.extendedProperties ?? {})) {
    const path = `extendedProperties.${key}`;
    try {
      if (typeof d !== "object" || d === null) throw new Error("must be an object");
      const spec =
        d.tag !== undefined
          ? { type: d.type, tag: hexOrNumber(d.tag) }
          : d.id !== undefined
            ? { type: d.type, guid: d.guid ?? "", id: hexOrNumber(d.id) }
            : { type: d.type, guid: d.guid ?? "", name: d.name ?? "" };
      const propertyId = formatPropertyId(spec as PropertyIdSpec);
      extendedProperties.push({ key, spec: spec as PropertyIdSpec, propertyId });
    } catch (e) {
      diagnostics.push(error("invalid-extended-property", `extended property ${key}: ${(e as Error).message}`, { file, path }));
    }
  }
  for (const [key, d] of Object.entries(definitions?.extensions ?? {})) {
    const path = `extensions.${key}`;
    try {
      if (typeof d !== "object" || d === null || typeof d.name !== "string") throw new Error("needs a name");
      validateExtensionName(d.name);
      const fields = Object.entries(d.fields ?? {}).map(([name, type]) => {
        const ts = EXTENSION_FIELD_TYPES[type];
        if (ts === undefined) throw new Error(`field ${name} has type ${type}; use one of ${Object.keys(EXTENSION_FIELD_TYPES).join(", ")}`);
        return { name, type: ts };
      });
      extensions.push({ key, name: d.name, fields });
    } catch (e) {
      diagnostics.push(error("invalid-extension", `extension ${key}: ${(e as Error).message}`, { file, path }));
    }
  }
  return { checked: { extendedProperties, extensions }, diagnostics };
}
