/**
 * `codegen migrate-code <files...> --from <v> --graph-import <specifier>`: loads the given TypeScript files (and what
 * they import, the Outlook client among it) into a ts-morph project, runs the codemod (migrate/codemod.ts) and writes
 * the rewritten files in place, or with --dry-run prints a unified diff and writes nothing. A summary goes to stderr.
 * Only the files named on the command line are ever written.
 *
 * Exit codes: 0 done (TODOs left or not), 2 a usage mistake (no file, a file that is missing, not TypeScript or does
 * not parse, a bad --map or --tsconfig) or a file that could not be written.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import yargs from "yargs";
import type { CodemodSummary, OutlookVersion } from "../migrate/codemod.js";
import type { MigrationMap } from "../../templates/runtime/migration-map.js";
import { driftReport } from "./diff.js";
import { EXIT } from "./exit-codes.js";
import { readMigrationMapFile, shippedMapFile } from "./migration-map-file.js";
import { strictParser, UsageError } from "./options.js";
import type { Console } from "./run.js";

export const MIGRATE_CODE_FLAGS = {
  from: { type: "string", requiresArg: true, choices: ["v1.0", "v2.0", "beta"], describe: "The Outlook REST version the code imports (outlook-rest-client/<version>)." },
  "graph-import": { type: "string", requiresArg: true, describe: "The module specifier of the generated Microsoft Graph client the code is to import, e.g. graph-client/v1.0." },
  map: { type: "string", requiresArg: true, describe: "A migration map (JSON). Default: the one codegen ships for --from (generator/diff/maps/outlook-<version>-to-graph-v1.0.map.json)." },
  "dry-run": { type: "boolean", describe: "Write nothing; print a unified diff of what would change." },
  tsconfig: { type: "string", requiresArg: true, describe: "The tsconfig.json whose compiler options resolve the imports. Default: the nearest tsconfig.json above the working folder, else NodeNext strict." },
  quiet: { alias: "q", type: "boolean", describe: "Print only the summary line (no TODO list)." },
} as const;

interface MigrateFlags {
  readonly from?: string;
  readonly "graph-import"?: string;
  readonly map?: string;
  readonly "dry-run"?: boolean;
  readonly tsconfig?: string;
  readonly quiet?: boolean;
  readonly help?: boolean;
  readonly _: (string | number)[];
}


const TS_FILE = /\.(?:ts|tsx|mts|cts)$/;

async function parseMigrateFlags(args: readonly string[], io: Console): Promise<MigrateFlags | number> {
  let helpText = "";
  const parser = strictParser(
    yargs([...args])
      .scriptName("codegen migrate-code")
      .usage(
        "$0 <files...> --from <version> --graph-import <specifier> [options]\n\nRewrites TypeScript that uses a generated Outlook REST client into code against a generated Microsoft Graph client. Where Graph has no counterpart it leaves a // TODO(migrate): comment saying why.",
      )
      .version(false)
      .options(MIGRATE_CODE_FLAGS)
      .example("$0 src/mail.ts --from v2.0 --graph-import graph-client/v1.0", "rewrite src/mail.ts in place")
      .example("$0 src/*.ts --from v2.0 --graph-import graph-client/v1.0 --dry-run", "print a diff, write nothing")
      .epilogue("Exit codes: 0 done (TODOs or not), 2 usage errors or a file that could not be written, 70 a bug in codegen."),
  );
  try {
    const argv = (await parser.parse([...args], {}, (_err, _argv, output) => {
      helpText = output;
    })) as MigrateFlags & Record<string, unknown>;
    if (argv.help) {
      io.out(helpText.trimEnd());
      return EXIT.ok;
    }
    for (const name of Object.keys(MIGRATE_CODE_FLAGS)) {
      if (Array.isArray(argv[name])) throw new UsageError(`--${name} was given more than once`);
    }
    if (argv._.length === 0) throw new UsageError("codegen migrate-code needs at least one file");
    if (argv.from === undefined) throw new UsageError("codegen migrate-code needs --from (v1.0, v2.0 or beta)");
    if (argv["graph-import"] === undefined || argv["graph-import"].trim() === "") throw new UsageError("codegen migrate-code needs --graph-import (e.g. graph-client/v1.0)");
    return argv;
  } catch (e) {
    io.err(`codegen migrate-code: ${(e as Error).message}`);
    io.err("codegen migrate-code: see codegen migrate-code --help");
    return EXIT.usage;
  }
}

export async function migrateCodeCommand(args: readonly string[], cwd: string, io: { console: Console }): Promise<number> {
  const out = io.console;
  const flags = await parseMigrateFlags(args, out);
  if (typeof flags === "number") return flags;
  const from = flags.from as OutlookVersion;
  let files: string[];
  let map: MigrationMap;
  let tsconfig: string | undefined;
  try {
    files = [...new Set(flags._.map((f) => resolve(cwd, String(f))))];
    for (const f of files) {
      if (!existsSync(f)) throw new UsageError(`${relative(cwd, f) || f}: no such file`);
      if (!statSync(f).isFile()) throw new UsageError(`${relative(cwd, f) || f}: not a file`);
      if (!TS_FILE.test(f)) throw new UsageError(`${relative(cwd, f) || f}: not a TypeScript file (.ts, .tsx, .mts, .cts)`);
    }
    const mapFile = flags.map !== undefined ? resolve(cwd, flags.map) : shippedMapFile(from);
    if (flags.map === undefined && !existsSync(mapFile)) throw new UsageError(`codegen ships no migration map for ${from} (${mapFile}); give one with --map`);
    map = await readMigrationMapFile(mapFile, `--map ${flags.map ?? mapFile}`);
    if (flags.tsconfig !== undefined) {
      tsconfig = resolve(cwd, flags.tsconfig);
      if (!existsSync(tsconfig)) throw new UsageError(`--tsconfig ${flags.tsconfig}: no such file`);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    out.err(`codegen migrate-code: ${e.message}`);
    return EXIT.usage;
  }

  // ts-morph (and the TypeScript it carries) is loaded only by this command.
  let morph: typeof import("ts-morph");
  let codemod: typeof import("../migrate/codemod.js");
  try {
    morph = await import("ts-morph");
    codemod = await import("../migrate/codemod.js");
  } catch (e) {
    out.err(`codegen migrate-code: needs the package ts-morph (npm install --save-dev ts-morph): ${(e as Error).message}`);
    return EXIT.usage;
  }
  const { Project, ts } = morph;
  tsconfig ??= ts.findConfigFile(cwd, ts.sys.fileExists) ?? undefined;
  let project: InstanceType<typeof Project>;
  try {
    project =
      tsconfig !== undefined
        ? new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true })
        : new Project({
            compilerOptions: {
              target: ts.ScriptTarget.ES2022,
              module: ts.ModuleKind.NodeNext,
              moduleResolution: ts.ModuleResolutionKind.NodeNext,
              strict: true,
              noEmit: true,
            },
          });
  } catch (e) {
    out.err(`codegen migrate-code: --tsconfig ${tsconfig}: ${(e as Error).message}`);
    return EXIT.usage;
  }
  const before = new Map<string, string>();
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    before.set(f, text);
    project.createSourceFile(f, text, { overwrite: true });
  }
  // A file that does not parse is refused before anything is rewritten: the codemod would edit around the error.
  const shownFile = (file: string): string => relative(cwd, file).split(sep).join("/") || file;
  let unparsable = 0;
  for (const f of files) {
    const sf = project.getSourceFileOrThrow(f).compilerNode;
    const first = project.getProgram().compilerObject.getSyntacticDiagnostics(sf)[0];
    if (first === undefined) continue;
    unparsable++;
    const { line, character } = sf.getLineAndCharacterOfPosition(first.start ?? 0);
    out.err(`codegen migrate-code: ${shownFile(f)}:${line + 1}:${character + 1}: ${ts.flattenDiagnosticMessageText(first.messageText, " ")} (the file does not parse; nothing was written)`);
  }
  if (unparsable > 0) return EXIT.usage;
  project.resolveSourceFileDependencies();
  const names = files.map((f) => project.getSourceFileOrThrow(f).getFilePath());
  // The Graph client's own exports, when --graph-import resolves from the first file: an imported helper it lacks gets
  // a TODO. Unresolved (the Graph client is not installed yet), the codemod's list of Outlook-only exports is used.
  const graphImport = flags["graph-import"]!;
  const resolved = ts.resolveModuleName(graphImport, names[0]!, project.getCompilerOptions(), ts.sys).resolvedModule?.resolvedFileName;
  const graphIndex = resolved !== undefined && /[\\/]index\.(?:d\.)?ts$/.test(resolved) ? readFileSync(resolved, "utf8") : undefined;
  if (resolved === undefined && flags.quiet !== true) {
    out.err(
      `codegen migrate-code: warning: --graph-import ${JSON.stringify(graphImport)} does not resolve from ${relative(cwd, names[0]!).split(sep).join("/")}; ` +
        "the imports are rewritten to it as given (generate and install the Graph client first, or check the specifier)",
    );
  }
  const summary = codemod.migrateCode(project, {
    map,
    from,
    graphImport,
    files: names,
    ...(graphIndex !== undefined ? { graphExports: codemod.indexExportNames(graphIndex) } : {}),
  });

  const shown = (file: string): string => relative(cwd, file).split(sep).join("/") || file;
  const changed = files.map((f, i) => ({ f, after: project.getSourceFileOrThrow(names[i]!).getFullText() })).filter(({ f, after }) => after !== before.get(f));
  if (flags["dry-run"]) {
    const report = driftReport(
      changed.map(({ f, after }) => ({ path: shown(f), before: before.get(f)!, after })),
      Number.MAX_SAFE_INTEGER,
    );
    for (const line of report.lines) out.out(line);
  } else {
    for (const { f, after } of changed) {
      // Written beside the file, then renamed over it: the file is never half written.
      const temp = join(dirname(f), `.${basename(f)}.${process.pid}.migrate.tmp`);
      try {
        writeFileSync(temp, after, { flag: "wx", mode: statSync(f).mode });
        renameSync(temp, f);
      } catch (e) {
        rmSync(temp, { force: true });
        out.err(`codegen migrate-code: cannot write ${shown(f)}: ${(e as Error).message}`);
        return EXIT.usage;
      }
    }
  }
  // TODOs left in the files: this run's, and those an earlier run wrote (a second run adds none).
  const left = files.reduce((n, _f, i) => n + (project.getSourceFileOrThrow(names[i]!).getFullText().match(/\/\/ TODO\(migrate\):/g)?.length ?? 0), 0);
  for (const line of summaryLines(summary, shown, flags["dry-run"] === true, flags.quiet === true, left)) out.err(line);
  return EXIT.ok;
}

/** The summary on stderr: one line of figures, the edits by kind, then each TODO as file:line. */
export function summaryLines(summary: CodemodSummary, shown: (file: string) => string, dryRun: boolean, quiet: boolean, left = summary.todos.length): string[] {
  const changed = summary.files.filter((f) => f.changed).length;
  const todos = left === summary.todos.length ? `${left} TODO${left === 1 ? "" : "s"} left` : `${left} TODO${left === 1 ? "" : "s"} left (${summary.todos.length} new)`;
  const lines = [
    `codegen migrate-code: ${summary.files.length} file${summary.files.length === 1 ? "" : "s"}, ${changed} ${dryRun ? "would change" : "changed"}; ` +
      `${summary.callsMigrated} of ${summary.calls} client calls migrated; ${todos}`,
  ];
  if (quiet) return lines;
  const kinds = Object.entries(summary.edits)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (kinds.length > 0) lines.push(`  edits: ${kinds.map(([k, n]) => `${k} ${n}`).join(", ")}`);
  for (const f of summary.files) for (const s of f.skipped) lines.push(`  ${shown(f.file)}: left alone: ${s}`);
  for (const t of summary.todos) lines.push(`  ${shown(t.file)}:${t.line}: TODO(migrate): ${t.text}`);
  return lines;
}
