// The consumer matrix: sources-mode output dropped into a user's project and compiled the ways users compile.
// Used by matrix.test.ts; runnable on its own (`npx tsx test/consumer/matrix.ts`) to print the table.
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export type Compiler = "5.0" | "5.4" | "5.6" | "5.8" | "5.9" | "7";
export type Lib = "node" | "dom";
export type ModuleSetting = "nodenext" | "node16" | "esnext+bundler" | "preserve+bundler";
export type Format = "esm" | "cjs";

export interface Variant {
  readonly ts: Compiler;
  readonly lib: Lib;
  readonly module: ModuleSetting;
  readonly format: Format;
}

const TSC: Readonly<Record<Compiler, string>> = {
  "5.0": "node_modules/typescript50/bin/tsc",
  "5.4": "node_modules/typescript54/bin/tsc",
  "5.6": "node_modules/typescript56/bin/tsc",
  "5.8": "node_modules/typescript58/bin/tsc",
  "5.9": "node_modules/typescript/bin/tsc",
  "7": "node_modules/typescript7/bin/tsc",
};

const LIBS: Readonly<Record<Lib, { readonly lib: readonly string[]; readonly types: readonly string[] }>> = {
  // A Node.js project: no DOM; fetch, Response, Headers, AbortSignal, URL and Blob come from @types/node.
  node: { lib: ["ES2022"], types: ["node"] },
  // A browser project: the DOM lib and nothing else.
  dom: { lib: ["ES2022", "DOM"], types: [] },
};

const MODULES: Readonly<Record<ModuleSetting, { readonly module: string; readonly moduleResolution: string }>> = {
  nodenext: { module: "nodenext", moduleResolution: "nodenext" },
  node16: { module: "node16", moduleResolution: "node16" },
  "esnext+bundler": { module: "esnext", moduleResolution: "bundler" },
  "preserve+bundler": { module: "preserve", moduleResolution: "bundler" },
};

/** Which compilers know a setting or flag (apply each only where the compiler knows it). */
const MINOR: Readonly<Record<Compiler, number>> = { "5.0": 0, "5.4": 4, "5.6": 6, "5.8": 8, "5.9": 9, "7": 100 };

export function supported(v: Variant): boolean {
  // A bundler resolves ESM only; CommonJS output needs node16/nodenext here. `module: preserve` came with 5.4.
  if (v.format === "cjs" && !v.module.startsWith("node")) return false;
  if (v.module === "preserve+bundler" && MINOR[v.ts] < 4) return false;
  return true;
}

/**
 * Every strict flag on. verbatimModuleSyntax only for ESM: with it, TypeScript refuses ESM syntax in a file that
 * compiles to CommonJS (TS1286), so a CommonJS user cannot have it on. erasableSyntaxOnly only from 5.8 on.
 */
export function compilerOptions(v: Variant, emit?: { readonly outDir: string }): Record<string, unknown> {
  return {
    target: "ES2022",
    ...MODULES[v.module],
    lib: LIBS[v.lib].lib,
    types: LIBS[v.lib].types,
    strict: true,
    noUncheckedIndexedAccess: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noImplicitOverride: true,
    noImplicitReturns: true,
    noPropertyAccessFromIndexSignature: true,
    exactOptionalPropertyTypes: true,
    isolatedModules: true,
    ...(v.format === "esm" ? { verbatimModuleSyntax: true } : {}),
    ...(MINOR[v.ts] >= 8 ? { erasableSyntaxOnly: true } : {}),
    // Declaration files (the TypeScript lib, @types/node) are not ours to check; every generated file is a .ts file and
    // is checked in full. (With it off, TypeScript 7 reports one error inside @types/node 20 itself: https.d.ts.)
    skipLibCheck: true,
    ...(emit ? { outDir: emit.outDir, rootDir: "src" } : { noEmit: true }),
  };
}

/** Full cross product for 5.9 and 7; a diagonal for the older compilers (each lib, module setting and format once). */
export function variants(): Variant[] {
  const all: Variant[] = [];
  const libs: Lib[] = ["node", "dom"];
  const modules: ModuleSetting[] = ["nodenext", "node16", "esnext+bundler", "preserve+bundler"];
  const formats: Format[] = ["esm", "cjs"];
  for (const ts of ["5.9", "7"] as const) {
    for (const lib of libs) for (const module of modules) for (const format of formats) all.push({ ts, lib, module, format });
  }
  const diagonal: Variant[] = [
    { ts: "5.0", lib: "node", module: "nodenext", format: "esm" },
    { ts: "5.0", lib: "dom", module: "esnext+bundler", format: "esm" },
    { ts: "5.0", lib: "node", module: "node16", format: "cjs" },
    { ts: "5.4", lib: "dom", module: "nodenext", format: "cjs" },
    { ts: "5.4", lib: "node", module: "preserve+bundler", format: "esm" },
    { ts: "5.6", lib: "node", module: "node16", format: "esm" },
    { ts: "5.6", lib: "dom", module: "nodenext", format: "cjs" },
    { ts: "5.8", lib: "dom", module: "preserve+bundler", format: "esm" },
    { ts: "5.8", lib: "node", module: "nodenext", format: "cjs" },
  ];
  return [...diagonal, ...all].filter(supported);
}

export const variantId = (v: Variant): string => `ts${v.ts}-${v.lib}-${v.module.replace("+", "-")}-${v.format}`;

/**
 * The user's application: one call through the client, against a fake fetch that prints the URL it was asked for.
 * No top-level await and no import.meta, so the same file compiles to ESM and to CommonJS.
 */
export const APP = `import { createClient, type ODataCollection } from "./trippin/index.js";
import type { Message } from "./trippin/index.js";

const seen: string[] = [];
const fakeFetch: typeof fetch = async (input) => {
  seen.push(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  return new Response(JSON.stringify({ value: [{ Subject: "Hello" }] }), {
    status: 200,
    headers: { "content-type": "application/json" },
  });
};

async function main(): Promise<void> {
  const client = createClient({ baseUrl: "https://outlook.test/api/v2.0", fetch: fakeFetch, retry: false });
  const page: ODataCollection<Pick<Message, "Subject">> = await client.me.messages.list({ select: ["Subject"], top: 5 });
  const first = page.value[0];
  console.log(JSON.stringify({ urls: seen, subject: first === undefined ? null : first.Subject }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
`;

/**
 * Lays out the consumer project under `dir` (inside the repository, so node_modules/@types/node resolves): one folder
 * per format, each with the generated sources under src/trippin and the app in src/app.ts; `package.json` says
 * `"type": "module"` for ESM and nothing for CommonJS.
 */
export function layProject(dir: string, files: readonly { readonly path: string; readonly text: string }[]): void {
  rmSync(dir, { recursive: true, force: true });
  for (const format of ["esm", "cjs"] as const) {
    const base = join(dir, format);
    for (const f of files) {
      const target = join(base, "src", "trippin", f.path);
      mkdirSync(join(target, ".."), { recursive: true });
      writeFileSync(target, f.text);
    }
    writeFileSync(join(base, "src", "app.ts"), APP);
    writeFileSync(
      join(base, "package.json"),
      `${JSON.stringify({ name: `consumer-${format}`, private: true, ...(format === "esm" ? { type: "module" } : {}) }, null, 2)}\n`,
    );
  }
}

export interface Outcome {
  readonly variant: Variant;
  readonly errors: number;
  readonly output: string;
  readonly ms: number;
}

function run(args: readonly string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, encoding: "utf8", timeout: 120_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** Type-checks one variant; errors counted from tsc's `error TS` lines (and a non-zero exit with none counts as one). */
export async function check(dir: string, v: Variant): Promise<Outcome> {
  const base = join(dir, v.format);
  const config = `tsconfig.${variantId(v)}.json`;
  const options = compilerOptions(v);
  // The app sets process.exitCode: @types/node declares it; the browser variant declares the little the app uses.
  const domProcess = v.lib === "dom" ? ["src/dom-process.d.ts"] : [];
  if (v.lib === "dom") writeFileSync(join(base, "src", "dom-process.d.ts"), "declare const process: { exitCode: number | undefined };\n");
  writeFileSync(join(base, config), `${JSON.stringify({ compilerOptions: options, files: ["src/app.ts", ...domProcess], include: ["src/trippin/**/*.ts"] }, null, 2)}\n`);
  const started = Date.now();
  const { code, output } = await run([join(ROOT, TSC[v.ts]), "-p", config, "--pretty", "false"], base);
  const errors = output.split("\n").filter((l) => /error TS\d+/.test(l)).length;
  return { variant: v, errors: errors === 0 && code !== 0 ? 1 : errors, output, ms: Date.now() - started };
}

/** Runs tasks with at most `limit` at once. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Compiles the app and the sources to JavaScript (TypeScript 5.9, nodenext, lib ES2022 + @types/node) and runs it. */
export async function compileAndRun(dir: string, format: Format): Promise<{ code: number; output: string }> {
  const base = join(dir, format);
  const v: Variant = { ts: "5.9", lib: "node", module: "nodenext", format };
  writeFileSync(
    join(base, "tsconfig.emit.json"),
    `${JSON.stringify({ compilerOptions: compilerOptions(v, { outDir: "dist" }), files: ["src/app.ts"], include: ["src/trippin/**/*.ts"] }, null, 2)}\n`,
  );
  const built = await run([join(ROOT, TSC["5.9"]), "-p", "tsconfig.emit.json", "--pretty", "false"], base);
  if (built.code !== 0) return built;
  return run([join(base, "dist", "app.js")], base);
}

export function markdownTable(outcomes: readonly Outcome[]): string {
  const rows = outcomes.map((o) => [
    `TypeScript ${o.variant.ts}`,
    o.variant.lib === "node" ? '`["ES2022"]` + @types/node' : '`["ES2022","DOM"]`, types []',
    `\`${o.variant.module}\``,
    o.variant.format === "esm" ? "ESM" : "CommonJS",
    o.variant.format === "esm" ? "all" : "all but verbatimModuleSyntax",
    String(o.errors),
  ]);
  const header = ["TypeScript", "lib", "module / resolution", "format", "strict flags", "errors"];
  const widths = header.map((h, c) => Math.max(3, h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: readonly string[]): string => `| ${widths.map((w, c) => (cells[c] ?? "").padEnd(w)).join(" | ")} |`;
  return [line(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rows.map(line)].join("\n");
}

export const relativeToRoot = (p: string): string => relative(ROOT, p);
