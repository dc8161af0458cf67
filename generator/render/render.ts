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
      compiled.set(name, hb.compile(text, { noEscape: true, strict: false, preventIndent: true, knownHelpersOnly: true }));
    }
  }
  return (file) => {
    const template = compiled.get(file.template);
    if (!template) throw new Error(`no template named ${file.template}`);
    return { path: file.path, text: template(file.view, { allowProtoPropertiesByDefault: false }) };
  };
}

/**
 * Whether two views are the same plain data (objects with the same keys in the same order, arrays, primitives), so
 * that a template renders them to the same text. Anything else (a Map, a function, a class instance, an object without
 * a prototype) counts as the same only when it is the very same object, and NaN never does: in doubt, the answer is
 * no and the file is rendered.
 */
export function sameView(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameView(a[i], b[i])) return false;
    return true;
  }
  // Plain objects only (templates read their string keys; symbols and prototypes other than Object's do not occur).
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i] || !sameView((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
