import { describe, expect, it } from "vitest";
import { formatFile } from "../../generator/format/format.js";
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
    for (const t of ["models/structured.hbs", "models/enum.hbs", "builders/entity.hbs", "client/client.hbs", "barrels/index.hbs", "runtime/index.ts"]) {
      expect(all.has(t), t).toBe(true);
    }
  });
});

describe("format", () => {
  it("formats TypeScript with the pinned options", async () => {
    const out = await formatFile({ path: "a.ts", text: "export const x = {a:1,'b-c':2}" });
    expect(out.text).toBe('export const x = { a: 1, "b-c": 2 };\n');
  });
  it("formats JSON and leaves unknown kinds alone", async () => {
    expect((await formatFile({ path: "p.json", text: '{"a":[1,2]}' })).text).toBe('{ "a": [1, 2] }\n');
    expect((await formatFile({ path: "x.txt", text: "  raw  " })).text).toBe("  raw  ");
  });
  it("is idempotent", async () => {
    const once = await formatFile({ path: "a.ts", text: "class A{ m(){return 1} }" });
    expect((await formatFile(once)).text).toBe(once.text);
  });
});
