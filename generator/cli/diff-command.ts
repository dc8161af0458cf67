/**
 * `codegen diff --from <label=source> --to <label=source>`: loads, parses and models both documents as the main
 * command does (the same diagnostics, exit 1 on bad metadata), compares the models (diff/model-diff.ts) and prints
 * the report (diff/report.ts) to stdout or to --out.
 *
 * --out is the user's own file: an existing file is refused (exit 2) unless --force, since codegen cannot tell a
 * report it wrote from a file that happens to have that name. Exit codes: 0 compared (breaking changes or not),
 * 4 with --fail-on breaking when a breaking change exists, 1 bad metadata, 2 a usage mistake or an --out refused.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import yargs from "yargs";
import { formatDiagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import { diffModels, type RenameTable } from "../diff/model-diff.js";
import { buildMigrationMap } from "../diff/migration-map.js";
import { jsonReport, markdownReport } from "../diff/report.js";
import { isUrl, redactText, type MetadataInput } from "../load/load.js";
import { loadModels } from "../pipeline.js";
import { EXIT } from "./exit-codes.js";
import { DEFAULT_TIMEOUT_S, parseHeaderArg, parseMetadataArg, strictParser, UsageError } from "./options.js";
import { visibleDiagnostics, type Console } from "./run.js";

export const DIFF_FLAGS = {
  from: { type: "string", requiresArg: true, describe: "The older $metadata, as label=source (a file or an http(s) URL); a bare file is labelled by its name." },
  to: { type: "string", requiresArg: true, describe: "The newer $metadata, as label=source." },
  format: { type: "string", requiresArg: true, choices: ["markdown", "json", "map"], describe: "Report format, or `map`: the migration map as JSON (what each --from name is in --to, or why there is none), which codegen migrate-request and migrate-code read. Default: markdown." },
  out: { alias: "o", type: "string", requiresArg: true, describe: "Write the report to this file instead of stdout (an existing file needs --force)." },
  force: { type: "boolean", describe: "Let --out replace an existing file." },
  "fail-on": { type: "string", requiresArg: true, choices: ["breaking"], describe: "Exit 4 when the diff holds a breaking change." },
  renames: {
    type: "string",
    requiresArg: true,
    describe: 'A JSON file mapping --from names to --to names the rules cannot match, e.g. {"Microsoft.OutlookServices.PushSubscription": "microsoft.graph.subscription"}.',
  },
  reasons: {
    type: "string",
    requiresArg: true,
    describe: 'With --format map: a JSON file whose "none" object gives, by the diff\'s --from path, why --to has no counterpart, e.g. {"none": {"EntityType[Task]": "…"}}.',
  },
  header: { alias: "H", type: "string", requiresArg: true, array: true, describe: 'Request header for URL sources, as "Name: value". Repeatable. Values are never printed.' },
  timeout: { type: "number", requiresArg: true, describe: "Time limit for fetching each URL source, in seconds. Default: 30." },
  quiet: { alias: "q", type: "boolean", describe: "Print errors only (the metadata's warnings are left out)." },
} as const;

interface DiffFlags {
  readonly from?: string;
  readonly to?: string;
  readonly format?: string;
  readonly out?: string;
  readonly force?: boolean;
  readonly "fail-on"?: string;
  readonly renames?: string;
  readonly reasons?: string;
  readonly header?: readonly string[];
  readonly timeout?: number;
  readonly quiet?: boolean;
  readonly help?: boolean;
}

/** A rename table file: one JSON object of strings. */
export function readRenameTable(path: string): RenameTable {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsageError(`--renames ${path}: ${(e as Error).message}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new UsageError(`--renames ${path}: must be a JSON object of "from name": "to name"`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== "string") throw new UsageError(`--renames ${path}: the value of ${JSON.stringify(k)} is not a string`);
    out[k] = v;
  }
  return out;
}

/** The reasons file of --format map: its `none` object of strings (other keys, such as a notes file's citations, are ignored). */
export function readReasons(path: string): Readonly<Record<string, string>> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsageError(`--reasons ${path}: ${(e as Error).message}`);
  }
  const none = typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>)["none"] : undefined;
  if (typeof none !== "object" || none === null || Array.isArray(none)) throw new UsageError(`--reasons ${path}: must be a JSON object with a "none" object of "--from path": "reason"`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(none)) {
    if (typeof v !== "string") throw new UsageError(`--reasons ${path}: the reason for ${JSON.stringify(k)} is not a string`);
    out[k] = v;
  }
  return out;
}

async function parseDiffFlags(args: readonly string[], io: Console): Promise<DiffFlags | number> {
  let helpText = "";
  const parser = strictParser(
    yargs([...args])
      .scriptName("codegen diff")
      .usage("$0 --from <label=source> --to <label=source> [options]\n\nCompares two OData $metadata documents and reports what changed, breaking changes marked.")
      .version(false)
      .options(DIFF_FLAGS)
      .example("$0 --from v1.0=metadata/v1.0.xml --to v2.0=metadata/v2.0.xml", "a Markdown report on stdout")
      .example("$0 --from old=old.xml --to live=https://host/$metadata --fail-on breaking", "exit 4 if the live service breaks the client")
      .epilogue("Exit codes: 0 compared, 1 metadata errors, 2 usage errors, 4 --fail-on breaking found a breaking change, 70 a bug in codegen."),
  );
  try {
    const argv = (await parser.parse([...args], {}, (_err, _argv, output) => {
      helpText = output;
    })) as DiffFlags & { _: (string | number)[] } & Record<string, unknown>;
    if (argv.help) {
      io.out(helpText.trimEnd());
      return EXIT.ok;
    }
    for (const [name, spec] of Object.entries(DIFF_FLAGS)) {
      if (!("array" in spec) && Array.isArray(argv[name])) throw new UsageError(`--${name} was given more than once`);
    }
    if (argv._.length > 0) throw new UsageError(`unexpected argument ${argv._.join(" ")}: codegen diff takes only options`);
    if (argv.from === undefined || argv.to === undefined) throw new UsageError("codegen diff needs --from and --to");
    if (argv.reasons !== undefined && argv.format !== "map") throw new UsageError("--reasons goes with --format map");
    return argv;
  } catch (e) {
    io.err(`codegen diff: ${(e as Error).message}`);
    io.err("codegen diff: see codegen diff --help");
    return EXIT.usage;
  }
}

export async function diffCommand(args: readonly string[], cwd: string, io: { console: Console; env: Readonly<Record<string, string | undefined>> }): Promise<number> {
  const out = io.console;
  const flags = await parseDiffFlags(args, out);
  if (typeof flags === "number") return flags;
  let inputs: MetadataInput[];
  let renames: RenameTable = {};
  let reasons: Readonly<Record<string, string>> = {};
  try {
    const headers = Object.fromEntries((flags.header ?? []).map(parseHeaderArg));
    const timeoutMs = (flags.timeout ?? DEFAULT_TIMEOUT_S) * 1000;
    inputs = [flags.from!, flags.to!].map((arg) => {
      const input = parseMetadataArg(arg, cwd);
      return { ...input, ...(Object.keys(headers).length > 0 ? { headers } : {}), timeoutMs };
    });
    // The two sides are loaded side by side, so the labels only need to differ for the report to tell them apart.
    if (inputs[0]!.label === inputs[1]!.label) inputs[1] = { ...inputs[1]!, label: `${inputs[1]!.label} (to)` };
    if (flags.renames !== undefined) renames = readRenameTable(resolve(cwd, flags.renames));
    if (flags.reasons !== undefined) reasons = readReasons(resolve(cwd, flags.reasons));
    if (flags.out !== undefined) {
      const target = resolve(cwd, flags.out);
      if (existsSync(target) && !flags.force) throw new UsageError(`--out ${flags.out} exists; codegen diff does not replace a file unless --force is given`);
      if (existsSync(target) && statSync(target).isDirectory()) throw new UsageError(`--out ${flags.out} is a folder`);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    out.err(`codegen diff: ${e.message}`);
    return EXIT.usage;
  }

  const loaded = await loadModels({ inputs });
  for (const d of visibleDiagnostics(loaded.diagnostics, new Set(), flags.quiet === true)) out.err(formatDiagnostic(d));
  if (hasErrors(loaded.diagnostics) || loaded.models.length !== 2) {
    out.err("codegen diff: nothing compared.");
    return EXIT.metadata;
  }
  const [from, to] = loaded.models as [(typeof loaded.models)[number], (typeof loaded.models)[number]];
  const changes = diffModels(from.model, to.model, { renames });
  // A file is shown relative to the working folder (the report does not depend on where the repository sits).
  const shown = (file: string): string => (isUrl(file) ? redactText(file) : relative(cwd, file).split(sep).join("/") || file);
  const sides = [from, to].map((m) => ({ label: m.label, source: shown(m.file) })) as [{ label: string; source: string }, { label: string; source: string }];
  const report =
    flags.format === "map"
      ? `${JSON.stringify(buildMigrationMap(from.model, to.model, { fromLabel: from.label, toLabel: to.label, renames, none: reasons }), null, 2)}\n`
      : flags.format === "json"
        ? jsonReport(sides[0], sides[1], changes)
        : markdownReport(sides[0], sides[1], changes);
  if (flags.out === undefined) out.out(report.trimEnd());
  else {
    const target = resolve(cwd, flags.out);
    // Written beside the target, then renamed over it: a reader never sees half a report.
    const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    try {
      writeFileSync(temp, report, { flag: "wx" });
      renameSync(temp, target);
    } catch (e) {
      rmSync(temp, { force: true });
      out.err(`codegen diff: cannot write ${flags.out}: ${(e as Error).message}`);
      return EXIT.usage;
    }
  }
  const breaking = changes.filter((c) => c.breaking).length;
  if (flags["fail-on"] === "breaking" && breaking > 0) {
    out.err(`codegen diff: ${breaking} breaking change${breaking === 1 ? "" : "s"} (--fail-on breaking)`);
    return EXIT.breaking;
  }
  return EXIT.ok;
}
