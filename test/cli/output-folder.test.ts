/**
 * The output folder from the command line: what the writer refuses is a message naming the path and exit 2, never
 * a stack trace (the real bin: run `npm run build` first), and a refused run leaves every path, link, mode and empty
 * folder as it was; a regeneration restores every file codegen owns, whatever its manifest says.
 */
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contentHash } from "../../generator/write/manifest.js";
import { MANIFEST } from "../../generator/write/write.js";
import { REPO } from "../helpers/paths.js";
import { fullSnapshot } from "../write/tree.js";
import { expectNoStackTrace, runBin, runMain, tempDir } from "./helpers.js";

const TRAVEL = join(REPO, "test", "fixtures", "travel.xml");
const args = (out: string, ...more: string[]): string[] => ["-m", `t=${TRAVEL}`, "--mode", "sources", "-o", out, "--quiet", ...more];

/** A temp folder with a generated output in it (out/), and a folder beside it (elsewhere/) holding a victim. */
async function generated(): Promise<{ cwd: string; out: string; elsewhere: string }> {
  const cwd = tempDir();
  const out = join(cwd, "out");
  const elsewhere = join(cwd, "elsewhere");
  mkdirSync(elsewhere);
  writeFileSync(join(elsewhere, "victim.ts"), "keep\n");
  const r = await runMain(args(out), cwd);
  expect(r.code, r.stderr).toBe(0);
  return { cwd, out, elsewhere };
}

/** The bin refuses with exit 2 and a message matching `message`, and --check does too; nothing under cwd changes. */
async function expectRefused(cwd: string, out: string, message: RegExp): Promise<void> {
  const before = fullSnapshot(cwd);
  for (const extra of [[], ["--check"]]) {
    const r = await runBin(args(out, ...extra), cwd);
    expect(r.code, `${extra.join(" ")}: ${r.stderr}`).toBe(2);
    expectNoStackTrace(r.stderr);
    expect(r.stderr).toMatch(message);
    expect(fullSnapshot(cwd)).toEqual(before);
  }
}

describe("refusals are messages with exit 2, and change nothing", () => {
  it("--out naming a symbolic link to a folder", async () => {
    const { cwd, out } = await generated();
    symlinkSync(out, join(cwd, "link"));
    await expectRefused(cwd, join(cwd, "link"), /cannot write into .*link: it is a symbolic link \(to .*out\)/);
  });

  it("a generated file replaced by a link to a file elsewhere", async () => {
    const { cwd, out, elsewhere } = await generated();
    rmSync(join(out, "client.ts"));
    symlinkSync(join(elsewhere, "victim.ts"), join(out, "client.ts"));
    await expectRefused(cwd, out, /client\.ts is a symbolic link/);
    expect(readFileSync(join(elsewhere, "victim.ts"), "utf8")).toBe("keep\n");
  });

  it("a manifest entry through a link: runtime/ is a link elsewhere and the manifest lists it", async () => {
    const { cwd, out, elsewhere } = await generated();
    rmSync(join(out, "runtime"), { recursive: true });
    symlinkSync(elsewhere, join(out, "runtime"));
    writeFileSync(join(out, MANIFEST), `${readFileSync(join(out, MANIFEST), "utf8")}runtime\nruntime/victim.ts\n`);
    await expectRefused(cwd, out, /runtime is a symbolic link/);
    expect(readFileSync(join(elsewhere, "victim.ts"), "utf8")).toBe("keep\n");
  });

  it("a file where a folder must go, and a folder where a file must go", async () => {
    const { cwd, out } = await generated();
    rmSync(join(out, "runtime"), { recursive: true });
    writeFileSync(join(out, "runtime"), "x\n");
    writeFileSync(join(out, MANIFEST), `${readFileSync(join(out, MANIFEST), "utf8")}runtime\n`);
    await expectRefused(cwd, out, /runtime is a file where codegen needs a folder/);
    rmSync(join(out, "runtime"));
    rmSync(join(out, "client.ts"));
    mkdirSync(join(out, "client.ts"));
    await expectRefused(cwd, out, /client\.ts is a folder where codegen writes a file/);
  });

  it("--out naming a file, a named pipe, a path below a file, a name too long", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "file.ts"), "mine\n");
    execFileSync("mkfifo", [join(cwd, "pipe")]);
    await expectRefused(cwd, join(cwd, "file.ts"), /file\.ts: it is a file, not a folder/);
    await expectRefused(cwd, join(cwd, "file.ts", "x"), /file\.ts is a file, not a folder/);
    await expectRefused(cwd, join(cwd, "pipe"), /it is a named pipe, not a folder/);
    await expectRefused(cwd, join(cwd, "n".repeat(300)), /a name in its path is 300 bytes long/);
  });

  it("an output path with a NUL character (from a config file)", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "codegen.config.json"), JSON.stringify({ out: "a\u0000b", mode: "sources", metadata: [TRAVEL] }));
    const before = fullSnapshot(cwd);
    const r = await runBin(["--quiet"], cwd);
    expect(r.code, r.stderr).toBe(2);
    expectNoStackTrace(r.stderr);
    expect(r.stderr).toMatch(/NUL/);
    expect(fullSnapshot(cwd)).toEqual(before);
  });

  it("a generated file replaced by a named pipe: refused, not read (a read would hang)", async () => {
    const { cwd, out } = await generated();
    rmSync(join(out, "index.ts"));
    execFileSync("mkfifo", [join(out, "index.ts")]);
    await expectRefused(cwd, out, /index\.ts is a named pipe/);
  });

  it.skipIf(process.getuid?.() === 0)("a folder without write permission: exit 2, named, nothing changed", async () => {
    const { cwd, out } = await generated();
    writeFileSync(join(out, "client.ts"), "// edited\n");
    chmodSync(out, 0o555);
    try {
      await expectRefused(cwd, out, /permission denied \(EACCES\)/);
    } finally {
      chmodSync(out, 0o755);
    }
  });
});

describe("a regeneration restores every file codegen owns", () => {
  it("a file edited together with its manifest line is written again (only the bytes decide)", async () => {
    const { cwd, out } = await generated();
    const generatedText = readFileSync(join(out, "client.ts"), "utf8");
    const edited = `${generatedText}// edited by hand\n`;
    writeFileSync(join(out, "client.ts"), edited);
    const manifest = readFileSync(join(out, MANIFEST), "utf8");
    const line = manifest.split("\n").find((l) => l.startsWith("client.ts\t"))!;
    const [path, sourceHash] = line.split("\t");
    writeFileSync(join(out, MANIFEST), manifest.replace(line, `${path}\t${sourceHash}\t${contentHash(edited)}`));
    const r = await runMain(args(out).filter((a) => a !== "--quiet"), cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/0 added, 2 changed, 0 removed/);
    expect(readFileSync(join(out, "client.ts"), "utf8")).toBe(generatedText);
    expect(readFileSync(join(out, MANIFEST), "utf8")).toBe(manifest);
    // And --check agrees that nothing is left to change.
    expect((await runMain(args(out, "--check"), cwd)).code).toBe(0);
  });
});

describe("a type name of 253 characters (ENAMETOOLONG in the file system)", () => {
  it("into a folder codegen wrote before: no stack trace, and a refusal leaves no new empty folder", async () => {
    const { cwd, out } = await generated();
    const long = `T${"x".repeat(252)}`;
    const xml = readFileSync(TRAVEL, "utf8").replace(
      "</Schema>",
      `<EntityType Name="${long}"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/></EntityType></Schema>`,
    );
    expect(xml).toContain(long);
    writeFileSync(join(cwd, "long.xml"), xml);
    const before = fullSnapshot(cwd);
    const r = await runBin(["-m", `t=${join(cwd, "long.xml")}`, "--mode", "sources", "-o", out, "--quiet"], cwd);
    expectNoStackTrace(r.stderr);
    // Refused (a diagnostic, or the writer's exit 2), or generated under a name the file system takes (cut).
    expect([0, 1, 2], r.stderr).toContain(r.code);
    if (r.code !== 0) expect(fullSnapshot(cwd)).toEqual(before);
    if (r.code === 2) expect(r.stderr).toMatch(/has a name of 25\d bytes/);
  });
});
