/**
 * Render stage: planned files → text, in Handlebars' language. The environment is
 * built from the template sources handed in (no disk access here): every
 * `.hbs` under `partials/` or a `members/` folder is a partial named by its
 * base name (and a template of its own). Templates are run by interpret.ts
 * (the subset they use, from Handlebars' parse tree), by Handlebars itself
 * when one uses more. Output is not HTML, so nothing is HTML-escaped; views
 * hold only strings that the plan stage already made safe.
 */
import Handlebars from "handlebars";
import type { TemplateTree } from "../load/load.js";
import type { PlannedFile } from "../plan/plan.js";
import { compileTemplate, type Run, type Template } from "./interpret.js";

export interface RenderedFile {
  readonly path: string;
  readonly text: string;
  /**
   * The text in the parts it was rendered in, when the file has a tail (PlannedFile.tail): `text` is their
   * concatenation, and the format stage takes them one by one instead of the whole text.
   */
  readonly parts?: readonly string[];
}

export type TemplateSources = ReadonlyMap<string, string>;

/**
 * `trees` are the templates' parse trees made at build time (load/loadTemplateTrees): a tree is used only for the very
 * text it was parsed from, any other template is parsed here.
 */
export function createRenderer(
  sources: TemplateSources,
  trees: ReadonlyMap<string, TemplateTree> = new Map(),
): (file: PlannedFile) => RenderedFile {
  const treeOf = (path: string, text: string): hbs.AST.Program | undefined => {
    const known = trees.get(path);
    return known !== undefined && known.source === text ? (known.tree as hbs.AST.Program) : undefined;
  };
  const hb = Handlebars.create();
  const compiled = new Map<string, (view: object) => string>();
  const runtime = { allowProtoPropertiesByDefault: false };
  // Partials by base name, run by the interpreter (interpret.ts); undefined when one is beyond its subset, and then
  // every template goes through Handlebars.
  const partialSources = new Map<string, { readonly path: string; readonly text: string }>();
  const partialRuns = new Map<string, Run | undefined>();
  let interpretable = true;
  for (const [path, text] of sources) {
    if (!path.endsWith(".hbs")) continue;
    const name = path.slice(0, -".hbs".length);
    const folders = name.split("/").slice(0, -1);
    // Handlebars compiles on first use; a partial is a template of its own too (a file's tail renders one).
    const template = hb.compile(text, { noEscape: true, strict: false, preventIndent: true, knownHelpersOnly: true });
    let interpreted: Template | undefined | null = null;
    compiled.set(name, (view) => {
      if (interpreted === null) interpreted = interpretable ? compileTemplate(text, partialRun, treeOf(path, text))?.template : undefined;
      return interpreted !== undefined ? interpreted(view) : template(view, runtime);
    });
    if (folders.includes("partials") || folders.includes("members")) {
      const base = name.slice(name.lastIndexOf("/") + 1);
      hb.registerPartial(base, template);
      partialSources.set(base, { path, text });
    }
  }
  function partialRun(name: string): Run | undefined {
    if (!partialRuns.has(name)) {
      const source = partialSources.get(name);
      partialRuns.set(name, undefined);
      partialRuns.set(name, source === undefined ? undefined : compileTemplate(source.text, partialRun, treeOf(source.path, source.text))?.run);
    }
    return partialRuns.get(name);
  }
  for (const base of partialSources.keys()) if (partialRun(base) === undefined) interpretable = false;
  const templateNamed = (name: string): ((view: object) => string) => {
    const template = compiled.get(name);
    if (!template) throw new Error(`no template named ${name}`);
    return template;
  };
  return (file) => {
    const template = templateNamed(file.template);
    const tail = file.tail;
    const items: unknown = tail === undefined ? undefined : (file.view as Record<string, unknown>)[tail.key];
    if (tail === undefined || !Array.isArray(items)) {
      return { path: file.path, text: compact(template(file.view)) };
    }
    // The file without its tail, then the tail's items a part at a time: the template prints them last, through the
    // tail's partial, so the parts make the same text.
    const part = templateNamed(tail.template);
    const parts = [compact(template({ ...file.view, [tail.key]: [] }))];
    const size = Math.max(1, Math.floor(tail.size));
    for (let i = 0; i < items.length; i += size) parts.push(compact(part({ [tail.key]: items.slice(i, i + size) })));
    // Concatenated, not joined: the text is not copied while nothing reads it whole.
    let text = "";
    for (const p of parts) text += p;
    return { path: file.path, text, parts };
  };
}

/**
 * From this length a rendered text is checked for being held two bytes per character where one would do: a shorter
 * one costs more time to copy (a third of the format stage's time over Graph's 2.3 MB models.ts in parts of 5 KB)
 * than its second byte costs memory.
 */
const COMPACT_FROM = 1 << 14;

/**
 * The same text, held one byte per character where every character fits in one (Latin-1). V8 holds a string built
 * from a two-byte piece two bytes per character, and Array.prototype.join gives a two-byte string when one of its
 * items is a string V8 internalized after making it (one used as a property key, as EDM_TS[name] does): the plan's
 * joined docs and types then made the whole text of the 52 MB types document's models.ts twice its 43 MB, and each
 * copy the formatter made of it.
 */
function compact(text: string): string {
  if (text.length < COMPACT_FROM || /[^\x00-\xff]/.test(text)) return text;
  return Buffer.from(text, "latin1").toString("latin1");
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
