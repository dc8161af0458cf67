/**
 * The renderer's interpreter (render/interpret.ts) prints what Handlebars prints with the renderer's options: for
 * every file planned from the repository's metadata and fixtures, with the package's templates, and for the shapes of
 * the subset one by one. A template beyond the subset goes to Handlebars itself.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { loadTemplates } from "../../generator/load/load.js";
import { buildModel } from "../../generator/model/build.js";
import { parseXml } from "../../generator/parse/xml.js";
import { planPackage } from "../../generator/plan/package.js";
import { planService, type PlannedFile } from "../../generator/plan/plan.js";
import { compileTemplate } from "../../generator/render/interpret.js";
import { createRenderer } from "../../generator/render/render.js";
import { REPO } from "../helpers/paths.js";

const OPTIONS = { noEscape: true, strict: false, preventIndent: true, knownHelpersOnly: true } as const;

/** The renderer as it was: every template and partial through Handlebars. */
function handlebarsRenderer(sources: ReadonlyMap<string, string>): (file: PlannedFile) => string {
  const hb = Handlebars.create();
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  for (const [path, text] of sources) {
    if (!path.endsWith(".hbs")) continue;
    const name = path.slice(0, -".hbs".length);
    const folders = name.split("/").slice(0, -1);
    if (folders.includes("partials") || folders.includes("members")) hb.registerPartial(name.slice(name.lastIndexOf("/") + 1), text);
    compiled.set(name, hb.compile(text, OPTIONS));
  }
  return (file) => compiled.get(file.template)!(file.view, { allowProtoPropertiesByDefault: false });
}

/** Both ways over one template and view (partials given as sources). */
function both(template: string, view: unknown, partials: Record<string, string> = {}): [string, string] {
  const sources = new Map<string, string>([["t.hbs", template], ...Object.entries(partials).map(([n, t]): [string, string] => [`partials/${n}.hbs`, t])]);
  const file = { path: "x.ts", template: "t", view: view as object };
  return [createRenderer(sources)(file).text, handlebarsRenderer(sources)(file)];
}

describe("the template interpreter", async () => {
  const templates = await loadTemplates();

  it("prints every planned file as Handlebars does (Outlook's versions and the fixtures)", () => {
    const inputs = [
      ...["v1.0", "beta", "v2.0"].map((v) => ({ label: v, file: join(REPO, "metadata", `${v}.xml`) })),
      ...["travel", "hostile-names", "key-alias", "protocol-names", "trojan-names"].map((f) => ({ label: f, file: join(REPO, "test", "fixtures", `${f}.xml`) })),
    ];
    const services = inputs.map(({ label, file }) => {
      const model = buildModel(parseXml(readFileSync(file, "utf8"), file).root!, file, label).model!;
      return { label, model };
    });
    const planned = [
      ...planPackage({ packageName: "x", packageVersion: "1.0.0", license: "MIT", repository: "https://x.test/r", services }),
      ...services.flatMap(({ label, model }) => planService({ label, sourceName: `${label}.xml`, model, baseUrl: "https://x.test/odata" })),
    ];
    const ours = createRenderer(templates);
    const theirs = handlebarsRenderer(templates);
    let files = 0;
    for (const p of planned) {
      expect(ours(p).text, p.path).toBe(theirs(p));
      files++;
    }
    expect(files).toBeGreaterThan(30);
  });

  it("follows Handlebars on each shape of the subset", () => {
    const cases: [string, unknown, Record<string, string>?][] = [
      ["a{{{x}}}b{{x}}c", { x: "<&>" }],
      ["[{{{x}}}][{{{y}}}][{{{z}}}][{{{n}}}][{{{f}}}]", { x: null, y: undefined, z: 0, n: false }],
      ["{{{a.b.c}}}|{{{a.[1]}}}|{{{list.length}}}|{{{s.length}}}", { a: { b: { c: 7 }, 1: "one" }, list: [1, 2, 3], s: "four" }],
      ["{{{a.b.c}}}", { a: null }],
      ["{{{constructor.name}}}{{{toString}}}{{{list.map}}}", { list: [] }],
      ["{{#if x}}\nyes\n{{else if y}}\nmaybe\n{{else}}\nno\n{{/if}}\n", { x: 0, y: [] }],
      ["{{#if x}}\nyes\n{{else if y}}\nmaybe\n{{else}}\nno\n{{/if}}\n", { x: "", y: [0] }],
      ["{{#if x}}T{{else}}F{{/if}}{{#unless x}}U{{/unless}}", { x: {} }],
      ["{{#if x}}T{{else}}F{{/if}}{{#unless x}}U{{/unless}}", { x: Number.NaN }],
      ["{{#each xs}}\n  {{{this}}}{{#unless @last}},{{/unless}} {{@index}}{{@first}}{{@key}}\n{{/each}}\n", { xs: ["a", "b", "c"] }],
      ["{{#each xs}}\n{{@key}}={{{this}}}{{#if @last}}.{{/if}}\n{{/each}}", { xs: { one: 1, two: 2 } }],
      ["{{#each xs}}x{{else}}empty{{/each}}|{{#each ys}}y{{else}}none{{/each}}|{{#each zs}}{{else}}str{{/each}}", { xs: [], zs: "abc" }],
      ["{{#each xs}}{{#each ys}}{{{this}}}{{@index}}{{{@root.top}}}{{/each}};{{/each}}", { top: "T", xs: [{ ys: [1, 2] }, { ys: [] }] }],
      ["{{#each xs}}{{{name}}}{{/each}}", { xs: new Set([{ name: "s1" }, { name: "s2" }]) }],
      ["head\n  {{> doc}}\ntail\n{{#each items}}\n    {{> (lookup . \"partial\")}}\n{{/each}}\n", { docLines: ["a", "b"], items: [{ partial: "one", v: 1 }, { partial: "two", v: 2 }] }, { doc: "/**\n{{#each docLines}}\n * {{{this}}}\n{{/each}}\n */\n", one: "one {{{v}}}\n", two: "  two {{{v}}}\n" }],
      ["{{! a comment }}\n{{!-- another --}}\nx\n  {{#if a}}\n  in\n  {{/if}}\n", { a: true }],
      ["{{~#if a~}} \n x \n {{~/if~}} y", { a: true }],
      // Numbers side by side add up in Handlebars' `+` chain, also across content that `~` stripped to nothing.
      ["{{a}}{{b}}", { a: 1, b: 2 }],
      ["{{~a~}} {{b}}", { a: 1, b: 2 }],
    ];
    for (const [template, view, partials] of cases) {
      const [ours, theirs] = both(template, view, partials);
      expect(ours, template).toBe(theirs);
    }
  });

  it("leaves a template beyond the subset to Handlebars", () => {
    for (const t of ["{{#with a}}{{{b}}}{{/with}}", "{{{lookup a 'b'}}}", "{{#each xs as |x|}}{{{x}}}{{/each}}", "{{{../x}}}", "{{> doc a}}", "{{#if a includeZero=true}}z{{/if}}", "{{{log}}}"]) {
      expect(compileTemplate(t, () => undefined), t).toBeUndefined();
    }
    const [ours, theirs] = both("{{#with a}}{{{b}}}{{/with}}", { a: { b: "B" } });
    expect(ours).toBe("B");
    expect(ours).toBe(theirs);
  });

  it("fails on a partial there is none of, as Handlebars does", () => {
    const sources = new Map([["t.hbs", "{{> (lookup . \"p\")}}"]]);
    expect(() => createRenderer(sources)({ path: "x.ts", template: "t", view: { p: "missing" } })).toThrow(/partial missing could not be found/);
  });
});
