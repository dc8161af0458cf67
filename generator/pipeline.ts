/**
 * generate(): load → parse → model → plan → render → format.
 * Writing is separate (./write), so `generate` returns the files in memory.
 */
import { checkGenerateOptions } from "./api-check.js";
import { error, hasErrors, sortDiagnostics, warning, type Diagnostic } from "./diagnostics/diagnostic.js";
import { formatFiles, type FormatCache, type FormattedFile } from "./format/format.js";
import {
  loadSource,
  loadTemplates,
  loadTemplateTrees,
  parseSize,
  redactUrl,
  type LoadedSource,
  type LoadFailure,
  type MetadataInput,
  type TemplateTree,
} from "./load/load.js";
import { headerProblem } from "./load/header.js";
import { isSecretParam } from "./load/redact.js";
import { buildModel } from "./model/build.js";
import type { ServiceModel } from "./model/types.js";
import { parseXmlIncremental, parseXmlInPieces, type PieceCache } from "./parse/incremental.js";
import type { ParsedXml } from "./parse/xml.js";
import { checkDefinitions, type Definitions } from "./plan/definitions.js";
import { detectExtensionSupport, unsupportedDefinitions } from "./plan/extensions.js";
import { indexModel } from "./plan/index-model.js";
import { defaultPackageName, folderName } from "./plan/naming.js";
import { planPackage } from "./plan/package.js";
import { defaultBaseUrlProblem, serviceProfile } from "./plan/profiles.js";
import { checkMigrationMap, INVALID_MIGRATION_MAP, type MigrationMap } from "./plan/migration.js";
import { loadMigrationMap, SHIPPED_MAPS_DIR } from "./load/migration.js";
import { join } from "node:path";
import { checkCapabilityOverrides, type CapabilityOverrides } from "./plan/capabilities.js";
import { nearest } from "./cli/config.js";
import { headerFor, planServiceDeferred, type ClientDefaults, type DeferredFile, type PlanMemo, type PlannedFile } from "./plan/plan.js";
import { createRenderer, sameView, type RenderedFile } from "./render/render.js";

/** What a run writes: a publishable npm package, or only the client's TypeScript for a folder of the user's project. */
export type OutputMode = "package" | "sources";

/** The generated package's own fields (package mode). */
export interface PackageInfo {
  readonly name?: string;
  readonly version?: string;
  readonly license?: string;
  readonly repository?: string;
  readonly engines?: Readonly<Record<string, string>>;
}

export type { ClientDefaults } from "./plan/plan.js";

export interface GenerateOptions {
  readonly inputs: readonly MetadataInput[];
  /** Extended properties and data extensions to emit named accessors for. */
  readonly definitions?: Definitions;
  /** Where the definitions came from, for diagnostics (the config file). */
  readonly definitionsFile?: string;
  /** Default "package". */
  readonly mode?: OutputMode;
  /** Package fields; `packageName` and `packageVersion` are shorthands for its name and version. */
  readonly package?: PackageInfo;
  readonly packageName?: string;
  readonly packageVersion?: string;
  readonly client?: ClientDefaults;
  /**
   * Capabilities to add or take away, by version label, then by target: an entity set or singleton by name, a
   * navigation as "<entity type>/<navigation>" (`{ "v2.0": { "MailFolder/Messages": { changeTracking: true } } }`).
   * They change only what the types offer. An unknown label or target is an error (`unknown-capability-target`).
   */
  readonly capabilities?: CapabilityOverrides;
  /**
   * Migration maps by version label: the path of a map file (a MigrationMap, as `codegen diff --format map` writes it),
   * generated into the version as `<version>/migration.ts` and exported at `./<version>/migration`; `false` for none.
   * A version not named here gets the map its service profile ships, if any (Outlook REST v1.0, v2.0 and beta →
   * Microsoft Graph v1.0). An unknown label, a file that cannot be read or is not such a map, or a map of a namespace
   * the version does not declare is an error (`invalid-migration-map`).
   */
  readonly migration?: Readonly<Record<string, string | false>>;
  /** Skip the format stage (long lines then stay unbroken). */
  readonly format?: boolean;
  /** Formatted text from an earlier run of this process (--watch): unchanged files are not formatted again. */
  readonly formatCache?: FormatCache;
  readonly fetch?: typeof fetch;
  /**
   * The largest metadata document read, from a file or a URL: bytes, or a size such as "200MB" or "1GiB" (KB, MB, GB
   * are powers of 1000; KiB, MiB, GiB of 1024). Default 100 MB. Counted while reading; a larger one is an error.
   */
  readonly maxMetadataSize?: number | string;
  /** Called as each stage starts (parse and model once per source), for progress and timings. */
  readonly onStage?: (stage: Stage) => void;
  /**
   * What a long-lived caller (codegen --watch) keeps between runs, so that a small change costs little: the
   * pipeline reads and fills it, the caller owns it. Without it every run starts from nothing.
   */
  readonly runCache?: RunCache;
}

export type Stage = "load" | "parse" | "model" | "plan" | "render" | "format";

/** What parse and model gave for one source text. */
export interface CachedModel {
  readonly diagnostics: readonly Diagnostic[];
  readonly model?: ServiceModel;
}

export interface ModelCache {
  get(key: string): CachedModel | undefined;
  set(key: string, value: CachedModel): void;
}

export interface RunCache {
  /** Parse and model results by label, file and source text: an unchanged source is not parsed again. */
  readonly models: ModelCache;
  /** The parsed pieces of each source's last text (parse/incremental.ts): an edited source is parsed where it changed. */
  readonly pieces: Map<string, PieceCache>;
  /** The compiled templates, while their sources are the same (compiling and warming them up again costs more). */
  readonly renderer: { sources?: string; render?: (file: PlannedFile) => RenderedFile };
  /**
   * The last run's planned and rendered files by path, while the templates are the same: a file planned the same
   * (the same template and a view of the same plain data) is not rendered again.
   */
  rendered?: ReadonlyMap<string, { readonly planned: PlannedFile; readonly file: RenderedFile }>;
  /** The last run's rendered text and formatted file by path: a file rendered the same is not hashed or formatted. */
  formatted?: ReadonlyMap<string, { readonly rendered: string; readonly file: FormattedFile }>;
  /** What the plan keeps per version label between runs (plan.ts, PlanMemo). */
  plans?: Map<string, PlanMemo>;
}

export interface GenerateResult {
  /** Empty when diagnostics hold an error. */
  readonly files: readonly FormattedFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The package name of an Outlook client when none is given; other services get one from their namespace. */
export const DEFAULT_PACKAGE_NAME = "outlook-rest-client";

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  // A caller in JavaScript can pass anything: a wrong shape is a diagnostic, not a TypeError further on.
  const invalid = checkGenerateOptions(options);
  if (invalid.length > 0) return { files: [], diagnostics: invalid };
  const diagnostics: Diagnostic[] = [];
  const mode: OutputMode = options.mode ?? "package";
  // Sources mode with one input: the version's files sit at the output's root, beside runtime/.
  const atRoot = mode === "sources" && options.inputs.length === 1;
  // Each label names a folder: two labels that give the same folder would overwrite each other.
  const folders = new Map<string, string>();
  for (const i of options.inputs) {
    const folder = folderName(i.label).toLowerCase();
    const other = folders.get(folder);
    if (other !== undefined) {
      const why = other === i.label ? "is given twice" : `gives the same output folder as ${other}`;
      diagnostics.push(error("duplicate-label", `version label ${i.label} ${why}`, { file: redactUrl(i.source) }));
    }
    folders.set(folder, i.label);
    // A version's folder must not be one the package or npm own: the shared runtime, installed modules (npm would
    // delete them, and compilers skip them) and, in a package, its build output.
    const taken = atRoot ? undefined : reservedFolder(folder, mode);
    if (taken !== undefined) {
      diagnostics.push(error("duplicate-label", `version label ${i.label} gives ${taken}; choose another label`, { file: redactUrl(i.source) }));
    }
  }

  // load, parse, model and plan in a function of their own, so that nothing here holds a model (a local of this async
  // function, even one whose block has ended, would live until its end): the texts and element trees are garbage once
  // the models are built, and each model once the last of its files has been planned, below.
  const prepared = await loadAndPlan(options, diagnostics, mode, atRoot);
  if (prepared === undefined) return { files: [], diagnostics: sortDiagnostics(diagnostics) };
  const { templates, trees } = prepared;
  let { planned } = prepared;

  // render
  options.onStage?.("render");
  let render: (file: PlannedFile) => RenderedFile;
  const cache = options.runCache?.renderer;
  if (cache) {
    const sources = [...templates].map(([path, text]) => `${path}\0${text}`).join("\0");
    if (cache.sources !== sources || !cache.render) {
      cache.sources = sources;
      cache.render = createRenderer(templates, trees);
      delete options.runCache!.rendered;
    }
    render = cache.render;
  } else render = createRenderer(templates, trees);
  const runtimeHeader = headerFor(undefined);
  // The runtime is hand-written in its final form and copied as it is, under the generated header (the golden test
  // checks it): neither rendered nor formatted.
  // The migration map's types and the translators go only where a version has a map (a Graph client migrates from
  // nothing): nothing else in the runtime imports them.
  const runtime = [...templates]
    .filter(([path]) => path.startsWith("runtime/") && path.endsWith(".ts") && !path.endsWith(".d.ts"))
    .filter(([path]) => prepared.migrates || !MIGRATION_RUNTIME.includes(path))
    .map(([path, text]) => ({ path, text: `${runtimeHeader}\n${text}` }));
  // plan (each file's view), render and format, a batch of files at a time: a view lives only while its file is
  // rendered, a rendered text is formatted while it is young, and only the finished files stay (planning every view
  // first kept them all alive, about twice the size of a large document, until the last one was rendered). A file
  // planned as in the last run (the same template and view) is not rendered again, and one rendered as in the last
  // run is not formatted again (codegen --watch).
  const runCache = options.runCache;
  const previousRendered = runCache?.rendered;
  const previousFormatted = runCache?.formatted;
  const nextRendered = new Map<string, { readonly planned: PlannedFile; readonly file: RenderedFile }>();
  const nextFormatted = new Map<string, { readonly rendered: string; readonly file: FormattedFile }>();
  const formatted: FormattedFile[] = [];
  for (let from = 0; from < planned.length; ) {
    if (from > 0) options.onStage?.("render");
    // A batch ends at RENDER_BATCH files or once its texts reach RENDER_BATCH_CHARS: a rolled-up file (a version's
    // models.ts) can be as large as the document's descriptions, and is formatted before the next one is rendered.
    const rendered: RenderedFile[] = [];
    let chars = 0;
    while (from < planned.length && rendered.length < RENDER_BATCH && chars < RENDER_BATCH_CHARS) {
      const deferred = planned[from]!;
      // Out of the list as it is planned: a model goes with the last deferred file that holds it.
      (planned as (DeferredFile | undefined)[])[from++] = undefined;
      const p = deferred();
      const last = previousRendered?.get(p.path);
      const file = last !== undefined && last.planned.template === p.template && sameView(last.planned.view, p.view) ? last.file : render(p);
      if (runCache) nextRendered.set(p.path, { planned: p, file });
      rendered.push(file);
      chars += file.text.length;
    }
    if (options.format === false) {
      for (const f of rendered) formatted.push({ path: f.path, text: f.text });
      continue;
    }
    options.onStage?.("format");
    const reused = rendered.map((f) => {
      const p = previousFormatted?.get(f.path);
      return p !== undefined && p.rendered === f.text ? p.file : undefined;
    });
    const fresh = await formatFiles(
      rendered.filter((_, i) => reused[i] === undefined),
      options.formatCache,
    );
    let next = 0;
    for (const [i, f] of rendered.entries()) {
      const file = reused[i] ?? fresh[next++]!;
      if (runCache) nextFormatted.set(f.path, { rendered: f.text, file });
      formatted.push(file);
    }
  }
  if (runCache) {
    runCache.rendered = nextRendered;
    if (options.format !== false) runCache.formatted = nextFormatted;
  }
  planned = [];

  const files = [...runtime, ...formatted];
  return { files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), diagnostics: sortDiagnostics(diagnostics) };
}

/**
 * Loads, parses and models every input, checks the options that depend on the models, and plans the files, each view
 * deferred until its file is rendered (planServiceDeferred); undefined when `diagnostics` then hold an error. The
 * models live on only in the deferred files.
 */
async function loadAndPlan(
  options: GenerateOptions,
  diagnostics: Diagnostic[],
  mode: OutputMode,
  atRoot: boolean,
): Promise<{ templates: ReadonlyMap<string, string>; trees: ReadonlyMap<string, TemplateTree>; planned: DeferredFile[]; migrates: boolean } | undefined> {
  const services = await loadAndModel(options, diagnostics);
  const templates = await loadTemplates();
  const trees = await loadTemplateTrees();
  const definitions = checkDefinitions(options.definitions, options.definitionsFile ?? "options.definitions");
  diagnostics.push(...definitions.diagnostics);
  const where = options.definitionsFile ?? "options";
  for (const i of options.inputs) {
    // redactUrl drops user info and masks secret-looking query values: a root it changes carries a secret.
    if (i.baseUrl !== undefined && redactUrl(i.baseUrl) !== i.baseUrl) {
      diagnostics.push(
        error("invalid-base-url", `the service root of ${i.label} carries credentials or a secret-looking query value; they would be written into the generated code: pass them at run time (getAccessToken, headers)`, {
          file: where,
        }),
      );
    }
  }
  for (const { source, model } of services) {
    const baseUrlProblem = source.baseUrl === undefined ? defaultBaseUrlProblem(model, source.label) : undefined;
    if (baseUrlProblem !== undefined) diagnostics.push(warning("unknown-service-version", baseUrlProblem, { file: source.file }));
    for (const kind of unsupportedDefinitions(detectExtensionSupport(indexModel(model)), definitions.checked)) {
      diagnostics.push(
        warning("definitions-not-supported", `version ${source.label} has no ${kind} in its model; the declared ones are not emitted there`, {
          file: options.definitionsFile ?? "options.definitions",
        }),
      );
    }
  }
  diagnostics.push(...checkClientDefaults(options.client, where), ...checkPackageInfo(options, where));
  const labels = services.map(({ source }) => source.label);
  for (const [label, overrides] of Object.entries(options.capabilities ?? {})) {
    const service = services.find(({ source }) => source.label === label);
    if (service === undefined) {
      const guess = nearest(label, labels);
      const message = `capabilities: no version labelled "${label}"${guess !== undefined ? `; did you mean "${guess}"?` : ""} (the labels: ${labels.join(", ")})`;
      diagnostics.push(error("unknown-capability-target", message, { file: where }));
      continue;
    }
    for (const problem of checkCapabilityOverrides(service.model, label, overrides, nearest)) {
      diagnostics.push(error("unknown-capability-target", problem, { file: where }));
    }
  }
  const migration = await migrationMaps(options, services, diagnostics, where);
  if (hasErrors(diagnostics)) return undefined;
  const pkg = options.package ?? {};

  // plan: what the files share now, each file's view when it is rendered (generate)
  options.onStage?.("plan");
  const planned: DeferredFile[] = [
    // Sources mode writes only the client's TypeScript: no package.json, tsconfig or README.
    ...(mode === "sources"
      ? []
      : planPackage({
          packageName: pkg.name ?? options.packageName ?? defaultPackageName(services.flatMap(({ model }) => model.schemas.map((x) => x.namespace))),
          packageVersion: pkg.version ?? options.packageVersion ?? "0.1.0",
          ...(pkg.license !== undefined ? { license: pkg.license } : {}),
          ...(pkg.repository !== undefined ? { repository: pkg.repository } : {}),
          ...(pkg.engines !== undefined ? { engines: pkg.engines } : {}),
          services: services.map(({ source, model }) => ({
            label: source.label,
            model,
            ...(source.baseUrl !== undefined ? { baseUrl: source.baseUrl } : {}),
            ...(migration.has(source.label) ? { migration: migration.get(source.label)! } : {}),
          })),
        }).map((file): DeferredFile => () => file)),
    ...services.flatMap(({ source, model }) =>
      planServiceDeferred({
        label: source.label,
        sourceName: source.sourceName,
        model,
        ...(source.baseUrl !== undefined ? { baseUrl: source.baseUrl } : {}),
        definitions: definitions.checked,
        ...(options.client !== undefined ? { client: options.client } : {}),
        ...(options.capabilities !== undefined && Object.hasOwn(options.capabilities, source.label) ? { capabilities: options.capabilities[source.label]! } : {}),
        atRoot,
        ...(options.runCache ? { memo: planMemo(options.runCache, source.label) } : {}),
        ...(migration.has(source.label) ? { migration: migration.get(source.label)! } : {}),
      }),
    ),
  ];
  return { templates, trees, planned, migrates: migration.size > 0 };
}

/**
 * Each version's migration map, by label: the file the options name, else the one its service profile ships (load
 * reads it), checked against MigrationMap's shape and the version's namespaces (plan/migration.ts). What is wrong goes
 * to `diagnostics`: a label no input has (at `where`, the config), a map that cannot be read or checked (at its file).
 */
async function migrationMaps(
  options: GenerateOptions,
  services: readonly { source: SourceInfo; model: ServiceModel }[],
  diagnostics: Diagnostic[],
  where: string,
): Promise<ReadonlyMap<string, MigrationMap>> {
  const given = options.migration ?? {};
  const labels = options.inputs.map((i) => i.label);
  for (const label of Object.keys(given)) {
    if (labels.includes(label)) continue;
    const guess = nearest(label, labels);
    const message = `migration: no version labelled "${label}"${guess !== undefined ? `; did you mean "${guess}"?` : ""} (the labels: ${labels.join(", ")})`;
    diagnostics.push(error(INVALID_MIGRATION_MAP, message, { file: where }));
  }
  const out = new Map<string, MigrationMap>();
  const loaded = await Promise.all(
    services.map(async ({ source, model }) => {
      const choice = Object.hasOwn(given, source.label) ? given[source.label] : undefined;
      if (choice === false) return undefined;
      const shipped = serviceProfile(model, source.label).migrationMap;
      const file = typeof choice === "string" ? choice : shipped !== undefined ? join(SHIPPED_MAPS_DIR, shipped) : undefined;
      return file === undefined ? undefined : { source, model, loaded: await loadMigrationMap(file) };
    }),
  );
  for (const entry of loaded) {
    if (entry === undefined) continue;
    const { source, model, loaded: l } = entry;
    if (!("value" in l)) {
      const at = l.line !== undefined ? { line: l.line, column: l.column ?? 1 } : {};
      diagnostics.push(error(INVALID_MIGRATION_MAP, `migration map of ${source.label}: ${l.message}`, { file: l.file, ...at }));
      continue;
    }
    const checked = checkMigrationMap(l.value, l.file, source.label, model, !(Object.hasOwn(given, source.label) && typeof given[source.label] === "string"));
    diagnostics.push(...checked.diagnostics);
    if (checked.map !== undefined) out.set(source.label, checked.map);
  }
  return out;
}

/** The runtime modules only a version with a migration map needs. */
const MIGRATION_RUNTIME: readonly string[] = ["runtime/migrate.ts", "runtime/migration-map.ts"];

/**
 * Files planned, rendered, then formatted, together (see generate): few, so that a batch's views and rendered texts
 * are still young when they go (with 64, more of them outlived the young generation: about 40 MB more at the peak of
 * the 52 MB document of 4,000 types).
 */
const RENDER_BATCH = 16;
const RENDER_BATCH_CHARS = 4_000_000;

/**
 * Loads, parses and models the inputs as generate() does (the same diagnostics), without planning anything: what
 * `codegen diff` compares. A model is given for each input that built one; `diagnostics` say why one is missing.
 */
export async function loadModels(
  options: Pick<GenerateOptions, "inputs" | "fetch" | "maxMetadataSize">,
): Promise<{ readonly models: readonly { readonly label: string; readonly file: string; readonly model: ServiceModel }[]; readonly diagnostics: readonly Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const services = await loadAndModel(options, diagnostics);
  return {
    models: services.map(({ source, model }) => ({ label: source.label, file: source.file, model })),
    diagnostics: sortDiagnostics(diagnostics),
  };
}

/** The metadata's source without its text (which can be large, and is not needed once the model is built). */
type SourceInfo = Omit<LoadedSource, "text">;

/** Loads every input, then parses and models each; a source's text and element tree are not kept. */
async function loadAndModel(options: Pick<GenerateOptions, "inputs" | "fetch" | "maxMetadataSize" | "onStage" | "runCache">, diagnostics: Diagnostic[]): Promise<{ source: SourceInfo; model: ServiceModel }[]> {
  options.onStage?.("load");
  const maxBytes = parseSize(options.maxMetadataSize);
  const loaded: (LoadedSource | LoadFailure | undefined)[] = await Promise.all(
    options.inputs.map((i) => loadSource(i, options.fetch, maxBytes !== undefined ? { maxBytes } : {})),
  );
  const services: { source: SourceInfo; model: ServiceModel }[] = [];
  for (const [n, l] of loaded.entries()) {
    if (l === undefined) continue;
    loaded[n] = undefined; // each text is garbage as soon as its model is built
    if (!("text" in l)) {
      const at = l.line !== undefined ? { line: l.line, column: l.column ?? 1 } : {};
      diagnostics.push(error(l.code ?? "load-failed", l.message, { file: l.file, ...at }));
      continue;
    }
    const { text, ...source } = l;
    const result = parseAndModel(options, source, text);
    diagnostics.push(...result.diagnostics);
    if (result.model) services.push({ source, model: result.model });
  }
  return services;
}

function parseAndModel(options: Pick<GenerateOptions, "onStage" | "runCache">, s: SourceInfo, text: string): CachedModel {
  const key = `${s.label}\0${s.file}\0${text}`;
  let result = options.runCache?.models.get(key);
  if (result === undefined) {
    options.onStage?.("parse");
    let parsed: ParsedXml;
    if (options.runCache) {
      const pieceKey = `${s.label}\0${s.file}`;
      const incremental = parseXmlIncremental(text, s.file, options.runCache.pieces.get(pieceKey));
      options.runCache.pieces.set(pieceKey, incremental.cache);
      parsed = incremental.parsed;
    } else parsed = parseXmlInPieces(text, s.file);
    if (parsed.root) {
      options.onStage?.("model");
      const built = buildModel(parsed.root, s.file, s.label);
      result = { diagnostics: [...parsed.diagnostics, ...built.diagnostics], ...(built.model ? { model: built.model } : {}) };
    } else result = { diagnostics: parsed.diagnostics };
    options.runCache?.models.set(key, result);
  }
  return result;
}

function planMemo(cache: RunCache, label: string): PlanMemo {
  cache.plans ??= new Map();
  let memo = cache.plans.get(label);
  if (!memo) {
    memo = {};
    cache.plans.set(label, memo);
  }
  return memo;
}

/** Names whose values are credentials: baked into a package they would ship to everyone who installs it. */
const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization", "cookie"]);

/**
 * The client defaults are the user's text, to be printed into the generated createClient(): a header must be one
 * that can be sent (load/header.ts's rules: a token name, no line break or control character in the value). Values
 * are never quoted back in a message: they may be secrets.
 */
function checkClientDefaults(client: ClientDefaults | undefined, file: string): Diagnostic[] {
  if (client === undefined) return [];
  const out: Diagnostic[] = [];
  const keyStyle: unknown = client.keyStyle;
  if (keyStyle !== undefined && keyStyle !== "parentheses" && keyStyle !== "segment") {
    out.push(error("invalid-client-defaults", `client.keyStyle must be "parentheses" or "segment", not ${JSON.stringify(keyStyle)}`, { file }));
  }
  for (const [name, value] of Object.entries(client.headers ?? {})) {
    const at = `client.headers[${JSON.stringify(name)}]`;
    const problem = typeof value === "string" ? headerProblem(name, value) : `the value of header ${name} is not a string`;
    if (problem !== undefined) out.push(error("invalid-client-defaults", `${at}: ${problem}`, { file }));
    else if (CREDENTIAL_HEADERS.has(name.toLowerCase()) || isSecretParam(name)) {
      out.push(
        warning("client-default-credential", `${at} is written into the generated code and ships with the package; prefer getAccessToken`, { file }),
      );
    }
  }
  return out;
}

/** What a version folder of this name would collide with, if anything. */
function reservedFolder(folder: string, mode: OutputMode): string | undefined {
  if (folder === "runtime") return "the folder of the shared runtime";
  if (folder === "node_modules") return "npm's folder of installed modules";
  if (folder === "dist" && mode === "package") return "the package's build output";
  return undefined;
}

/** A semantic version, as npm requires of a package's version (semver.org's grammar). */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*)?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

/** An npm package name: lower case, URL-safe, optionally scoped. */
const PACKAGE_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

function checkPackageInfo(options: GenerateOptions, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const pkg = options.package ?? {};
  for (const [field, long, short] of [
    ["name", pkg.name, options.packageName],
    ["version", pkg.version, options.packageVersion],
  ] as const) {
    if (long !== undefined && short !== undefined && long !== short) {
      const shorthand = field === "name" ? "packageName" : "packageVersion";
      out.push(error("invalid-package-info", `package.${field} and ${shorthand} disagree (${JSON.stringify(long)}, ${JSON.stringify(short)})`, { file }));
    }
  }
  const name = pkg.name ?? options.packageName;
  if (name !== undefined && (name.length > 214 || !PACKAGE_NAME.test(name))) {
    out.push(error("invalid-package-info", `package name ${JSON.stringify(name)} is not a valid npm package name`, { file }));
  }
  const version = pkg.version ?? options.packageVersion;
  if (version !== undefined && !SEMVER.test(version)) {
    out.push(error("invalid-package-info", `package version ${JSON.stringify(version)} is not a semantic version (such as 1.2.0 or 2.0.0-beta.1)`, { file }));
  }
  for (const [k, v] of Object.entries(pkg.engines ?? {})) {
    if (typeof v !== "string") out.push(error("invalid-package-info", `package.engines.${k} must be a string`, { file }));
  }
  return out;
}
