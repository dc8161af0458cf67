/**
 * The repository's own type-check, run by `npm test`. Vitest strips types, so the type-level assertions in the test
 * files (`@ts-expect-error` lines that must stay errors, `satisfies` checks) are checked only here.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/paths.js";

const TSC = join(REPO, "node_modules", "typescript", "bin", "tsc");

function repoConfig(): ts.ParsedCommandLine {
  const path = join(REPO, "tsconfig.json");
  const json = ts.readConfigFile(path, (p) => readFileSync(p, "utf8"));
  return ts.parseJsonConfigFileContent(json.config, ts.sys, REPO, undefined, path);
}

describe("the repository type-checks (npm run typecheck)", () => {
  it("tsc -p tsconfig.json --noEmit reports nothing", () => {
    const run = spawnSync(process.execPath, [TSC, "-p", "tsconfig.json", "--noEmit"], { cwd: REPO, encoding: "utf8" });
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  }, 120_000);

  // Folders with their own tsconfig.json (test/usage, test/cap/usage) are checked by their own tests.
  it("covers every test file that holds a type-level assertion", () => {
    const roots = new Set(repoConfig().fileNames.map((f) => relative(REPO, f)));
    const git = spawnSync("git", ["ls-files", "test", "templates/runtime", "generator"], { cwd: REPO, encoding: "utf8" });
    const asserting = git.stdout
      .split("\n")
      .filter((f) => f.endsWith(".ts") && /@ts-expect-error/.test(readFileSync(join(REPO, f), "utf8")));
    expect(asserting.length).toBeGreaterThan(0);
    const ownConfig = (f: string): boolean => {
      for (let dir = dirname(f); dir !== "."; dir = dirname(dir)) if (existsSync(join(REPO, dir, "tsconfig.json"))) return true;
      return false;
    };
    expect(asserting.filter((f) => !roots.has(f) && !ownConfig(f))).toEqual([]);
  });

  it("would fail on an @ts-expect-error that no longer marks an error", () => {
    const config = repoConfig();
    const probe = join(REPO, "test", "typecheck", "__probe__.ts");
    const text = "// @ts-expect-error: this line is fine, so the directive is unused\nexport const n: number = 1;\n";
    const host = ts.createCompilerHost(config.options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, ...rest) =>
      name === probe ? ts.createSourceFile(name, text, language) : getSourceFile(name, language, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => name === probe || fileExists(name);
    const program = ts.createProgram({ rootNames: [probe], options: config.options, host });
    const codes = ts.getPreEmitDiagnostics(program).map((d) => d.code);
    expect(codes).toContain(2578); // Unused '@ts-expect-error' directive.
  });
});
