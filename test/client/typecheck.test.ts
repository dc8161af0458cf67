// Compiles the usage files (and the generated sources on their own) with TypeScript 5.9 and TypeScript 7.
// The compilers are called by path: `npx tsc` is ambiguous between the two installed versions.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

const COMPILERS = {
  "TypeScript 5.9": "node_modules/typescript/bin/tsc",
  "TypeScript 7": "node_modules/typescript7/bin/tsc",
} as const;

const PROJECTS = ["test/usage/tsconfig.json", "generated/tsconfig.json"] as const;

function compile(tsc: string, project: string): { status: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [tsc, "-p", project, "--pretty", "false"], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 55_000,
    });
    return { status: 0, output };
  } catch (e) {
    const err = e as { status?: number | null; stdout?: string; stderr?: string; message?: string };
    return { status: err.status ?? -1, output: `${err.stdout ?? ""}${err.stderr ?? ""}` || String(err.message) };
  }
}

describe.each(Object.entries(COMPILERS))("%s", (_name, tsc) => {
  it.each(PROJECTS)("tsc -p %s exits 0", { timeout: 60_000 }, (project) => {
    const { status, output } = compile(tsc, project);
    expect(status, `${tsc} -p ${project} failed:\n${output}`).toBe(0);
  });
});
