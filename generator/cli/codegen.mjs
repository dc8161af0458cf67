#!/usr/bin/env node
// The `codegen` command. The generator is TypeScript; tsx compiles it on load.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`codegen: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 70;
}
