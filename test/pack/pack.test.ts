/**
 * The committed generated/ as a user gets it, standalone outside this repository: its own devDependencies
 * installed (TypeScript, from the npm cache), packed with `npm pack` (whose prepack compiles it with that
 * TypeScript), installed into an empty project, type-checked there with the repository's TypeScript and run with
 * node against a fake fetch. All in temp folders.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const TSC = join(REPO, "node_modules", "typescript", "bin", "tsc");
const TIMEOUT = 180_000;
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

let tmp: string;
let pkgDir: string;
let appDir: string;
let tarball: string;
let packed: string[];

function run(cmd: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    timeout: TIMEOUT,
    // Keep npm off the user's global cache settings as far as output goes; no colour in messages.
    env: { ...process.env, NO_COLOR: "1", npm_config_update_notifier: "false" },
  });
  if (r.error) throw r.error;
  return r;
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2022", "DOM"],
    types: [],
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: false,
    noEmit: true,
  },
  files: ["main.ts"],
};

const MAIN_TS = `import { createClient as v1 } from "outlook-rest-client/v1.0";
import { createClient as v2, type ODataCollection } from "outlook-rest-client/v2.0";
import { createClient as beta } from "outlook-rest-client/beta";
import { migrationMap } from "outlook-rest-client/beta/migration";
import { translateRequest } from "outlook-rest-client/runtime/migrate";

const urls: string[] = [];
const fakeFetch: typeof fetch = async (input, init) => {
  urls.push(\`\${init?.method ?? "GET"} \${String(input)}\`);
  return new Response(JSON.stringify({ value: [] }), { status: 200, headers: { "content-type": "application/json" } });
};
const getAccessToken = async (): Promise<string> => "token";

const me = await v1({ fetch: fakeFetch, getAccessToken }).me.get({ select: ["DisplayName"] });
const page: ODataCollection<unknown> = await v2({ fetch: fakeFetch, getAccessToken }).me.messages.list({ top: 2, select: ["Subject"] });
const user = await beta({ fetch: fakeFetch, getAccessToken, baseUrl: "https://example.test/api/beta/" }).users.byId("someone@example.com").get();
void me;
void page;
void user;
for (const u of urls) console.log(u);
const photo: string | null | undefined = migrationMap.types["Microsoft.OutlookServices.Photo"]?.to;
console.log(photo);
const t = translateRequest(migrationMap, { method: "GET", url: "https://outlook.office.com/api/beta/me/messages?$select=Subject" });
console.log(t.ok ? \`\${t.request.method} \${t.request.url}\` : "untranslated");
`;

/** The same program without the types, as a user would run it. */
const MAIN_MJS = `import { createClient as v1 } from "outlook-rest-client/v1.0";
import { createClient as v2 } from "outlook-rest-client/v2.0";
import { createClient as beta } from "outlook-rest-client/beta";
import { migrationMap } from "outlook-rest-client/beta/migration";
import { translateRequest } from "outlook-rest-client/runtime/migrate";

const urls = [];
const fakeFetch = async (input, init) => {
  urls.push(\`\${init?.method ?? "GET"} \${String(input)}\`);
  return new Response(JSON.stringify({ value: [] }), { status: 200, headers: { "content-type": "application/json" } });
};
const getAccessToken = async () => "token";

await v1({ fetch: fakeFetch, getAccessToken }).me.get({ select: ["DisplayName"] });
await v2({ fetch: fakeFetch, getAccessToken }).me.messages.list({ top: 2, select: ["Subject"] });
await beta({ fetch: fakeFetch, getAccessToken, baseUrl: "https://example.test/api/beta/" }).users.byId("someone@example.com").get();
for (const u of urls) console.log(u);
console.log(migrationMap.types["Microsoft.OutlookServices.Photo"].to);
const t = translateRequest(migrationMap, { method: "GET", url: "https://outlook.office.com/api/beta/me/messages?$select=Subject" });
console.log(t.ok ? \`\${t.request.method} \${t.request.url}\` : "untranslated");
`;

/** Misuse the types must catch: a property that does not exist, and a subpath the package does not export. */
const BAD_TS = `import { createClient } from "outlook-rest-client/v2.0";
import { Path } from "outlook-rest-client/runtime/index.js";

await createClient().me.messages.list({ select: ["NoSuchProperty"] });
void Path;
`;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "codegen-"));
  pkgDir = join(tmp, "pkg");
  appDir = join(tmp, "app");
  // The committed sources only: no build output or installed modules someone may have left in generated/.
  cpSync(join(REPO, "generated"), pkgDir, {
    recursive: true,
    filter: (src) => !["dist", "node_modules"].includes(basename(src)) && !src.endsWith(".tgz"),
  });
  // The package's own devDependencies (the TypeScript it pins), from the npm cache when it holds them.
  const own = run(NPM, ["install", "--no-audit", "--no-fund", "--offline"], pkgDir);
  if (own.status !== 0) ok(run(NPM, ["install", "--no-audit", "--no-fund"], pkgDir), "npm install (in the package)");
  // prepack runs `npm run build`: the package compiles itself with its own TypeScript.
  ok(run(NPM, ["pack", "--pack-destination", tmp], pkgDir), "npm pack");
  const tgz = readdirSync(tmp).filter((f) => f.endsWith(".tgz"));
  expect(tgz).toHaveLength(1);
  tarball = join(tmp, tgz[0]!);
  packed = ok(run("tar", ["-tzf", tarball], tmp), "tar -tzf")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => l.replace(/^package\//, ""));

  mkdirSync(appDir);
  writeFileSync(join(appDir, "package.json"), `${JSON.stringify({ name: "consumer", version: "0.0.0", private: true, type: "module" }, null, 2)}\n`);
  const offline = run(NPM, ["install", "--no-audit", "--no-fund", "--offline", tarball], appDir);
  if (offline.status !== 0) ok(run(NPM, ["install", "--no-audit", "--no-fund", tarball], appDir), "npm install");
  writeFileSync(join(appDir, "tsconfig.json"), `${JSON.stringify(CONSUMER_TSCONFIG, null, 2)}\n`);
  writeFileSync(join(appDir, "tsconfig.bad.json"), `${JSON.stringify({ ...CONSUMER_TSCONFIG, files: ["bad.ts"] }, null, 2)}\n`);
  writeFileSync(join(appDir, "main.ts"), MAIN_TS);
  writeFileSync(join(appDir, "main.mjs"), MAIN_MJS);
  writeFileSync(join(appDir, "bad.ts"), BAD_TS);
}, TIMEOUT);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("the packed package", () => {
  it("pins the TypeScript it builds with: the repository's own", () => {
    const pkg = JSON.parse(readFileSync(join(REPO, "generated", "package.json"), "utf8")) as { devDependencies?: Record<string, string> };
    const repoTs = (JSON.parse(readFileSync(join(REPO, "node_modules", "typescript", "package.json"), "utf8")) as { version: string }).version;
    expect(pkg.devDependencies).toEqual({ typescript: repoTs });
    const built = JSON.parse(readFileSync(join(pkgDir, "node_modules", "typescript", "package.json"), "utf8")) as { version: string };
    expect(built.version).toBe(repoTs);
  });

  it("ships source and declaration maps, and the .ts sources they point to", () => {
    const files = new Set(packed);
    for (const v of ["v1.0", "v2.0", "beta"]) {
      for (const f of [`dist/${v}/client.js.map`, `dist/${v}/client.d.ts.map`, `${v}/client.ts`, `${v}/index.ts`, `${v}/models.ts`, `${v}/nodes.ts`]) {
        expect(files, f).toContain(f);
      }
    }
    expect(files).toContain("runtime/http.ts");
    expect(files).toContain("runtime/node.ts");
    expect(packed.filter((f) => f.startsWith("node_modules/") || f.endsWith(".tsbuildinfo") || f.startsWith("tsconfig"))).toEqual([]);
    // Every map's sources resolve to a file in the tarball.
    const maps = packed.filter((f) => f.endsWith(".map"));
    // One source map and one declaration map per shipped .ts source.
    const sources = packed.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.startsWith("dist/"));
    expect(sources.length).toBeGreaterThan(20);
    expect(maps.length).toBe(2 * sources.length);
    const installed = join(appDir, "node_modules", "outlook-rest-client");
    for (const m of maps) {
      const map = JSON.parse(readFileSync(join(installed, m), "utf8")) as { sources: string[] };
      for (const s of map.sources) expect(files, `${m} → ${s}`).toContain(posix.normalize(posix.join(posix.dirname(m), s)));
    }
    const d = JSON.parse(readFileSync(join(installed, "dist/v2.0/nodes.d.ts.map"), "utf8")) as { sources: string[] };
    expect(d.sources).toEqual(["../../v2.0/nodes.ts"]);
  });

  it("holds the compiled JavaScript and declarations, beside the sources", () => {
    const installed = join(appDir, "node_modules", "outlook-rest-client");
    expect(readdirSync(installed).sort()).toEqual(["README.md", "beta", "dist", "package.json", "runtime", "v1.0", "v2.0"]);
    const dist = readdirSync(join(installed, "dist")).sort();
    expect(dist).toEqual(["beta", "runtime", "v1.0", "v2.0"]);
    for (const v of ["v1.0", "v2.0", "beta"]) {
      const files = readdirSync(join(installed, "dist", v));
      expect(files).toContain("index.js");
      expect(files).toContain("index.d.ts");
      expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    }
    const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { name: string; dependencies?: unknown; engines?: unknown };
    expect(pkg.name).toBe("outlook-rest-client");
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.engines).toEqual({ node: ">=18" });
  });

  it("type-checks a consumer importing every entry point with TypeScript 5.9 (NodeNext, strict)", () => {
    const version = ok(run(process.execPath, [TSC, "--version"], appDir), "tsc --version");
    expect(version).toMatch(/Version 5\.9\./);
    const r = run(process.execPath, [TSC, "-p", "tsconfig.json"], appDir);
    expect(`${r.stdout}${r.stderr}`).toBe("");
    expect(r.status).toBe(0);
  }, TIMEOUT);

  it("rejects misuse at type-check time: an unknown property and an unexported subpath", () => {
    const r = run(process.execPath, [TSC, "-p", "tsconfig.bad.json"], appDir);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/bad\.ts\(2,\d+\): error TS2307: Cannot find module 'outlook-rest-client\/runtime\/index\.js'/);
    expect(r.stdout).toMatch(/bad\.ts\(4,\d+\): error TS2322: .*"NoSuchProperty"/);
  }, TIMEOUT);

  it("runs with node: one call per entry point, each to the right URL", () => {
    const out = ok(run(process.execPath, ["main.mjs"], appDir), "node main.mjs");
    expect(out.trim().split("\n")).toEqual([
      "GET https://outlook.office.com/api/v1.0/Me?$select=DisplayName",
      "GET https://outlook.office.com/api/v2.0/Me/Messages?$select=Subject&$top=2",
      "GET https://example.test/api/beta/Users('someone@example.com')",
      // The beta migration map, through its own subpath export.
      "microsoft.graph.profilePhoto",
      // The translator, through ./runtime/migrate.
      "GET https://graph.microsoft.com/v1.0/me/messages?$select=subject",
    ]);
  }, TIMEOUT);
});
