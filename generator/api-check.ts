/**
 * The programmatic API's arguments, checked before anything uses them: a JavaScript caller (or one that casts) can
 * pass anything, and a wrong shape must come back as a diagnostic (generate) or an InvalidArgumentError (the output
 * functions), never as a TypeError from deep inside a stage. Only the shape is checked here; what a well-shaped
 * value means (a header's syntax, a package name) the stages check and report as before.
 */
import { error, type Diagnostic } from "./diagnostics/diagnostic.js";
import { parseSize, SIZE_WORDS } from "./load/size.js";
import { MAX_TIMEOUT_MS } from "./load/remote.js";
import * as write from "./write/write.js";
import type { OutputChanges, OutputFile, WriteMemory } from "./write/write.js";

/** Where API-argument diagnostics point: there is no file, so the options object. */
export const OPTIONS_FILE = "options";

type Check = (value: unknown, at: string, out: string[]) => void;

const kind = (v: unknown): string =>
  v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : typeof v === "string" ? `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 39)}…` : v)}` : typeof v === "number" || typeof v === "boolean" || typeof v === "bigint" ? `${typeof v} ${String(v)}` : typeof v;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const optional =
  (check: Check): Check =>
  (v, at, out) => {
    if (v !== undefined) check(v, at, out);
  };

const string: Check = (v, at, out) => {
  if (typeof v !== "string") out.push(`${at} must be a string, not ${kind(v)}`);
};
const nonEmptyString: Check = (v, at, out) => {
  if (typeof v !== "string" || v.trim() === "") out.push(`${at} must be a non-empty string, not ${kind(v)}`);
};
const boolean: Check = (v, at, out) => {
  if (typeof v !== "boolean") out.push(`${at} must be true or false, not ${kind(v)}`);
};
const func: Check = (v, at, out) => {
  if (typeof v !== "function") out.push(`${at} must be a function, not ${kind(v)}`);
};
const timeLimit: Check = (v, at, out) => {
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0 || v > MAX_TIMEOUT_MS) out.push(`${at} must be a number of ms above 0 and at most ${MAX_TIMEOUT_MS}, not ${kind(v)}`);
};
const oneOf =
  (...values: string[]): Check =>
  (v, at, out) => {
    if (typeof v !== "string" || !values.includes(v)) out.push(`${at} must be ${values.map((x) => JSON.stringify(x)).join(" or ")}, not ${kind(v)}`);
  };
const stringRecord: Check = (v, at, out) => {
  if (!isRecord(v)) return void out.push(`${at} must be an object of strings, not ${kind(v)}`);
  for (const [k, x] of Object.entries(v)) if (typeof x !== "string") out.push(`${at}[${JSON.stringify(k)}] must be a string, not ${kind(x)}`);
};
const object =
  (fields: Readonly<Record<string, Check>>): Check =>
  (v, at, out) => {
    if (!isRecord(v)) return void out.push(`${at} must be an object, not ${kind(v)}`);
    for (const [k, check] of Object.entries(fields)) check(v[k], `${at}.${k}`, out);
  };
const recordOf =
  (check: Check): Check =>
  (v, at, out) => {
    if (!isRecord(v)) return void out.push(`${at} must be an object, not ${kind(v)}`);
    for (const [k, x] of Object.entries(v)) check(x, `${at}[${JSON.stringify(k)}]`, out);
  };
const withMethods =
  (...methods: (string | symbol)[]): Check =>
  (v, at, out) => {
    if (typeof v !== "object" || v === null || methods.some((m) => typeof (v as Record<string | symbol, unknown>)[m] !== "function")) {
      out.push(`${at} must be an object with ${methods.map((m) => (typeof m === "symbol" ? `[${m.description ?? ""}]` : m)).join(" and ")} methods (a Map), not ${kind(v)}`);
    }
  };
const size: Check = (v, at, out) => {
  if (parseSize(v) === undefined) out.push(`${at} must be ${SIZE_WORDS}, not ${kind(v)}`);
};

const metadataInput = object({
  label: nonEmptyString,
  source: nonEmptyString,
  baseUrl: optional(string),
  headers: optional(stringRecord),
  timeoutMs: optional(timeLimit),
});

const GENERATE_OPTIONS: Readonly<Record<string, Check>> = {
  inputs: (v, at, out) => {
    if (!Array.isArray(v)) return void out.push(`${at} must be an array of metadata inputs ({ label, source }), not ${kind(v)}`);
    if (v.length === 0) out.push(`${at} is empty: give at least one metadata input ({ label, source })`);
    v.forEach((x, i) => metadataInput(x, `${at}[${i}]`, out));
  },
  definitions: optional(
    object({
      // Each declaration is checked by the plan (checkDefinitions), which names it by its config path.
      extendedProperties: optional(recordOf(() => undefined)),
      extensions: optional(recordOf(() => undefined)),
    }),
  ),
  definitionsFile: optional(string),
  mode: optional(oneOf("package", "sources")),
  package: optional(
    object({
      name: optional(string),
      version: optional(string),
      license: optional(string),
      repository: optional(string),
      engines: optional(stringRecord),
    }),
  ),
  packageName: optional(string),
  packageVersion: optional(string),
  client: optional(object({ keyStyle: optional(string), headers: optional(stringRecord) })),
  capabilities: optional(
    recordOf(
      recordOf(
        object({
          changeTracking: optional(boolean),
          countable: optional(boolean),
          deletable: optional(boolean),
          insertable: optional(boolean),
          readable: optional(boolean),
          updatable: optional(boolean),
        }),
      ),
    ),
  ),
  migration: optional(
    recordOf((v, at, out) => {
      if (v !== false && (typeof v !== "string" || v.trim() === "")) out.push(`${at} must be the path of a migration map or false, not ${kind(v)}`);
    }),
  ),
  format: optional(boolean),
  formatCache: optional(withMethods("get")),
  fetch: optional(func),
  onStage: optional(func),
  runCache: optional(
    object({
      models: withMethods("get", "set"),
      pieces: withMethods("get", "set"),
      renderer: (v, at, out) => {
        if (!isRecord(v)) out.push(`${at} must be an object, not ${kind(v)}`);
      },
    }),
  ),
  maxMetadataSize: optional(size),
};

/** What is wrong with generate()'s options, as diagnostics (empty when their shape is right). */
export function checkGenerateOptions(options: unknown): Diagnostic[] {
  const out: string[] = [];
  if (!isRecord(options)) out.push(`generate() takes an options object ({ inputs: [{ label, source }] }), not ${kind(options)}`);
  else for (const [k, check] of Object.entries(GENERATE_OPTIONS)) check(options[k], k, out);
  return out.map((m) => error("invalid-option", m, { file: OPTIONS_FILE }));
}

/**
 * A programmatic caller passed an argument of the wrong shape to writeOutput, diffOutput or checkOutputFolder.
 * Nothing was read or written.
 */
export class InvalidArgumentError extends Error {
  readonly code = "invalid-argument";
  constructor(message: string) {
    super(message);
    this.name = "InvalidArgumentError";
  }
}

const outputFile = object({ path: nonEmptyString, text: string, sourceHash: optional(string) });

/** Throws InvalidArgumentError, naming every wrong argument, unless the output functions' arguments have their shape. */
export function checkOutputArguments(
  fn: "writeOutput" | "diffOutput" | "checkOutputFolder",
  outDir: unknown,
  files: unknown,
  memory?: unknown,
): void {
  const out: string[] = [];
  nonEmptyString(outDir, "outDir", out);
  if (fn === "checkOutputFolder" && isRecord(files) && "isPackage" in files) boolean(files["isPackage"], "files.isPackage", out);
  else if (!Array.isArray(files)) out.push(`files must be an array of { path, text }${fn === "checkOutputFolder" ? " or { isPackage }" : ""}, not ${kind(files)}`);
  else {
    const before = out.length;
    for (let i = 0; i < files.length && out.length - before < 5; i++) outputFile(files[i], `files[${i}]`, out);
  }
  if (fn === "writeOutput" && memory !== undefined) {
    // writeOutput also iterates them (new Map(memory.files)).
    const map = withMethods("get", "set", "clear", Symbol.iterator);
    object({ files: map, dirs: map })(memory, "memory", out);
  }
  if (out.length > 0) throw new InvalidArgumentError(`${fn}(): ${out.join("; ")}`);
}

// ---- the output functions as the API exports them: checked, then the writer's own -----------------------------------

/** {@link write.writeOutput}, its arguments checked first (InvalidArgumentError). */
export async function writeOutput(outDir: string, files: readonly OutputFile[], memory?: WriteMemory): Promise<OutputChanges> {
  checkOutputArguments("writeOutput", outDir, files, memory);
  return write.writeOutput(outDir, files, memory);
}

/** {@link write.diffOutput}, its arguments checked first (InvalidArgumentError). */
export async function diffOutput(outDir: string, files: readonly OutputFile[]): Promise<OutputChanges> {
  checkOutputArguments("diffOutput", outDir, files);
  return write.diffOutput(outDir, files);
}

/** {@link write.checkOutputFolder}, its arguments checked first (InvalidArgumentError). */
export function checkOutputFolder(outDir: string, files: readonly OutputFile[] | { readonly isPackage: boolean }): void {
  checkOutputArguments("checkOutputFolder", outDir, files);
  write.checkOutputFolder(outDir, files);
}
