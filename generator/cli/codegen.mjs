#!/usr/bin/env node
// The `codegen` command: the bundled generator when it is up to date, else the TypeScript sources through tsx.
import { load } from "./entry.mjs";

const { main } = await load("codegen.mjs", "cli/main.ts");
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`codegen: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 70;
}
