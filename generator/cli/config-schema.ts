/**
 * The config file's zod schema: it checks a loaded config (every problem at once, with its path and, for an unknown
 * key, the nearest known one) and generates the shipped JSON Schema. Loaded only when there is a config to check or a
 * schema to write (zod is about half of the command's code). The interfaces a reader follows are in config-types.ts;
 * a type-level test keeps the two equal.
 */
import { z } from "zod";
import { parseSize, SIZE_WORDS } from "../load/size.js";
import { MAX_TIMEOUT_MS } from "../load/remote.js";
import { ConfigError, formatPath, nearest, withoutUndefined, type ConfigProblem } from "./config.js";
import type { CodegenConfig } from "./config-types.js";

// ---- the schema -----------------------------------------------------------------------------------------------------

const stringMap = z.record(z.string(), z.string());

const metadataSource = z
  .strictObject({
    label: z.string().min(1).optional().describe("Version label: the output folder and subpath export (v2.0). Default: the file's base name; a URL needs one."),
    source: z.string().min(1).describe("A file path (relative to the config file) or an http(s) URL."),
    baseUrl: z.string().optional().describe("The service root the generated client calls by default."),
    headers: stringMap.optional().describe("Request headers for a URL source. Values may use ${ENV_VAR}; they are never printed."),
    timeoutMs: z.number().int().positive().max(MAX_TIMEOUT_MS).optional().describe("Time limit for fetching a URL source, in milliseconds (default 30000)."),
  })
  .meta({ id: "MetadataSource", description: "One metadata document." });

const metadataEntry = z
  .union([z.string().min(1).describe('"label=source", or a file path labelled by its base name.'), metadataSource])
  .meta({ id: "Metadata" });

const packageSchema = z
  .strictObject({
    name: z.string().optional(),
    version: z.string().optional(),
    license: z.string().optional(),
    repository: z.string().optional(),
    engines: stringMap.optional(),
  })
  .meta({ id: "Package", description: "package.json fields of the generated package (mode package)." });

const clientSchema = z
  .strictObject({
    baseUrl: z.string().optional().describe("Service root for every metadata source that has no baseUrl of its own."),
    keyStyle: z.enum(["parentheses", "segment"]).optional(),
    headers: stringMap.optional().describe("Headers every request sends; written into the generated code as they are."),
  })
  .meta({ id: "Client", description: "Defaults baked into the generated createClient()." });

const extendedPropertySchema = z
  .strictObject({
    type: z.string().describe("MAPI type: String, Integer, SystemTime, StringArray, …"),
    guid: z.string().optional(),
    name: z.string().optional(),
    id: z.union([z.number(), z.string()]).optional(),
    tag: z.union([z.number(), z.string()]).optional(),
  })
  .meta({ id: "ExtendedProperty", description: "A MAPI extended property: { type, guid, name }, { type, guid, id } or { type, tag }." });

const extensionSchema = z
  .strictObject({
    name: z.string().describe("Reverse-DNS name, e.g. Com.Contoso.Referral."),
    fields: z.record(z.string(), z.enum(["string", "number", "boolean", "string[]", "number[]", "boolean[]"])).optional(),
  })
  .meta({ id: "Extension", description: "A data (open) extension: its name and the types of its payload's fields." });

const capabilitiesSchema = z
  .strictObject({
    changeTracking: z.boolean().optional().describe("Change tracking: sync() accepts the collection."),
    countable: z.boolean().optional().describe("count()."),
    deletable: z.boolean().optional().describe("delete() (of the members, for a collection)."),
    insertable: z.boolean().optional().describe("create()."),
    readable: z.boolean().optional().describe("get(), list(), pages(), items()."),
    updatable: z.boolean().optional().describe("update() (of the members, for a collection)."),
  })
  .meta({ id: "Capabilities", description: "Capabilities to add (true) or take away (false); only the types change." });

const outputOptions = {
  out: z.string().min(1).optional().describe("Output folder, relative to the config file. Default: generated."),
  mode: z.enum(["package", "sources"]).optional().describe("package (default): a publishable npm package; sources: only the client's TypeScript."),
  package: packageSchema.optional(),
  packageName: z.string().min(1).optional().describe("Shorthand for package.name."),
  client: clientSchema.optional(),
  extendedProperties: z.record(z.string(), extendedPropertySchema).optional().describe("MAPI extended properties to emit named accessors for."),
  extensions: z.record(z.string(), extensionSchema).optional().describe("Data extensions to emit named accessors for."),
  capabilities: z
    .record(z.string(), z.record(z.string(), capabilitiesSchema))
    .optional()
    .describe('Capability overrides by version label, then by target: an entity set or singleton by name, a navigation as "<entity type>/<navigation>" (its declaring type).'),
  migration: z
    .record(z.string(), z.union([z.string().min(1), z.literal(false)]))
    .optional()
    .describe(
      "Migration maps by version label: a map file (relative to the config file), as codegen diff --format map writes it, generated as <version>/migration.ts; false for none. Default: the shipped map for Outlook REST v1.0, v2.0 and beta.",
    ),
  silence: z.array(z.string()).optional().describe("Warning codes not to print."),
  // One rule (parseSize) and one message for any bad value: 0, 1.5 and "abc" alike.
  maxMetadataSize: z
    .union([z.number(), z.string()])
    .refine((size) => parseSize(size) !== undefined, SIZE_WORDS)
    .optional()
    .describe("Largest metadata document read from a file or a URL: bytes, or a size such as 200MB or 1GiB (KB, MB, GB: powers of 1000; KiB, MiB, GiB: of 1024). Default: 100MB."),
};

const outputSchema = z
  .strictObject({
    metadata: z.array(metadataEntry).describe("The metadata documents of this output."),
    ...outputOptions,
    out: z.string().min(1).describe("Output folder, relative to the config file."),
  })
  .meta({ id: "Output", description: "One output: its metadata and folder." });

/** Keys that describe one output: at the top level they cannot sit beside `outputs`. */
const OUTPUT_KEYS = ["metadata", ...Object.keys(outputOptions)] as const;

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    metadata: z.array(metadataEntry).optional().describe("Default: every metadata/*.xml, labelled by file name."),
    ...outputOptions,
    outputs: z.array(outputSchema).min(1).optional().describe("Several outputs, each with its own metadata and folder."),
  })
  .superRefine((config, ctx) => {
    if (config.outputs === undefined) return;
    for (const key of OUTPUT_KEYS) {
      if ((config as Record<string, unknown>)[key] !== undefined) {
        ctx.addIssue({ code: "custom", path: [key], message: `cannot sit beside "outputs"; put it in each output` });
      }
    }
  });

/** The JSON Schema shipped as schema/codegen.config.schema.json (editors validate and complete with it). */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...schema, title: "codegen config (odata-codegen)" };
}

export const CONFIG_SCHEMA_FILE = "schema/codegen.config.schema.json";

/** The file's exact text: two-space JSON and a final newline. */
export function configSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

type AnySchema = z.core.$ZodType;

/** The schema that validates the value at `path` (unions: the object branch), to list an object's known keys. */
function schemaAt(schema: AnySchema, path: readonly PropertyKey[]): AnySchema | undefined {
  let s: AnySchema | undefined = schema;
  for (const p of [...path, undefined]) {
    // Unwrap until a container is reached.
    for (;;) {
      const def: z.core.$ZodTypeDef & Record<string, unknown> = s!._zod.def as never;
      if (def.type === "optional" || def.type === "nullable" || def.type === "default" || def.type === "readonly") s = def["innerType"] as AnySchema;
      else if (def.type === "pipe") s = def["in"] as AnySchema;
      else if (def.type === "union") {
        const options = def["options"] as AnySchema[];
        s = options.find((o) => o._zod.def.type === "object") ?? options[0];
      } else break;
    }
    if (p === undefined) return s;
    const def: z.core.$ZodTypeDef & Record<string, unknown> = s!._zod.def as never;
    if (def.type === "object") s = (def["shape"] as Record<string, AnySchema>)[String(p)];
    else if (def.type === "array") s = def["element"] as AnySchema;
    else if (def.type === "record") s = def["valueType"] as AnySchema;
    else return undefined;
    if (s === undefined) return undefined;
  }
  return s;
}

function knownKeys(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  const s = schemaAt(schema, path);
  if (s === undefined || s._zod.def.type !== "object") return [];
  return Object.keys((s._zod.def as unknown as { shape: Record<string, unknown> }).shape);
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return typeof value === "number" && !Number.isFinite(value) ? "NaN" : typeof value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p as string];
  }
  return v;
}

const EXPECTED_NAMES: Record<string, string> = { object: "an object", array: "an array", record: "an object" };

/** zod issues → one readable problem each, with the config path and, for an unknown key, the nearest known key. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown, base: readonly PropertyKey[] = []): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    switch (issue.code) {
      case "unrecognized_keys": {
        const known = knownKeys(configSchema, path);
        for (const key of issue.keys) {
          const guess = nearest(key, known);
          const where = path.length === 0 ? "the top level" : formatPath(path);
          problems.push({ path: formatPath([...path, key]), message: `unknown key "${key}" at ${where}${guess ? `; did you mean "${guess}"?` : ""}` });
        }
        break;
      }
      case "invalid_union": {
        // Report the branch that fits the value's own type (an object entry's problems), else what was expected.
        const value = valueAt(input, path);
        const branches = issue.errors.filter((errs) => !errs.some((e) => e.code === "invalid_type" && e.path.length === 0));
        if (branches.length > 0) problems.push(...describeIssues(branches[0]!, input, path));
        else {
          const expected = issue.errors.map((errs) => errs.find((e) => e.code === "invalid_type")?.expected).filter((e) => e !== undefined);
          const names = [...new Set(expected)].map((e) => EXPECTED_NAMES[e] ?? `a ${e}`);
          problems.push({ path: formatPath(path), message: `expected ${names.join(" or ")}, got ${kindOf(value)}` });
        }
        break;
      }
      case "invalid_type": {
        const value = valueAt(input, path);
        problems.push({
          path: formatPath(path),
          message: value === undefined ? "required" : `expected ${EXPECTED_NAMES[issue.expected] ?? `a ${issue.expected}`}, got ${kindOf(value)}`,
        });
        break;
      }
      case "invalid_value": {
        const value = valueAt(input, path);
        const shown = typeof value === "string" && value.length <= 40 ? JSON.stringify(value) : kindOf(value);
        problems.push({ path: formatPath(path), message: `expected ${issue.values.map((v) => JSON.stringify(v)).join(" | ")}, got ${shown}` });
        break;
      }
      case "too_small":
        problems.push({
          path: formatPath(path),
          message: issue.origin === "string" ? "must not be empty" : issue.origin === "array" ? "must not be empty" : `must be at least ${String(issue.minimum)}`,
        });
        break;
      default:
        problems.push({ path: formatPath(path), message: issue.code === "custom" ? issue.message : issue.message.replace(/^Invalid input: /, "") });
    }
  }
  return problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Checks a loaded config; every problem at once. */
export function validateConfig(value: unknown, file: string): CodegenConfig {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigError(file, [{ path: "", message: `must hold an object, got ${kindOf(value)}` }]);
  }
  const result = configSchema.safeParse(value);
  if (!result.success) throw new ConfigError(file, describeIssues(result.error.issues, value));
  return withoutUndefined(result.data);
}
