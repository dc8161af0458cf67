#!/usr/bin/env node
// Builds what the published package runs: generator/dist/ holds the generator bundled by esbuild (with yargs,
// handlebars, fast-xml-parser and zod inside; prettier and jiti stay outside, loaded only when needed) and the
// declarations of the programmatic API, emitted by tsc into generator/dist/types/. `npm install` runs it through
// `prepare` (also when installing from git), `npm pack` and `npm publish` through `prepack`.
// generator/dist/ sits at the same depth as generator/load/, so paths computed from import.meta.url still hold.
import { build } from "esbuild";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import ts from "typescript";

const here = dirname(fileURLToPath(import.meta.url));
const generator = join(here, "..");
const dist = join(generator, "dist");
// Chunk names change with their content: start from an empty folder, so no stale chunk stays.
rmSync(dist, { recursive: true, force: true });

const program = ts.createProgram([join(generator, "index.ts")], {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: ["node"],
  strict: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: true,
  declaration: true,
  emitDeclarationOnly: true,
  rootDir: join(generator, ".."),
  outDir: join(dist, "types"),
});
// tsc declares every file of the program; only those the API's declarations reach are kept.
// Nothing is written unless the program is free of errors.
const declared = new Map();
const failIf = (problems) => {
  if (problems.length === 0) return;
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => "\n" };
  process.stderr.write(ts.formatDiagnostics(problems, host));
  process.exit(1);
};
failIf(ts.getPreEmitDiagnostics(program));
failIf(program.emit(undefined, (file, text) => declared.set(resolve(file), text)).diagnostics);
const reached = new Set();
const visit = (file) => {
  if (reached.has(file) || !declared.has(file)) return;
  reached.add(file);
  for (const [, spec] of declared.get(file).matchAll(/(?:from |import\()"(\.{1,2}\/[^"]+)\.js"/g)) visit(resolve(dirname(file), `${spec}.d.ts`));
};
visit(join(dist, "types", "generator", "index.d.ts"));
for (const file of reached) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, declared.get(file));
}

await build({
  entryPoints: { codegen: join(here, "main.ts"), api: join(generator, "index.ts") },
  outdir: dist,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // ts-morph (with its TypeScript) is loaded only by `codegen migrate-code`, from the installed package.
  external: ["prettier", "jiti", "ts-morph"],
  // Bundled CommonJS dependencies call require() for Node's built-ins.
  banner: { js: 'import { createRequire as __codegenRequire } from "node:module";\nconst require = __codegenRequire(import.meta.url);' },
  logLevel: "warning",
});

// The templates' parse trees (generator/load loads them, generator/render runs them), so that a run does not parse
// its templates again: Handlebars' parser costs about 15 ms at every start. Each tree goes with the text it was
// parsed from, and the renderer takes a tree only for that very text: an edited template is parsed afresh, so a stale
// file cannot change the output.
const templates = join(generator, "..", "templates");
const trees = {};
for (const file of readdirSync(templates, { recursive: true }).filter((f) => f.endsWith(".hbs")).sort()) {
  const source = readFileSync(join(templates, file), "utf8");
  trees[file.split(sep).join("/")] = { source, tree: Handlebars.parse(source) };
}
writeFileSync(join(dist, "template-trees.json"), JSON.stringify(trees));
