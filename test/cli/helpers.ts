/** Shared by the CLI tests: temp folders, main() in-process with captured output, the real bin as a child. */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect } from "vitest";
import { main, type MainIO } from "../../generator/cli/main.js";
import { REPO } from "../helpers/paths.js";

export const BIN = join(REPO, "generator", "cli", "codegen.mjs");

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "codegen-cli-"));
  temps.push(dir);
  return dir;
}

/** main() in this process; its lines go to the returned strings (through MainIO.console). */
export async function runMain(args: readonly string[], cwd: string, io: Omit<MainIO, "console"> = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, cwd, { ...io, console: { out: (l) => void (stdout += `${l}\n`), err: (l) => void (stderr += `${l}\n`) } });
  return { code, stdout, stderr };
}

/** The real bin as a child process. */
export function runBin(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** A stack trace line names a JS/TS file or a node internal; the CSDL path line (`    at Schema[...]`) does not. */
export function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/\.(?:[cm]?[jt]s|tsx):\d/);
  expect(stderr).not.toContain("node:internal");
  expect(stderr).not.toContain("internal error");
  expect(stderr).not.toMatch(/^\s+at (?!Schema\[)/m);
}
