/**
 * `codegen`: parses flags, runs the pipeline, prints diagnostics, writes or
 * checks the output. Exit code 0 on success, 1 on bad input, a usage error or
 * (with --check) drift.
 */
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { formatDiagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import { loadFormatCache } from "../load/load.js";
import { generate } from "../pipeline.js";
import { diffOutput, writeOutput } from "../write/write.js";
import { FLAGS, resolveOptions, UsageError } from "./options.js";

export async function main(args: readonly string[], cwd: string = process.cwd()): Promise<number> {
  const parser = yargs([...args])
    .scriptName("codegen")
    .usage("$0 [options]\n\nGenerates a typed TypeScript client package from OData v4 CSDL $metadata.")
    .options(FLAGS)
    .example("$0", "regenerate generated/ from metadata/*.xml")
    .example("$0 --metadata v2.0=metadata/v2.0.xml --out client", "one version into ./client")
    .example("$0 --check", "exit 1 if generated/ is not what the generator produces")
    .strict()
    .help()
    .version(false)
    .exitProcess(false)
    .fail((msg, err) => {
      throw new UsageError(msg ?? err?.message ?? "invalid arguments");
    });
  let argv: Awaited<ReturnType<typeof parser.parse>>;
  try {
    argv = await parser.parse();
  } catch (e) {
    process.stderr.write(`codegen: ${(e as Error).message}\n`);
    return 1;
  }
  if (argv.help) return 0;

  let options;
  try {
    options = resolveOptions(argv, cwd);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`codegen: ${e.message}\n`);
      return 1;
    }
    throw e;
  }

  // --check formats everything afresh, so that it never trusts what lies in the folder.
  const formatCache = options.check ? undefined : await loadFormatCache(options.out);
  const result = await generate({
    inputs: options.inputs,
    ...(formatCache ? { formatCache } : {}),
    ...(options.packageName !== undefined ? { packageName: options.packageName } : {}),
    ...(options.definitions !== undefined ? { definitions: options.definitions } : {}),
    ...(options.configFile !== undefined ? { definitionsFile: options.configFile } : {}),
  });
  for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (hasErrors(result.diagnostics)) {
    const n = result.diagnostics.filter((d) => d.severity === "error").length;
    process.stderr.write(`codegen: ${n} error(s); nothing was written.\n`);
    return 1;
  }

  if (options.check) {
    const changes = await diffOutput(options.out, result.files);
    const drift = [
      ...changes.added.map((p) => `  added:   ${p}`),
      ...changes.changed.map((p) => `  changed: ${p}`),
      ...changes.removed.map((p) => `  removed: ${p}`),
    ];
    if (drift.length > 0) {
      process.stderr.write(`codegen --check: ${drift.length} file(s) would change in ${options.out}:\n${drift.join("\n")}\n`);
      return 1;
    }
    process.stdout.write(`codegen --check: ${options.out} is up to date (${changes.unchanged} files).\n`);
    return 0;
  }
  const changes = await writeOutput(options.out, result.files);
  process.stdout.write(
    `codegen: ${options.out}: ${changes.added.length} added, ${changes.changed.length} changed, ${changes.removed.length} removed, ${changes.unchanged} unchanged.\n`,
  );
  return 0;
}
