/**
 * The generator as a user installs it: `npm pack` of this repository (its prepack builds the bundle and the API's
 * declarations into the tarball), installed into a fresh project in a temp folder. There the bins run from a config
 * file, `--check` passes and then catches drift, the API is imported and required from JavaScript, and a consumer's
 * TypeScript that calls the API type-checks under node16, nodenext and bundler with TypeScript 5.9 and 7, without
 * skipLibCheck. Neither tsx nor esbuild may be installed there.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../helpers/paths.js";

const TIMEOUT = 240_000;
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const TSC5 = join(REPO, "node_modules", "typescript", "bin", "tsc");
const TSC7 = join(REPO, "node_modules", "typescript7", "bin", "tsc");

let tmp: string;
let appDir: string;
let tarball: string;
let tarFiles: string[];
let packInfo: { size: number; unpackedSize: number; entryCount: number };
let installOutput = "";

function run(cmd: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    timeout: TIMEOUT,
    env: { ...process.env, NO_COLOR: "1", npm_config_update_notifier: "false", CODEGEN_FROM_SOURCE: "", ...env },
  });
  if (r.error) throw r.error;
  return r;
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Total bytes of the files under a folder (links not followed). */
function du(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += du(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "codegen-generator-pack-"));
  // Pack a copy of what `files` can ship, so the prepack build never touches the repository's own generator/dist
  // (other tests load it meanwhile). The copy borrows the repository's node_modules for esbuild and typescript.
  const stage = join(tmp, "stage");
  mkdirSync(stage);
  for (const entry of ["package.json", "README.md", "LICENSE", "CHANGELOG.md", "templates", "schema", ".gitignore"]) {
    if (existsSync(join(REPO, entry))) cpSync(join(REPO, entry), join(stage, entry), { recursive: true });
  }
  cpSync(join(REPO, "generator"), join(stage, "generator"), { recursive: true, filter: (src) => !src.endsWith(`${join("generator", "dist")}`) });
  symlinkSync(join(REPO, "node_modules"), join(stage, "node_modules"), "dir");
  const packed = JSON.parse(ok(run(NPM, ["pack", "--json", "--pack-destination", tmp], stage), "npm pack")) as {
    filename: string;
    size: number;
    unpackedSize: number;
    entryCount: number;
    files: { path: string }[];
  }[];
  expect(packed).toHaveLength(1);
  const [info] = packed;
  tarball = join(tmp, info!.filename);
  tarFiles = info!.files.map((f) => f.path).sort();
  packInfo = { size: info!.size, unpackedSize: info!.unpackedSize, entryCount: info!.entryCount };

  appDir = join(tmp, "app");
  mkdirSync(join(appDir, "metadata"), { recursive: true });
  writeFileSync(join(appDir, "package.json"), `${JSON.stringify({ name: "my-app", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`);
  cpSync(join(REPO, "metadata", "v2.0.xml"), join(appDir, "metadata", "outlook.xml"));
  const offline = run(NPM, ["install", "--no-audit", "--no-fund", "--offline", tarball], appDir);
  installOutput = `${offline.stdout}${offline.stderr}`;
  if (offline.status !== 0) {
    const online = run(NPM, ["install", "--no-audit", "--no-fund", tarball], appDir);
    ok(online, "npm install");
    installOutput = `${online.stdout}${online.stderr}`;
  }
}, TIMEOUT);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("the generator's tarball", () => {
  it("ships the bundle, the API's declarations, the templates and the bins, and nothing of the repository's own", () => {
    expect(tarFiles).toContain("generator/dist/codegen.mjs");
    expect(tarFiles).toContain("generator/dist/api.mjs");
    expect(tarFiles).toContain("generator/dist/template-trees.json");
    expect(tarFiles).toContain("generator/dist/types/generator/index.d.ts");
    expect(tarFiles).toContain("generator/cli/codegen.mjs");
    expect(tarFiles).toContain("templates/runtime/http.ts");
    expect(tarFiles).toContain("LICENSE");
    const sources = tarFiles.filter((f) => f.startsWith("generator/") && f.endsWith(".ts") && !f.endsWith(".d.ts"));
    expect(sources).toEqual([]);
    const foreign = tarFiles.filter((f) => /^(test|bench|metadata|generated|node_modules)\//.test(f));
    expect(foreign).toEqual([]);
    console.log(
      `generator tarball: ${(packInfo.size / 1024).toFixed(1)} KiB packed, ${(packInfo.unpackedSize / 1024).toFixed(1)} KiB unpacked, ${packInfo.entryCount} files`,
    );
  });

  it("installs without tsx, esbuild or the bundled libraries, and says what it costs", () => {
    const modules = join(appDir, "node_modules");
    for (const name of ["tsx", "esbuild", "yargs", "handlebars", "fast-xml-parser", "zod", "typescript"]) {
      expect(existsSync(join(modules, name)), name).toBe(false);
    }
    const manifest = JSON.parse(readFileSync(join(modules, "odata-codegen", "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      private?: boolean;
    };
    expect(manifest.private).toBeUndefined();
    // The published manifest runs nothing on install: no scripts at all (npm 11 warns about any), no workspaces.
    expect(Object.keys(manifest)).not.toContain("scripts");
    expect(Object.keys(manifest)).not.toContain("workspaces");
    expect(installOutput).not.toMatch(/install-scripts|prepare/);
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["jiti", "prettier"]);
    console.log(
      `installed: odata-codegen ${(du(join(modules, "odata-codegen")) / 1024).toFixed(0)} KiB; node_modules in all ${(du(modules) / 1024 / 1024).toFixed(1)} MiB`,
    );
  });
});

describe("the bins in a user's project", () => {
  it("generates from a codegen.config.ts (two outputs, typed by defineConfig) with `npx codegen`, then `--check` passes", () => {
    writeFileSync(
      join(appDir, "codegen.config.ts"),
      `import { defineConfig } from "odata-codegen";

export default defineConfig({
  outputs: [
    { metadata: ["v2.0=metadata/outlook.xml"], out: "client", package: { name: "@my/outlook", version: "2.0.0" } },
    { metadata: ["v2.0=metadata/outlook.xml"], out: "src/outlook", mode: "sources" },
  ],
});
`,
    );
    const gen = run(NPM, ["exec", "--offline", "--", "codegen"], appDir);
    expect(gen.stderr).toBe("");
    expect(gen.status).toBe(0);
    expect(existsSync(join(appDir, "client", "v2.0", "client.ts"))).toBe(true);
    const pkg = JSON.parse(readFileSync(join(appDir, "client", "package.json"), "utf8")) as { name: string; version: string };
    expect([pkg.name, pkg.version]).toEqual(["@my/outlook", "2.0.0"]);
    expect(existsSync(join(appDir, "src", "outlook", "client.ts"))).toBe(true);
    expect(existsSync(join(appDir, "src", "outlook", "package.json"))).toBe(false);
    const check = run(NPM, ["exec", "--offline", "--", "codegen", "--check"], appDir);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/up to date/);
  }, TIMEOUT);

  it("fails `--check` with exit 3 and a unified diff when a generated file drifted", () => {
    const file = join(appDir, "src", "outlook", "client.ts");
    const before = readFileSync(file, "utf8");
    writeFileSync(file, `${before}// edited by hand\n`);
    try {
      const check = run(NPM, ["exec", "--offline", "--", "codegen", "--check"], appDir);
      expect(check.status).toBe(3);
      expect(check.stderr).toMatch(/src\/outlook.*client\.ts|client\.ts/);
      expect(check.stdout).toContain("--- a/src/outlook/client.ts");
      expect(check.stdout).toContain("-// edited by hand");
    } finally {
      writeFileSync(file, before);
    }
  }, TIMEOUT);

  it("refuses to write into the project's own folder (exit 2), leaving the user's files alone", () => {
    const before = readFileSync(join(appDir, "package.json"), "utf8");
    const r = run(NPM, ["exec", "--offline", "--", "codegen", "-c", "none.json", "-m", "x=metadata/outlook.xml", "-o", "."], appDir);
    expect(r.status).toBe(2);
    expect(readFileSync(join(appDir, "package.json"), "utf8")).toBe(before);
  }, TIMEOUT);

  it("answers under the package's own name too, so `npx odata-codegen` never resolves to another package", () => {
    const help = run(NPM, ["exec", "--offline", "--", "odata-codegen", "--help"], appDir);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--metadata/);
    const version = run(NPM, ["exec", "--offline", "--", "odata-codegen", "-v"], appDir);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }).version);
  }, TIMEOUT);
});

describe("the programmatic API in a user's project", () => {
  const script = `const { generate, formatDiagnostic } = API;
const ok = await generate({ inputs: [{ label: "v2.0", source: "metadata/outlook.xml" }], format: false });
const bad = await generate({ inputs: [{ label: "x", source: "missing.xml" }] });
const version = ok.files.map((f) => f.path).filter((p) => p.startsWith("v2.0/")).sort();
console.log(JSON.stringify({ files: ok.files.length, version, bad: formatDiagnostic(bad.diagnostics[0]) }));`;

  const expectResult = (out: string): void => {
    const got = JSON.parse(out) as { files: number; version: string[]; bad: string };
    // The version rolled up into a few files, beside the runtime and the package's own files.
    // v2.0/migration.ts: the shipped map, found in the installed package (generator/diff/maps/ is in its files).
    expect(got.version).toEqual(["v2.0/client.ts", "v2.0/extensions.ts", "v2.0/index.ts", "v2.0/migration.ts", "v2.0/models.ts", "v2.0/nodes.ts"]);
    expect(got.files).toBeGreaterThan(got.version.length + 10);
    expect(got.bad).toMatch(/missing\.xml: error [a-z-]+: could not read metadata/);
  };

  it("imports from an ES module", () => {
    writeFileSync(join(appDir, "api.mjs"), `import * as API from "odata-codegen";\n${script}\n`);
    expectResult(ok(run(process.execPath, ["api.mjs"], appDir), "node api.mjs"));
  }, TIMEOUT);

  it("requires from CommonJS", () => {
    writeFileSync(join(appDir, "api.cjs"), `const API = require("odata-codegen");\n(async () => {\n${script}\n})();\n`);
    const r = run(process.execPath, ["api.cjs"], appDir);
    expect(r.stderr).toBe("");
    expectResult(ok(r, "node api.cjs"));
  }, TIMEOUT);

  const CONSUMER = `import { defineConfig, generate, formatDiagnostic, type GenerateOptions, type Diagnostic } from "odata-codegen";

export const config = defineConfig({ outputs: [{ metadata: ["v2.0=metadata/outlook.xml"], out: "src/outlook", mode: "sources" }] });
// @ts-expect-error: "pkg" is not an output mode
export const wrong = defineConfig({ metadata: ["v2.0=metadata/outlook.xml"], mode: "pkg" });
// @ts-expect-error: a misspelt top-level key
export const typo = defineConfig({ metadat: ["v2.0=metadata/outlook.xml"] });

const options: GenerateOptions = { inputs: [{ label: "v2.0", source: "metadata/outlook.xml" }], format: false };
const result = await generate(options);
const first: Diagnostic | undefined = result.diagnostics[0];
if (first) console.log(formatDiagnostic(first));
console.log(result.files.length);
`;
  const settings = {
    node16: { module: "Node16", moduleResolution: "Node16" },
    nodenext: { module: "NodeNext", moduleResolution: "NodeNext" },
    bundler: { module: "ESNext", moduleResolution: "Bundler" },
  } as const;

  // TypeScript 7 runs without @types/node: @types/node 20.19 has an error of its own under it (https.d.ts, TS2320),
  // and the declarations need neither Node's types nor the DOM's beyond `fetch`.
  const environments = {
    node: { lib: ["ES2022"], types: ["node"], typeRoots: [join(REPO, "node_modules", "@types")] },
    dom: { lib: ["ES2022", "DOM"], types: [] },
  } as const;
  for (const [tsName, tsc, env] of [
    ["TypeScript 5.9", TSC5, "node"],
    ["TypeScript 7", TSC7, "dom"],
  ] as const) {
    for (const [name, resolution] of Object.entries(settings)) {
      it(`type-checks a consumer under ${name} with ${tsName} (${env} types), strict, without skipLibCheck`, () => {
        const dir = join(appDir, `consumer-${name}-${env}`);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, "main.ts"), CONSUMER);
        const config = {
          compilerOptions: {
            target: "ES2022",
            ...resolution,
            ...environments[env],
            strict: true,
            noUnusedLocals: true,
            noUnusedParameters: true,
            exactOptionalPropertyTypes: true,
            noUncheckedIndexedAccess: true,
            skipLibCheck: false,
            noEmit: true,
          },
          files: ["main.ts"],
        };
        writeFileSync(join(dir, "tsconfig.json"), `${JSON.stringify(config, null, 2)}\n`);
        const r = run(process.execPath, [tsc, "-p", "tsconfig.json"], dir);
        expect(`${r.stdout}${r.stderr}`).toBe("");
        expect(r.status).toBe(0);
      }, TIMEOUT);
    }
  }
});
