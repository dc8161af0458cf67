// The runtime stays tree-shakable: an app that only lists and sends bundles the node and the request path, and none
// of the standalone features (sync, extended properties, MAPI, streaming, notifications, batch).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
