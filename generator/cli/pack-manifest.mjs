#!/usr/bin/env node
// Around `npm pack` and `npm publish`: `strip` (in prepack, after the build) takes the repository's own scripts,
// workspaces and npm settings out of package.json, so the published manifest runs nothing on install (npm 11 warns
// about a `prepare` script on every install of a tarball); `restore` (in postpack) puts the original back. The
// original waits in a backup file; a backup left by an interrupted pack is restored before anything else.
//
// npm runs postpack only when the pack succeeds: after a failed one (a missing --pack-destination, say) package.json
// would stay stripped, and with it the scripts that would put it back. So `strip` also leaves a small watcher behind,
// detached: once the npm process that runs the pack has ended, it restores the backup if it is still there.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const FILE = "package.json";
const BACKUP = ".package.json.before-pack";
const mode = process.argv[2];

if (mode === "watch") {
  const pid = Number(process.argv[3]);
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return e.code === "EPERM";
    }
  };
  const started = Date.now();
  const timer = setInterval(() => {
    if (!existsSync(BACKUP) || Date.now() - started > 3_600_000) return clearInterval(timer);
    if (alive()) return;
    clearInterval(timer);
    if (existsSync(BACKUP)) renameSync(BACKUP, FILE);
  }, 200);
} else {
  if (existsSync(BACKUP)) renameSync(BACKUP, FILE);
  if (mode === "strip") {
    const text = readFileSync(FILE, "utf8");
    const pkg = JSON.parse(text);
    for (const key of ["scripts", "workspaces", "allowScripts"]) delete pkg[key];
    writeFileSync(BACKUP, text);
    writeFileSync(FILE, `${JSON.stringify(pkg, null, 2)}\n`);
    const npm = packingProcess();
    if (npm !== undefined) {
      spawn(process.execPath, [fileURLToPath(import.meta.url), "watch", String(npm)], { detached: true, stdio: "ignore" }).unref();
    }
  } else if (mode !== "restore") {
    process.stderr.write("usage: pack-manifest.mjs strip|restore\n");
    process.exit(2);
  }
}

/** The npm process running this script (an ancestor whose command names npm), else the shell's parent; POSIX only. */
function packingProcess() {
  if (process.platform === "win32") return undefined;
  const parentOf = (pid) => {
    try {
      const [ppid, ...args] = execFileSync("ps", ["-o", "ppid=,args=", "-p", String(pid)], { encoding: "utf8" }).trim().split(/\s+/);
      return { ppid: Number(ppid), args: args.join(" ") };
    } catch {
      return undefined;
    }
  };
  let pid = process.ppid;
  for (let depth = 0; depth < 6 && pid > 1; depth++) {
    const info = parentOf(pid);
    if (info === undefined) return undefined;
    if (/(^|[\s/])npm(-cli\.js)?(\s|$)/.test(info.args)) return pid;
    pid = info.ppid;
  }
  return parentOf(process.ppid)?.ppid;
}
