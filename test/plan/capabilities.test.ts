/**
 * Issue 12, capability overrides: the config (and the programmatic API) adds or takes away capabilities per entity
 * set, singleton or navigation, by version label; the Outlook profile overrides v2.0's MailFolder/Messages change
 * tracking. Overrides act only in the types (nodes.ts). An unknown label or target is a config error: exit 2, with a
 * did-you-mean. The Graph client generated with `user/calendar: { deletable: true }` type-checks
 * `client.me.calendar.delete()` (test/graph-wire/rows/capabilities.ts shows it refused without) and sends the DELETE.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate, type GenerateOptions } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write.js";
import { runMain, tempDir } from "../cli/helpers.js";
import { corpusFile, METADATA } from "../helpers/paths.js";
import { tscProject } from "../helpers/typecheck.js";

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

async function nodesOf(label: "v2.0" | "beta", options: Partial<GenerateOptions> = {}): Promise<string> {
  const result = await generate({ inputs: [{ label, source: join(METADATA, `${label}.xml`) }], mode: "sources", format: false, ...options });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const file = result.files.find((f) => f.path.endsWith("nodes.ts"));
  return file?.text ?? "";
}

/** The line declaring `member` inside `interface name { … }` of a nodes.ts text. */
function memberLine(text: string, name: string, member: string): string {
  const start = text.indexOf(`export interface ${name} `);
  expect(start).toBeGreaterThanOrEqual(0);
  const body = text.slice(start, text.indexOf("\n}", start));
  const at = body.indexOf(`readonly ${member}:`);
  expect(at, `${name}.${member}`).toBeGreaterThanOrEqual(0);
  return body.slice(at, body.indexOf(";\n", at)).replace(/\s+/g, " ");
}

describe("the Outlook profile's override", () => {
  it("v2.0: MailFolder/Messages is syncable (the documented service), User/Messages is not", async () => {
    const text = await nodesOf("v2.0");
    expect(memberLine(text, "MailFolderMembers", "messages")).toBe("readonly messages: MessageCollection");
    expect(memberLine(text, "UserMembers", "messages")).toBe("readonly messages: Omit<MessageCollection, keyof Syncable<unknown>>");
  });

  it("the config's override applies after the profile's: it can take change tracking away again", async () => {
    const text = await nodesOf("v2.0", { capabilities: { "v2.0": { "MailFolder/Messages": { changeTracking: false } } } });
    expect(memberLine(text, "MailFolderMembers", "messages")).toBe("readonly messages: Omit<MessageCollection, keyof Syncable<unknown>>");
  });
});

describe("config overrides, by target", () => {
  it("a navigation by its declaring type's name or qualified name; capabilities added and taken away", async () => {
    const byName = await nodesOf("v2.0", { capabilities: { "v2.0": { "User/Messages": { changeTracking: true, deletable: false, insertable: false } } } });
    expect(memberLine(byName, "UserMembers", "messages")).toBe(
      'readonly messages: RestrictedCollection<MessageCollection, MessageNode, "create", "delete">',
    );
    const qualified = await nodesOf("v2.0", { capabilities: { "v2.0": { "Microsoft.OutlookServices.User/Messages": { changeTracking: true } } } });
    expect(memberLine(qualified, "UserMembers", "messages")).toBe("readonly messages: MessageCollection");
  });

  it("an entity set or singleton by its name", async () => {
    const text = await nodesOf("v2.0", { capabilities: { "v2.0": { Users: { insertable: false, countable: false }, Me: { updatable: false } } } });
    // Beside what v2.0's annotations already take away from Users (members' delete, change tracking).
    expect(memberLine(text, "ServiceClient", "users")).toBe(
      'readonly users: Omit<RestrictedCollection<UserCollection, UserNode, "create" | "count" | "$count", "delete">, keyof Syncable<unknown>>',
    );
    expect(memberLine(text, "ServiceClient", "me")).toBe('readonly me: Restrict<UserNode, "update" | "delete">');
  });
});

describe("config errors", () => {
  it("an unknown target: an error with the nearest known target, and nothing generated", async () => {
    const result = await generate({
      inputs: [{ label: "v2.0", source: join(METADATA, "v2.0.xml") }],
      mode: "sources",
      capabilities: { "v2.0": { "MailFolder/Mesages": { changeTracking: true } } },
    });
    expect(result.files).toEqual([]);
    expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.message])).toEqual([
      [
        "unknown-capability-target",
        'capabilities["v2.0"]: no entity set, singleton or navigation "MailFolder/Mesages" in version v2.0; did you mean "MailFolder/Messages"? (name an entity set or singleton, or a navigation as "<entity type>/<navigation>")',
      ],
    ]);
  });

  it("an unknown label", async () => {
    const result = await generate({ inputs: [{ label: "v2.0", source: join(METADATA, "v2.0.xml") }], capabilities: { "v2": { Users: { insertable: false } } } });
    expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([
      'capabilities: no version labelled "v2"; did you mean "v2.0"? (the labels: v2.0)',
    ]);
  });

  it("the CLI exits 2 on an unknown target, and on a capability name the schema does not know", async () => {
    const dir = tempDir();
    const config = (capabilities: unknown): void =>
      writeFileSync(join(dir, "codegen.config.json"), JSON.stringify({ metadata: [`v2.0=${join(METADATA, "v2.0.xml")}`], out: "out", capabilities }));
    config({ "v2.0": { "Mailfolder/Messages": { changeTracking: true } } });
    const unknown = await runMain(["--quiet"], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no entity set, singleton or navigation "Mailfolder/Messages" in version v2.0; did you mean "MailFolder/Messages"?');
    expect(unknown.stderr).toContain("nothing was written");

    config({ "v2.0": { "MailFolder/Messages": { changetracking: true } } });
    const key = await runMain(["--quiet"], dir);
    expect(key.code).toBe(2);
    expect(key.stderr).toContain('unknown key "changetracking"');
    expect(key.stderr).toContain('did you mean "changeTracking"?');

    config({ "v2.0": { "MailFolder/Messages": { changeTracking: true } } });
    const ok = await runMain(["--quiet"], dir);
    expect([ok.code, ok.stderr]).toEqual([0, ""]);
  });
});

describe("Graph with the override user/calendar deletable", () => {
  it("client.me.calendar.delete() type-checks under TypeScript 5.9 and 7, and sends DELETE /me/calendar", async () => {
    const out = mkdtempSync(join(tmpdir(), "opq-graph-override-"));
    temps.push(out);
    const result = await generate({
      inputs: [{ label: "v1.0", source: corpusFile("graph-v1.0.csdl.xml") }],
      packageName: "graph-client",
      capabilities: { "v1.0": { "user/calendar": { deletable: true } } },
    });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    await writeOutput(out, result.files);
    writeFileSync(
      join(out, "v1.0", "override-usage.ts"),
      [
        'import { createClient } from "./index.js";',
        "export async function run(fetch: typeof globalThis.fetch): Promise<void> {",
        '  const client = createClient({ baseUrl: "https://graph.test/v1.0", fetch });',
        "  await client.me.calendar.delete();",
        '  // @ts-expect-error group/calendar keeps its annotation: no override names it',
        '  await client.groups.byId("g").calendar.delete();',
        "}",
        "",
      ].join("\n"),
    );
    for (const compiler of ["typescript", "typescript7"]) {
      const output = tscProject(compiler as "typescript" | "typescript7", out);
      expect(output, compiler).toBe("");
    }
    const sent: string[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      sent.push(`${init?.method ?? "GET"} ${String(input)}`);
      return new Response(null, { status: 204 });
    };
    const mod = (await import(join(out, "v1.0", "override-usage.ts"))) as { run(f: typeof globalThis.fetch): Promise<void> };
    await mod.run(fetch as typeof globalThis.fetch);
    expect(sent).toEqual(["DELETE https://graph.test/v1.0/me/calendar", "DELETE https://graph.test/v1.0/groups/g/calendar"]);
  }, 300_000);
});
