/**
 * The CAP end-to-end harness: starts the tracker service (test/cap/server) as a child process, generates a client
 * from its live $metadata with the real CLI, and type-checks it with the usage scenarios (test/cap/usage).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { REPO } from "../helpers/paths.js";

export interface CapServer {
  /** Service root, e.g. http://127.0.0.1:41234/tracker */
  readonly service: string;
  readonly pid: number;
  readonly startupMs: number;
  readonly stop: () => Promise<number | null>;
}

/** Starts `node test/cap/server/server.mjs --port 0` and waits for its one JSON line. */
export function startCap(timeoutMs = 60_000): Promise<CapServer> {
  const child: ChildProcess = spawn(process.execPath, [join(REPO, "test/cap/server/server.mjs"), "--port", "0"], {
    cwd: join(REPO, "test/cap/server"),
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "test" },
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };
  return new Promise<CapServer>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`CAP did not start within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`CAP exited with ${code} before it listened: ${stderr}`));
    });
    createInterface({ input: child.stdout! }).once("line", (line) => {
      clearTimeout(timer);
      try {
        const info = JSON.parse(line) as { service: string; pid: number; startupMs: number };
        resolve({ service: info.service, pid: info.pid, startupMs: info.startupMs, stop });
      } catch {
        void stop();
        reject(new Error(`CAP printed ${line}`));
      }
    });
  });
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(file: string, args: readonly string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 240_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/**
 * A fresh output folder inside the repository (under the git-ignored .tmp/), so that the usage files resolve
 * `vitest` from the repository's node_modules, both for tsc and when the test imports them.
 */
export function outputFolder(): { readonly dir: string; readonly remove: () => void } {
  const parent = join(REPO, ".tmp");
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, "cap-client-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `node generator/cli/codegen.mjs --metadata tracker=<url> --out <dir>`. */
export function generate(metadataUrl: string, out: string): Promise<RunResult> {
  return run(
    process.execPath,
    [join(REPO, "generator/cli/codegen.mjs"), "--metadata", `tracker=${metadataUrl}`, "--out", out],
    REPO,
  );
}

/** Copies the usage scenarios next to the generated client: <out>/usage/. */
export function addUsage(out: string): void {
  cpSync(join(REPO, "test/cap/usage"), join(out, "usage"), { recursive: true });
}

/** Runs a TypeScript compiler (`typescript` = 5.9, `typescript7` = 7) on a project; "" when it exits 0. */
export async function tsc(compiler: "typescript" | "typescript7", project: string): Promise<string> {
  const r = await run(
    process.execPath,
    [join(REPO, "node_modules", compiler, "bin", "tsc"), "-p", project, "--pretty", "false"],
    REPO,
  );
  return r.code === 0 ? "" : `${r.stdout}${r.stderr}`.slice(0, 6000) || `tsc exited with ${r.code}`;
}
