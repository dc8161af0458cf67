// The runtime stays tree-shakable: an app that only lists and sends bundles the node and the request path, and none
// of the standalone features (sync, extended properties, MAPI, streaming, notifications, batch).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";

const runtime = resolve(__dirname, "../../templates/runtime/index.ts");
const dir = mkdtempSync(join(tmpdir(), "runtime-shake-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function modulesOf(app: string): Promise<string[]> {
  const entry = join(dir, `app${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(entry, app.replaceAll("RUNTIME", JSON.stringify(runtime)));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return Object.entries(output.inputs)
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(([k]) => k.replace(/^.*templates\/runtime\//, ""));
}

describe("tree shaking", () => {
  it("a list-and-send app bundles no standalone feature", async () => {
    const modules = await modulesOf(`
      import { createContext, rootNode } from RUNTIME;
      const client = rootNode<any>(createContext({}, { baseUrl: "https://x", sendAnchorMailbox: false }), { rule: "same" });
      await client.me.messages.list({ top: 10 });
      await client.me.sendMail.post({ message: {} });
    `);
    expect(modules).toContain("node.ts");
    expect(modules).toContain("http.ts");
    for (const feature of ["sync.ts", "extensions.ts", "mapi.ts", "streaming.ts", "notifications.ts", "batch.ts"])
      expect(modules).not.toContain(feature);
  });

  it("importing a feature brings it in (the check above can fail)", async () => {
    const modules = await modulesOf(`
      import { createContext, rootNode, sync } from RUNTIME;
      const client = rootNode<any>(createContext({}, { baseUrl: "https://x", sendAnchorMailbox: false }), { rule: "same" });
      for await (const c of sync(client.me.messages)) console.log(c);
    `);
    expect(modules).toContain("sync.ts");
  });
});

// The bench's Outlook app (bench/apps/outlook-v2.0-ours.ts: list 10 inbox messages with $select, send one mail) bundled
// by bench/bundle.mjs itself, against the committed generated/ client: its min+gz size may not grow past the figure
// issue 11 brought it to. Lower the limit when the bundle shrinks; raise it only on purpose (it went from 7,510 to 7,535
// for two fixes from review: a timed-out attempt's retry is judged on what was thrown, and an option's message never
// throws on the value it shows; then for issue 12: the `$ref` verbs of every node, 144 bytes; custom query options,
// the quoted `$search` and calls without parentheses, 101; streams (`put`, `$value`/`$count`, stream results,
// half-duplex uploads), 180; 40 more where they meet: 7,996 in all; lowered to 7,994 when the operation namespace
// exceptions left the wire table, their check in namespacedRootNode, which only versions with exceptions bundle;
// then to 8,013 for review fixes: a stream function's get sends its query, stream reads keep request options out of
// the URL, nested $expand takes only system options; and 4 more, 8,017, for `$count?$filter=`).
const OUTLOOK_APP_MAX_GZ = 8_017;

describe("bundle size", () => {
  it(`the Outlook v2.0 app bundles to at most ${OUTLOOK_APP_MAX_GZ} bytes min+gz`, async () => {
    const root = resolve(__dirname, "../..");
    const file = join(dir, "outlook-app.js");
    const bundled = spawnSync(process.execPath, [
      join(root, "bench/bundle.mjs"),
      join(root, "bench/apps/outlook-v2.0-ours.ts"),
      "--alias",
      `outlook-rest-client/v2.0=${join(root, "generated/v2.0/index.ts")}`,
      "--out",
      file,
    ]);
    expect(bundled.status, bundled.stderr.toString()).toBe(0);
    const { min, gz } = JSON.parse(bundled.stdout.toString()) as { min: number; gz: number };
    const text = readFileSync(file, "utf8");
    // The app's own calls are in it (the bundle is the app, not an empty module).
    expect(text).toContain("ReceivedDateTime");
    expect(text).toContain("outlook.office.com/api/v2.0");
    // Outlook's operations share one namespace: `qualifiedOperations: true` is taken, and the check refusing it elsewhere is not bundled.
    expect(text).not.toContain("qualifiedOperations: pass");
    expect(gz, `Outlook app bundle: ${min} bytes min, ${gz} min+gz`).toBeLessThanOrEqual(OUTLOOK_APP_MAX_GZ);
  });
});
