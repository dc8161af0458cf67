/**
 * Extended properties and extensions declared in the codegen config become named, typed accessors in
 * `<version>/extensions.ts`, exported by the barrel; bad declarations are diagnostics naming the config path,
 * through generate() and through the CLI's --config.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Definitions } from "../../generator/plan/definitions.js";
import { generate, type GenerateResult } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write.js";
import type * as V2 from "../../generated/v2.0/index.js";
import type { DefinedExtendedProperty, DefinedExtension } from "../../generated/runtime/index.js";
import { METADATA, REPO } from "../helpers/paths.js";
import { recorder, serviceLike, type Sent } from "./recorder.js";

const GUID = "8ECCC264-6880-4EBE-992F-8888D2EEAA1D";
const ROOT = "https://outlook.office.com/api/v2.0";
const V2_XML = join(METADATA, "v2.0.xml");

const definitions = {
  extendedProperties: {
    referral: { type: "String", guid: GUID, name: "Referral" },
    flagCount: { type: "Integer", guid: GUID.toLowerCase(), id: "0x8012" },
    subjectTag: { type: "String", tag: 55 },
  },
  extensions: {
    contosoReferral: { name: "Com.Contoso.Referral", fields: { companyName: "string", dealValue: "number", tags: "string[]" } },
  },
} satisfies Definitions;

/** What the written v2.0 barrel exports beyond the committed client. */
type Generated = typeof V2 & {
  referral: DefinedExtendedProperty<"String", typeof V2.extendedPropertyShape>;
  flagCount: DefinedExtendedProperty<"Integer", typeof V2.extendedPropertyShape>;
  subjectTag: DefinedExtendedProperty<"String", typeof V2.extendedPropertyShape>;
  contosoReferral: DefinedExtension<{ companyName?: string; dealValue?: number; tags?: string[] }, typeof V2.extensionShape>;
};

const out = mkdtempSync(join(tmpdir(), "codegen-ext-config-"));
let result: GenerateResult;

beforeAll(async () => {
  result = await generate({ inputs: [{ label: "v2.0", source: V2_XML }], definitions, definitionsFile: "codegen.config.json" });
  if (result.files.length > 0) await writeOutput(out, result.files);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const file = (path: string): string => result.files.find((f) => f.path === path)?.text ?? "";
/** The text with every run of whitespace made one space, so prettier's line breaks do not matter. */
const flat = (s: string): string => s.replace(/\s+/g, " ").replace(/\( /g, "(").replace(/,? \)/g, ")").replace(/, }/g, " }");

describe("config-declared accessors", () => {
  it("generates with no diagnostics", () => {
    expect(result.diagnostics).toEqual([]);
  });

  it("declares a named accessor per extended property, with a canonical spec", () => {
    const text = flat(file("v2.0/extensions.ts"));
    expect(text).toContain(`export const referral = /* @__PURE__ */ defineExtendedProperty({ type: "String", guid: "${GUID}", name: "Referral" });`);
    // The GUID as written in the config was lower case; the id was a hex string.
    expect(text).toContain(`export const flagCount = /* @__PURE__ */ defineExtendedProperty({ type: "Integer", guid: "${GUID.toLowerCase()}", id: 0x8012 });`);
    expect(text).toContain(`export const subjectTag = /* @__PURE__ */ defineExtendedProperty({ type: "String", tag: 0x0037 });`);
    expect(text).toContain(`Extended property Integer {${GUID}} Id 0x8012, declared in the codegen config as flagCount.`);
  });

  it("declares the extension's payload interface and its accessor", () => {
    const text = flat(file("v2.0/extensions.ts"));
    expect(text).toContain("export interface ContosoReferral { companyName?: string; dealValue?: number; tags?: string[]; }");
    expect(text).toContain('export const contosoReferral = /* @__PURE__ */ defineExtension<ContosoReferral>("Com.Contoso.Referral");');
  });

  it("exports them from the barrel, the interface as a type", () => {
    const index = file("v2.0/index.ts");
    expect(index).toContain('export { referral, flagCount, subjectTag, contosoReferral } from "./extensions.js";');
    expect(index).toContain('export type { ContosoReferral } from "./extensions.js";');
  });

  it("type-checks with tsc 5.9, including a user's file that uses the accessors", { timeout: 120_000 }, async () => {
    writeFileSync(
      join(out, "v2.0", "usage-check.ts"),
      `import { createClient, contosoReferral, expandExtendedProperties, extension, flagCount, referral, subjectTag, type ContosoReferral } from "./index.js";

export async function use(): Promise<void> {
  const client = createClient();
  const m = await client.me.messages.byId("m1").get({ expand: expandExtendedProperties(referral, flagCount, subjectTag) });
  const n: number | undefined = flagCount.read(m);
  const s: string | undefined = referral.read(m);
  const payload: ContosoReferral | undefined = contosoReferral.read(m);
  await extension(client.me.events.byId("e1"), contosoReferral).create({ companyName: "A", dealValue: 1, tags: ["x"] });
  await client.me.contacts.create({ GivenName: "B", ...contosoReferral.inline({ companyName: "B" }), ...flagCount.set(2) });
  // @ts-expect-error -- an Integer takes a number
  flagCount.set("x");
  // @ts-expect-error -- no such field
  await extension(client.me.messages.byId("m1"), contosoReferral).create({ wrong: 1 });
  // @ts-expect-error -- dealValue is a number
  await extension(client.me.messages.byId("m1"), contosoReferral).update({ dealValue: "1" });
  void [n, s, payload];
}
`,
    );
    const { code, stdout } = await run(join(REPO, "node_modules/typescript/bin/tsc"), ["-p", join(out, "tsconfig.json")], out);
    expect(stdout).toBe("");
    expect(code).toBe(0);
  });

  it("sends the right requests from the written module", async () => {
    const mod = (await import(join(out, "v2.0", "index.ts"))) as Generated;
    const stored = {
      Id: "m1",
      SingleValueExtendedProperties: [{ PropertyId: `Integer {${GUID.toLowerCase()}} Id 0x8012`, Value: "4" }],
      Extensions: [{ Id: "Microsoft.OutlookServices.OpenTypeExtension.Com.Contoso.Referral", ExtensionName: "Com.Contoso.Referral", companyName: "W" }],
    };
    const r = recorder(serviceLike(stored));
    const client = mod.createClient({ fetch: r.fetch });
    const message = client.me.messages.byId("m1");
    expect(await mod.extendedProperty(message, mod.flagCount).get()).toBe(4);
    await mod.extendedProperty(message, mod.flagCount).set(5);
    await client.me.messages.list({ filter: mod.referral.filter("Wingtip"), expand: mod.expandExtendedProperties(mod.referral, mod.subjectTag) });
    await mod.extension(message, mod.contosoReferral).create({ companyName: "Wingtip", dealValue: 7, tags: ["a"] });
    expect(mod.contosoReferral.read(stored)).toEqual({ companyName: "W" });
    expect(r.sent.map((s: Sent) => [s.method, s.decoded, s.body])).toEqual([
      ["GET", `${ROOT}/Me/Messages('m1')?$expand=SingleValueExtendedProperties($filter=PropertyId eq 'Integer {${GUID}} Id 0x8012')`, undefined],
      ["PATCH", `${ROOT}/Me/Messages('m1')`, `{"SingleValueExtendedProperties":[{"PropertyId":"Integer {${GUID}} Id 0x8012","Value":"5"}]}`],
      [
        "GET",
        `${ROOT}/Me/Messages?$expand=SingleValueExtendedProperties($filter=PropertyId eq 'String {${GUID}} Name Referral' or PropertyId eq 'String 0x0037')` +
          `&$filter=SingleValueExtendedProperties/Any(ep: ep/PropertyId eq 'String {${GUID}} Name Referral' and ep/Value eq 'Wingtip')`,
        undefined,
      ],
      [
        "POST",
        `${ROOT}/Me/Messages('m1')/Extensions`,
        '{"@odata.type":"Microsoft.OutlookServices.OpenTypeExtension","ExtensionName":"Com.Contoso.Referral","companyName":"Wingtip","dealValue":7,"tags":["a"]}',
      ],
    ]);
  });

  it("skips the declarations in a version without extended properties or extensions (v1.0), with a warning", async () => {
    const both = await generate({
      inputs: [
        { label: "v1.0", source: join(METADATA, "v1.0.xml") },
        { label: "v2.0", source: V2_XML },
      ],
      definitions,
      format: false,
    });
    expect(both.diagnostics.map((d) => [d.severity, d.code, d.message])).toEqual([
      ["warning", "definitions-not-supported", "version v1.0 has no extended properties in its model; the declared ones are not emitted there"],
      ["warning", "definitions-not-supported", "version v1.0 has no data extensions in its model; the declared ones are not emitted there"],
    ]);
    const paths = both.files.map((f) => f.path);
    expect(paths).toContain("v2.0/extensions.ts");
    expect(paths).not.toContain("v1.0/extensions.ts");
    expect(both.files.find((f) => f.path === "v1.0/index.ts")?.text).not.toContain("referral");
  });
});

describe("bad declarations", () => {
  const cases: [string, Definitions, string, string, RegExp][] = [
    ["a bad GUID", { extendedProperties: { referral: { type: "String", guid: "8ECCC264-6880", name: "Referral" } } }, "invalid-extended-property", "extendedProperties.referral", /Invalid GUID "8ECCC264-6880"/],
    ["a bad type", { extendedProperties: { count: { type: "Int32", guid: GUID, id: 0x8012 } } }, "invalid-extended-property", "extendedProperties.count", /Unknown MAPI type "Int32"/],
    ["a bad hex id", { extendedProperties: { count: { type: "Integer", guid: GUID, id: "0x1FFFF" } } }, "invalid-extended-property", "extendedProperties.count", /Id 131071/],
    ["a non-hex id string", { extendedProperties: { count: { type: "Integer", guid: GUID, id: "12" } } }, "invalid-extended-property", "extendedProperties.count", /Id NaN/],
    ["an empty name", { extendedProperties: { p: { type: "String", guid: GUID, name: "" } } }, "invalid-extended-property", "extendedProperties.p", /Empty or missing property name/],
    ["a missing GUID", { extendedProperties: { p: { type: "String", name: "Referral" } } }, "invalid-extended-property", "extendedProperties.p", /Invalid GUID ""/],
    ["a name that is not reverse-DNS", { extensions: { e: { name: "Contoso" } } }, "invalid-extension", "extensions.e", /not in reverse-DNS form/],
    ["a Microsoft domain", { extensions: { e: { name: "Com.Microsoft.Referral" } } }, "invalid-extension", "extensions.e", /uses a Microsoft domain/],
    ["a Microsoft namespace", { extensions: { e: { name: "Microsoft.Foo" } } }, "invalid-extension", "extensions.e", /uses a Microsoft domain/],
    ["an onmicrosoft domain", { extensions: { e: { name: "com.onmicrosoft.x" } } }, "invalid-extension", "extensions.e", /uses a Microsoft domain/],
    ["an unknown field type", { extensions: { e: { name: "Com.Contoso.Referral", fields: { signed: "Date" } } } }, "invalid-extension", "extensions.e", /field signed has type Date; use one of string, number, boolean/],
    ["a missing name", { extensions: { e: {} as { name: string } } }, "invalid-extension", "extensions.e", /needs a name/],
  ];

  it.each(cases)("%s is a diagnostic naming the config path, and nothing is generated", async (_what, defs, code, path, message) => {
    const r = await generate({ inputs: [{ label: "v2.0", source: V2_XML }], definitions: defs, definitionsFile: "codegen.config.json", format: false });
    expect(r.files).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: "error", code, file: "codegen.config.json", path });
    expect(r.diagnostics[0]?.message).toMatch(message);
    expect(r.diagnostics[0]?.message.startsWith(`${code === "invalid-extension" ? "extension" : "extended property"} ${path.split(".")[1]}: `)).toBe(true);
  });

  it("reports every bad declaration together", async () => {
    const r = await generate({
      inputs: [{ label: "v2.0", source: V2_XML }],
      definitions: {
        extendedProperties: { a: { type: "String", guid: "nope", name: "X" }, ok: { type: "String", guid: GUID, name: "Y" }, b: { type: "Strin", guid: GUID, name: "X" } },
        extensions: { c: { name: "com.microsoft.x" }, d: { name: "Com.Contoso.Y", fields: { f: "date" } } },
      },
      format: false,
    });
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.path, d.file])).toEqual([
      ["invalid-extended-property", "extendedProperties.a", "options.definitions"],
      ["invalid-extended-property", "extendedProperties.b", "options.definitions"],
      ["invalid-extension", "extensions.c", "options.definitions"],
      ["invalid-extension", "extensions.d", "options.definitions"],
    ]);
  });
});

// ---- Through the CLI ----------------------------------------------------------------------------------------------

function run(script: string, args: readonly string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("codegen --config", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const project = (config: object): { dir: string; config: string } => {
    const dir = mkdtempSync(join(tmpdir(), "codegen-ext-cli-"));
    dirs.push(dir);
    const path = join(dir, "codegen.config.json");
    writeFileSync(path, JSON.stringify({ metadata: [`v2.0=${V2_XML}`], out: "client", ...config }, null, 2));
    return { dir, config: path };
  };
  const BIN = join(REPO, "generator", "cli", "codegen.mjs");

  it("exits 1 with the config path on stderr for a bad declaration, and writes nothing", { timeout: 120_000 }, async () => {
    const { dir, config } = project({
      extendedProperties: { referral: { type: "String", guid: "not-a-guid", name: "Referral" } },
      extensions: { contoso: { name: "Microsoft.Contoso" } },
    });
    const { code, stdout, stderr } = await run(BIN, ["--config", config], dir);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      `${config}: error invalid-extended-property: extended property referral: Invalid GUID "not-a-guid" in PropertyId spec\n` +
        "    at extendedProperties.referral\n" +
        `${config}: error invalid-extension: extension contoso: extension name "Microsoft.Contoso" uses a Microsoft domain, which is reserved\n` +
        "    at extensions.contoso\n" +
        "codegen: 2 error(s); nothing was written.\n",
    );
    expect(existsSync(join(dir, "client"))).toBe(false);
  });

  it("writes the accessors for a good one", { timeout: 120_000 }, async () => {
    const { dir, config } = project(definitions);
    const { code, stderr } = await run(BIN, ["--config", config], dir);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const text = flat(readFileSync(join(dir, "client", "v2.0", "extensions.ts"), "utf8"));
    expect(text).toContain("export const referral = /* @__PURE__ */ defineExtendedProperty(");
    expect(text).toContain('export const contosoReferral = /* @__PURE__ */ defineExtension<ContosoReferral>("Com.Contoso.Referral");');
  });
});
