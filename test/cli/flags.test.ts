/**
 * Flags: -h/-v, the short aliases, unknown flags with a suggestion, --quiet, --verbose (URLs without credentials,
 * header names but never values, timings per stage), --silence, --mode/--package-*, --header and --timeout.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codegenVersion, explainUnknown } from "../../generator/cli/main.js";
import { FLAGS, parseHeaderArg, resolveOptions, UsageError } from "../../generator/cli/options.js";
import { redactText } from "../../generator/load/load.js";
import { WARNING_CODES } from "../../generator/diagnostics/diagnostic.js";
import { METADATA, REPO } from "../helpers/paths.js";
import { expectNoStackTrace, runBin, runMain, tempDir } from "./helpers.js";

const V1 = join(METADATA, "v1.0.xml");
const LONG = 120_000;

describe("-v and -h", () => {
  it("-v and --version print the version of the generator's own package.json", async () => {
    const version = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }).version;
    expect(codegenVersion()).toBe(version);
    for (const flag of ["-v", "--version"]) {
      const r = await runMain([flag], tempDir());
      expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    }
  });

  it("-h prints the flags, their aliases and the exit codes", async () => {
    const r = await runMain(["-h"], tempDir());
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    for (const [flag, spec] of Object.entries(FLAGS)) {
      expect(r.stdout).toContain(`--${flag}`);
      if ("alias" in spec) expect(r.stdout).toContain(`-${spec.alias}, --${flag}`);
    }
    expect(r.stdout).toContain("-h, --help");
    expect(r.stdout.replace(/\s+/g, " ")).toContain("Exit codes: 0 done, 1 metadata errors, 2 usage or config errors, 3 --check found drift, 70 a bug in codegen.");
  });
});

describe("unknown flags", () => {
  it("suggest the nearest flag", () => {
    expect(explainUnknown("Unknown argument: metdata")).toBe("unknown argument --metdata; did you mean --metadata?");
    expect(explainUnknown("Unknown arguments: quite, x, frobnicate")).toBe(
      "unknown argument --quite; did you mean --quiet?\ncodegen: unknown argument -x\ncodegen: unknown argument --frobnicate",
    );
    expect(explainUnknown("Not enough arguments")).toBeUndefined();
  });

  it("exit 2 with the suggestion, no stack, nothing written", async () => {
    const cwd = tempDir();
    const r = await runBin(["--packge-name", "x", "-m", `v1=${V1}`], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("codegen: unknown argument --packge-name; did you mean --package-name?\ncodegen: see codegen --help\n");
    expectNoStackTrace(r.stderr);
    expect(existsSync(join(cwd, "generated"))).toBe(false);
  }, LONG);

  it("a bad --mode is a usage error", async () => {
    const r = await runMain(["--mode", "both", "-m", `v1=${V1}`], tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^codegen: Invalid values:.*mode.*"both".*"package", "sources"/s);
  });

  it.each([
    [["-o", "", "--out", ""], "--out"],
    [["-o", "a", "-o", "b"], "--out"],
    [["--timeout", "1", "--timeout", "2"], "--timeout"],
    [["--package-name", "a", "--package-name", "b"], "--package-name"],
  ])("%j: a one-value flag given twice is a usage error (it was exit 70)", async (args, flag) => {
    const cwd = tempDir();
    const r = await runMain([...args, "-m", `v1=${V1}`], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`codegen: ${flag} was given more than once`);
    expectNoStackTrace(r.stderr);
    expect(existsSync(join(cwd, "generated"))).toBe(false);
  });
});

describe("short aliases, --quiet, --silence", () => {
  const withWarning = (cwd: string): string => {
    // Outlook v1.0 has no extended properties: declaring one is a warning there.
    writeFileSync(join(cwd, "c.json"), JSON.stringify({ extendedProperties: { p: { type: "String", tag: 55 } } }));
    return "c.json";
  };

  it("-m -o -c write where they say; the warning shows by default", async () => {
    const cwd = tempDir();
    const r = await runMain(["-m", `v1.0=${V1}`, "-o", "out", "-c", withWarning(cwd)], cwd);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("c.json: warning definitions-not-supported: version v1.0 has no extended properties in its model; the declared ones are not emitted there\n");
    expect(r.stdout).toMatch(/^codegen: .*out: \d+ added, 0 changed, 0 removed, 0 unchanged\.\n$/);
    expect(existsSync(join(cwd, "out", "v1.0", "client.ts"))).toBe(true);
  }, LONG);

  it("--silence drops that code; -q prints nothing at all on success", async () => {
    const cwd = tempDir();
    const c = withWarning(cwd);
    let r = await runMain(["-m", `v1.0=${V1}`, "-o", "out", "-c", c, "--silence", "definitions-not-supported"], cwd);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).not.toBe("");
    r = await runMain(["-m", `v1.0=${V1}`, "-o", "out", "-c", c, "-q"], cwd);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
  }, LONG);

  it("--silence with a code no warning has is a usage error that names the nearest code", async () => {
    const r = await runMain(["-m", `v1.0=${V1}`, "-o", "out", "--silence", "definitions-not-suported"], tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no warning has the code definitions-not-suported; did you mean definitions-not-supported?");
  });

  it("WARNING_CODES lists every code the generator warns with", () => {
    const codes = new Set<string>();
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.name === "dist") continue;
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(".ts")) for (const m of readFileSync(p, "utf8").matchAll(/\bwarning\(\s*"([a-z-]+)"/g)) codes.add(m[1]!);
      }
    };
    walk(join(REPO, "generator"));
    expect([...codes].sort()).toEqual([...WARNING_CODES]);
  });

  it("-q still prints errors", async () => {
    const r = await runMain(["-q", "-m", `v1.0=${join(REPO, "test", "fixtures", "cli-unresolved.xml")}`, "-o", "out"], tempDir());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error unresolved-type");
    expect(r.stderr).toContain("codegen: 1 error(s); nothing was written.");
  }, LONG);
});

describe("--mode, --package-name, --package-version, --header, --timeout", () => {
  it("become GenerateOptions and MetadataInput fields; headers and time limit only on URL sources", () => {
    const r = resolveOptions(
      {
        metadata: ["v1=a.xml", "g=https://example.test/$metadata"],
        mode: "sources",
        "package-name": "@a/b",
        "package-version": "3.0.0",
        header: ["Authorization: Bearer abc:def", "X-Trace:  on "],
        timeout: 2.5,
      },
      "/w",
    );
    expect(r.outputs[0]!.generate).toEqual({
      inputs: [
        { label: "v1", source: "/w/a.xml" },
        { label: "g", source: "https://example.test/$metadata", headers: { Authorization: "Bearer abc:def", "X-Trace": "on" }, timeoutMs: 2500 },
      ],
      mode: "sources",
      package: { name: "@a/b", version: "3.0.0" },
      packageName: "@a/b",
      packageVersion: "3.0.0",
    });
  });

  it("--header merges with a source's own headers by name (case-insensitive), the flag winning", () => {
    const r = resolveOptions({ header: ["authorization: from-flag"] }, "/w", {
      metadata: [{ label: "g", source: "https://example.test/", headers: { Authorization: "from-config", "X-Keep": "1" }, timeoutMs: 5000 }],
    });
    expect(r.outputs[0]!.generate.inputs[0]).toEqual({ label: "g", source: "https://example.test/", headers: { authorization: "from-flag", "X-Keep": "1" }, timeoutMs: 5000 });
  });

  it.each([
    ["no colon", "Bearer secret", "--header: a header must be given as Name: value (there is no colon)"],
    ["a bad name", "Bad Name: secret", "--header: a header name may hold only letters, digits and !#$%&'*+-.^_`|~ (character 4 of the name is not one of them)"],
    ["a line break", "X-Key: sec\nret", "--header: the value of header X-Key holds a line break (CR or LF), which would start another header"],
  ])("a --header with %s is a usage error that does not print the value", (_what, arg, message) => {
    expect(() => parseHeaderArg(arg)).toThrow(new UsageError(message));
  });

  it("--timeout must be above 0, and no longer than a timer can wait (it fired at once, with a warning)", () => {
    expect(() => resolveOptions({ metadata: ["v=a.xml"], timeout: 0 }, "/w")).toThrow("--timeout takes a number of seconds above 0");
    expect(() => resolveOptions({ metadata: ["v=a.xml"], timeout: 1e9 }, "/w")).toThrow("at most 2147483 (about 24 days)");
    expect(resolveOptions({ metadata: ["v=https://h/$metadata"], timeout: 2_147_483 }, "/w").outputs[0]?.generate.inputs[0]).toMatchObject({ timeoutMs: 2_147_483_000 });
  });
});

describe("--verbose", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    const xml = readFileSync(V1);
    server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/xml" });
      res.end(xml);
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((ok) => server.close(() => ok()));
  });

  it("redacts credentials in any URL it prints", () => {
    expect(redactText("https://user:pw@host/x and http://a@b/?sig=s3cret and https://plain/")).toBe("https://host/x and http://b/?sig=*** and https://plain/");
  });

  it(
    "prints what it reads and fetches, the header names and the stage timings, never a header value or a password",
    async () => {
      const cwd = tempDir();
      const r = await runBin(
        ["--verbose", "-m", `v1=http://127.0.0.1:${port}/$metadata`, "-m", `local=${V1}`, "-H", "Authorization: Bearer TOPSECRET", "-o", "out"],
        cwd,
      );
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`codegen:   v1: fetching http://127.0.0.1:${port}/$metadata (headers Authorization; time limit 30 s)`);
      expect(r.stderr).toContain(`codegen:   local: reading ${V1}`);
      expect(r.stderr).toMatch(/codegen: {3}load \d+ ms, parse \d+ ms, model \d+ ms, plan \d+ ms, render \d+ ms, format \d+ ms, write \d+ ms/);
      expect(r.stderr).not.toContain("TOPSECRET");

      const bad = await runBin(["--verbose", "-m", `v1=http://user:hunter2@127.0.0.1:${port}/$metadata`, "-o", "out2"], cwd);
      // Credentials in the URL are sent as Basic authentication and shown nowhere: not in what is printed, not in
      // the header of the generated files.
      expect(bad.code).toBe(0);
      expect(bad.stderr).toContain(`fetching http://127.0.0.1:${port}/$metadata`);
      expect(bad.stderr).not.toContain("hunter2");
      expect(bad.stderr).not.toContain("user:");
      expectNoStackTrace(bad.stderr);
      const client = readFileSync(join(cwd, "out2", "v1", "client.ts"), "utf8");
      expect(client.split("\n")[0]).toBe(`// Generated by codegen from http://127.0.0.1:${port}/$metadata. Do not edit.`);
    },
    LONG,
  );
});
