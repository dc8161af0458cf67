/**
 * The `codegen` command end to end: the real bin (node generator/cli/codegen.mjs)
 * where exit codes and output matter, main() in-process elsewhere. Every run
 * writes into a temp folder, never into the repository's generated/ or metadata/.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FLAGS } from "../../generator/cli/options.js";
import { MANIFEST } from "../../generator/write/write.js";
import { ageTree, snapshotTree } from "../write/tree.js";
import { expectNoStackTrace, runBin, runMain, tempDir, type Run } from "./helpers.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const METADATA = join(REPO, "metadata");
const FIXTURES = join(REPO, "test", "fixtures");
const LONG = 180_000;

const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
const squash = (s: string): string => s.replace(/\s+/g, " ").trim();

describe("--help and usage errors", () => {
  it("--help lists every flag with its description and exits 0", async () => {
    const r = await runBin(["--help"], tempDir());
    expect(r.code).toBe(0);
    const text = squash(r.stdout);
    for (const [flag, spec] of Object.entries(FLAGS)) {
      expect(r.stdout, flag).toContain(`--${flag}`);
      expect(text, flag).toContain(squash(spec.describe));
    }
    expect(r.stdout).toContain("--help");
    expect(r.stderr).toBe("");
  });

  it.each([["--bogus"], ["--metdata", "x.xml"], ["--check", "--frobnicate=1"]])("an unknown flag (%s) exits 2 with a usage message", async (...args) => {
    const cwd = tempDir();
    const r = await runBin(args, cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^codegen: .*unknown argument/im);
    expectNoStackTrace(r.stderr);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("no arguments and no metadata/*.xml is a usage error", async () => {
    const cwd = tempDir();
    const r = await runBin([], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no metadata given");
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe("codegen with no arguments", () => {
  it(
    "regenerates generated/ from metadata/*.xml in the working folder; a second run changes nothing",
    async () => {
      const cwd = tempDir();
      mkdirSync(join(cwd, "metadata"));
      copyFileSync(join(METADATA, "v2.0.xml"), join(cwd, "metadata", "a.xml"));
      const first = await runBin([], cwd);
      // An Outlook document labelled "a": the default service root …/api/a cannot be right, and codegen says so.
      expect(first.stderr).toMatch(/^\S+a\.xml: warning unknown-service-version: version label a is not an Outlook REST API version \(v1\.0, v2\.0, beta\)/);
      expect(first.stderr.trim().split("\n")).toHaveLength(1);
      expect(first.code).toBe(0);
      const out = join(cwd, "generated");
      expect(first.stdout).toMatch(/ \d+ added, 0 changed, 0 removed, 0 unchanged\./);
      expect(readdirSync(cwd).sort()).toEqual(["generated", "metadata"]);
      expect(existsSync(join(out, "a", "client.ts"))).toBe(true);
      expect(existsSync(join(out, "a", "index.ts"))).toBe(true);
      expect(existsSync(join(out, "runtime", "index.ts"))).toBe(true);
      expect(existsSync(join(out, MANIFEST))).toBe(true);
      const pkg = readJson(join(out, "package.json"));
      expect(pkg["name"]).toBe("outlook-rest-client");
      expect(Object.keys(pkg["exports"] as object)).toEqual(["./a"]);
      expect(readFileSync(join(out, "a", "client.ts"), "utf8")).toContain("from a.xml");

      ageTree(out);
      const before = snapshotTree(out);
      const second = await runBin([], cwd);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/: 0 added, 0 changed, 0 removed, \d+ unchanged\./);
      expect(snapshotTree(out)).toEqual(before);
    },
    LONG,
  );
});

describe("--metadata, --out, --package-name", () => {
  it(
    "generates one labelled version into the given folder under the given name",
    async () => {
      const cwd = tempDir();
      mkdirSync(join(cwd, "xml"));
      copyFileSync(join(METADATA, "v1.0.xml"), join(cwd, "xml", "mail.xml"));
      const r = await runMain(["--metadata", "v9=xml/mail.xml", "--out", "client", "--package-name", "@scope/x", "--silence", "unknown-service-version"], cwd);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const out = join(cwd, "client");
      const pkg = readJson(join(out, "package.json"));
      expect(pkg["name"]).toBe("@scope/x");
      const exports = pkg["exports"] as Record<string, unknown>;
      expect(Object.keys(exports)).toEqual(["./v9"]);
      expect(exports["./v9"]).toEqual({ types: "./dist/v9/index.d.ts", default: "./dist/v9/index.js" });
      expect(existsSync(join(out, "v9", "client.ts"))).toBe(true);
      expect(readFileSync(join(out, "README.md"), "utf8")).toContain("@scope/x/v9");
      expect(existsSync(join(cwd, "generated"))).toBe(false);
    },
    LONG,
  );

  it("two inputs under the same label are an error and nothing is written", async () => {
    const cwd = tempDir();
    const src = join(METADATA, "v1.0.xml");
    const r = await runMain(["--metadata", `v1=${src}`, "--metadata", `v1=${src}`, "--out", "o"], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("duplicate-label");
    expect(existsSync(join(cwd, "o"))).toBe(false);
  }, LONG);
});

describe("an output folder that holds the user's own files", () => {
  it(
    "`--out .` in a project is refused with the files listed, exit 2, and not one byte changes",
    async () => {
      const cwd = tempDir();
      writeFileSync(join(cwd, "package.json"), '{ "name": "my-app" }\n');
      writeFileSync(join(cwd, "README.md"), "# my app\n");
      mkdirSync(join(cwd, "src"));
      writeFileSync(join(cwd, "src", "main.ts"), "export {};\n");
      const r = await runBin(["-m", `v1=${join(METADATA, "v1.0.xml")}`, "--out", ".", "--mode", "sources"], cwd);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("refusing to write into");
      for (const f of ["README.md", "package.json", "src/main.ts"]) expect(r.stderr).toContain(`  ${f}`);
      expectNoStackTrace(r.stderr);
      expect(readdirSync(cwd).sort()).toEqual(["README.md", "package.json", "src"]);
      expect(readFileSync(join(cwd, "package.json"), "utf8")).toBe('{ "name": "my-app" }\n');
    },
    LONG,
  );

  it(
    "`--check` fails the same way (exit 2) when the real run would refuse the folder, and an output path that is a file is exit 2 too",
    async () => {
      const cwd = tempDir();
      const args = ["-m", `outlook=${join(METADATA, "v2.0.xml")}`, "--out", "src/outlook", "--mode", "sources"];
      expect((await runBin(args, cwd)).code).toBe(0);
      expect((await runBin([...args, "--check"], cwd)).code).toBe(0);
      writeFileSync(join(cwd, "src", "outlook", "extra.ts"), "export {};\n");
      const check = await runBin([...args, "--check"], cwd);
      expect(check.code).toBe(2);
      expect(check.stderr).toContain("  extra.ts");
      writeFileSync(join(cwd, "notes.txt"), "mine\n");
      for (const out of ["notes.txt", "notes.txt/x"]) {
        const r = await runBin(["-m", `outlook=${join(METADATA, "v2.0.xml")}`, "--out", out], cwd);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/is a file, not a folder/);
        expectNoStackTrace(r.stderr);
      }
      expect(readFileSync(join(cwd, "notes.txt"), "utf8")).toBe("mine\n");
    },
    LONG,
  );

  it(
    "several outputs: a refused folder stops the run before any output is written",
    async () => {
      const cwd = tempDir();
      mkdirSync(join(cwd, "taken"));
      writeFileSync(join(cwd, "taken", "mine.ts"), "export {};\n");
      const config = { outputs: [{ metadata: [`a=${join(METADATA, "v1.0.xml")}`], out: "fresh" }, { metadata: [`b=${join(METADATA, "v2.0.xml")}`], out: "taken" }] };
      writeFileSync(join(cwd, "codegen.config.json"), JSON.stringify(config));
      const r = await runBin([], cwd);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("no output was written");
      expect(existsSync(join(cwd, "fresh"))).toBe(false);
    },
    LONG,
  );

  it(
    "sources mode into a folder of the project writes only TypeScript, flat, and regenerates over its own output",
    async () => {
      const cwd = tempDir();
      const args = ["-m", `v2.0=${join(METADATA, "v2.0.xml")}`, "--out", "src/outlook", "--mode", "sources"];
      const first = await runBin(args, cwd);
      expect(first.stderr).toBe("");
      expect(first.code).toBe(0);
      const out = join(cwd, "src", "outlook");
      expect(existsSync(join(out, "index.ts"))).toBe(true);
      expect(existsSync(join(out, "runtime", "index.ts"))).toBe(true);
      for (const f of ["package.json", "tsconfig.json", "README.md", "v2.0"]) expect(existsSync(join(out, f)), f).toBe(false);
      const again = await runBin(args, cwd);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/0 added, 0 changed, 0 removed/);
    },
    LONG,
  );
});

describe("--metadata with an http URL", () => {
  let server: Server;
  let port: number;
  const requests: string[] = [];

  beforeAll(async () => {
    const xml = readFileSync(join(METADATA, "v1.0.xml"));
    server = createServer((req, res) => {
      requests.push(req.url ?? "");
      if (req.url === "/$metadata") {
        res.writeHead(200, { "content-type": "application/xml" });
        res.end(xml);
      } else {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not found");
      }
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((ok, ko) => server.close((e) => (e ? ko(e) : ok())));
  });

  it(
    "fetches $metadata from the URL and generates from it",
    async () => {
      const cwd = tempDir();
      const url = `http://127.0.0.1:${port}/$metadata`;
      const r = await runBin(["--metadata", `v1.0=${url}`, "--out", "out"], cwd);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(requests).toContain("/$metadata");
      const client = readFileSync(join(cwd, "out", "v1.0", "client.ts"), "utf8");
      expect(client).toContain(url);
      expect(client).toContain('baseUrl: "https://outlook.office.com/api/v1.0"');
      // Outlook v1.0 (by its namespace and label) gets its shipped migration map at a subpath of its own.
      expect(Object.keys(readJson(join(cwd, "out", "package.json"))["exports"] as object)).toEqual(["./v1.0", "./v1.0/migration", "./runtime/migrate"]);
    },
    LONG,
  );

  it("a URL without a label is a usage error (exit 2) and nothing is fetched or written", async () => {
    const cwd = tempDir();
    const before = requests.length;
    const r = await runBin(["--metadata", `http://127.0.0.1:${port}/$metadata`, "--out", "out"], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("version label");
    expectNoStackTrace(r.stderr);
    expect(requests.length).toBe(before);
    expect(readdirSync(cwd)).toEqual([]);
  }, LONG);

  it("a URL that answers 404 is reported as a diagnostic (exit 1)", async () => {
    const cwd = tempDir();
    const url = `http://127.0.0.1:${port}/missing/$metadata`;
    const r = await runBin(["--metadata", `v1=${url}`, "--out", "out"], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${url}: error fetch-not-found: could not fetch metadata from ${url}: nothing there (HTTP 404 Not Found)`);
    expectNoStackTrace(r.stderr);
    expect(readdirSync(cwd)).toEqual([]);
  }, LONG);
});

describe("--config", () => {
  it(
    "takes the same options from a JSON file, resolving relative paths against its folder",
    async () => {
      const cwd = tempDir();
      mkdirSync(join(cwd, "conf", "xml"), { recursive: true });
      mkdirSync(join(cwd, "shared"));
      copyFileSync(join(METADATA, "v1.0.xml"), join(cwd, "conf", "xml", "v1.0.xml"));
      copyFileSync(join(METADATA, "v1.0.xml"), join(cwd, "shared", "outlook.xml"));
      writeFileSync(
        join(cwd, "conf", "codegen.json"),
        JSON.stringify({
          metadata: [
            "xml/v1.0.xml",
            { label: "mail", source: "../shared/outlook.xml", baseUrl: "https://mail.example.test/api/v1.0" },
            { source: "xml/v1.0.xml", label: "v1-proxy", baseUrl: "https://proxy.example.test/outlook" },
          ],
          out: "client",
          packageName: "@acme/mail",
        }),
      );
      const r = await runMain(["--config", "conf/codegen.json"], cwd);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const out = join(cwd, "conf", "client");
      expect(existsSync(join(cwd, "client"))).toBe(false);
      const pkg = readJson(join(out, "package.json"));
      expect(pkg["name"]).toBe("@acme/mail");
      // Only the input labelled with an Outlook version gets the shipped migration map.
      expect(Object.keys(pkg["exports"] as object).sort()).toEqual(["./mail", "./runtime/migrate", "./v1-proxy", "./v1.0", "./v1.0/migration"]);
      expect(readFileSync(join(out, "mail", "client.ts"), "utf8")).toContain('baseUrl: "https://mail.example.test/api/v1.0"');
      expect(readFileSync(join(out, "v1-proxy", "client.ts"), "utf8")).toContain('baseUrl: "https://proxy.example.test/outlook"');
      expect(readFileSync(join(out, "v1.0", "client.ts"), "utf8")).toContain('baseUrl: "https://outlook.office.com/api/v1.0"');
      expect(readFileSync(join(out, "README.md"), "utf8")).toContain("https://mail.example.test/api/v1.0");
    },
    LONG,
  );

  it(
    "flags override the config file; codegen.config.json is read when present",
    async () => {
      const cwd = tempDir();
      writeFileSync(
        join(cwd, "codegen.config.json"),
        JSON.stringify({ metadata: [{ label: "v1.0", source: join(METADATA, "v1.0.xml") }], out: "from-config", packageName: "from-config" }),
      );
      const r = await runMain(["--out", "from-flag", "--package-name", "from-flag"], cwd);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(existsSync(join(cwd, "from-config"))).toBe(false);
      expect(readJson(join(cwd, "from-flag", "package.json"))["name"]).toBe("from-flag");
      expect(existsSync(join(cwd, "from-flag", "v1.0", "client.ts"))).toBe(true);
    },
    LONG,
  );

  it.each([
    ["not JSON", "{ metadata: ", /cannot read config/],
    ["an array", "[]", /c\.json: must hold an object, got an array/],
    ["an entry without a source", JSON.stringify({ metadata: [{ label: "x" }] }), /c\.json: metadata\[0\]\.source: required/],
  ])("a config file that is %s is a usage error", async (_what, text, message) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "c.json"), text);
    const r = await runMain(["--config", "c.json"], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(readdirSync(cwd)).toEqual(["c.json"]);
  });

  it("a missing config file is a usage error", async () => {
    const cwd = tempDir();
    const r = await runMain(["--config", "nope.json"], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot read config nope.json");
  });
});

describe("--check", () => {
  let cwd: string;
  let pristine: string;
  let out: string;
  const args = (): string[] => ["--check", "--metadata", `v1.0=${join(METADATA, "v1.0.xml")}`, "--out", "out"];

  beforeAll(async () => {
    const root = tempDir();
    pristine = join(root, "pristine");
    const r = await runMain(["--metadata", `v1.0=${join(METADATA, "v1.0.xml")}`, "--out", pristine], root);
    expect(r.code).toBe(0);
  }, LONG);

  /** A fresh copy of the generated folder, with old mtimes so that any write would show. */
  function fresh(): void {
    cwd = tempDir();
    out = join(cwd, "out");
    cpSync(pristine, out, { recursive: true });
    ageTree(out);
  }

  afterEach(() => {
    rmSync(cwd, { recursive: true, force: true });
  });

  it(
    "exits 0 when the folder is up to date, writing nothing",
    async () => {
      fresh();
      const before = snapshotTree(out);
      const r = await runMain(args(), cwd);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/is up to date \(\d+ files\)/);
      expect(r.stderr).toBe("");
      expect(snapshotTree(out)).toEqual(before);
    },
    LONG,
  );

  it(
    "exits 3 and lists an edited file as changed, with its diff; nothing is written",
    async () => {
      fresh();
      writeFileSync(join(out, "v1.0", "client.ts"), "// edited by hand\n", { flag: "a" });
      ageTree(out);
      const before = snapshotTree(out);
      const r = await runMain(args(), cwd);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain("1 file(s) would change");
      expect(r.stderr).toMatch(/^ {2}changed: v1\.0\/client\.ts$/m);
      // The file on disk has one more line than the generated one: its diff removes it.
      const text = readFileSync(join(pristine, "v1.0", "client.ts"), "utf8").split("\n");
      const n = text.length - 1;
      expect(r.stdout).toBe(
        [
          "--- a/out/v1.0/client.ts",
          "+++ b/out/v1.0/client.ts",
          `@@ -${n - 2},4 +${n - 2},3 @@`,
          ...text.slice(n - 3, n).map((l) => ` ${l}`),
          "-// edited by hand",
          "",
        ].join("\n"),
      );
      expect(r.stderr).toContain("codegen --check: 1 file(s), +0 -1 lines");
      expect(snapshotTree(out)).toEqual(before);
    },
    LONG,
  );

  it(
    "exits 3 and lists a stray file in the manifest as removed; nothing is written or deleted",
    async () => {
      fresh();
      writeFileSync(join(out, "v1.0", "Stray.ts"), "export {};\n");
      writeFileSync(join(out, MANIFEST), "v1.0/Stray.ts\n", { flag: "a" });
      ageTree(out);
      const before = snapshotTree(out);
      const r = await runMain(args(), cwd);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/^ {2}removed: v1\.0\/Stray\.ts$/m);
      expect(r.stdout).toContain("--- a/out/v1.0/Stray.ts\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-export {};\n");
      expect(r.stderr).toMatch(/^ {2}changed: \.codegen-manifest$/m);
      expect(existsSync(join(out, "v1.0", "Stray.ts"))).toBe(true);
      expect(snapshotTree(out)).toEqual(before);
    },
    LONG,
  );

  it(
    "exits 3 and lists a deleted file as added; nothing is written",
    async () => {
      fresh();
      rmSync(join(out, "v1.0", "index.ts"));
      const before = snapshotTree(out);
      const r = await runMain(args(), cwd);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/^ {2}added: {3}v1\.0\/index\.ts$/m);
      expect(r.stdout).toContain("--- /dev/null\n+++ b/out/v1.0/index.ts\n@@ -0,0 +1,");
      expect(existsSync(join(out, "v1.0", "index.ts"))).toBe(false);
      expect(snapshotTree(out)).toEqual(before);
    },
    LONG,
  );

  it(
    "through the real bin: all three drifts at once, each listed, exit 3, nothing written",
    async () => {
      fresh();
      writeFileSync(join(out, "runtime", "url.ts"), "// edited\n", { flag: "a" });
      writeFileSync(join(out, "v1.0", "Stray.ts"), "export {};\n");
      writeFileSync(join(out, MANIFEST), "v1.0/Stray.ts\n", { flag: "a" });
      rmSync(join(out, "README.md"));
      ageTree(out);
      const before = snapshotTree(out);
      const r = await runBin(args(), cwd);
      expect(r.code).toBe(3);
      // The diff on stdout, file by file in path order.
      expect(r.stdout.split("\n").filter((l) => l.startsWith("+++ ") || l.startsWith("--- "))).toEqual([
        "--- a/out/.codegen-manifest",
        "+++ b/out/.codegen-manifest",
        "--- /dev/null",
        "+++ b/out/README.md",
        "--- a/out/runtime/url.ts",
        "+++ b/out/runtime/url.ts",
        "--- a/out/v1.0/Stray.ts",
        "+++ /dev/null",
      ]);
      const listed = r.stderr.split("\n").filter((l) => l.startsWith("  "));
      expect(listed).toEqual([
        "  added:   README.md",
        "  changed: runtime/url.ts",
        "  changed: .codegen-manifest",
        "  removed: v1.0/Stray.ts",
      ]);
      expect(r.stderr).toContain(`4 file(s) would change in ${out}`);
      expectNoStackTrace(r.stderr);
      expect(snapshotTree(out)).toEqual(before);
    },
    LONG,
  );
});

describe("bad input", () => {
  let pristine: string;
  beforeAll(async () => {
    pristine = join(tempDir(), "pristine");
    const r = await runMain(["--metadata", `v1.0=${join(METADATA, "v1.0.xml")}`, "--out", pristine], REPO);
    expect(r.code).toBe(0);
  }, LONG);

  /** Runs the bin against an existing generated folder and checks that it is byte-for-byte (and mtime) untouched. */
  async function runBad(metadata: readonly string[]): Promise<Run> {
    const cwd = tempDir();
    const out = join(cwd, "out");
    cpSync(pristine, out, { recursive: true });
    ageTree(out);
    const before = snapshotTree(out);
    const r = await runBin([...metadata.flatMap((m) => ["--metadata", m]), "--out", "out"], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expectNoStackTrace(r.stderr);
    expect(snapshotTree(out)).toEqual(before);
    expect(readdirSync(cwd)).toEqual(["out"]);
    return r;
  }

  it("malformed XML: file:line:column and the parser's message", async () => {
    const file = join(FIXTURES, "cli-malformed.xml");
    const r = await runBad([`v1.0=${file}`]);
    expect(r.stderr).toContain(`${file}:8:7: error xml-malformed: malformed XML:`);
    expect(r.stderr).toContain("codegen: 1 error(s); nothing was written.");
  }, LONG);

  it("an unresolved type: file:line:column and the CSDL path", async () => {
    const file = join(FIXTURES, "cli-unresolved.xml");
    const r = await runBad([`v1.0=${file}`]);
    expect(r.stderr).toBe(
      [
        `${file}:8:9: error unresolved-type: property Owner refers to type NS.Person, which is not declared`,
        "    at Schema[NS]/EntityType[Thing]/Property[Owner]",
        "codegen: 1 error(s); nothing was written.",
        "",
      ].join("\n"),
    );
  }, LONG);

  it("two errors in one file are reported together, in order", async () => {
    const file = join(FIXTURES, "cli-two-errors.xml");
    const r = await runBad([`v1.0=${file}`]);
    expect(r.stderr).toBe(
      [
        `${file}:8:9: error unresolved-type: property Owner refers to type NS.Person, which is not declared`,
        "    at Schema[NS]/EntityType[Thing]/Property[Owner]",
        `${file}:12:9: error unresolved-type: property Country refers to type NS.Country, which is not declared`,
        "    at Schema[NS]/ComplexType[Address]/Property[Country]",
        "codegen: 2 error(s); nothing was written.",
        "",
      ].join("\n"),
    );
  }, LONG);

  it("errors from several files (and a missing file) come out together", async () => {
    const missing = join(FIXTURES, "cli-does-not-exist.xml");
    const r = await runBad([
      `v1.0=${join(FIXTURES, "cli-malformed.xml")}`,
      `v2.0=${join(FIXTURES, "cli-two-errors.xml")}`,
      `beta=${missing}`,
      `ok=${join(METADATA, "v1.0.xml")}`,
    ]);
    expect(r.stderr).toContain(`${join(FIXTURES, "cli-malformed.xml")}:8:7: error xml-malformed`);
    expect(r.stderr).toContain(`${join(FIXTURES, "cli-two-errors.xml")}:8:9: error unresolved-type`);
    expect(r.stderr).toContain(`${join(FIXTURES, "cli-two-errors.xml")}:12:9: error unresolved-type`);
    expect(r.stderr).toContain(`${missing}: error load-failed: could not read metadata: ENOENT`);
    expect(r.stderr).toContain("codegen: 4 error(s); nothing was written.");
  }, LONG);
});
