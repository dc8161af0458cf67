/**
 * `codegen migrate-code` (generator/cli/migrate-code-command.ts): writes the files it is given in place, or with
 * --dry-run prints a unified diff and writes nothing; a summary on stderr; never touches a file it was not given;
 * exit 0, or 2 for usage mistakes. main() runs in-process; one run goes through the real bin (`npm run build` first,
 * or the bin runs the TypeScript sources).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { GENERATED, REPO } from "../helpers/paths.js";
import { runBin, runMain, tempDir } from "../cli/helpers.js";

const APP = (dir: string): string => `import { type ServiceClient } from "${relative(dir, join(GENERATED, "v2.0", "index.js")).split("\\").join("/")}";

export async function inbox(client: ServiceClient): Promise<string[]> {
  const page = await client.me.mailFolders.byId("Inbox").messages.list({ select: ["Subject"], orderby: ["ReceivedDateTime desc"], top: 10 });
  await client.me.joinedGroups.list();
  return page.value.map((m) => m.Subject ?? "");
}
`;

/** A user's project: tsconfig.json, package.json, app.ts and other.ts (both use the Outlook client). */
function project(): { dir: string; app: string; other: string } {
  const dir = tempDir();
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, types: [] } }),
  );
  const app = join(dir, "src", "app.ts");
  const other = join(dir, "src", "other.ts");
  writeFileSync(app, APP(join(dir, "src")));
  writeFileSync(other, APP(join(dir, "src")));
  return { dir, app, other };
}

const ARGS = ["--from", "v2.0", "--graph-import", "graph-client/v1.0"];

describe("codegen migrate-code", () => {
  it("--dry-run prints a unified diff, the summary on stderr, and writes nothing", async () => {
    const { dir, app, other } = project();
    const before = readFileSync(app, "utf8");
    const mtime = statSync(app).mtimeMs;
    const run = await runMain(["migrate-code", "src/app.ts", ...ARGS, "--dry-run"], dir);
    expect(run.code).toBe(0);
    expect(readFileSync(app, "utf8")).toBe(before);
    expect(statSync(app).mtimeMs).toBe(mtime);
    expect(readFileSync(other, "utf8")).toBe(before);
    const lines = run.stdout.split("\n");
    expect(lines.slice(0, 2)).toEqual(["--- a/src/app.ts", "+++ b/src/app.ts"]);
    expect(lines).toContain('+import { type ServiceClient } from "graph-client/v1.0";');
    expect(lines).toContain('+  const page = await client.me.mailFolders.byId("Inbox").messages.list({ select: ["subject"], orderby: ["receivedDateTime desc"], top: 10 });');
    expect(lines.some((l) => l.startsWith("+  // TODO(migrate): User.JoinedGroups has no Graph counterpart"))).toBe(true);
    expect(run.stderr).toContain("codegen migrate-code: 1 file, 1 would change; 1 of 2 client calls migrated; 1 TODO left");
    expect(run.stderr).toMatch(/src\/app\.ts:5: TODO\(migrate\): User\.JoinedGroups has no Graph counterpart/);
  });

  it("writes the given files in place and no other; a second run changes nothing", async () => {
    const { dir, app, other } = project();
    const untouched = readFileSync(other, "utf8");
    const first = await runMain(["migrate-code", app, ...ARGS], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe("");
    const migrated = readFileSync(app, "utf8");
    expect(migrated).toContain('from "graph-client/v1.0"');
    expect(migrated).toContain("m.subject");
    expect(readFileSync(other, "utf8")).toBe(untouched);
    expect(first.stderr).toContain("1 file, 1 changed");
    const second = await runMain(["migrate-code", app, ...ARGS], dir);
    expect(second.code).toBe(0);
    expect(readFileSync(app, "utf8")).toBe(migrated);
    // The joinedGroups TODO of the first run is still there; this run added none.
    expect(second.stderr).toContain("1 file, 0 changed; 0 of 0 client calls migrated; 1 TODO left (0 new)");
  });

  it("says when --graph-import does not resolve, and counts the TODOs an earlier run left", async () => {
    const { dir, app } = project();
    const first = await runMain(["migrate-code", app, ...ARGS], dir);
    expect(first.code).toBe(0);
    // graph-client/v1.0 is not installed in this project.
    expect(first.stderr).toContain('warning: --graph-import "graph-client/v1.0" does not resolve from src/app.ts');
    expect(first.stderr).toContain("1 TODO left\n");
    const second = await runMain(["migrate-code", app, ...ARGS, "-q"], dir);
    expect(second.stderr).toContain("0 of 0 client calls migrated; 1 TODO left (0 new)");
    expect(second.stderr).not.toContain("warning");
  }, 120_000);

  it("migrates code that reaches the client through a module of its own, and leaves that module alone", async () => {
    const { dir } = project();
    const mail = join(dir, "src", "mail.ts");
    const use = join(dir, "src", "use.ts");
    writeFileSync(mail, `import { createClient } from "${relative(join(dir, "src"), join(GENERATED, "v2.0", "index.js")).split("\\").join("/")}";\nexport const client = createClient();\n`);
    writeFileSync(use, 'import { client } from "./mail.js";\n\nexport const subjects = async (): Promise<string[]> =>\n  (await client.me.messages.list({ select: ["Subject"] })).value.map((m) => m.Subject ?? "");\n');
    const before = readFileSync(mail, "utf8");
    const run = await runMain(["migrate-code", "src/use.ts", ...ARGS], dir);
    expect(run.code).toBe(0);
    expect(readFileSync(use, "utf8")).toBe(
      'import { client } from "./mail.js";\n\nexport const subjects = async (): Promise<string[]> =>\n  (await client.me.messages.list({ select: ["subject"] })).value.map((m) => m.subject ?? "");\n',
    );
    expect(readFileSync(mail, "utf8")).toBe(before);
    expect(run.stderr).toContain("1 of 1 client calls migrated; 0 TODOs left");
  });

  it("reads the Graph client's exports when --graph-import resolves: an import it lacks gets a TODO", async () => {
    const { dir } = project();
    mkdirSync(join(dir, "graph", "v1.0"), { recursive: true });
    // Only the index's export lists are read (a stand-in for a generated Graph client's index.ts).
    writeFileSync(join(dir, "graph", "v1.0", "index.ts"), 'export { createClient } from "./client.js";\n');
    const file = join(dir, "src", "batch.ts");
    writeFileSync(file, `import { createClient, startBatch } from "${relative(join(dir, "src"), join(GENERATED, "v2.0", "index.js")).split("\\").join("/")}";\nvoid startBatch(createClient());\n`);
    const run = await runMain(["migrate-code", "src/batch.ts", "--from", "v2.0", "--graph-import", "../graph/v1.0/index.js"], dir);
    expect(run.code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(
      '// TODO(migrate): the Graph client exports no startBatch\nimport { createClient, startBatch } from "../graph/v1.0/index.js";\nvoid startBatch(createClient());\n',
    );
  });

  it.each([
    [[], "needs at least one file"],
    [["src/app.ts", "--graph-import", "g/v1.0"], "needs --from"],
    [["src/app.ts", "--from", "v2.0"], "needs --graph-import"],
    [["src/app.ts", "--from", "v3.0", "--graph-import", "g/v1.0"], "Invalid values"],
    [["src/missing.ts", ...ARGS], "src/missing.ts: no such file"],
    [["package.json", ...ARGS], "package.json: not a TypeScript file"],
    [["src/app.ts", ...ARGS, "--map", "package.json"], "not a migration map: map.from is missing"],
    [["src/app.ts", ...ARGS, "--map", "nope.json"], "--map"],
    [["src/app.ts", ...ARGS, "--tsconfig", "nope.json"], "--tsconfig nope.json: no such file"],
    [["src/app.ts", ...ARGS, "--from", "v1.0"], "--from was given more than once"],
    [["src/app.ts", ...ARGS, "--bogus"], "Unknown argument"],
  ])("exit 2 for %j", async (args, message) => {
    const { dir, app } = project();
    const before = readFileSync(app, "utf8");
    const run = await runMain(["migrate-code", ...args], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(readFileSync(app, "utf8")).toBe(before);
  });

  it("--help exits 0", async () => {
    const run = await runMain(["migrate-code", "--help"], tempDir());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("--graph-import");
  });

  it("the real bin: --dry-run", async () => {
    const { dir, app } = project();
    const before = readFileSync(app, "utf8");
    const run = await runBin(["migrate-code", "src/app.ts", ...ARGS, "--dry-run"], dir);
    expect(run.stderr).toContain("1 of 2 client calls migrated");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("+++ b/src/app.ts");
    expect(readFileSync(app, "utf8")).toBe(before);
  }, 60_000);
});

describe("codegen migrate-code on an installed Outlook package (declarations only)", () => {
  it("renames an enum member declared in the package's .d.ts (Importance.High → Importance.high)", async () => {
    const dir = tempDir();
    // The generated package as npm installs it: package.json and dist/ declarations, no TypeScript sources.
    const pkg = join(dir, "node_modules", "outlook-rest-client");
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, "package.json"), readFileSync(join(GENERATED, "package.json"), "utf8"));
    const tsc = join(REPO, "node_modules", "typescript", "bin", "tsc");
    execFileSync(process.execPath, [tsc, "-p", join(GENERATED, "tsconfig.build.json"), "--emitDeclarationOnly", "--declarationMap", "false", "--sourceMap", "false", "--outDir", join(pkg, "dist")], { stdio: "pipe" });
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, types: [] } }));
    const app = join(dir, "src", "app.ts");
    writeFileSync(
      app,
      'import { Importance, type ServiceClient } from "outlook-rest-client/v2.0";\n\nexport const urgent = async (client: ServiceClient) =>\n  (await client.me.messages.list({ top: 5 })).value.filter((m) => m.Importance === Importance.High);\n',
    );
    const run = await runMain(["migrate-code", "src/app.ts", ...ARGS], dir);
    expect(run.code).toBe(0);
    expect(readFileSync(app, "utf8")).toContain("(m) => m.importance === Importance.high");
  }, 180_000);
});
