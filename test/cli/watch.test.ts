/**
 * `codegen --watch`: regenerates on a change to a metadata file or the config, prints one line per regeneration,
 * survives bad input (diagnostics, nothing written, still watching), and stops cleanly (signal or SIGINT).
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../generator/cli/main.js";
import { resolveOptions } from "../../generator/cli/options.js";
import { PruningModelCache, regenerationLine, watchedFiles } from "../../generator/cli/watch.js";
import { METADATA } from "../helpers/paths.js";
import { ageTree, snapshotTree } from "../write/tree.js";
import { BIN, tempDir } from "./helpers.js";

const LONG = 120_000;

/** main() with --watch in this process; lines are collected as they come, and `until` waits for one. */
function startWatch(args: readonly string[], cwd: string) {
  const lines: { stream: "out" | "err"; line: string }[] = [];
  const controller = new AbortController();
  const waiters: { re: RegExp; from: number; resolve: (l: string) => void }[] = [];
  const push = (stream: "out" | "err", text: string): void => {
    for (const line of text.split("\n")) lines.push({ stream, line });
    for (const w of [...waiters]) {
      const hit = lines.slice(w.from).find((l) => w.re.test(l.line));
      if (hit) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(hit.line);
      }
    }
  };
  const done = main(["--watch", ...args], cwd, { signal: controller.signal, console: { out: (l) => push("out", l), err: (l) => push("err", l) } });
  return {
    lines,
    done,
    stop: () => controller.abort(),
    /** The next line (from now on) that matches. */
    mark: () => lines.length,
    until: (re: RegExp, from = 0): Promise<string> =>
      new Promise((resolvePromise, reject) => {
        const hit = lines.slice(from).find((l) => re.test(l.line));
        if (hit) return resolvePromise(hit.line);
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}; got:\n${lines.map((l) => l.line).join("\n")}`)), 60_000);
        waiters.push({ re, from, resolve: (l) => (clearTimeout(timer), resolvePromise(l)) });
      }),
  };
}

const addProperty = (xml: string, type: string, name: string): string => {
  const re = new RegExp(`(<EntityType Name="${type}"[^>]*>)`);
  expect(re.test(xml)).toBe(true);
  return xml.replace(re, `$1\n        <Property Name="${name}" Type="Edm.String"/>`);
};

describe("codegen --watch", () => {
  it(
    "regenerates on each change, survives broken metadata without writing, and stops on the signal",
    async () => {
      const cwd = tempDir();
      mkdirSync(join(cwd, "metadata"));
      const file = join(cwd, "metadata", "mail.xml");
      copyFileSync(join(METADATA, "v1.0.xml"), file);
      const original = readFileSync(file, "utf8");
      const w = startWatch(["-m", "v1.0=metadata/mail.xml", "-o", "out"], cwd);
      await w.until(/^codegen: watching 1 file\(s\) for changes; Ctrl\+C stops\.$/);
      expect(w.lines.find((l) => l.stream === "out")?.line).toMatch(/^codegen: out: \d+ added, 0 changed, 0 removed, 0 unchanged\.$/);

      // A change to one entity type: one line with its time, the new property in the output.
      let from = w.mark();
      writeFileSync(file, addProperty(original, "Message", "WatchedOne"));
      const line = await w.until(/^codegen: \[\d\d:\d\d:\d\d\] out: 0 added, \d+ changed, 0 removed in \d+ ms \(CPU \d+ ms\)$/, from);
      expect(Number(/(\d+) changed/.exec(line)![1])).toBeGreaterThan(0);
      expect(readFileSync(join(cwd, "out", "v1.0", "models.ts"), "utf8")).toContain("WatchedOne");

      // Broken metadata: diagnostics, nothing written, still watching.
      ageTree(join(cwd, "out"));
      const before = snapshotTree(join(cwd, "out"));
      from = w.mark();
      writeFileSync(file, original.replace("<EntityType", "<EntityTyp"));
      await w.until(/^codegen: 1 error\(s\); nothing was written\.$/, from);
      expect(w.lines.slice(from).some((l) => l.stream === "err" && /mail\.xml:\d+:\d+: error xml-malformed/.test(l.line))).toBe(true);
      expect(snapshotTree(join(cwd, "out"))).toEqual(before);

      // Fixed again: regenerates from the original (the property goes away).
      from = w.mark();
      writeFileSync(file, original);
      await w.until(/ in \d+ ms \(CPU \d+ ms\)$/, from);
      expect(readFileSync(join(cwd, "out", "v1.0", "models.ts"), "utf8")).not.toContain("WatchedOne");

      w.stop();
      expect(await w.done).toBe(0);
      expect(w.lines.at(-1)?.line).toBe("codegen: stopped watching.");
    },
    LONG,
  );

  it(
    "re-reads the config when it changes; a broken config keeps the previous one",
    async () => {
      const cwd = tempDir();
      const config = join(cwd, "codegen.config.json");
      const xml = join(METADATA, "v1.0.xml");
      writeFileSync(config, JSON.stringify({ metadata: [`v1.0=${xml}`], out: "out", packageName: "first" }));
      const w = startWatch([], cwd);
      await w.until(/^codegen: watching 2 file\(s\)/);
      const name = (): string => (JSON.parse(readFileSync(join(cwd, "out", "package.json"), "utf8")) as { name: string }).name;
      expect(name()).toBe("first");

      let from = w.mark();
      writeFileSync(config, JSON.stringify({ metadata: [`v1.0=${xml}`], out: "out", packageNmae: "x" }));
      await w.until(/still watching with the previous one/, from);
      expect(w.lines.slice(from).map((l) => l.line)).toContain('codegen: codegen.config.json: packageNmae: unknown key "packageNmae" at the top level; did you mean "packageName"?');

      from = w.mark();
      writeFileSync(config, JSON.stringify({ metadata: [`v1.0=${xml}`], out: "out", packageName: "second" }));
      await w.until(/ in \d+ ms \(CPU \d+ ms\)$/, from);
      expect(name()).toBe("second");
      w.stop();
      expect(await w.done).toBe(0);
    },
    LONG,
  );

  it("--watch with --check is a usage error", async () => {
    const r = await main(["--watch", "--check", "-m", `v1=${join(METADATA, "v1.0.xml")}`], tempDir(), { console: { out: () => {}, err: () => {} } });
    expect(r).toBe(2);
  });

  it(
    "the real bin exits 0 on SIGINT",
    async () => {
      const cwd = tempDir();
      const child = spawn(process.execPath, [BIN, "--watch", "-m", `v1.0=${join(METADATA, "v1.0.xml")}`, "-o", "out"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.setEncoding("utf8");
      await new Promise<void>((ok) =>
        child.stderr.on("data", (c: string) => {
          stderr += c;
          if (stderr.includes("watching")) ok();
        }),
      );
      const code = await new Promise<number | null>((ok) => {
        child.on("close", ok);
        child.kill("SIGINT");
      });
      expect(code).toBe(0);
      expect(stderr).toContain("codegen: stopped watching.");
    },
    LONG,
  );
});

describe("the real bin's watcher process", () => {
  it(
    "ends on SIGTERM as a plain process would, leaving no watcher behind",
    async () => {
      const cwd = tempDir();
      const child = spawn(process.execPath, [BIN, "--watch", "-m", `v1.0=${join(METADATA, "v1.0.xml")}`, "-o", "out"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.setEncoding("utf8");
      await new Promise<void>((ok) =>
        child.stderr.on("data", (c: string) => {
          stderr += c;
          if (stderr.includes("watching")) ok();
        }),
      );
      // stderr is shared with the watcher: "close" comes only once every process holding it has ended.
      const ended = await new Promise<[number | null, NodeJS.Signals | null]>((ok) => {
        child.on("close", (code, signal) => ok([code, signal]));
        child.kill("SIGTERM");
      });
      expect(ended).toEqual([null, "SIGTERM"]);
    },
    LONG,
  );
});

describe("watch helpers", () => {
  it("watches the metadata files and the config, not URL sources", () => {
    const options = resolveOptions({ metadata: ["a=x.xml", "b=https://u:p@example.test/$metadata", "c=x.xml"] }, "/w", {}, "c.json");
    expect(watchedFiles(options)).toEqual({ files: ["/w/c.json", "/w/x.xml"], urls: ["https://u:p@example.test/$metadata"] });
  });

  it("the model cache keeps only what the last run used", () => {
    const cache = new PruningModelCache();
    cache.set("a", { diagnostics: [] });
    cache.set("b", { diagnostics: [] });
    cache.prune();
    expect(cache.get("a")).toBeDefined();
    cache.prune();
    expect(cache.size).toBe(1);
    expect(cache.get("b")).toBeUndefined();
  });

  it("one line per regeneration", () => {
    expect(regenerationLine("out", { added: [1], changed: [1, 2], removed: [] }, 412.4, 398.6)).toMatch(
      /^codegen: \[\d\d:\d\d:\d\d\] out: 1 added, 2 changed, 0 removed in 412 ms \(CPU 399 ms\)$/,
    );
  });
});
