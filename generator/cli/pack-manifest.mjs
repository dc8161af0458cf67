#!/usr/bin/env node
// Around `npm pack` and `npm publish`: `strip` (in prepack, after the build) takes the repository's own scripts,
// workspaces and npm settings out of package.json, so the published manifest runs nothing on install (npm 11 warns
// about a `prepare` script on every install of a tarball); `restore` (in postpack) puts the original back. The
// original waits in a backup file; a backup left by an interrupted pack is restored before anything else.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

const FILE = "package.json";
const BACKUP = ".package.json.before-pack";
const mode = process.argv[2];

if (existsSync(BACKUP)) renameSync(BACKUP, FILE);
if (mode === "strip") {
  const text = readFileSync(FILE, "utf8");
  const pkg = JSON.parse(text);
  for (const key of ["scripts", "workspaces", "allowScripts"]) delete pkg[key];
  writeFileSync(BACKUP, text);
  writeFileSync(FILE, `${JSON.stringify(pkg, null, 2)}\n`);
} else if (mode !== "restore") {
  process.stderr.write("usage: pack-manifest.mjs strip|restore\n");
  process.exit(2);
}
