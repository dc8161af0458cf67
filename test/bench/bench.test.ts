/**
 * The cheap parts of `npm run bench` (bench/): statistics and formatting, the
 * results tables, the metadata edits, the output-folder bookkeeping and the two
 * small child scripts on tiny inputs. The bench itself is not run here.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  addMemberToEmptyEnums,
  addPropertyToEntityType,
  countListedFiles,
  diffSnapshots,
  docCommentBytes,
  generatedDocSize,
  formatStats,
  importedPackages,
  markdownTable,
  measurementRows,
  parseTimeOutput,
  parseWatchLine,
  ratioStats,
  selectIds,
  sideBySideRows,
  snapshot,
  stats,
  targetRows,
  textTable,
  treeSize,
  verdict,
} from "../../bench/lib.js";
import { REPO } from "../helpers/paths.js";

const tmp = mkdtempSync(join(tmpdir(), "codegen-bench-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("statistics and formatting", () => {
  it("takes median, min and max", () => {
    expect(stats([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, n: 3 });
    expect(stats([4, 1, 2, 3])).toEqual({ median: 2.5, min: 1, max: 4, n: 4 });
    expect(stats([])).toBeUndefined();
  });

  it("formats median [min–max] in each unit", () => {
    expect(formatStats(stats([43.21, 42.9, 44.08]), "seconds")).toBe("43.2 s [42.9–44.1]");
    expect(formatStats(stats([0.812, 0.79, 0.9]), "seconds")).toBe("0.81 s [0.79–0.90]");
    expect(formatStats(stats([1254056, 1250000, 1260000]), "mibFromKiB")).toBe("1225 MiB [1221–1230]");
    expect(formatStats(stats([12_541_425]), "mb")).toBe("12.5 MB");
    expect(formatStats(stats([12_100, 12_100, 12_100]), "kb")).toBe("12.1 KB");
    expect(formatStats(undefined, "seconds")).toBe("–");
  });

  it("reads GNU time's last line", () => {
    expect(parseTimeOutput("43.23 1254056\n")).toEqual({ seconds: 43.23, rssKiB: 1254056 });
    expect(parseTimeOutput("Command exited with non-zero status 99\n2.85 243000\n")).toEqual({ seconds: 2.85, rssKiB: 243000 });
    expect(parseTimeOutput("3.10 612000 2.50 0.75\n")).toEqual({ seconds: 3.1, rssKiB: 612000, cpuSeconds: 3.25 });
    expect(parseTimeOutput("")).toBeUndefined();
  });
});

describe("tables", () => {
  const results = [
    {
      id: "a",
      title: "1. codegen",
      figures: [{ key: "bytes", label: "output", unit: "mb" as const }],
      samples: [
        { seconds: 2, cpuSeconds: 1.5, rssKiB: 102400, figures: { bytes: 5e6 } },
        { seconds: 1, cpuSeconds: 0.9, rssKiB: 204800, figures: { bytes: 5e6 } },
        { seconds: 3, cpuSeconds: 1.6, rssKiB: 307200, figures: { bytes: 5e6 } },
      ],
    },
    { id: "b", title: "4. odata2ts | unbundled", figures: [], samples: [], error: "exit 99: Error: Unexpected!\nat …" },
  ];

  it("shows each measurement's wall and CPU time and its figures, or its failure", () => {
    expect(measurementRows(results)).toEqual([
      ["1. codegen", "2.00 s [1.00–3.00]", "1.50 s [0.90–1.60]", "200 MiB [100–300]", "output 5.00 MB", "ok (3 runs)"],
      ["4. odata2ts | unbundled", "–", "–", "–", "–", "FAILED: exit 99: Error: Unexpected!"],
    ]);
  });

  it("shows the figures found before the runs when every run failed, and the runs' own figures otherwise", () => {
    const files = [{ key: "files", label: "files loaded", unit: "count" as const }];
    const failed = { id: "c", title: "6a. check", figures: files, samples: [], known: { files: 5082 }, error: "exit 2: error TS2561" };
    expect(measurementRows([failed])).toEqual([["6a. check", "–", "–", "–", "files loaded 5082", "FAILED: exit 2: error TS2561"]]);
    const ran = { ...failed, samples: [{ seconds: 1, figures: { files: 60 } }], error: undefined };
    expect(measurementRows([ran])[0]![4]).toBe("files loaded 60");
  });

  it("judges targets by the median", () => {
    const value = stats([3.9, 4.5, 3.8])!;
    expect(verdict({ label: "t", limit: "≤ 4 s", value, unit: "seconds", max: 4 })).toBe("pass");
    expect(verdict({ label: "t", limit: "≤ 4 s", value, unit: "seconds", max: 3 })).toBe("miss");
    expect(verdict({ label: "t", limit: "≤ 4 s", value: "failed", unit: "seconds", max: 4 })).toBe("n/a");
    expect(targetRows([{ label: "Graph", limit: "≤ 4 s", value, unit: "seconds", max: 4 }])).toEqual([["Graph", "≤ 4 s", "3.90 s [3.80–4.50]", "pass"]]);
  });

  it("shows a peer's figure without a verdict, and a note after the figure", () => {
    const value = stats([10_464])!;
    const peer = { label: "SDK", limit: "peer", value, unit: "kb" as const, note: "106 files" };
    expect(verdict(peer)).toBe("peer");
    expect(verdict({ ...peer, value: "failed" })).toBe("peer");
    expect(targetRows([peer])).toEqual([["SDK", "peer", "10.5 KB (106 files)", "peer"]]);
  });

  it("divides two figures: ratio of the medians, the extremes as the range, a reason when one is missing", () => {
    expect(ratioStats(stats([3, 2, 4])!, stats([1, 2, 2])!)).toEqual({ median: 1.5, min: 1, max: 4, n: 3 });
    expect(ratioStats(stats([3])!, stats([2, 4])!)).toEqual({ median: 1, min: 0.75, max: 1.5, n: 1 });
    expect(ratioStats("failed", stats([1])!)).toBe("failed");
    expect(ratioStats(stats([1])!, "not run")).toBe("not run");
    expect(ratioStats(stats([1])!, stats([0])!)).toBe("division by zero");
  });

  it("renders Markdown with escaped cells and aligned text", () => {
    const rows = measurementRows(results);
    const md = markdownTable(["Measurement", "Wall time", "Peak RSS", "Figures", "Status"], rows);
    expect(md.split("\n")[1]).toBe("|---|---|---|---|---|");
    expect(md).toContain("4. odata2ts \\| unbundled");
    const text = textTable(["A", "B"], [["long cell", "x"], ["y", "z"]]).split("\n");
    expect(text).toEqual(["A          B", "---------  -", "long cell  x", "y          z"]);
  });
});

describe("selection", () => {
  const ids = ["codegen-graph", "parse-floor", "bundle-graph", "bundle-graph-sdk", "watch-graph"];
  const groups = { issue11: ["bundle-graph-sdk", "codegen-graph", "bundle-graph"] };

  it("takes every measurement without BENCH_ONLY", () => {
    expect(selectIds(ids, [], groups)).toEqual({ selected: ids, unknown: [] });
  });

  it("expands group names, keeps the measurements' order and reports unknown names", () => {
    expect(selectIds(ids, ["issue11"], groups)).toEqual({ selected: ["codegen-graph", "bundle-graph", "bundle-graph-sdk"], unknown: [] });
    expect(selectIds(ids, ["watch-graph", "issue11", "bundle-graph"], groups).selected).toEqual([
      "codegen-graph",
      "bundle-graph",
      "bundle-graph-sdk",
      "watch-graph",
    ]);
    expect(selectIds(ids, ["parse-floor", "nope", "toString"], groups)).toEqual({ selected: ["parse-floor"], unknown: ["nope", "toString"] });
  });
});

describe("consumer projects", () => {
  it("finds the packages a file imports, scoped ones by scope and name, relative and node: imports left out", () => {
    const source = [
      'import { a } from "@microsoft/msgraph-sdk";',
      'import "@microsoft/msgraph-sdk-users";',
      'import type { Message } from "@microsoft/microsoft-graph-types";',
      "import {",
      "  createClient,",
      '} from "graph-client/v1.0";',
      'export { b } from "lodash/fp";',
      'import { c } from "./local.js";',
      'import { readFileSync } from "node:fs";',
      '// import { no } from "commented-out";',
      'const s = "import x from \'not-an-import\'";',
    ].join("\n");
    expect(importedPackages(source)).toEqual([
      "@microsoft/microsoft-graph-types",
      "@microsoft/msgraph-sdk",
      "@microsoft/msgraph-sdk-users",
      "graph-client",
      "lodash",
    ]);
  });

  it("counts the files tsc --listFilesOnly lists, and its lib files apart (TS 5.9 and TS 7 paths)", () => {
    const listed = [
      "/r/node_modules/typescript/lib/lib.es5.d.ts",
      "/r/node_modules/typescript/lib/lib.dom.iterable.d.ts",
      "/r/node_modules/@typescript/typescript-linux-x64/lib/lib.es2022.d.ts",
      "/r/node_modules/@microsoft/msgraph-sdk/index.d.ts",
      "/r/node_modules/some/lib/library.d.ts",
      "/tmp/consumer/app.ts",
      "",
    ].join("\n");
    expect(countListedFiles(listed)).toEqual({ files: 6, libFiles: 3 });
    expect(countListedFiles("")).toEqual({ files: 0, libFiles: 0 });
  });

  it("every app in bench/apps imports only packages the bench pins, or the package codegen writes", () => {
    const pinned = Object.keys((JSON.parse(readFileSync(join(REPO, "bench", "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies);
    const generatedName = (JSON.parse(readFileSync(join(REPO, "generated", "package.json"), "utf8")) as { name: string }).name;
    const imports = (app: string): string[] => importedPackages(readFileSync(join(REPO, "bench", "apps", app), "utf8"));
    expect(imports("graph-kiota.ts")).toEqual(["@microsoft/kiota-abstractions", "@microsoft/msgraph-sdk", "@microsoft/msgraph-sdk-users"]);
    expect(imports("graph-sdk.ts")).toEqual(["@microsoft/microsoft-graph-client", "@microsoft/microsoft-graph-types"]);
    for (const pkg of [...imports("graph-kiota.ts"), ...imports("graph-sdk.ts")]) expect(pinned).toContain(pkg);
    for (const version of Object.values((JSON.parse(readFileSync(join(REPO, "bench", "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies)) {
      expect(version, "pinned exactly").toMatch(/^\d+\.\d+\.\d+(?:-[\w.]+)?$/);
    }
    expect(imports("graph-ours.ts")).toEqual(["graph-client"]);
    expect(imports("outlook-v2.0-ours.ts")).toEqual([generatedName]);
  });
});

describe("the side-by-side table", () => {
  const result = (id: string, samples: { seconds: number; cpuSeconds?: number; figures?: Record<string, number> }[], error?: string) => ({
    id,
    title: id,
    figures: [],
    samples,
    ...(error !== undefined ? { error } : {}),
  });
  const results = new Map(
    [
      result("bundle-a", [{ seconds: 0.1, figures: { min: 35_807, gz: 10_464 } }]),
      result("check5-a", [
        { seconds: 1.3, cpuSeconds: 1.2, figures: { files: 106, libFiles: 59 } },
        { seconds: 1.1, cpuSeconds: 1.4, figures: { files: 106, libFiles: 59 } },
        { seconds: 1.2, cpuSeconds: 1.3, figures: { files: 106, libFiles: 59 } },
      ]),
      result("check7-a", [{ seconds: 0.25, cpuSeconds: 0.3, figures: { files: 105, libFiles: 58 } }]),
      result("bundle-b", [], "exit 1: Could not resolve"),
      { ...result("check5-b", [], "exit 2: error TS2339"), known: { files: 5082, libFiles: 59 } },
    ].map((r) => [r.id, r]),
  );

  it("shows medians with CPU time, files with lib files, and says what is missing, failed or not run", () => {
    expect(
      sideBySideRows(
        [
          { label: "a", bundle: "bundle-a", check5: "check5-a", check7: "check7-a" },
          { label: "b", bundle: "bundle-b", check5: "check5-b", check7: "check7-b" },
          { label: "c", bundle: "bundle-a" },
        ],
        results,
      ),
    ).toEqual([
      ["a", "35.8 KB / 10.5 KB", "1.20 s (1.30 s)", "0.25 s (0.30 s)", "106 (59) / 105 (58)"],
      ["b", "failed", "failed", "not run", "5082 (59) / not run"],
      ["c", "35.8 KB / 10.5 KB", "–", "–", "–"],
    ]);
  });
});

describe("metadata edits", () => {
  it("gives member-less enum types one member (odata2ts' workaround) and leaves the others alone", () => {
    const xml = [
      '<Schema Namespace="n">',
      '<EnumType Name="auditLogRecordType" />',
      '<EnumType Name="empty"></EnumType>',
      '<EnumType Name="spaced">\n  <!-- none yet -->\n</EnumType>',
      '<EnumType Name="color"><Member Name="red" Value="0"/></EnumType>',
      '<edm:EnumType Name="prefixed"/>',
      "</Schema>",
    ].join("\n");
    const { xml: out, names } = addMemberToEmptyEnums(xml);
    expect(names).toEqual(["auditLogRecordType", "empty", "spaced", "prefixed"]);
    expect(out).toContain('<EnumType Name="auditLogRecordType"><Member Name="none" Value="0"/></EnumType>');
    expect(out).toContain('<EnumType Name="empty"><Member Name="none" Value="0"/></EnumType>');
    expect(out).toContain('<EnumType Name="spaced"><Member Name="none" Value="0"/></EnumType>');
    expect(out).toContain('<EnumType Name="color"><Member Name="red" Value="0"/></EnumType>');
    expect(out).toContain('<edm:EnumType Name="prefixed"><Member Name="none" Value="0"/></edm:EnumType>');
    expect(addMemberToEmptyEnums(out).names).toEqual([]);
  });

  it("adds a property to exactly one entity type", () => {
    const xml = [
      '<EntityType Name="messageRule" BaseType="graph.entity"><Property Name="a" Type="Edm.String"/></EntityType>',
      '<EntityType Name="message" BaseType="graph.outlookItem" OpenType="true"><Property Name="b" Type="Edm.String"/></EntityType>',
      '<EntityType Name="bare"/>',
    ].join("\n");
    const prop = '<Property Name="benchExtra" Type="Edm.String"/>';
    const out = addPropertyToEntityType(xml, "message", prop);
    expect(out).toContain(`<EntityType Name="message" BaseType="graph.outlookItem" OpenType="true">${prop}<Property Name="b"`);
    expect(out.split(prop).length).toBe(2);
    expect(addPropertyToEntityType(xml, "bare", prop)).toContain(`<EntityType Name="bare">${prop}</EntityType>`);
    expect(() => addPropertyToEntityType(xml, "missing", prop)).toThrow(/no EntityType named missing/);
  });
});

describe("output folders", () => {
  it("sizes a tree, with top-level dotfiles apart, and sees which files a run wrote", async () => {
    const dir = join(tmp, "out");
    mkdirSync(join(dir, "v1.0"), { recursive: true });
    writeFileSync(join(dir, ".codegen-manifest"), "12345");
    writeFileSync(join(dir, "a.ts"), "abc");
    writeFileSync(join(dir, "v1.0", "b.ts"), "abcdefg");
    writeFileSync(join(dir, "v1.0", "c.ts"), "x");
    expect(treeSize(dir)).toEqual({ bytes: 11, files: 3, dotBytes: 5 });

    const before = snapshot(dir);
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(join(dir, "v1.0", "b.ts"), "changed");
    writeFileSync(join(dir, "v1.0", "d.ts"), "new");
    rmSync(join(dir, "v1.0", "c.ts"));
    expect(diffSnapshots(before, snapshot(dir))).toEqual({ written: ["v1.0/b.ts", "v1.0/d.ts"], removed: ["v1.0/c.ts"] });
  });
});

describe("doc comment size", () => {
  it("counts /** */ comments in generated .ts files only, not the runtime's or other comments", () => {
    expect(docCommentBytes("/** a */\nconst x = 1; // no\n/* no */\n/**\n * é\n */")).toBe(8 + 13); // "é" is two bytes
    const dir = join(tmp, "docs");
    mkdirSync(join(dir, "runtime"), { recursive: true });
    mkdirSync(join(dir, "v1"), { recursive: true });
    writeFileSync(join(dir, "runtime", "http.ts"), "/** runtime */\n");
    writeFileSync(join(dir, "v1", "a.ts"), "/** one */\nexport {};\n");
    writeFileSync(join(dir, "README.md"), "/** not ts */\n");
    expect(generatedDocSize(dir)).toEqual({ docBytes: 10, tsBytes: 22 });
  });
});

describe("child scripts", () => {
  it("parse-floor counts elements and attributes", () => {
    const file = join(tmp, "small.xml");
    writeFileSync(file, '<?xml version="1.0"?><a x="1"><b y="2" z="3"/><b>text</b></a>');
    const out = execFileSync(process.execPath, [join(REPO, "bench", "parse-floor.mjs"), file], { encoding: "utf8" });
    expect(JSON.parse(out)).toMatchObject({ elements: 3, attributes: 3, textNodes: 1 });
  });

  it("bundle tree-shakes and reports min and gzip sizes", () => {
    const lib = join(tmp, "lib.ts");
    const app = join(tmp, "app.ts");
    writeFileSync(lib, 'export const used = (): string => "kept-string";\nexport const unused = (): string => "dropped-string";\n');
    writeFileSync(app, 'import { used } from "./lib.ts";\nconsole.log(used());\n');
    const out = JSON.parse(execFileSync(process.execPath, [join(REPO, "bench", "bundle.mjs"), app], { encoding: "utf8" })) as { min: number; gz: number };
    expect(out.min).toBeGreaterThan(0);
    expect(out.gz).toBeGreaterThan(0);
    expect(out.min).toBeLessThan(100);
  });

  it("bundle resolves an aliased specifier to a file, and fails on an unresolved one", () => {
    const dir = join(tmp, "alias");
    mkdirSync(join(dir, "pkg", "v1"), { recursive: true });
    writeFileSync(join(dir, "pkg", "v1", "index.ts"), 'export const hello = (): string => "aliased-module";\n');
    const app = join(dir, "app.ts");
    writeFileSync(app, 'import { hello } from "made-up-client/v1";\nconsole.log(hello());\n');
    const bundle = (...args: string[]) => execFileSync(process.execPath, [join(REPO, "bench", "bundle.mjs"), app, ...args], { encoding: "utf8", stdio: "pipe" });
    const out = JSON.parse(bundle("--alias", `made-up-client/v1=${join(dir, "pkg", "v1", "index.ts")}`)) as { min: number; gz: number; via: string };
    expect(out.min).toBeGreaterThan(0);
    expect(out.via).toBe("binary");
    expect(() => bundle()).toThrow();
    expect(() => bundle("--alias")).toThrow();
  });

  it("the fallback probe records each node process's CPU time as well as its peak RSS", () => {
    const rss = join(tmp, "probe.rss");
    const cpu = join(tmp, "probe.cpu");
    execFileSync(process.execPath, ["-e", "let x = 0; for (let i = 0; i < 1e7; i++) x += i;"], {
      env: { ...process.env, BENCH_RSS_FILE: rss, BENCH_CPU_FILE: cpu, NODE_OPTIONS: `--require ${JSON.stringify(join(REPO, "bench", "rss-preload.cjs"))}` },
    });
    const kib = Number(readFileSync(rss, "utf8").trim());
    const micros = Number(readFileSync(cpu, "utf8").trim());
    expect(kib).toBeGreaterThan(10_000);
    expect(micros).toBeGreaterThan(1_000);
    expect(micros).toBeLessThan(60e6);
  });
});

describe("parseWatchLine", () => {
  it("reads the wall and CPU time of one regeneration from codegen --watch's line", () => {
    expect(parseWatchLine("codegen: [21:36:38] out: 0 added, 6 changed, 0 removed in 1164 ms (CPU 983 ms)")).toEqual({ wallMs: 1164, cpuMs: 983 });
    expect(parseWatchLine("codegen: [21:36:38] a/b c: 1 added, 0 changed, 2 removed in 7 ms (CPU 0 ms)\n")).toEqual({ wallMs: 7, cpuMs: 0 });
    expect(parseWatchLine("codegen: out: 0 added, 6 changed, 0 removed, 5021 unchanged.")).toBeUndefined();
    expect(parseWatchLine("codegen: watching 1 file(s) for changes; Ctrl+C stops.")).toBeUndefined();
  });
});
