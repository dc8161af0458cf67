/**
 * The tsc sample: the outputs of successful mutants, each in its own folder, type-checked in batches by
 * TypeScript 7's native tsc (node_modules/typescript7, as test/consumer runs it) under the settings the generated
 * package promises (those of test/helpers/typecheck.ts).
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { REPO } from "./corpus.js";

export const TSC7 = join(REPO, "node_modules", "typescript7", "bin", "tsc");

export const COMPILER_OPTIONS = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  types: [],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  verbatimModuleSyntax: true,
  skipLibCheck: true,
  noEmit: true,
};

export interface TscError {
  /** `TS2300` */
  readonly code: string;
  readonly message: string;
  /** The file, relative to the mutant's folder, with line and column. */
  readonly at: string;
}

/**
 * Type-checks the folders in one tsc run (a tsconfig written into `batchDir`). Returns the errors of each folder
 * (empty when clean); an error outside every folder, or tsc failing to run, is charged to all of them.
 */
export function typecheckFolders(batchDir: string, folders: readonly string[], timeoutMs = 300_000): Promise<Map<string, TscError[]>> {
  const config = join(batchDir, "tsconfig.json");
  writeFileSync(config, JSON.stringify({ compilerOptions: COMPILER_OPTIONS, include: folders.map((f) => `${relative(batchDir, f).split(sep).join("/")}/**/*.ts`) }, null, 2));
  return new Promise((resolve) => {
    execFile(process.execPath, [TSC7, "-p", config, "--pretty", "false"], { cwd: batchDir, encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const out = new Map<string, TscError[]>(folders.map((f) => [f, []]));
      const stray: TscError[] = [];
      for (const line of `${stdout}`.split("\n")) {
        const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line.trim());
        if (!m) continue;
        const full = join(batchDir, m[1]!);
        const folder = folders.find((f) => full.startsWith(f + sep));
        const e = { code: m[4]!, message: m[5]!, at: `${folder ? relative(folder, full) : full}:${m[2]}:${m[3]}` };
        if (folder) out.get(folder)!.push(e);
        else stray.push(e);
      }
      const ranBadly = err !== null && [...out.values()].every((l) => l.length === 0) && stray.length === 0;
      if (ranBadly) stray.push({ code: "tsc-failed", message: `${err.message} ${stderr}`.slice(0, 500), at: "" });
      if (stray.length > 0) for (const l of out.values()) l.push(...stray);
      resolve(out);
    });
  });
}
