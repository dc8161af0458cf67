/**
 * Issue 12: every request of the cause table, written with the generated Microsoft Graph v1.0 client. The rows live in
 * test/graph-wire/rows/*.ts (see row.ts). Their calls, and the calls the types must refuse, go into one user's file
 * over the client generated in-process from the archived $metadata; that file type-checks under TypeScript 5.9 and 7,
 * and each call, run against a recording fetch, sends exactly the requests its row expects.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write.js";
import { corpusFile, REPO } from "../helpers/paths.js";
import { tscProject } from "../helpers/typecheck.js";
import type { Call, Recorded, Row } from "./rows/row.js";

const BASE = "https://graph.test/v1.0";
const out = mkdtempSync(join(tmpdir(), "codegen-graph-requests-"));
const ROWS = join(REPO, "test", "graph-wire", "rows");

const modules = readdirSync(ROWS)
  .filter((f) => f.endsWith(".ts") && f !== "row.ts")
  .sort();
const rows: Row[] = [];
for (const file of modules) rows.push(...((await import(join(ROWS, file))) as { rows: readonly Row[] }).rows);

/** The user's file: one async function per call, and the refused lines in a function never run. */
function usage(): string {
  const names = [...new Set(rows.flatMap((r) => r.calls.flatMap((c) => c.imports ?? [])))].sort();
  const calls = rows.flatMap((r, i) =>
    r.calls.map((c, j) => `    ${JSON.stringify(`${i}:${j}`)}: async (): Promise<unknown> => {\n${indent(c.code, 6)}\n    },`),
  );
  const refused = rows.flatMap((r) => (r.refused ?? []).map((x) => `  // @ts-expect-error ${x.why}\n  ${x.code}`));
  return [
    `import { createClient${names.map((n) => `, ${n}`).join("")} } from "./index.js";`,
    "",
    "export function calls(fetch: typeof globalThis.fetch): Record<string, () => Promise<unknown>> {",
    `  const client = createClient({ baseUrl: ${JSON.stringify(BASE)}, fetch });`,
    "  return {",
    ...calls,
    "  };",
    "}",
    "",
    "export async function refused(client: ReturnType<typeof createClient>): Promise<void> {",
    ...refused,
    "}",
    "",
  ].join("\n");
}

const indent = (code: string, n: number): string =>
  code
    .split("\n")
    .map((l) => " ".repeat(n) + l)
    .join("\n");

beforeAll(async () => {
  const result = await generate({ inputs: [{ label: "v1.0", source: corpusFile("graph-v1.0.csdl.xml") }], packageName: "graph-client" });
  await writeOutput(out, result.files);
  writeFileSync(join(out, "v1.0", "requests-usage.ts"), usage());
}, 300_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

async function bodyText(body: unknown): Promise<string | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  return new Response(body as BodyInit).text();
}

const defaultAnswer = (r: Recorded): Response =>
  r.method === "GET"
    ? new Response('{"value":[]}', { status: 200, headers: { "Content-Type": "application/json" } })
    : new Response(null, { status: 204 });

async function run(call: Call, i: number, j: number): Promise<{ sent: Recorded[]; result: unknown }> {
  const sent: Recorded[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
    const request: Recorded = { method: init?.method ?? "GET", url, decoded: decodeURIComponent(url), body: await bodyText(init?.body), headers };
    sent.push(request);
    return (call.answer ?? defaultAnswer)(request, sent.length - 1);
  };
  const mod = (await import(join(out, "v1.0", "requests-usage.ts"))) as { calls(f: typeof globalThis.fetch): Record<string, () => Promise<unknown>> };
  const result = await mod.calls(fetch as typeof globalThis.fetch)[`${i}:${j}`]!();
  return { sent, result };
}

describe("issue 12: each row of the cause table, on the wire", () => {
  it("has rows", () => {
    expect(rows.length).toBeGreaterThan(0);
  });
  rows.forEach((row, i) => {
    describe(row.cause, () => {
      row.calls.forEach((call, j) => {
        it(call.name, async () => {
          const { sent, result } = await run(call, i, j);
          expect(sent.map((s) => [s.method, s.decoded, s.body])).toEqual(call.requests.map((e) => [e.method, e.url, e.body]));
          call.requests.forEach((e, k) => {
            for (const [name, value] of Object.entries(e.headers ?? {})) expect(sent[k]!.headers[name], `${name} of request ${k}`).toBe(value);
          });
          await call.check?.(result);
        });
      });
    });
  });

  it.each(["typescript", "typescript7"])("the user's file type-checks, and the refused calls are refused (%s)", (compiler) => {
    const output = tscProject(compiler as "typescript" | "typescript7", out);
    expect(output).toBe("");
  }, 120_000);
});

// The bench's Graph app (bench/apps/graph-ours.ts: list 10 inbox messages with $select, send one mail) bundled by
// bench/bundle.mjs against this output, as test/runtime/tree-shaking.test.ts does for Outlook. Issue 11's target is
// 10,000 bytes min+gz; issue 12's features took it to 10,045, and moving the operation namespace exceptions out of the
// wire table (the export operationNamespaces, bundled only by an app that qualifies) brought it to 9,532; review fixes
// (a stream function's query, request options kept out of stream URLs, system options only in nested $expand) to
// 9,552; `$count?$filter=` to 9,556. Lower the limit when the bundle shrinks; raise it only on purpose.
const GRAPH_APP_MAX_GZ = 9_556;

describe("bundle size", () => {
  it(`the Graph v1.0 app bundles to at most ${GRAPH_APP_MAX_GZ} bytes min+gz`, () => {
    const file = join(out, "graph-app.js");
    const bundled = spawnSync(process.execPath, [
      join(REPO, "bench/bundle.mjs"),
      join(REPO, "bench/apps/graph-ours.ts"),
      "--alias",
      `graph-client/v1.0=${join(out, "v1.0", "index.ts")}`,
      "--out",
      file,
    ]);
    expect(bundled.status, bundled.stderr.toString()).toBe(0);
    const { min, gz } = JSON.parse(bundled.stdout.toString()) as { min: number; gz: number };
    const text = readFileSync(file, "utf8");
    // The app's own calls are in it, and the check that refuses `qualifiedOperations: true`; the exceptions are not.
    expect(text).toContain("receivedDateTime");
    expect(text).toContain("qualifiedOperations: pass ");
    expect(text).not.toContain("microsoft.graph.identityGovernance");
    expect(gz, `Graph app bundle: ${min} bytes min, ${gz} min+gz`).toBeLessThanOrEqual(GRAPH_APP_MAX_GZ);
  }, 120_000);
});
