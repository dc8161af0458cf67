// Bundles one small app with esbuild (bundle, minify, ESM, browser, tree
// shaking) and prints its minified and minified+gzipped sizes as JSON. Run as
// its own process by bench/run.ts.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const entry = process.argv[2];
if (!entry) {
  process.stderr.write("usage: node bench/bundle.mjs <app.ts>\n");
  process.exit(2);
}
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
});
const code = result.outputFiles[0].contents;
const gz = gzipSync(code, { level: 9 }).length;
process.stdout.write(`${JSON.stringify({ min: code.length, gz, warnings: result.warnings.length })}\n`);
