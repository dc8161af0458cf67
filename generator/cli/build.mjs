#!/usr/bin/env node
// Bundles the generator's TypeScript into generator/dist/ (run by `npm install` through the `prepare` script), so
// the `codegen` command and the API start without compiling anything. Dependencies stay in node_modules.
// generator/dist/ sits at the same depth as generator/load/, so paths computed from import.meta.url still hold.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: { codegen: join(here, "main.ts"), api: join(here, "..", "index.ts") },
  outdir: join(here, "..", "dist"),
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
