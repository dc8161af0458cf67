/**
 * The size limit on metadata (--max-metadata-size, the config's maxMetadataSize, 100 MB by default) and the time
 * limit on a URL, through the real bin: a device, a pipe or a server body that never ends stops at the limit with
 * a diagnostic and exit 1, its memory bounded; a server that accepts and never answers ends with fetch-timeout.
 * Each run's peak RSS is measured in the child (process.resourceUsage) and printed, for the closing note.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveOptions, UsageError } from "../../generator/cli/options.js";
import { validateConfig } from "../../generator/cli/config-schema.js";
import { expectNoStackTrace, runBin, tempDir, type Run } from "./helpers.js";

const MIB = 1024 * 1024;
const servers: (Server | NetServer)[] = [];
const sockets = new Set<Socket>();
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

/** Writes the child's peak RSS (bytes) to stderr as `peak-rss <n>` when it exits. */
const RSS_PROBE = join(tempDir(), "rss.cjs");
writeFileSync(RSS_PROBE, `process.on("exit", () => process.stderr.write("peak-rss " + process.resourceUsage().maxRSS * 1024 + "\\n"));\n`);

async function measured(args: readonly string[], cwd: string): Promise<Run & { ms: number; rss: number }> {
  const started = Date.now();
  const r = await runBin(args, cwd, { NODE_OPTIONS: `--require ${RSS_PROBE}` });
  const rss = Math.max(0, ...[...r.stderr.matchAll(/^peak-rss (\d+)$/gm)].map((m) => Number(m[1])));
  return { ...r, stderr: r.stderr.replace(/^peak-rss \d+\n/gm, ""), ms: Date.now() - started, rss };
}

const report = (what: string, r: { ms: number; rss: number }): void =>
  console.log(`${what}: ${(r.ms / 1000).toFixed(1)} s, peak RSS ${(r.rss / MIB).toFixed(0)} MiB`);

describe("--max-metadata-size and maxMetadataSize", () => {
  it("take bytes or a size in words; anything else is a usage error", () => {
    const cwd = tempDir();
    const limit = (flag?: string, config?: unknown) =>
      resolveOptions({ metadata: ["v=m.xml"], ...(flag !== undefined ? { "max-metadata-size": flag } : {}) }, cwd, config === undefined ? {} : validateConfig({ maxMetadataSize: config }, "c.json"))
        .outputs[0]!.generate.maxMetadataSize;
    expect(limit()).toBeUndefined();
    expect(limit("200MB")).toBe(200_000_000);
    expect(limit("1.5 GiB")).toBe(1.5 * 1024 ** 3);
    expect(limit("5000")).toBe(5000);
    expect(limit(undefined, "64MiB")).toBe(64 * MIB);
    expect(limit(undefined, 1234)).toBe(1234);
    expect(limit("2KB", "64MiB")).toBe(2000);
    for (const bad of ["", "0", "-5MB", "12 parsecs", "MB", "1e9"]) expect(() => limit(bad), bad).toThrow(UsageError);
    // One message, once, for any bad value in a config (it said "must be at least 0" for 0, "expected a int" for 1.5).
    for (const bad of ["0", "lots", -1, 0, 1.5, true]) {
      const message = String((() => {
        try {
          limit(undefined, bad);
        } catch (e) {
          return (e as Error).message;
        }
        return "";
      })());
      expect(message, String(bad)).toMatch(/maxMetadataSize/);
      if (bad !== true) expect(message.split("a size in bytes above 0").length - 1, `${String(bad)}: ${message}`).toBe(1);
    }
  });

  it("a file over the limit is refused unread; a config's limit counts", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "big.xml"), `<?xml version="1.0"?><!-- ${"x".repeat(3000)} --><edmx:Edmx/>`);
    const r = await runBin(["--metadata", "v=big.xml", "--out", "out", "--max-metadata-size", "2KB"], cwd);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain("big.xml: error load-too-large: the metadata file is larger than 2 KB, too large to be a metadata document");
    expectNoStackTrace(r.stderr);
    writeFileSync(join(cwd, "codegen.config.json"), JSON.stringify({ metadata: ["v=big.xml"], out: "out", maxMetadataSize: "1KiB" }));
    const c = await runBin([], cwd);
    expect(c.code, c.stderr).toBe(1);
    expect(c.stderr).toContain("larger than 1 KiB");
  });

  it("/dev/zero stops at the limit with a diagnostic, its memory bounded (default 100 MB, and 10 MB)", async () => {
    const cwd = tempDir();
    for (const [limit, words, bound] of [
      [undefined, "100 MB", 400 * MIB],
      ["10MB", "10 MB", 250 * MIB],
    ] as const) {
      const r = await measured(["--metadata", "v=/dev/zero", "--out", "out", ...(limit ? ["--max-metadata-size", limit] : [])], cwd);
      report(`/dev/zero, limit ${words}`, r);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`/dev/zero: error load-too-large: the metadata file is larger than ${words}`);
      expectNoStackTrace(r.stderr);
      expect(r.rss).toBeGreaterThan(0);
      expect(r.rss).toBeLessThan(bound);
    }
  });

  it("a pipe that never ends stops at the limit", async () => {
    const cwd = tempDir();
    const fifo = join(cwd, "meta.fifo");
    await new Promise<void>((ok, fail) => spawn("mkfifo", [fifo]).on("exit", (c) => (c === 0 ? ok() : fail(new Error(`mkfifo ${c}`)))));
    const writer = spawn("sh", ["-c", `exec cat /dev/zero > '${fifo}'`], { stdio: "ignore" });
    try {
      const r = await measured(["--metadata", `v=${fifo}`, "--out", "out", "--max-metadata-size", "8MiB"], cwd);
      report("endless pipe, limit 8 MiB", r);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain("error load-too-large: the metadata file is larger than 8 MiB");
      expect(r.rss).toBeLessThan(250 * MIB);
    } finally {
      writer.kill("SIGKILL");
    }
  });
});

describe("a metadata URL that misbehaves", () => {
  async function listen(server: Server | NetServer): Promise<string> {
    servers.push(server);
    server.on("connection", (s: Socket) => {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/$metadata`;
  }

  it("a server that accepts and never answers ends with fetch-timeout and exit 1 within the time limit", async () => {
    const url = await listen(createNetServer(() => undefined));
    const r = await measured(["--metadata", `v=${url}`, "--out", "out", "--timeout", "1.5"], tempDir());
    report("a server that never answers, --timeout 1.5", r);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`error fetch-timeout: could not fetch metadata: no answer within 1.5 s from ${url}`);
    expectNoStackTrace(r.stderr);
    expect(r.ms).toBeLessThan(1500 + 8000);
  });

  it("a server that sends headers, then nothing, ends with fetch-timeout too", async () => {
    const url = await listen(
      createServer((_, res) => {
        res.writeHead(200, { "content-type": "application/xml" });
        res.write("<?xml version='1.0'?>");
      }),
    );
    const r = await measured(["--metadata", `v=${url}`, "--out", "out", "--timeout", "1"], tempDir());
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`error fetch-timeout: could not fetch metadata: the answer from ${url} did not arrive completely within 1 s`);
  });

  it("an endless body stops at the size limit, its memory bounded (default 100 MB, and 16 MB)", async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const url = await listen(
      createServer((_, res) => {
        res.writeHead(200, { "content-type": "application/xml" });
        const more = (): void => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once("drain", more);
        };
        more();
      }),
    );
    for (const [limit, words, bound] of [
      [undefined, "100 MB", 450 * MIB],
      ["16MB", "16 MB", 250 * MIB],
    ] as const) {
      const r = await measured(["--metadata", `v=${url}`, "--out", "out", "--timeout", "60", ...(limit ? ["--max-metadata-size", limit] : [])], tempDir());
      report(`an endless body, limit ${words}`, r);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`error fetch-too-large: could not fetch metadata from ${url}: the answer is larger than ${words}`);
      expectNoStackTrace(r.stderr);
      expect(r.rss).toBeLessThan(bound);
    }
  }, 120_000);
});
