import { describe, expect, it } from "vitest";
import { formatFile, prettierFormat, PRETTIER_VERSION } from "../../generator/format/format.js";
import { loadTemplates } from "../../generator/load/load.js";
import { createRenderer } from "../../generator/render/render.js";

describe("render", () => {
  const sources = new Map([
    ["partials/doc.hbs", "/**\n{{#each docLines}}\n * {{{this}}}\n{{/each}}\n */\n"],
    ["members/hello.hbs", "hello {{{who}}}"],
    ["x/file.hbs", "{{> doc}}{{#each members}}{{> (lookup . \"partial\")}};{{/each}}"],
  ]);
  const render = createRenderer(sources);

  it("renders a template with partials chosen by the view", () => {
    const out = render({ path: "a.ts", template: "x/file", view: { docLines: ["one", "two"], members: [{ partial: "hello", who: "<&>" }] } });
    expect(out).toEqual({ path: "a.ts", text: "/**\n * one\n * two\n */\nhello <&>;" });
  });

  it("does not HTML-escape", () => {
    const r = createRenderer(new Map([["t.hbs", "{{who}}"]]));
    expect(r({ path: "b.ts", template: "t", view: { who: "a<b>&'\"" } }).text).toBe("a<b>&'\"");
  });

  it("fails clearly on an unknown template", () => {
    expect(() => render({ path: "c.ts", template: "nope", view: {} })).toThrow(/no template named nope/);
  });

  it("does not reach prototype properties from a view", () => {
    const r = createRenderer(new Map([["t.hbs", "[{{constructor.name}}]"]]));
    expect(r({ path: "d.ts", template: "t", view: {} }).text).toBe("[]");
  });

  it("loads the package's templates, each artefact and the runtime", async () => {
    const all = await loadTemplates();
    for (const t of ["models/models.hbs", "nodes/nodes.hbs", "client/client.hbs", "barrels/index.hbs", "extensions/extensions.hbs", "runtime/node.ts"]) {
      expect(all.has(t), t).toBe(true);
    }
  });
});

describe("format", () => {
  it("keeps template output whose lines fit as it is (the templates print prettier's form)", async () => {
    const text = 'export const x = { a: 1, "b-c": 2 };\n';
    expect((await formatFile({ path: "a.ts", text })).text).toBe(text);
  });
  it("breaks long lines of known shapes without prettier, exactly as prettier would", async () => {
    const names = Array.from({ length: 12 }, (_, i) => `SomeRatherLongName${i}`);
    const text = `import { ${names.join(", ")} } from "./x.js";\n`;
    const out = (await formatFile({ path: "a.ts", text })).text;
    expect(out).toBe(`import {\n${names.map((n) => `  ${n},\n`).join("")}} from "./x.js";\n`);
    expect(await prettierFormat(text, "typescript")).toBe(out);
  });
  it("hands a long line of an unknown shape to prettier", async () => {
    const text = `export const x = ${JSON.stringify("y".repeat(60))} + ${JSON.stringify("z".repeat(60))};\n`;
    const out = (await formatFile({ path: "a.ts", text })).text;
    expect(out).toBe(await prettierFormat(text, "typescript"));
    expect(out).not.toBe(text);
  });
  it("leaves JSON, Markdown and unknown kinds as the templates print them", async () => {
    expect((await formatFile({ path: "p.json", text: '{ "a": [1, 2] }\n' })).text).toBe('{ "a": [1, 2] }\n');
    expect((await formatFile({ path: "x.txt", text: "  raw  " })).text).toBe("  raw  ");
  });
  it("pins the prettier version the fallback uses", async () => {
    expect((await import("prettier")).version).toBe(PRETTIER_VERSION);
  });
  it("is idempotent", async () => {
    const once = await formatFile({ path: "a.ts", text: `export type T = ${Array.from({ length: 30 }, (_, i) => `"m${i}"`).join(" | ")};\n` });
    expect((await formatFile(once)).text).toBe(once.text);
  });
});
