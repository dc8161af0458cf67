/**
 * The config file: `codegen.config.{ts,mts,js,mjs,json}`. Its shape is written twice on purpose: as interfaces a
 * reader can follow in the .d.ts (what `defineConfig` takes), and as a zod schema (config-schema.ts) that checks a
 * loaded file and generates the shipped JSON Schema. A type-level test keeps the two equal.
 *
 * This module finds and reads the file; config-schema.ts checks it, loaded only when there is a file to check (zod is
 * about half of the code the command would otherwise load at start); turning it into GenerateOptions is options.ts's job.
 */
import { existsSync, readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";

// ---- the public shape (config-types.ts) ----------------------------------------------------------------------------

export * from "./config-types.js";

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
