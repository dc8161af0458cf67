/**
 * The config file: `codegen.config.{ts,mts,js,mjs,json}`. Its shape is written twice on purpose: as interfaces a
 * reader can follow in the .d.ts (what `defineConfig` takes), and as a zod schema that checks a loaded file and
 * generates the shipped JSON Schema. A type-level test keeps the two equal.
 *
 * This module reads the file and checks it; turning it into GenerateOptions is options.ts's job.
 */
import { existsSync, readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { parseSize, SIZE_WORDS } from "../load/size.js";
import { MAX_TIMEOUT_MS } from "../load/remote.js";

// ---- the public shape (config-types.ts) ----------------------------------------------------------------------------

export * from "./config-types.js";
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

const outputOptions = {
  out: z.string().min(1).optional().describe("Output folder, relative to the config file. Default: generated."),
  mode: z.enum(["package", "sources"]).optional().describe("package (default): a publishable npm package; sources: only the client's TypeScript."),
  package: packageSchema.optional(),
  packageName: z.string().min(1).optional().describe("Shorthand for package.name."),
  client: clientSchema.optional(),
  extendedProperties: z.record(z.string(), extendedPropertySchema).optional().describe("MAPI extended properties to emit named accessors for."),
  extensions: z.record(z.string(), extensionSchema).optional().describe("Data extensions to emit named accessors for."),
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

// ---- problems -------------------------------------------------------------------------------------------------------

/** A config problem: the path in the config (`outputs[0].mode`) and what is wrong. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

/** A config file that cannot be used; every problem is listed. The CLI exits 2 with these, never a stack. */
export class ConfigError extends Error {
  readonly file: string;
  readonly problems: readonly ConfigProblem[];
  constructor(file: string, problems: readonly ConfigProblem[]) {
    super(problems.map((p) => `${file}: ${p.path === "" ? "" : `${p.path}: `}${p.message}`).join("\n"));
    this.name = "ConfigError";
    this.file = file;
    this.problems = problems;
  }
}

/** `outputs[0].client.headers["X-Id"]`: dotted where the key is an identifier, bracketed otherwise. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else if (typeof p === "string" && /^[A-Za-z_$][\w$]*$/.test(p)) out += out === "" ? p : `.${p}`;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out;
}

/** Edit distance (insertions, deletions, substitutions, swaps of neighbours; case ignored), for "did you mean". */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[x.length]![y.length]!;
}

/** The known name closest to `name`, when it is close enough to be a likely typo or a near miss. */
export function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    // A prefix either way ("pkg" → "package" is not one, "outputDir" → "out" is) counts half its length difference.
    const prefix = k.toLowerCase().startsWith(name.toLowerCase()) || name.toLowerCase().startsWith(k.toLowerCase());
    const d = Math.min(editDistance(name, k), prefix ? Math.abs(k.length - name.length) * 0.5 + 0.25 : Infinity);
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
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

/** Drops keys whose value is undefined, at any depth (a JS config may spell them out), so optional means absent. */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefined(v)]),
  ) as T;
}

// ---- ${ENV} in header values ----------------------------------------------------------------------------------------

const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Expands `${NAME}` in one header value from `env`. A variable that is not set is a problem naming it and the config
 * path; the value (set or not) is never part of any message.
 */
export function expandEnv(value: string, env: Readonly<Record<string, string | undefined>>, path: string, problems: ConfigProblem[]): string {
  return value.replace(ENV_REFERENCE, (_whole, name: string) => {
    const v = env[name];
    if (v === undefined) {
      problems.push({ path, message: `environment variable ${name} is not set` });
      return "";
    }
    return v;
  });
}

// ---- finding and loading --------------------------------------------------------------------------------------------

/** Looked up in this order in the working folder when --config is not given. */
export const CONFIG_NAMES = ["codegen.config.ts", "codegen.config.mts", "codegen.config.js", "codegen.config.mjs", "codegen.config.json"] as const;

const CONFIG_EXTENSIONS = [".ts", ".mts", ".js", ".mjs", ".json"];

export function findConfig(cwd: string): string | undefined {
  return CONFIG_NAMES.find((name) => existsSync(resolve(cwd, name)));
}

export class ConfigLoadError extends Error {}

/**
 * Reads a config file: .ts/.mts through jiti (loaded only then), .js/.mjs by import() (the default export), .json
 * parsed. `fresh` reloads a module that was imported before (watch mode).
 */
/** JSON.parse, with the error placed at line:column of the file (Node names only a character offset, or none at the end). */
function parseJson(text: string, shown: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = (e as Error).message;
    const at = /at position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : /end of JSON input/.test(message) ? text.length : undefined;
    // V8 may quote the text around the error (`…"Bearer eyJ"… is not valid JSON`): it could be a secret, so not shown.
    if (offset === undefined) throw new ConfigLoadError(`cannot read config ${shown}: ${message.replace(/, "[\s\S]*$|, \.\.\."[\s\S]*$/, "")}`);
    const before = text.slice(0, offset).split("\n");
    const where = `${shown}:${before.length}:${(before[before.length - 1]?.length ?? 0) + 1}`;
    throw new ConfigLoadError(`cannot read config ${where}: ${message.replace(/ in JSON at position \d+.*$/, "")}`);
  }
}

export async function loadConfigFile(path: string, shown: string, fresh = false): Promise<unknown> {
  const ext = extname(path).toLowerCase();
  if (!CONFIG_EXTENSIONS.includes(ext)) {
    throw new ConfigLoadError(`cannot read config ${shown}: use a .ts, .mts, .js, .mjs or .json file`);
  }
  if (!existsSync(path)) throw new ConfigLoadError(`cannot read config ${shown}: ENOENT`);
  try {
    if (ext === ".json") return parseJson(readFileSync(path, "utf8"), shown);
    if (ext === ".ts" || ext === ".mts") {
      const { createJiti } = await import("jiti");
      const jiti = createJiti(import.meta.url, { moduleCache: !fresh, fsCache: false });
      return await jiti.import(path, { default: true });
    }
    const url = pathToFileURL(path);
    if (fresh) url.search = `?t=${Date.now()}`;
    const mod = (await import(url.href)) as { default?: unknown };
    if (!("default" in mod)) throw new Error("it has no default export");
    return mod.default;
  } catch (e) {
    if (e instanceof ConfigLoadError) throw e;
    // The first line only: a loader's stack says nothing about the config.
    const message = (e instanceof Error ? e.message : String(e)).split("\n")[0];
    throw new ConfigLoadError(`cannot read config ${shown}: ${message}`);
  }
}
