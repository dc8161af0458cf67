/**
 * The public shape of the config file: what `defineConfig` takes, as interfaces a reader can follow in the .d.ts.
 * It imports nothing, so the published declarations need no other package. config.ts checks a loaded file against
 * a zod schema of the same shape; a type-level test keeps the two equal.
 */

/** One metadata document: a file (relative to the config file) or an http(s) URL. */
export interface MetadataSourceConfig {
  /** Version label: the output folder and subpath export (`v2.0`). Default: the file's base name; a URL needs one. */
  label?: string | undefined;
  /** A file path or an http(s) URL. */
  source: string;
  /** The service root the generated client calls by default. */
  baseUrl?: string | undefined;
  /** Request headers for a URL source. Values may use `${ENV_VAR}`; they are never printed. */
  headers?: Record<string, string> | undefined;
  /** Time limit for fetching a URL source, in milliseconds (default 30 000). */
  timeoutMs?: number | undefined;
}

/** A metadata entry: `"label=source"` (or a bare file path), or an object. */
export type MetadataConfig = string | MetadataSourceConfig;

/** package.json fields of the generated package (mode "package"). */
export interface PackageConfig {
  name?: string | undefined;
  version?: string | undefined;
  license?: string | undefined;
  repository?: string | undefined;
  engines?: Record<string, string> | undefined;
}

/** Defaults baked into the generated createClient(); the caller's options still override them. */
export interface ClientConfig {
  /** Service root for every metadata source that has no baseUrl of its own. */
  baseUrl?: string | undefined;
  keyStyle?: "parentheses" | "segment" | undefined;
  /** Headers every request sends. Written into the generated code as they are (no `${ENV}` expansion). */
  headers?: Record<string, string> | undefined;
}

/** A MAPI extended property: `{ type, guid, name }`, `{ type, guid, id }` or `{ type, tag }`. */
export interface ExtendedPropertyConfig {
  type: string;
  guid?: string | undefined;
  name?: string | undefined;
  id?: number | string | undefined;
  tag?: number | string | undefined;
}

export type ExtensionFieldType = "string" | "number" | "boolean" | "string[]" | "number[]" | "boolean[]";

/** A data (open) extension: its reverse-DNS name and the types of its payload's fields. */
export interface ExtensionConfig {
  name: string;
  fields?: Record<string, ExtensionFieldType> | undefined;
}

/** The capabilities an override may set on an entity set, singleton or navigation. */
export interface CapabilitiesConfig {
  changeTracking?: boolean | undefined;
  countable?: boolean | undefined;
  deletable?: boolean | undefined;
  insertable?: boolean | undefined;
  readable?: boolean | undefined;
  updatable?: boolean | undefined;
}

/** What one output takes besides its metadata. */
export interface OutputOptionsConfig {
  /** Output folder, relative to the config file. Default: generated. */
  out?: string | undefined;
  /** "package" (default): a publishable npm package; "sources": only the client's TypeScript. */
  mode?: "package" | "sources" | undefined;
  package?: PackageConfig | undefined;
  /** Shorthand for package.name. */
  packageName?: string | undefined;
  client?: ClientConfig | undefined;
  extendedProperties?: Record<string, ExtendedPropertyConfig> | undefined;
  extensions?: Record<string, ExtensionConfig> | undefined;
  /**
   * Capabilities to add (true) or take away (false) where the metadata's annotations are wrong for the service, by
   * version label, then by target: an entity set or singleton by its name, a navigation as
   * "<entity type>/<navigation>", the type being the one that declares it (name or qualified name). Only what the
   * types offer changes. E.g. `{ "v1.0": { "user/calendar": { deletable: true } } }`.
   */
  capabilities?: Record<string, Record<string, CapabilitiesConfig>> | undefined;
  /**
   * Migration maps by version label: the path of a map file (relative to the config file), as `codegen diff --format
   * map` writes it, generated into the version as `<version>/migration.ts` (exported at `./<version>/migration`), or
   * false for none. Default: the map codegen ships, for Outlook REST v1.0, v2.0 and beta (to Microsoft Graph v1.0).
   */
  migration?: Record<string, string | false> | undefined;
  /** Warning codes not to print (e.g. "definitions-not-supported"). */
  silence?: string[] | undefined;
  /** Largest metadata document read from a file or a URL: bytes, or a size such as "200MB" or "1GiB". Default: 100 MB. */
  maxMetadataSize?: number | string | undefined;
}

/** One entry of `outputs`: its own metadata and folder. */
export interface OutputConfig extends OutputOptionsConfig {
  metadata: MetadataConfig[];
  out: string;
}

/** The whole config: one output at the top level, or several under `outputs` (then nothing else but `$schema`). */
export interface CodegenConfig extends OutputOptionsConfig {
  $schema?: string | undefined;
  /** Default: every metadata/*.xml, labelled by file name. */
  metadata?: MetadataConfig[] | undefined;
  outputs?: OutputConfig[] | undefined;
}

/**
 * Types a config file (`export default defineConfig({ … })`); returns it unchanged. Not generic, so that the
 * compiler checks the object literal for excess keys: a misspelt top-level key is an error in the editor.
 */
export function defineConfig(config: CodegenConfig): CodegenConfig {
  return config;
}
