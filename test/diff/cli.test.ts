/** `codegen diff`: exit codes, the report on stdout or in --out, JSON that parses, bad input located. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../generator/cli/exit-codes.js";
import { expectNoStackTrace, runBin, runMain, tempDir } from "../cli/helpers.js";
import { corpusFile, METADATA, REPO } from "../helpers/paths.js";

const V1 = `v1.0=${join(METADATA, "v1.0.xml")}`;
const V2 = `v2.0=${join(METADATA, "v2.0.xml")}`;

describe("codegen diff", () => {
  it("prints a Markdown report and exits 0, breaking changes or not", async () => {
    const r = await runMain(["diff", "--from", V1, "--to", V2], REPO);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^# Model diff: v1\.0 → v2\.0\n\nFrom `metadata\/v1\.0\.xml` to `metadata\/v2\.0\.xml`: 152 changes, 85 breaking\./);
    expect(r.stdout).toContain("| removed | entityType | `EntityType[Folder]` |  | `Microsoft.OutlookServices.Folder` |  |");
  });

  it("--format json parses, with the same figures", async () => {
    const r = await runMain(["diff", "--from", V1, "--to", V2, "--format", "json"], REPO);
    expect(r.code).toBe(EXIT.ok);
    const report = JSON.parse(r.stdout) as { version: number; from: { label: string }; summary: { total: number; breaking: number }; changes: { kind: string; breaking: boolean }[] };
    expect(report.version).toBe(1);
    expect(report.from.label).toBe("v1.0");
    expect(report.summary).toMatchObject({ total: 152, breaking: 85 });
    expect(report.changes).toHaveLength(152);
    expect(report.changes.filter((c) => c.breaking)).toHaveLength(85);
  });

  it("--fail-on breaking exits 4 when a change is breaking, 0 when none is (the real bin)", async () => {
    const broken = await runBin(["diff", "--from", V1, "--to", V2, "--fail-on", "breaking", "--format", "json"], REPO);
    expect(broken.code).toBe(4);
    expect(EXIT.breaking).toBe(4);
    expect(broken.stderr).toBe("codegen diff: 85 breaking changes (--fail-on breaking)\n");
    expect(JSON.parse(broken.stdout).summary.breaking).toBe(85);
    const same = await runMain(["diff", "--from", V2, "--to", `again=${join(METADATA, "v2.0.xml")}`, "--fail-on", "breaking"], REPO);
    expect(same.code).toBe(EXIT.ok);
    expect(same.stdout).toContain(": 0 changes, 0 breaking.");
  });

  it("--out writes the report, and does not replace a file without --force", async () => {
    const dir = tempDir();
    const first = await runMain(["diff", "--from", V1, "--to", V2, "--out", "report.md"], dir);
    expect(first.code).toBe(EXIT.ok);
    expect(first.stdout).toBe("");
    const text = readFileSync(join(dir, "report.md"), "utf8");
    expect(text).toContain("152 changes, 85 breaking");
    writeFileSync(join(dir, "mine.json"), "keep me");
    const refused = await runMain(["diff", "--from", V1, "--to", V2, "--format", "json", "--out", "mine.json"], dir);
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.stderr).toContain("--out mine.json exists");
    expect(readFileSync(join(dir, "mine.json"), "utf8")).toBe("keep me");
    const forced = await runMain(["diff", "--from", V1, "--to", V2, "--format", "json", "--out", "mine.json", "--force"], dir);
    expect(forced.code).toBe(EXIT.ok);
    expect(JSON.parse(readFileSync(join(dir, "mine.json"), "utf8")).summary.total).toBe(152);
  });

  it("--renames reads a JSON table", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "renames.json"), JSON.stringify({ "Microsoft.OutlookServices.Folder": "MailFolder" }));
    const r = await runMain(["diff", "--from", V1, "--to", V2, "--renames", join(dir, "renames.json"), "--format", "json"], REPO);
    expect(r.code).toBe(EXIT.ok);
    const changes = (JSON.parse(r.stdout) as { changes: { kind: string; fromPath?: string; toPath?: string; match?: string }[] }).changes;
    expect(changes.find((c) => c.fromPath === "EntityType[Folder]" && c.kind === "renamed")).toMatchObject({ toPath: "EntityType[MailFolder]", match: "table" });
    writeFileSync(join(dir, "bad.json"), "[1]");
    const bad = await runMain(["diff", "--from", V1, "--to", V2, "--renames", join(dir, "bad.json")], REPO);
    expect(bad.code).toBe(EXIT.usage);
  });

  it("--quiet leaves the metadata's warnings out, not its errors", async () => {
    const graph = `graph=${corpusFile("graph-v1.0.csdl.xml")}`;
    const loud = await runMain(["diff", "--from", V2, "--to", graph, "--format", "json"], REPO);
    expect(loud.stderr).toContain("warning operation-shares-type-name");
    const quiet = await runMain(["diff", "--from", V2, "--to", graph, "--format", "json", "-q"], REPO);
    expect(quiet.code).toBe(EXIT.ok);
    expect(quiet.stderr).toBe("");
    expect(JSON.parse(quiet.stdout).summary).toMatchObject({ total: 5748, breaking: 467 });
  });

  it("bad metadata exits 1 with the located diagnostic, and no report", async () => {
    const r = await runBin(["diff", "--from", "bad=test/fixtures/cli-malformed.xml", "--to", V2], REPO);
    expect(r.code).toBe(EXIT.metadata);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/cli-malformed\.xml:\d+:\d+: error /);
    expectNoStackTrace(r.stderr);
  });

  it("usage mistakes exit 2; --help describes the subcommand and codegen --help names it", async () => {
    const missing = await runMain(["diff", "--from", V1], REPO);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toContain("codegen diff needs --from and --to");
    const unknown = await runMain(["diff", "--from", V1, "--to", V2, "--format", "html"], REPO);
    expect(unknown.code).toBe(EXIT.usage);
    const help = await runMain(["diff", "--help"], REPO);
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toContain("--fail-on");
    expect(help.stdout.replace(/\s+/g, " ")).toContain("4 --fail-on breaking found a breaking change");
    const main = await runMain(["--help"], REPO);
    expect(main.stdout).toContain("codegen diff --from v1.0=metadata/v1.0.xml");
    expect(main.stdout.replace(/\s+/g, " ")).toContain("codegen diff: 4 when --fail-on breaking finds a breaking change.");
    expect(existsSync(join(REPO, "report.md"))).toBe(false);
  });
});
