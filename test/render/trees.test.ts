/**
 * The templates' parse trees made at build time (generator/cli/build.mjs → generator/dist/template-trees.json): the
 * renderer runs a tree only for the very text it was parsed from, a missing, stale or broken file costs a parse and
 * never changes the output, and the trees the build wrote are Handlebars' trees of today's templates.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Handlebars from "handlebars";
import { afterAll, describe, expect, it } from "vitest";
import { loadTemplates, loadTemplateTrees, TEMPLATE_TREES_FILE, type TemplateTree } from "../../generator/load/load.js";
import type { PlannedFile } from "../../generator/plan/plan.js";
import { createRenderer } from "../../generator/render/render.js";

const file = (view: object): PlannedFile => ({ path: "out.ts", template: "greeting", view }) as PlannedFile;
const sources = new Map([["greeting.hbs", "Hello {{{name}}}!"]]);
/** A tree of another text, to tell whether the renderer ran the tree or parsed the source. */
const otherTree = (text: string): TemplateTree => ({ source: "Hello {{{name}}}!", tree: Handlebars.parse(text) });

describe("template parse trees", () => {
  const dir = mkdtempSync(join(tmpdir(), "codegen-trees-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("runs the tree given for the template's very text", () => {
    const render = createRenderer(sources, new Map([["greeting.hbs", otherTree("Bye {{{name}}}.")]]));
    expect(render(file({ name: "Ann" })).text).toBe("Bye Ann.");
  });

  it("parses the text when the tree was made from another text, or is missing", () => {
    const stale: TemplateTree = { source: "Hello {{{name}}}", tree: Handlebars.parse("Bye {{{name}}}.") };
    expect(createRenderer(sources, new Map([["greeting.hbs", stale]]))(file({ name: "Ann" })).text).toBe("Hello Ann!");
    expect(createRenderer(sources)(file({ name: "Ann" })).text).toBe("Hello Ann!");
  });

  it("reads no trees from a missing or broken file, and skips entries of the wrong shape", async () => {
    expect((await loadTemplateTrees(join(dir, "missing.json"))).size).toBe(0);
    writeFileSync(join(dir, "broken.json"), "{ not json");
    expect((await loadTemplateTrees(join(dir, "broken.json"))).size).toBe(0);
    writeFileSync(
      join(dir, "mixed.json"),
      JSON.stringify({ "a.hbs": { source: "x", tree: { type: "Program", body: [] } }, "b.hbs": { source: 1 }, "c.hbs": null }),
    );
    expect([...(await loadTemplateTrees(join(dir, "mixed.json"))).keys()]).toEqual(["a.hbs"]);
  });

  // After `npm run build` (npm install runs it): every tree made from a template's current text is Handlebars' tree of
  // that text, and each current template has one when the build is newer than the templates.
  it.runIf(existsSync(TEMPLATE_TREES_FILE))("holds Handlebars' trees of the templates", async () => {
    const trees = await loadTemplateTrees();
    const templates = [...(await loadTemplates())].filter(([path]) => path.endsWith(".hbs"));
    let current = 0;
    for (const [path, text] of templates) {
      const known = trees.get(path);
      if (known === undefined || known.source !== text) continue;
      current++;
      expect(JSON.parse(JSON.stringify(Handlebars.parse(text))), path).toEqual(known.tree);
    }
    expect(current).toBeGreaterThan(0);
  });
});
