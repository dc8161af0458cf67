/**
 * Command-line and config-file options → GenerateOptions plus where to write.
 * One table of flags, each with its documentation; the config file takes the
 * same options under the same names.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import type { MetadataInput } from "../load/load.js";
import type { Definitions } from "../plan/definitions.js";

export const FLAGS = {
  metadata: {
    type: "string",
    array: true,
    describe: "CSDL $metadata to generate from: a file or an http(s) URL, optionally labelled as label=source (e.g. v2.0=metadata/v2.0.xml). Repeatable. Default: every metadata/*.xml, labelled by file name.",
  },
  out: { type: "string", describe: "Output folder of the generated package.", default: undefined },
  "package-name": { type: "string", describe: "npm name of the generated package. Default: outlook-rest-client." },
  config: {
    type: "string",
    describe:
      "JSON config file with the same options (metadata, out, packageName), plus extendedProperties and extensions to emit named accessors for. Default: codegen.config.json when present.",
  },
  check: { type: "boolean", describe: "Write nothing; exit 1 and list the files that would change.", default: false },
} as const;

export interface ConfigFile extends Definitions {
  readonly metadata?: readonly (string | { readonly label?: string; readonly source: string; readonly baseUrl?: string })[];
  readonly out?: string;
  readonly packageName?: string;
}

export interface ResolvedOptions {
  readonly inputs: readonly MetadataInput[];
  readonly out: string;
  readonly packageName?: string;
  readonly check: boolean;
  /** Extended properties and extensions from the config file. */
  readonly definitions?: Definitions;
  readonly configFile?: string;
}

export class UsageError extends Error {}

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

/** `v2.0=path` → label and source; a bare path is labelled by its base name. */
export function parseMetadataArg(arg: string, relativeTo: string): MetadataInput {
  const eq = arg.indexOf("=");
  const looksLabelled = eq > 0 && !isUrl(arg.slice(0, eq + 1)) && !arg.slice(0, eq).includes("/");
  const label = looksLabelled ? arg.slice(0, eq) : undefined;
  const source = looksLabelled ? arg.slice(eq + 1) : arg;
  const resolvedSource = isUrl(source) ? source : resolve(relativeTo, source);
  if (label !== undefined) return { label, source: resolvedSource };
  if (isUrl(source)) throw new UsageError(`give ${source} a version label: --metadata <label>=${source}`);
  return { label: basename(source, extname(source)), source: resolvedSource };
}

export function resolveOptions(
  argv: {
    readonly metadata?: readonly string[] | undefined;
    readonly out?: string | undefined;
    readonly "package-name"?: string | undefined;
    readonly config?: string | undefined;
    readonly check?: boolean | undefined;
  },
  cwd: string,
): ResolvedOptions {
  const configPath = argv.config ?? (existsSync(resolve(cwd, "codegen.config.json")) ? "codegen.config.json" : undefined);
  let config: ConfigFile = {};
  let configDir = cwd;
  if (configPath !== undefined) {
    const full = resolve(cwd, configPath);
    try {
      config = JSON.parse(readFileSync(full, "utf8")) as ConfigFile;
    } catch (e) {
      throw new UsageError(`cannot read config ${configPath}: ${(e as Error).message}`);
    }
    if (typeof config !== "object" || config === null || Array.isArray(config)) throw new UsageError(`config ${configPath} must hold a JSON object`);
    configDir = dirname(full);
  }
  let inputs: MetadataInput[];
  if (argv.metadata && argv.metadata.length > 0) {
    inputs = argv.metadata.map((m) => parseMetadataArg(m, cwd));
  } else if (config.metadata && config.metadata.length > 0) {
    inputs = config.metadata.map((m) => {
      if (typeof m === "string") return parseMetadataArg(m, configDir);
      if (typeof m?.source !== "string") throw new UsageError("each metadata entry in the config needs a source");
      const base = parseMetadataArg(m.source, configDir);
      return { ...base, ...(m.label !== undefined ? { label: m.label } : {}), ...(m.baseUrl !== undefined ? { baseUrl: m.baseUrl } : {}) };
    });
  } else {
    const dir = resolve(cwd, "metadata");
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".xml")).sort() : [];
    if (files.length === 0) throw new UsageError("no metadata given and no metadata/*.xml found; see --help");
    inputs = files.map((f) => parseMetadataArg(`metadata/${f}`, cwd));
  }
  const out = argv.out !== undefined ? resolve(cwd, argv.out) : config.out !== undefined ? resolve(configDir, config.out) : resolve(cwd, "generated");
  const packageName = argv["package-name"] ?? config.packageName;
  const definitions: Definitions = {
    ...(config.extendedProperties !== undefined ? { extendedProperties: config.extendedProperties } : {}),
    ...(config.extensions !== undefined ? { extensions: config.extensions } : {}),
  };
  return {
    inputs,
    out,
    ...(packageName !== undefined ? { packageName } : {}),
    check: argv.check ?? false,
    ...(Object.keys(definitions).length > 0 ? { definitions } : {}),
    ...(configPath !== undefined ? { configFile: configPath } : {}),
  };
}
