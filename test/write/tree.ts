// Test helper: a snapshot of a folder (every file's bytes and mtime), to prove a run changed nothing.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from "node:fs";
import { join, relative, sep } from "node:path";

export interface FileState {
  readonly sha256: string;
  readonly mtimeMs: number;
}

/** path (relative, `/`-separated) → bytes hash and mtime; directories as `dir/` → mtime. */
export function snapshotTree(root: string): Record<string, FileState | "dir"> {
  const out: Record<string, FileState | "dir"> = {};
  if (!existsSync(root)) return out;
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, e.name);
      const rel = relative(root, full).split(sep).join("/");
      if (e.isDirectory()) {
        out[`${rel}/`] = "dir";
        walk(full);
      } else {
        out[rel] = { sha256: createHash("sha256").update(readFileSync(full)).digest("hex"), mtimeMs: statSync(full).mtimeMs };
      }
    }
  };
  walk(root);
  return out;
}

/** Every file under root, relative and `/`-separated. */
export function listFiles(root: string): string[] {
  return Object.keys(snapshotTree(root)).filter((p) => !p.endsWith("/"));
}

/** Sets every file's mtime to 2001-01-01, so that any rewrite shows in the mtime whatever the clock's resolution. */
export function ageTree(root: string): void {
  const old = new Date("2001-01-01T00:00:00Z");
  for (const p of listFiles(root)) utimesSync(join(root, p), old, old);
}
