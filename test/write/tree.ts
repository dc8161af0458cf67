// Test helper: a snapshot of a folder (every file's bytes and mtime), to prove a run changed nothing.
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, utimesSync } from "node:fs";
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

export interface EntryState {
  readonly type: "file" | "dir" | "link" | "other";
  /** File bytes (sha256), a link's target. */
  readonly content?: string;
  readonly mode: number;
}

/**
 * Everything a refused or undone write must leave as it was: every path under root (links not followed), its type,
 * its content (a file's bytes, a link's target) and its mode; folders included, empty ones too.
 */
export function fullSnapshot(root: string): Record<string, EntryState> {
  const out: Record<string, EntryState> = {};
  const add = (full: string, rel: string): void => {
    const s = lstatSync(full, { throwIfNoEntry: false });
    if (s === undefined) return;
    if (s.isSymbolicLink()) out[rel] = { type: "link", content: readlinkSync(full), mode: s.mode };
    else if (s.isFile()) out[rel] = { type: "file", content: createHash("sha256").update(readFileSync(full)).digest("hex"), mode: s.mode };
    else if (s.isDirectory()) {
      out[`${rel}/`] = { type: "dir", mode: s.mode };
      for (const name of readdirSync(full).sort()) add(join(full, name), rel === "" ? name : `${rel}/${name}`);
    } else out[rel] = { type: "other", mode: s.mode };
  };
  add(root, "");
  return out;
}

/** A tiny deterministic generator (mulberry32), for the write tests' seeded rounds. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
