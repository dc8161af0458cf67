/**
 * Command-line and config-file options → one GenerateOptions per output, plus where each is written.
 * One table of flags, each with its documentation; the config file takes the same options (see config.ts).
 */
import type { CapabilityOverrides } from "../plan/capabilities.js";
import type { Argv } from "yargs";
import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, relative, resolve } from "node:path";
import { WARNING_CODES } from "../diagnostics/diagnostic.js";
import { HeaderError, isUrl, parseHeader, parseSize, redactText, SIZE_WORDS, type MetadataInput } from "../load/load.js";
import { MAX_TIMEOUT_MS } from "../load/remote.js";
import type { Definitions } from "../plan/definitions.js";
import type { GenerateOptions, PackageInfo } from "../pipeline.js";
import {
  ConfigError,
  ConfigLoadError,
  expandEnv,
  findConfig,
  formatPath,
  loadConfigFile,
  nearest,
  type CodegenConfig,
  type ConfigProblem,
  type MetadataConfig,
  type OutputOptionsConfig,
} from "./config.js";

export const FLAGS = {
  metadata: {
    alias: "m",
    type: "string",
    requiresArg: true,
    array: true,
    describe:
      "CSDL $metadata to generate from: a file or an http(s) URL, optionally labelled as label=source (e.g. v2.0=metadata/v2.0.xml). Repeatable. Default: every metadata/*.xml, labelled by file name.",
  },
  out: { alias: "o", type: "string", requiresArg: true, describe: "Output folder of the generated package. Default: generated." },
  config: {
    alias: "c",
    type: "string",
    requiresArg: true,
    describe:
      "Config file (.ts, .mts, .js, .mjs or .json) with the same options, several outputs, extended properties and extensions. Default: codegen.config.{ts,mts,js,mjs,json} in the working folder, the first found.",
  },
  mode: { type: "string", requiresArg: true, choices: ["package", "sources"], describe: "package: a publishable npm package (default); sources: only the client's TypeScript." },
  "package-name": { type: "string", requiresArg: true, describe: "npm name of the generated package. Default: outlook-rest-client for Outlook, else named after the service (graph-client)." },
  "package-version": { type: "string", requiresArg: true, describe: "Version of the generated package. Default: 0.1.0." },
  header: {
    alias: "H",
    type: "string",
    requiresArg: true,
    array: true,
    describe: 'Request header for every URL source, as "Name: value". Repeatable. Values are never printed.',
  },
  timeout: { type: "number", requiresArg: true, describe: "Time limit for fetching each URL source, in seconds. Default: 30." },
  "max-metadata-size": {
    type: "string",
    requiresArg: true,
    describe: "Largest metadata document read from a file or a URL: bytes, or a size such as 200MB or 1GiB. Default: 100MB.",
  },
  check: { type: "boolean", describe: "Write nothing; exit 3 and show a diff of the files that would change." },
  watch: { alias: "w", type: "boolean", describe: "Regenerate whenever a metadata file or the config file changes (URL sources are not watched)." },
  silence: { type: "string", requiresArg: true, array: true, describe: "A warning code not to print (e.g. definitions-not-supported). Repeatable." },
  quiet: { alias: "q", type: "boolean", describe: "Print errors only." },
  verbose: { type: "boolean", describe: "Print what is read and fetched (URLs without credentials) and the time of each stage." },
  version: { alias: "v", type: "boolean", describe: "Print the version of codegen." },
} as const;

/** Flags as parsed (yargs also sets the aliases, which are ignored here). */
export interface ParsedFlags {
  readonly metadata?: readonly string[] | undefined;
  readonly out?: string | undefined;
  readonly config?: string | undefined;
  readonly mode?: string | undefined;
  readonly "package-name"?: string | undefined;
  readonly "package-version"?: string | undefined;
  readonly header?: readonly string[] | undefined;
  readonly timeout?: number | undefined;
  readonly "max-metadata-size"?: string | undefined;
  readonly check?: boolean | undefined;
  readonly watch?: boolean | undefined;
  readonly silence?: readonly string[] | undefined;
  readonly quiet?: boolean | undefined;
  readonly verbose?: boolean | undefined;
}

/** One output: what generate() takes, where it is written, which warnings are dropped. */
export interface ResolvedOutput {
  readonly out: string;
  readonly generate: Omit<GenerateOptions, "formatCache" | "fetch">;
  readonly silence: ReadonlySet<string>;
}

export interface ResolvedOptions {
  readonly outputs: readonly ResolvedOutput[];
  readonly check: boolean;
  readonly watch: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** The config file, absolute, when one was read. */
  readonly configFile?: string;
}

export class UsageError extends Error {}

/** Default fetch time limit for URL sources. */
export const DEFAULT_TIMEOUT_S = 30;


/** `v2.0=path` → label and source; a bare path is labelled by its base name. */
export function parseMetadataArg(arg: string, relativeTo: string): MetadataInput {
  const eq = arg.indexOf("=");
  const looksLabelled = eq > 0 && !isUrl(arg.slice(0, eq + 1)) && !arg.slice(0, eq).includes("/");
  const label = looksLabelled ? arg.slice(0, eq) : undefined;
  const source = looksLabelled ? arg.slice(eq + 1) : arg;
  const resolvedSource = isUrl(source) ? source : resolve(relativeTo, source);
  if (label !== undefined) return { label, source: resolvedSource };
  if (isUrl(source)) throw new UsageError(`give ${redactText(source)} a version label: --metadata <label>=${redactText(source)}`);
  return { label: basename(source, extname(source)), source: resolvedSource };
}

/** `Name: value` → [name, value]; the value never appears in an error. */
export function parseHeaderArg(arg: string): [string, string] {
  try {
    const { name, value } = parseHeader(arg);
    return [name, value];
  } catch (e) {
    if (e instanceof HeaderError) throw new UsageError(`--header: ${e.message}`);
    throw e;
  }
}

/** Headers merged by name, case-insensitively; later ones win. */
function mergeHeaders(...sets: (Readonly<Record<string, string>> | undefined)[]): Record<string, string> | undefined {
  const out = new Map<string, [string, string]>();
  for (const set of sets) for (const [k, v] of Object.entries(set ?? {})) out.set(k.toLowerCase(), [k, v]);
  return out.size === 0 ? undefined : Object.fromEntries(out.values());
}

interface OutputSpec extends OutputOptionsConfig {
  readonly metadata?: readonly MetadataConfig[] | undefined;
}

function resolveOutput(
  spec: OutputSpec,
  at: readonly PropertyKey[],
  flags: ParsedFlags,
  cwd: string,
  configDir: string,
  configFile: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  problems: ConfigProblem[],
): ResolvedOutput {
  const flagHeaders = mergeHeaders(Object.fromEntries((flags.header ?? []).map(parseHeaderArg)));
  if (flags.timeout !== undefined && !(Number.isFinite(flags.timeout) && flags.timeout > 0 && flags.timeout * 1000 <= MAX_TIMEOUT_MS)) {
    throw new UsageError(`--timeout takes a number of seconds above 0 and at most ${Math.floor(MAX_TIMEOUT_MS / 1000)} (about 24 days)`);
  }
  const flagTimeoutMs = flags.timeout !== undefined ? Math.round(flags.timeout * 1000) : undefined;
  const flagMaxSize = flags["max-metadata-size"];
  if (flagMaxSize !== undefined && parseSize(flagMaxSize) === undefined) throw new UsageError(`--max-metadata-size takes ${SIZE_WORDS}`);
  const maxMetadataSize = flagMaxSize !== undefined ? parseSize(flagMaxSize) : spec.maxMetadataSize !== undefined ? parseSize(spec.maxMetadataSize) : undefined;

  let inputs: MetadataInput[];
  if (flags.metadata && flags.metadata.length > 0) {
    inputs = flags.metadata.map((m) => parseMetadataArg(m, cwd));
  } else if (spec.metadata && spec.metadata.length > 0) {
    inputs = spec.metadata.map((m, i) => {
      if (typeof m === "string") return parseMetadataArg(m, configDir);
      if (m.label === undefined && isUrl(m.source)) {
        throw new UsageError(`${configFile ?? "config"}: ${formatPath([...at, "metadata", i])}: give ${redactText(m.source)} a label`);
      }
      const base: MetadataInput = isUrl(m.source)
        ? { label: m.label!, source: m.source }
        : { label: basename(m.source, extname(m.source)), source: resolve(configDir, m.source) };
      const headers =
        m.headers === undefined
          ? undefined
          : Object.fromEntries(
              Object.entries(m.headers).map(([k, v]) => [k, expandEnv(v, env, formatPath([...at, "metadata", i, "headers", k])!, problems)]),
            );
      return {
        ...base,
        ...(m.label !== undefined ? { label: m.label } : {}),
        ...(m.baseUrl !== undefined ? { baseUrl: m.baseUrl } : {}),
        ...(headers !== undefined ? { headers } : {}),
        ...(m.timeoutMs !== undefined ? { timeoutMs: m.timeoutMs } : {}),
      };
    });
  } else {
    const dir = resolve(cwd, "metadata");
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".xml")).sort() : [];
    if (files.length === 0) throw new UsageError("no metadata given and no metadata/*.xml found; see --help");
    inputs = files.map((f) => parseMetadataArg(`metadata/${f}`, cwd));
  }
  // Defaults and flags: the client's baseUrl for inputs without one; headers and time limit for URL sources.
  const clientBaseUrl = spec.client?.baseUrl;
  inputs = inputs.map((input) => {
    let next: MetadataInput = input;
    if (next.baseUrl === undefined && clientBaseUrl !== undefined) next = { ...next, baseUrl: clientBaseUrl };
    if (isUrl(next.source)) {
      const headers = mergeHeaders(next.headers, flagHeaders);
      const timeoutMs = flagTimeoutMs ?? next.timeoutMs ?? DEFAULT_TIMEOUT_S * 1000;
      next = { ...next, ...(headers !== undefined ? { headers } : {}), timeoutMs };
    }
    return next;
  });

  if (flags.out !== undefined && flags.out.trim() === "") throw new UsageError("--out needs a folder");
  const out = flags.out !== undefined ? resolve(cwd, flags.out) : spec.out !== undefined ? resolve(configDir, spec.out) : resolve(cwd, "generated");
  const mode = (flags.mode as "package" | "sources" | undefined) ?? spec.mode;
  const packageName = flags["package-name"] ?? spec.package?.name ?? spec.packageName;
  const packageVersion = flags["package-version"] ?? spec.package?.version;
  // validateConfig dropped every key whose value is undefined: the optional fields here are absent, not undefined.
  const pkg: PackageInfo = {
    ...(spec.package as PackageInfo | undefined),
    ...(packageName !== undefined ? { name: packageName } : {}),
    ...(packageVersion !== undefined ? { version: packageVersion } : {}),
  };
  const client = spec.client === undefined ? undefined : { ...(spec.client.keyStyle ? { keyStyle: spec.client.keyStyle } : {}), ...(spec.client.headers ? { headers: spec.client.headers } : {}) };
  const definitions = {
    ...(spec.extendedProperties !== undefined ? { extendedProperties: spec.extendedProperties } : {}),
    ...(spec.extensions !== undefined ? { extensions: spec.extensions } : {}),
  } as Definitions;
  const generate: ResolvedOutput["generate"] = {
    inputs,
    ...(mode !== undefined ? { mode } : {}),
    ...(Object.keys(pkg).length > 0 ? { package: pkg } : {}),
    ...(packageName !== undefined ? { packageName } : {}),
    ...(packageVersion !== undefined ? { packageVersion } : {}),
    ...(client !== undefined && Object.keys(client).length > 0 ? { client } : {}),
    ...(Object.keys(definitions).length > 0 ? { definitions } : {}),
    // validateConfig dropped every key whose value is undefined.
    ...(spec.capabilities !== undefined ? { capabilities: spec.capabilities as CapabilityOverrides } : {}),
    // Paths of migration maps are relative to the config file, as the metadata's are.
    ...(spec.migration !== undefined
      ? { migration: Object.fromEntries(Object.entries(spec.migration).map(([label, file]) => [label, file === false ? false : resolve(configDir, file)])) }
      : {}),
    ...(configFile !== undefined && (Object.keys(definitions).length > 0 || spec.capabilities !== undefined || spec.migration !== undefined) ? { definitionsFile: configFile } : {}),
    ...(maxMetadataSize !== undefined ? { maxMetadataSize } : {}),
  };
  const silence = new Set([...(spec.silence ?? []), ...(flags.silence ?? [])]);
  for (const code of silence) {
    if ((WARNING_CODES as readonly string[]).includes(code)) continue;
    const guess = nearest(code, WARNING_CODES);
    throw new UsageError(`no warning has the code ${code}${guess !== undefined ? `; did you mean ${guess}?` : ""} (the codes: ${WARNING_CODES.join(", ")})`);
  }
  return { out, generate, silence };
}

/**
 * Flags and the (already validated) config → the outputs to generate. `configFile` is the path shown in messages;
 * relative paths in the config resolve against `configDir`. A missing `${ENV}` in a header is a UsageError naming
 * every such variable and where it is used.
 */
export function resolveOptions(
  flags: ParsedFlags,
  cwd: string,
  config: CodegenConfig = {},
  configFile?: string,
  configDir: string = cwd,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ResolvedOptions {
  const problems: ConfigProblem[] = [];
  let outputs: ResolvedOutput[];
  if (config.outputs !== undefined) {
    for (const flag of ["metadata", "out", "package-name", "package-version"] as const) {
      if (flags[flag] !== undefined && config.outputs.length > 1) {
        throw new UsageError(`--${flag} cannot be used with a config of ${config.outputs.length} outputs`);
      }
    }
    outputs = config.outputs.map((o, i) => resolveOutput(o, ["outputs", i], flags, cwd, configDir, configFile, env, problems));
    // Each output owns its folder whole: two outputs in one folder, or one inside another, would each find the
    // other's files foreign (compared case-insensitively, as some file systems are).
    const key = (p: string): string => p.toLowerCase();
    outputs.forEach((o, i) => {
      outputs.slice(0, i).forEach((other, j) => {
        const rel = relative(key(other.out), key(o.out));
        if (rel === "") throw new UsageError(`outputs[${j}] and outputs[${i}] write to the same folder ${o.out}`);
        const back = relative(key(o.out), key(other.out));
        if (!rel.startsWith("..") && !isAbsolute(rel)) throw new UsageError(`outputs[${i}] writes into ${o.out}, inside the folder of outputs[${j}]`);
        if (!back.startsWith("..") && !isAbsolute(back)) throw new UsageError(`outputs[${j}] writes into ${other.out}, inside the folder of outputs[${i}]`);
      });
    });
  } else {
    outputs = [resolveOutput(config, [], flags, cwd, configDir, configFile, env, problems)];
  }
  if (problems.length > 0) {
    throw new UsageError(problems.map((p) => `${configFile ?? "config"}: ${p.path}: ${p.message}`).join("\n"));
  }
  return {
    outputs,
    check: flags.check ?? false,
    watch: flags.watch ?? false,
    quiet: flags.quiet ?? false,
    verbose: (flags.verbose ?? false) && !(flags.quiet ?? false),
    ...(configFile !== undefined ? { configFile: resolve(cwd, configFile) } : {}),
  };
}

/** The folder relative paths in a config resolve against. */
export const configDirOf = (cwd: string, configFile: string): string => dirname(resolve(cwd, configFile));

/** Reads and checks the config, then resolves everything into outputs. Throws UsageError/ConfigError/ConfigLoadError. */
export async function loadOptions(
  flags: ParsedFlags,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
  fresh = false,
): Promise<ResolvedOptions> {
  const configFile = flags.config ?? findConfig(cwd);
  let config: CodegenConfig = {};
  if (configFile !== undefined) {
    const loaded = await loadConfigFile(resolve(cwd, configFile), configFile, fresh);
    // The schema (and zod with it) loads only here: a run without a config file never pays for it.
    const { validateConfig } = await import("./config-schema.js");
    config = validateConfig(loaded, configFile);
  }
  return resolveOptions(flags, cwd, config, configFile, configFile !== undefined ? configDirOf(cwd, configFile) : cwd, env);
}

/** A usage or config problem as printed: every line prefixed, never a stack. */
export function usageMessage(e: unknown): string | undefined {
  if (e instanceof UsageError || e instanceof ConfigLoadError || e instanceof ConfigError) {
    return e.message
      .split("\n")
      .map((l) => `codegen: ${l}`)
      .join("\n");
  }
  return undefined;
}


/**
 * The yargs settings every codegen command shares: unknown flags refused, `-h`, the terminal's width (at most 120),
 * no process exit, and a failure thrown as a UsageError (exit 2).
 */
export function strictParser<T>(parser: Argv<T>): Argv<T> {
  return parser
    .strictOptions()
    .help("help")
    .alias("help", "h")
    .wrap(Math.min(120, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      throw new UsageError(msg ?? err?.message ?? "invalid arguments");
    });
}
