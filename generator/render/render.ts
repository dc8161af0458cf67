/**
 * Render stage: planned files → text, through Handlebars. The environment is
 * built from the template sources handed in (no disk access here): every
 * `.hbs` under `partials/` or a `members/` folder is a partial named by its
 * base name. Output is not HTML, so nothing is HTML-escaped; views hold only
 * strings that the plan stage already made safe.
 */
import Handlebars from "handlebars";
import type { PlannedFile } from "../plan/plan.js";

export interface RenderedFile {
  readonly path: string;
  readonly text: string;
}

export type TemplateSources = ReadonlyMap<string, string>;

export function createRenderer(sources: TemplateSources): (file: PlannedFile) => RenderedFile {
  const hb = Handlebars.create();
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  for (const [path, text] of sources) {
    if (!path.endsWith(".hbs")) continue;
    const name = path.slice(0, -".hbs".length);
    const folders = name.split("/").slice(0, -1);
    if (folders.includes("partials") || folders.includes("members")) {
      hb.registerPartial(name.slice(name.lastIndexOf("/") + 1), text);
    } else {
      compiled.set(name, hb.compile(text, { noEscape: true, strict: false, preventIndent: true }));
    }
  }
  return (file) => {
    const template = compiled.get(file.template);
    if (!template) throw new Error(`no template named ${file.template}`);
    return { path: file.path, text: template(file.view, { allowProtoPropertiesByDefault: false }) };
  };
}
