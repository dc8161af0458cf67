/**
 * The config file: lookup order, the five file kinds, validation messages (every problem, with its path and the
 * nearest known key), several outputs, ${ENV} in header values, the shipped JSON Schema and the public types.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { CONFIG_NAMES, ConfigError, defineConfig as defineFromConfig } from "../../generator/cli/config.js";
import { CONFIG_SCHEMA_FILE, configSchemaText, validateConfig } from "../../generator/cli/config-schema.js";
import { resolveOptions, UsageError } from "../../generator/cli/options.js";
import { defineConfig } from "../../generator/index.js";
import { METADATA, REPO } from "../helpers/paths.js";
import { expectNoStackTrace, runBin, runMain, tempDir } from "./helpers.js";

const V1 = join(METADATA, "v1.0.xml");
const V2 = join(METADATA, "v2.0.xml");
const LONG = 120_000;

function problems(config: unknown): string[] {
  try {
    validateConfig(config, "c.json");
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error("expected the config to be refused");
}

describe("validation", () => {
  it("an unknown key names the nearest known key", () => {
    expect(problems({ outputs: [{ metadata: ["a.xml"], out: "x", output: "y" }] })).toEqual([
      'outputs[0].output: unknown key "output" at outputs[0]; did you mean "out"?',
    ]);
    expect(problems({ metdata: ["a.xml"] })).toEqual(['metdata: unknown key "metdata" at the top level; did you mean "metadata"?']);
    expect(problems({ metadata: [{ lable: "v1", source: "a.xml" }] })).toEqual(['metadata[0].lable: unknown key "lable" at metadata[0]; did you mean "label"?']);
    expect(problems({ client: { keystyle: "segment" } })).toEqual(['client.keystyle: unknown key "keystyle" at client; did you mean "keyStyle"?']);
    // Nothing close: no guess.
    expect(problems({ zzzzzzzz: 1 })).toEqual(['zzzzzzzz: unknown key "zzzzzzzz" at the top level']);
  });

  it("a wrong type names the path and what was expected", () => {
    expect(problems({ outputs: [{ metadata: ["a.xml"], out: "x", mode: "pkg" }] })).toEqual(['outputs[0].mode: expected "package" | "sources", got "pkg"']);
    expect(problems({ out: 5 })).toEqual(["out: expected a string, got number"]);
    expect(problems({ metadata: ["a.xml", 7] })).toEqual(["metadata[1]: expected a string or an object, got number"]);
    expect(problems({ metadata: [{ source: "a.xml", timeoutMs: "30" }] })).toEqual(["metadata[0].timeoutMs: expected a number, got string"]);
    expect(problems({ client: { headers: { "X-Id": 1 } } })).toEqual(['client.headers["X-Id"]: expected a string, got number']);
    expect(problems({ outputs: [{ out: "x" }] })).toEqual(["outputs[0].metadata: required"]);
  });

  it("lists every problem at once, in path order", () => {
    expect(
      problems({
        packageName: 3,
        mode: "both",
        outputz: [],
        extensions: { e: { name: "Com.X.Y", fields: { a: "date" } } },
        extendedProperties: { p: { type: "String", guid: "g", nam: "x" } },
      }),
    ).toEqual([
      'extendedProperties.p.nam: unknown key "nam" at extendedProperties.p; did you mean "name"?',
      'extensions.e.fields.a: expected "string" | "number" | "boolean" | "string[]" | "number[]" | "boolean[]", got "date"',
      'mode: expected "package" | "sources", got "both"',
      "outputz: unknown key \"outputz\" at the top level; did you mean \"outputs\"?",
      "packageName: expected a string, got number",
    ]);
  });

  it("outputs stand alone: output keys beside them are refused", () => {
    expect(problems({ outputs: [{ metadata: ["a.xml"], out: "x" }], out: "y", silence: [] })).toEqual([
      'out: cannot sit beside "outputs"; put it in each output',
      'silence: cannot sit beside "outputs"; put it in each output',
    ]);
  });

  it("accepts $schema and today's single-output shape", () => {
    const c = validateConfig({ $schema: "./schema.json", metadata: ["v1=a.xml"], out: "o", packageName: "p", extensions: { e: { name: "Com.X.Y" } } }, "c.json");
    expect(c.packageName).toBe("p");
  });

  it("drops keys a JS config spells out as undefined", () => {
    expect(validateConfig({ out: undefined, client: { keyStyle: undefined } }, "c.json")).toEqual({ client: {} });
  });

  it(
    "through the bin: exit 2, every problem on its own line, no stack trace, nothing written",
    async () => {
      const cwd = tempDir();
      writeFileSync(join(cwd, "codegen.config.json"), JSON.stringify({ outputs: [{ metadata: [V1], out: "x", output: "y", mode: "pkg" }] }));
      const r = await runBin([], cwd);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(
        [
          'codegen: codegen.config.json: outputs[0].mode: expected "package" | "sources", got "pkg"',
          'codegen: codegen.config.json: outputs[0].output: unknown key "output" at outputs[0]; did you mean "out"?',
          "",
        ].join("\n"),
      );
      expectNoStackTrace(r.stderr);
      expect(readdirSync(cwd)).toEqual(["codegen.config.json"]);
    },
    LONG,
  );
});

describe("finding and loading", () => {
  it("looks for codegen.config.{ts,mts,js,mjs,json} in that order", () => {
    expect(CONFIG_NAMES).toEqual(["codegen.config.ts", "codegen.config.mts", "codegen.config.js", "codegen.config.mjs", "codegen.config.json"]);
  });

  it("a JSON config that does not parse is placed at line:column, exit 2", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "a.json"), '{\n  "out": "x",,\n}\n');
    writeFileSync(join(cwd, "b.json"), '{\n  "outputs": [\n');
    const a = await runMain(["-c", "a.json"], cwd);
    expect(a.code).toBe(2);
    expect(a.stderr).toBe("codegen: cannot read config a.json:2:14: Expected double-quoted property name\n");
    const b = await runMain(["-c", "b.json"], cwd);
    expect(b.code).toBe(2);
    expect(b.stderr).toBe("codegen: cannot read config b.json:3:1: Unexpected end of JSON input\n");
  });

  it(
    "takes the first one found: .ts (through jiti, with types) over .mjs over .json",
    async () => {
      const cwd = tempDir();
      writeFileSync(join(cwd, "codegen.config.json"), JSON.stringify({ metadata: [`v1.0=${V1}`], out: "from-json" }));
      writeFileSync(join(cwd, "codegen.config.mjs"), `export default { metadata: [${JSON.stringify(`v1.0=${V1}`)}], out: "from-mjs" };\n`);
      let r = await runMain(["--quiet"], cwd);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(existsSync(join(cwd, "from-mjs", "v1.0", "client.ts"))).toBe(true);
      expect(existsSync(join(cwd, "from-json"))).toBe(false);

      writeFileSync(
        join(cwd, "codegen.config.ts"),
        [
          "interface Shape { metadata: string[]; out: string; packageName: string }",
          `const version: string = "v1.0";`,
          `const config: Shape = { metadata: [\`\${version}=${V1}\`], out: "from-ts", packageName: "@acme/ts" };`,
          "export default config;",
          "",
        ].join("\n"),
      );
      r = await runMain(["--quiet"], cwd);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(JSON.parse(readFileSync(join(cwd, "from-ts", "package.json"), "utf8")).name).toBe("@acme/ts");
    },
    LONG,
  );

  it(
    "the real bin reads a .ts config that imports defineConfig (jiti must stay outside the bundle: build.mjs externals)",
    async () => {
      const cwd = tempDir();
      writeFileSync(
        join(cwd, "codegen.config.ts"),
        [
          `import { defineConfig } from ${JSON.stringify(join(REPO, "generator", "index.ts"))};`,
          'const label: string = "v1.0";',
          `export default defineConfig({ metadata: [\`\${label}=${V1}\`], out: "out", package: { name: "@acme/bin" } });`,
          "",
        ].join("\n"),
      );
      const r = await runBin(["-q"], cwd);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(JSON.parse(readFileSync(join(cwd, "out", "package.json"), "utf8")).name).toBe("@acme/bin");
    },
    LONG,
  );

  it.each([
    ["c.mts", `const out: string = "o";\nexport default { metadata: ["v1.0=${V1}"], out };\n`],
    ["c.js", `module.exports = { metadata: ["v1.0=${V1}"], out: "o" };\n`],
    ["c.mjs", `export default { metadata: ["v1.0=${V1}"], out: "o" };\n`],
    ["c.json", JSON.stringify({ metadata: [`v1.0=${V1}`], out: "o" })],
  ])("-c %s is read", async (name, text) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, name), text);
    const r = await runMain(["-c", name, "-q"], cwd);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(existsSync(join(cwd, "o", "v1.0", "client.ts"))).toBe(true);
  }, LONG);

  it.each([
    ["c.yaml", "out: x\n", /cannot read config c\.yaml: use a \.ts, \.mts, \.js, \.mjs or \.json file/],
    ["c.ts", "export default {", /cannot read config c\.ts: /],
    ["c.mjs", "export const notDefault = 1;\n", /cannot read config c\.mjs: it has no default export/],
    ["c.mjs", "throw new Error('boom');\n", /cannot read config c\.mjs: boom/],
  ])("%s that cannot be read is a usage error without a stack", async (name, text, message) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, name), text);
    const r = await runMain(["-c", name], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expectNoStackTrace(r.stderr);
    expect(r.stderr.trim().split("\n").length).toBe(1);
  });

  it("defineConfig is the identity, exported from the API", () => {
    const config = { outputs: [{ metadata: ["v1=a.xml"], out: "a", mode: "sources" as const }] };
    expect(defineConfig(config)).toBe(config);
    expect(defineFromConfig).toBe(defineConfig);
  });
});

describe("several outputs", () => {
  it(
    "generates each into its own folder with its own options",
    async () => {
      const cwd = tempDir();
      mkdirSync(join(cwd, "xml"));
      writeFileSync(
        join(cwd, "codegen.config.json"),
        JSON.stringify({
          $schema: "./node_modules/odata-codegen/schema/codegen.config.schema.json",
          outputs: [
            { metadata: [`v1.0=${V1}`], out: "one", package: { name: "@acme/one", version: "2.3.4" } },
            { metadata: [{ label: "v2.0", source: V2 }], out: "two", packageName: "@acme/two", client: { baseUrl: "https://mail.example.test/v2" } },
          ],
        }),
      );
      const r = await runMain([], cwd);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout.split("\n").filter(Boolean).map((l) => l.replace(/: \d+ added.*/, ""))).toEqual([`codegen: ${join(cwd, "one")}`, `codegen: ${join(cwd, "two")}`]);
      expect(JSON.parse(readFileSync(join(cwd, "one", "package.json"), "utf8")).name).toBe("@acme/one");
      expect(JSON.parse(readFileSync(join(cwd, "two", "package.json"), "utf8")).name).toBe("@acme/two");
      expect(existsSync(join(cwd, "one", "v2.0"))).toBe(false);
      expect(readFileSync(join(cwd, "two", "v2.0", "client.ts"), "utf8")).toContain('baseUrl: "https://mail.example.test/v2"');
    },
    LONG,
  );

  it(
    "runs every output; bad metadata in one outranks drift in another (exit 1), and the good one is still checked",
    async () => {
      const cwd = tempDir();
      const bad = join(REPO, "test", "fixtures", "cli-unresolved.xml");
      writeFileSync(
        join(cwd, "codegen.config.json"),
        JSON.stringify({ outputs: [{ metadata: [`v1.0=${V1}`], out: "fine" }, { metadata: [`v1.0=${bad}`], out: "broken" }] }),
      );
      const r = await runMain(["--check"], cwd);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`codegen --check: `);
      expect(r.stderr).toContain(`would change in ${join(cwd, "fine")}`);
      expect(r.stderr).toContain("error unresolved-type");
      const drift = await runMain(["--check", "-q"], cwd);
      expect(drift.code).toBe(1);
    },
    LONG,
  );

  it("maps each output to GenerateOptions: mode, package, client, extensions, silence", () => {
    const resolved = resolveOptions(
      { silence: ["operation-shares-type-name"] },
      "/work",
      {
        outputs: [
          {
            metadata: ["v1=x/a.xml", { label: "g", source: "https://example.test/$metadata", baseUrl: "https://own.test" }],
            out: "o",
            mode: "sources",
            package: { name: "n", version: "1.2.3", license: "MIT", repository: "github:a/b", engines: { node: ">=20" } },
            client: { baseUrl: "https://default.test", keyStyle: "segment", headers: { "X-App": "${NOT_EXPANDED}" } },
            extensions: { e: { name: "Com.X.Y" } },
            silence: ["definitions-not-supported"],
          },
        ],
      },
      "conf/c.json",
      "/work/conf",
      {},
    );
    expect(resolved.outputs).toHaveLength(1);
    const [o] = resolved.outputs;
    expect(o!.out).toBe("/work/conf/o");
    expect([...o!.silence].sort()).toEqual(["definitions-not-supported", "operation-shares-type-name"]);
    expect(o!.generate).toEqual({
      inputs: [
        { label: "v1", source: "/work/conf/x/a.xml", baseUrl: "https://default.test" },
        { label: "g", source: "https://example.test/$metadata", baseUrl: "https://own.test", timeoutMs: 30_000 },
      ],
      mode: "sources",
      package: { name: "n", version: "1.2.3", license: "MIT", repository: "github:a/b", engines: { node: ">=20" } },
      packageName: "n",
      packageVersion: "1.2.3",
      client: { keyStyle: "segment", headers: { "X-App": "${NOT_EXPANDED}" } },
      definitions: { extensions: { e: { name: "Com.X.Y" } } },
      definitionsFile: "conf/c.json",
    });
  });

  it("flags that name one output are refused with several", () => {
    const config = { outputs: [{ metadata: ["a.xml"], out: "a" }, { metadata: ["b.xml"], out: "b" }] };
    expect(() => resolveOptions({ out: "x" }, "/w", config, "c.json", "/w", {})).toThrow(new UsageError("--out cannot be used with a config of 2 outputs"));
    const same = { outputs: [{ metadata: ["a.xml"], out: "a" }, { metadata: ["b.xml"], out: "./a" }] };
    expect(() => resolveOptions({}, "/w", same, "c.json", "/w", {})).toThrow(/outputs\[0\] and outputs\[1\] write to the same folder/);
    const cased = { outputs: [{ metadata: ["a.xml"], out: "Gen" }, { metadata: ["b.xml"], out: "gen" }] };
    expect(() => resolveOptions({}, "/w", cased, "c.json", "/w", {})).toThrow(/write to the same folder/);
    const nested = { outputs: [{ metadata: ["a.xml"], out: "gen" }, { metadata: ["b.xml"], out: "gen/inner" }] };
    expect(() => resolveOptions({}, "/w", nested, "c.json", "/w", {})).toThrow(new UsageError("outputs[1] writes into /w/gen/inner, inside the folder of outputs[0]"));
    const outer = { outputs: [{ metadata: ["a.xml"], out: "gen/inner" }, { metadata: ["b.xml"], out: "gen" }] };
    expect(() => resolveOptions({}, "/w", outer, "c.json", "/w", {})).toThrow(new UsageError("outputs[0] writes into /w/gen/inner, inside the folder of outputs[1]"));
    const siblings = { outputs: [{ metadata: ["a.xml"], out: "gen" }, { metadata: ["b.xml"], out: "generated" }] };
    expect(resolveOptions({}, "/w", siblings, "c.json", "/w", {}).outputs).toHaveLength(2);
  });
});

describe("${ENV} in header values", () => {
  const config = (headers: Record<string, string>) => ({
    metadata: [{ label: "g", source: "https://user:pw@example.test/$metadata", headers }],
    client: { headers: { "X-Literal": "${GRAPH_TOKEN}" } },
  });

  it("expands in metadata headers, and only there", () => {
    const r = resolveOptions({}, "/w", config({ Authorization: "Bearer ${GRAPH_TOKEN}", "X-Both": "${A}-${B}" }), "c.json", "/w", {
      GRAPH_TOKEN: "t0k3n",
      A: "1",
      B: "",
    });
    const [o] = r.outputs;
    expect(o!.generate.inputs[0]!.headers).toEqual({ Authorization: "Bearer t0k3n", "X-Both": "1-" });
    expect(o!.generate.client).toEqual({ headers: { "X-Literal": "${GRAPH_TOKEN}" } });
  });

  it("a missing variable is a usage error naming it and the config path, never a value", () => {
    let message = "";
    try {
      resolveOptions({}, "/w", config({ Authorization: "Bearer ${GRAPH_TOKEN}", "X-Other": "${SET_ONE}" }), "c.json", "/w", { SET_ONE: "s3cr3t-value" });
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      message = (e as Error).message;
    }
    expect(message).toBe("c.json: metadata[0].headers.Authorization: environment variable GRAPH_TOKEN is not set");
    expect(message).not.toContain("s3cr3t");
  });

  it(
    "through the bin: exit 2, nothing fetched or written, no value printed",
    async () => {
      const cwd = tempDir();
      writeFileSync(
        join(cwd, "codegen.config.json"),
        JSON.stringify({ metadata: [{ label: "g", source: "http://127.0.0.1:9/$metadata", headers: { Authorization: "Bearer ${CODEGEN_TEST_MISSING}", "X-K": "${CODEGEN_TEST_SET}" } }] }),
      );
      const r = await runBin([], cwd, { CODEGEN_TEST_SET: "v4lue-not-to-print", CODEGEN_TEST_MISSING: undefined });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe("codegen: codegen.config.json: metadata[0].headers.Authorization: environment variable CODEGEN_TEST_MISSING is not set\n");
      expect(readdirSync(cwd)).toEqual(["codegen.config.json"]);
    },
    LONG,
  );
});

describe("the JSON Schema", () => {
  it(`${CONFIG_SCHEMA_FILE} is what the zod schema gives (npx tsx generator/cli/write-schema.ts)`, () => {
    expect(readFileSync(join(REPO, CONFIG_SCHEMA_FILE), "utf8")).toBe(configSchemaText());
  });

  it("describes outputs, modes and closed objects", () => {
    const schema = JSON.parse(configSchemaText()) as { properties: Record<string, unknown>; additionalProperties: boolean; $defs: Record<string, { properties?: Record<string, unknown> }> };
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toContain("outputs");
    expect(schema.$defs["Output"]?.properties?.["mode"]).toMatchObject({ enum: ["package", "sources"] });
    expect(Object.keys(schema.$defs).sort()).toEqual(["Capabilities", "Client", "ExtendedProperty", "Extension", "Metadata", "MetadataSource", "Output", "Package"]);
  });
});

describe("the public types", () => {
  const file = join(REPO, "test", "cli", "config-types.ts");
  const options = (): ts.CompilerOptions => {
    const parsed = ts.getParsedCommandLineOfConfigFile(join(REPO, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    return { ...parsed!.options, noEmit: true };
  };
  /** Compiles config-types.ts, with its text passed through `edit` (in memory). */
  function errors(edit: (text: string) => string): string[] {
    const host = ts.createCompilerHost(options());
    const read = host.readFile.bind(host);
    host.readFile = (name) => (name === file ? edit(read(name) ?? "") : read(name));
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language) => (name === file ? ts.createSourceFile(name, host.readFile(name)!, language) : getSourceFile(name, language));
    const program = ts.createProgram([file], options(), host);
    return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  }

  it("the interfaces equal z.input of the schema (test/cli/config-types.ts compiles)", () => {
    expect(errors((t) => t)).toEqual([]);
  }, 60_000);

  it("and the check is not vacuous: a type one optional key short fails it", () => {
    const broken = errors((t) => t.replace("Equals<OutputConfig, Outputs>", 'Equals<Omit<OutputConfig, "silence">, Outputs>'));
    expect(broken).toEqual(["Type 'true' is not assignable to type 'false'."]);
  }, 60_000);
});
