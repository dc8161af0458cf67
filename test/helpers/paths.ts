/** Where the tests find the repository, its folders and the shared corpus. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const GENERATED = join(REPO, "generated");
export const METADATA = join(REPO, "metadata");
export const CORPUS = resolve(REPO, "..", "shared", "corpus");
export const VERSIONS = ["v1.0", "v2.0", "beta"] as const;

export function corpusFile(name: string): string {
  const path = join(CORPUS, name);
  if (!existsSync(path)) throw new Error(`${path} is missing: the tests need ../shared beside the repository`);
  return path;
}

/** The inputs `npx codegen` uses by default. */
export const DEFAULT_INPUTS = VERSIONS.map((label) => ({ label, source: join(METADATA, `${label}.xml`) }));
