// Picks how to load the generator. An installed copy of the package ships only the bundle in generator/dist/ (built
// by `prepack`) and no TypeScript sources, so it always runs the bundle and never needs tsx. In a checkout of the
// repository the bundle runs while it is newer than every TypeScript source (`npm install` builds it through
// `prepare`); after an edit, or with CODEGEN_FROM_SOURCE=1, the sources run through tsx, a devDependency.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const generatorDir = join(dirname(fileURLToPath(import.meta.url)), "..");

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** How `load` would load the generator: "bundle", or "sources" (a checkout whose bundle is missing or stale). */
export function loadMode(bundle) {
  const bundled = join(generatorDir, "dist", bundle);
  const hasSources = existsSync(join(generatorDir, "pipeline.ts"));
  if (!hasSources) return "bundle";
  if (process.env.CODEGEN_FROM_SOURCE === "1" || !existsSync(bundled)) return "sources";
  return statSync(bundled).mtimeMs >= newestSource(generatorDir) ? "bundle" : "sources";
}

/** Loads `dist/<bundle>`, or `<source>` (relative to generator/) through tsx in a checkout whose bundle is stale. */
export async function load(bundle, source) {
  if (loadMode(bundle) === "bundle") return import(pathToFileURL(join(generatorDir, "dist", bundle)).href);
  let tsx;
  try {
    tsx = await import("tsx/esm/api");
  } catch {
    process.stderr.write(
      "codegen: generator/dist is missing or older than the TypeScript sources, and tsx (a devDependency) is not installed;\n" +
        "run `npm install` (or `npm run build`) in the codegen checkout.\n",
    );
    process.exit(70);
  }
  tsx.register();
  return import(pathToFileURL(join(generatorDir, source)).href);
}
