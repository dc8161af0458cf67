// Picks how to load the generator: the bundle in generator/dist/ when it is newer than every TypeScript source
// (`npm install` builds it), else the sources themselves through tsx (a fresh checkout, or sources edited since).
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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

function bundleIsFresh(file) {
  try {
    return statSync(join(generatorDir, "dist", file)).mtimeMs >= newestSource(generatorDir);
  } catch {
    return false;
  }
}

/** Loads `dist/<bundle>` when fresh, else `<source>` (relative to generator/) through tsx. */
export async function load(bundle, source) {
  if (process.env.CODEGEN_FROM_SOURCE !== "1" && bundleIsFresh(bundle)) return import(join(generatorDir, "dist", bundle));
  const { register } = await import("tsx/esm/api");
  register();
  return import(join(generatorDir, source));
}
