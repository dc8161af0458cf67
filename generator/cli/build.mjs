#!/usr/bin/env node
// Bundles the generator's TypeScript into generator/dist/ (run by `npm install` through the `prepare` script), so
// the `codegen` command and the API start without compiling anything. yargs, handlebars and fast-xml-parser are
// bundled too (one file loads faster than their hundred); prettier stays outside: it is loaded only when needed.
// generator/dist/ sits at the same depth as generator/load/, so paths computed from import.meta.url still hold.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// Chunk names change with their content: start from an empty folder, so no stale chunk stays.
rmSync(join(here, "..", "dist"), { recursive: true, force: true });
await build({
  entryPoints: { codegen: join(here, "main.ts"), api: join(here, "..", "index.ts") },
  outdir: join(here, "..", "dist"),
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["prettier", "esbuild", "tsx"],
  // Bundled CommonJS dependencies call require() for Node's built-ins.
  banner: { js: 'import { createRequire as __codegenRequire } from "node:module";\nconst require = __codegenRequire(import.meta.url);' },
  logLevel: "warning",
});
