/**
 * `codegen`: parses flags, reads the config, runs the pipeline for each output, prints diagnostics, writes or
 * checks the output, or keeps watching. Exit codes are those of exit-codes.ts: 1 bad metadata, 2 a usage or config
 * mistake, 3 drift under --check; a throw is a bug (70, mapped by the bin).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import yargs from "yargs";
import { PACKAGE_ROOT } from "../load/load.js";
import { nearest } from "./config.js";
import { checkOutputFolder, OutputFolderError } from "../write/write.js";
import { diffCommand } from "./diff-command.js";
import { migrateRequestCommand } from "./migrate-request-command.js";
import { EXIT } from "./exit-codes.js";
import { FLAGS, loadOptions, strictParser, usageMessage, UsageError, type ParsedFlags, type ResolvedOptions } from "./options.js";
import { processConsole, runOutput, summary, type Console } from "./run.js";
import { watchOutputs } from "./watch.js";

export interface MainIO {
  /** Ends --watch (the bin ends it on SIGINT). */
  readonly signal?: AbortSignal;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly console?: Console;
}

/** The generator's own version, from its package.json. */
export function codegenVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

/** yargs' "Unknown arguments: metdata, foo" → one line per flag, with the nearest known flag. */
export function explainUnknown(message: string): string | undefined {
  const m = /^Unknown arguments?: (.+)$/.exec(message);
  if (!m) return undefined;
  const known = Object.keys(FLAGS).concat("help");
  // yargs lists a kebab-case flag twice (--packge-name and its camel-case twin packgeName): once is enough.
  const names = [...new Set(m[1]!.split(", ").map((n) => (n.length > 1 ? n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`) : n)))];
  return names
    .map((name) => {
      const flag = name.length === 1 ? `-${name}` : `--${name}`;
      const guess = name.length > 1 ? nearest(name, known) : undefined;
      return `unknown argument ${flag}${guess !== undefined ? `; did you mean --${guess}?` : ""}`;
    })
    .join("\ncodegen: ");
}

async function parseFlags(args: readonly string[], io: Console): Promise<(ParsedFlags & { help?: boolean; version?: boolean }) | number> {
  let helpText = "";
  const parser = strictParser(
    yargs([...args])
      .scriptName("codegen")
      .usage("$0 [options]\n\nGenerates a typed TypeScript client from OData v4 CSDL $metadata.")
      .version(false)
      .options(FLAGS)
      .example("$0", "regenerate generated/ from metadata/*.xml (or from codegen.config.*)")
      .example("$0 -m v2.0=metadata/v2.0.xml -o client", "one version into ./client")
      .example('$0 -m g=https://host/$metadata -H "Authorization: Bearer $TOKEN"', "from a URL")
      .example("$0 --check", "exit 3 and print a diff if generated/ is not what the generator produces")
      .example("$0 --watch", "regenerate on every change to the metadata or the config")
      .example("$0 diff --from v1.0=metadata/v1.0.xml --to v2.0=metadata/v2.0.xml", "what changed between two $metadata, breaking changes marked (codegen diff --help)")
      .example("$0 migrate-request --from v2.0 <Outlook REST URL>", "the Microsoft Graph request for an Outlook REST one (codegen migrate-request --help)")
      .example("$0 migrate-code src/mail.ts --from v2.0 --graph-import graph-client/v1.0", "rewrite code that uses the Outlook client for a Graph client (codegen migrate-code --help)")
      .epilogue(
        "Exit codes: 0 done, 1 metadata errors, 2 usage or config errors, 3 --check found drift, 70 a bug in codegen. codegen diff: 4 when --fail-on breaking finds a breaking change. codegen migrate-request: 5 when a request cannot be translated.",
      ),
  );
  try {
    const argv = await parser.parse([...args], {}, (_err, _argv, output) => {
      helpText = output;
    });
    if (argv.help) {
      io.out(helpText.trimEnd());
      return EXIT.ok;
    }
    // yargs makes a flag given twice an array; a flag that takes one value must be given once.
    for (const [name, spec] of Object.entries(FLAGS)) {
      if (!("array" in spec) && Array.isArray((argv as Record<string, unknown>)[name])) throw new UsageError(`--${name} was given more than once`);
    }
    const positional = argv._.map(String);
    if (positional.length > 0) {
      throw new UsageError(`unexpected argument ${positional.join(" ")}: codegen takes only options (metadata goes in -m, --metadata)`);
    }
    return argv as ParsedFlags & { help?: boolean; version?: boolean };
  } catch (e) {
    const message = (e as Error).message;
    io.err(`codegen: ${explainUnknown(message) ?? message}`);
    io.err("codegen: see codegen --help");
    return EXIT.usage;
  }
}

export async function main(args: readonly string[], cwd: string = process.cwd(), io: MainIO = {}): Promise<number> {
  const out = io.console ?? processConsole;
  const env = io.env ?? process.env;
  // The subcommand has flags of its own: `codegen diff …` (cli/diff-command.ts).
  if (args[0] === "diff") return diffCommand(args.slice(1), cwd, { console: out, env });
  if (args[0] === "migrate-request") return migrateRequestCommand(args.slice(1), cwd, { console: out });
  // `codegen migrate-code …` (cli/migrate-code-command.ts) loads ts-morph, so it is loaded only when asked for.
  if (args[0] === "migrate-code") return (await import("./migrate-code-command.js")).migrateCodeCommand(args.slice(1), cwd, { console: out });
  const flags = await parseFlags(args, out);
  if (typeof flags === "number") return flags;
  if (flags.version) {
    out.out(codegenVersion());
    return EXIT.ok;
  }

  let options: ResolvedOptions;
  try {
    options = await loadOptions(flags, cwd, env);
  } catch (e) {
    const message = usageMessage(e);
    if (message === undefined) throw e;
    out.err(message);
    return EXIT.usage;
  }
  if (options.verbose && options.configFile !== undefined) out.err(`codegen: config ${options.configFile}`);

  if (options.watch) {
    if (options.check) {
      out.err("codegen: --watch and --check do not go together");
      return EXIT.usage;
    }
    return watchOutputs(options, { flags, cwd, env, console: out, ...(io.signal ? { signal: io.signal } : {}) });
  }

  // Several outputs: a folder that would be refused stops the run before any output is written.
  if (!options.check && options.outputs.length > 1) {
    for (const output of options.outputs) {
      try {
        checkOutputFolder(output.out, { isPackage: (output.generate.mode ?? "package") === "package" });
      } catch (e) {
        if (!(e instanceof OutputFolderError)) throw e;
        out.err(`codegen: ${e.message}\ncodegen: no output was written.`);
        return EXIT.usage;
      }
    }
  }

  // Every output runs; the exit code is the gravest outcome: a refused output folder over bad metadata over drift
  // over success.
  const rank = (c: number): number => (c === EXIT.usage ? 3 : c === EXIT.metadata ? 2 : c === EXIT.drift ? 1 : 0);
  let code: number = EXIT.ok;
  for (const output of options.outputs) {
    const run = await runOutput(output, { ...options, cwd }, out);
    if (run.code === EXIT.ok && run.changes && !options.check && !options.quiet) out.out(summary(output.out, run.changes));
    if (rank(run.code) > rank(code)) code = run.code;
  }
  return code;
}
