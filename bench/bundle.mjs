// Bundles one small app with esbuild (bundle, minify, ESM, browser, ES2022,
// tree shaking) and prints its minified and minified+gzipped sizes as JSON.
// Run as its own process by bench/run.ts.
//
//   node bench/bundle.mjs <app.ts> [--alias <specifier>=<file>]… [--out <file>]
//
// --out also writes the bundle there (test/runtime/tree-shaking.test.ts reads it: the test bundles as the bench does).
// An alias resolves an import specifier to a file (the bench points a generated
// package's entry, e.g. "graph-client/v1.0", at its TypeScript source).
//
// esbuild's native binary runs as a child this process waits for, so that the
// bench's CPU time (GNU time's, of this process and its waited-for children)
// includes it; its JavaScript API leaves the binary running as a service that
// is never waited for. Without the binary package the API is the fallback.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const [entry, ...rest] = process.argv.slice(2);
const aliases = new Map();
let out;
for (let i = 0; i < rest.length; i++) {
  if (rest[i] === "--out" && rest[i + 1] !== undefined) {
    out = resolve(rest[++i]);
    continue;
  }
  const m = rest[i] === "--alias" ? /^([^=]+)=(.+)$/.exec(rest[i + 1] ?? "") : null;
  if (!m) {
    process.stderr.write(`bundle.mjs: unexpected argument ${JSON.stringify(rest[i])}\n`);
    process.exit(2);
  }
  aliases.set(m[1], resolve(m[2]));
  i++;
}
if (!entry) {
  process.stderr.write("usage: node bench/bundle.mjs <app.ts> [--alias <specifier>=<file>]… [--out <file>]\n");
  process.exit(2);
}

function esbuildBinary() {
  const require = createRequire(import.meta.url);
  const pkg = `@esbuild/${process.platform}-${process.arch}`;
  for (const candidate of [process.env.ESBUILD_BINARY_PATH, `${pkg}/bin/esbuild`, `${pkg}/esbuild.exe`]) {
    if (!candidate) continue;
    try {
      return require.resolve(candidate);
    } catch {
      // next
    }
  }
  return undefined;
}

let code;
let warnings;
const binary = esbuildBinary();
if (binary !== undefined) {
  const args = [
    entry,
    "--bundle",
    "--minify",
    "--format=esm",
    "--platform=browser",
    "--target=es2022",
    "--tree-shaking=true",
    "--log-level=warning",
    "--color=false",
    ...[...aliases].map(([spec, file]) => `--alias:${spec}=${file}`),
  ];
  const run = spawnSync(binary, args, { maxBuffer: 1 << 30 });
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    process.exit(1);
  }
  code = run.stdout;
  warnings = (run.stderr.toString("utf8").match(/\[WARNING\]/g) ?? []).length;
} else {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    treeShaking: true,
    write: false,
    logLevel: "silent",
    alias: Object.fromEntries(aliases),
  });
  code = result.outputFiles[0].contents;
  warnings = result.warnings.length;
}
if (out !== undefined) writeFileSync(out, code);
const gz = gzipSync(code, { level: 9 }).length;
process.stdout.write(`${JSON.stringify({ min: code.length, gz, warnings, via: binary !== undefined ? "binary" : "api" })}\n`);
