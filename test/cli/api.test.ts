/** The programmatic API, as a plain JavaScript build step imports it. */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/paths.js";

describe("import('odata-codegen') from JavaScript", () => {
  it("generates in memory and writes nothing", { timeout: 60_000 }, () => {
    const script = `
      const { generate, formatDiagnostic } = await import("odata-codegen");
      const ok = await generate({ inputs: [{ label: "v2.0", source: "metadata/v2.0.xml" }], format: false });
      const bad = await generate({ inputs: [{ label: "x", source: "test/fixtures/cli-unresolved.xml" }] });
      console.log(JSON.stringify({
        files: ok.files.length,
        client: ok.files.some((f) => f.path === "v2.0/client.ts"),
        badFiles: bad.files.length,
        first: formatDiagnostic(bad.diagnostics[0]),
      }));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: REPO, encoding: "utf8" });
    const got = JSON.parse(out) as { files: number; client: boolean; badFiles: number; first: string };
    expect(got.files).toBeGreaterThan(20);
    expect(got.client).toBe(true);
    expect(got.badFiles).toBe(0);
    expect(got.first).toMatch(/cli-unresolved\.xml:\d+:\d+: error unresolved-type: /);
  });
});
