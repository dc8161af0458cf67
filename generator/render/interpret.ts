/**
 * The templates' subset of Handlebars, run straight from the parsed template: Handlebars' own parser (with its
 * standalone-line rules) gives the tree, and each node becomes a closure, instead of Handlebars generating, evaluating
 * and then running JavaScript with its general runtime (helpers looked up, frames, partial wrappers). The subset is
 * what logic-free templates use: `{{{path}}}`, `#if`, `#unless`, `#each` (with `{{else}}` and `{{else if}}`),
 * `@index`/`@first`/`@last`/`@key`/`@root`, `{{> name}}` and `{{> (lookup . "field")}}`, comments. `compileTemplate`
 * gives undefined for a template with anything else, and the renderer then compiles that one with Handlebars.
 *
 * The semantics are Handlebars' (4.7) with the renderer's options (noEscape, strict false, preventIndent,
 * knownHelpersOnly, prototype properties not allowed): a path reads own properties only, null and undefined print
 * as nothing, `#if` takes the inverse for a falsy value or an empty array, `#each` walks arrays (and other objects by
 * their keys). test/render/interpret.test.ts holds it to Handlebars over every template and the generated clients.
 */
import Handlebars from "handlebars";

/** The data frame of a block: `@index`, `@first`, `@last`, `@key`, `@root`. */
export interface Frame {
  readonly root: unknown;
  readonly index?: number;
  readonly first?: boolean;
  readonly last?: boolean;
  readonly key?: string | number;
}

/** A template or partial run over a context, in a data frame. */
export type Run = (context: unknown, frame: Frame) => string;

/** A compiled template: the view in, the text out. */
export type Template = (view: unknown) => string;

/** Finds a partial by name (compiled on first use), or undefined when there is none or it is not of the subset. */
export type PartialLookup = (name: string) => Run | undefined;

/** Names Handlebars treats as helpers in a mustache: such a mustache is not of the subset. */
const HELPERS = new Set(["if", "unless", "each", "with", "lookup", "log", "helperMissing", "blockHelperMissing"]);

class Unsupported extends Error {}

/**
 * The template as a function, or undefined when it uses anything beyond the subset. `tree` is the source's parse tree
 * when it is known (made at build time); without it the source is parsed here.
 */
export function compileTemplate(
  source: string,
  partial: PartialLookup,
  tree?: hbs.AST.Program,
): { template: Template; run: Run } | undefined {
  let run: Run;
  try {
    run = program(tree ?? Handlebars.parse(source), partial);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  // A template's text is a string, also when its statements were numbers that added up.
  return { template: (view) => `${run(view, { root: view })}`, run };
}

/**
 * A program's statements, appended as Handlebars' generated code appends them: one `+` expression from the first
 * value on (so two numbers side by side add up, as there), null and undefined as "".
 */
function program(p: hbs.AST.Program, partial: PartialLookup): Run {
  if ((p.blockParams?.length ?? 0) > 0) throw new Unsupported();
  const steps = p.body.flatMap((s) => statement(s, partial));
  if (steps.length === 0) return () => "";
  if (steps.length === 1) {
    const only = steps[0]!;
    return typeof only === "string" ? () => only : only;
  }
  return (context, frame) => {
    const first = steps[0]!;
    let out: unknown = typeof first === "string" ? first : first(context, frame);
    for (let i = 1; i < steps.length; i++) {
      const s = steps[i]!;
      out = (out as string) + (typeof s === "string" ? s : s(context, frame));
    }
    return out as string;
  };
}

function statement(s: hbs.AST.Statement, partial: PartialLookup): (Run | string)[] {
  switch (s.type) {
    case "ContentStatement": {
      // Content that `~` stripped to nothing is no step (Handlebars appends none: numbers around it still add up).
      const value = (s as hbs.AST.ContentStatement).value;
      return value === "" ? [] : [value];
    }
    case "CommentStatement":
      return [];
    case "MustacheStatement":
      return [mustache(s as hbs.AST.MustacheStatement)];
    case "BlockStatement":
      return [block(s as hbs.AST.BlockStatement, partial)];
    case "PartialStatement": {
      // preventIndent: a standalone partial's indentation is printed once, as content, before it.
      const indent = (s as hbs.AST.PartialStatement).indent ?? "";
      return [...(indent !== "" ? [indent] : []), partialCall(s as hbs.AST.PartialStatement, partial)];
    }
    default:
      throw new Unsupported();
  }
}

/** A value as Handlebars appends it: null and undefined are "", anything else is itself. */
function appended(value: unknown): string {
  return (value === null || value === undefined ? "" : value) as string;
}

function mustache(m: hbs.AST.MustacheStatement): Run {
  if (m.params.length > 0 || m.hash !== undefined || m.path.type !== "PathExpression") throw new Unsupported();
  const path = m.path as hbs.AST.PathExpression;
  if (!path.data && path.parts.length === 1 && HELPERS.has(path.parts[0]!)) throw new Unsupported();
  const read = pathReader(path);
  return (context, frame) => {
    let value = read(context, frame);
    // Handlebars' lambda: a function found at the path is called with the context.
    if (typeof value === "function") value = (value as (this: unknown) => unknown).call(context);
    return appended(value);
  };
}

/** A property as Handlebars reads it with prototype access off: own properties only. */
function lookup(parent: unknown, name: string): unknown {
  const value = (parent as Record<string, unknown>)[name];
  if (value === null || value === undefined) return value;
  return Object.prototype.hasOwnProperty.call(parent, name) ? value : undefined;
}

function pathReader(path: hbs.AST.PathExpression): (context: unknown, frame: Frame) => unknown {
  if (path.depth > 0) throw new Unsupported();
  const parts = path.parts;
  if (path.data) {
    const [name, ...rest] = parts;
    if (name !== "index" && name !== "first" && name !== "last" && name !== "key" && name !== "root") throw new Unsupported();
    return (_, frame) => follow(frame[name], rest);
  }
  if (parts.length === 0) return (context) => context;
  if (parts.length === 1) {
    const name = parts[0]!;
    return (context) => (context === null || context === undefined ? context : lookup(context, name));
  }
  return (context) => follow(context, parts);
}

function follow(start: unknown, parts: readonly string[]): unknown {
  let value = start;
  for (const p of parts) {
    if (value === null || value === undefined) return value;
    value = lookup(value, p);
  }
  return value;
}

/** Handlebars' isEmpty, with `#if`'s falsiness (no includeZero). */
function empty(value: unknown): boolean {
  return !value || (Array.isArray(value) && value.length === 0);
}

function block(b: hbs.AST.BlockStatement, partial: PartialLookup): Run {
  if (b.path.type !== "PathExpression" || b.hash !== undefined || b.params.length !== 1) throw new Unsupported();
  const name = (b.path as hbs.AST.PathExpression).original;
  const param = b.params[0]!;
  if (param.type !== "PathExpression") throw new Unsupported();
  const read = pathReader(param as hbs.AST.PathExpression);
  const fn = b.program ? program(b.program, partial) : () => "";
  const inverse = b.inverse ? program(b.inverse, partial) : () => "";
  if (name === "if" || name === "unless") {
    const [whenTrue, whenFalse] = name === "if" ? [fn, inverse] : [inverse, fn];
    return (context, frame) => {
      let value = read(context, frame);
      if (typeof value === "function") value = (value as (this: unknown) => unknown).call(context);
      return appended(empty(value) ? whenFalse(context, frame) : whenTrue(context, frame));
    };
  }
  if (name === "each") {
    return (context, frame) => {
      let items = read(context, frame);
      if (typeof items === "function") items = (items as (this: unknown) => unknown).call(context);
      let out = "";
      let count = 0;
      if (items !== null && typeof items === "object") {
        if (!Array.isArray(items) && typeof (items as Iterable<unknown>)[Symbol.iterator] === "function") items = [...(items as Iterable<unknown>)];
        if (Array.isArray(items)) {
          const list = items as unknown[];
          for (let i = 0; i < list.length; i++) {
            if (!(i in list)) continue;
            out = out + fn(list[i], { root: frame.root, key: i, index: i, first: i === 0, last: i === list.length - 1 });
            count++;
          }
        } else {
          const keys = Object.keys(items as object);
          for (let i = 0; i < keys.length; i++) {
            const key = keys[i]!;
            out = out + fn((items as Record<string, unknown>)[key], { root: frame.root, key, index: i, first: i === 0, last: i === keys.length - 1 });
            count++;
          }
        }
      }
      return appended(count === 0 ? inverse(context, frame) : out);
    };
  }
  throw new Unsupported();
}

function partialCall(p: hbs.AST.PartialStatement, partial: PartialLookup): Run {
  if (p.params.length > 0 || p.hash !== undefined) throw new Unsupported();
  let nameOf: (context: unknown, frame: Frame) => unknown;
  if (p.name.type === "PathExpression") {
    const name = (p.name as hbs.AST.PathExpression).original;
    nameOf = () => name;
  } else if (p.name.type === "SubExpression") {
    const sub = p.name as hbs.AST.SubExpression;
    const [obj, field] = sub.params;
    if ((sub.path as hbs.AST.PathExpression).original !== "lookup" || sub.hash !== undefined || sub.params.length !== 2) throw new Unsupported();
    if (obj?.type !== "PathExpression" || field?.type !== "StringLiteral") throw new Unsupported();
    const readObj = pathReader(obj as hbs.AST.PathExpression);
    const key = (field as hbs.AST.StringLiteral).value;
    // Handlebars' lookup helper: a falsy object is the answer itself.
    nameOf = (context, frame) => {
      const o = readObj(context, frame);
      return o ? lookup(o, key) : o;
    };
  } else throw new Unsupported();
  return (context, frame) => {
    const name = nameOf(context, frame);
    const run = typeof name === "string" ? partial(name) : undefined;
    if (run === undefined) throw new Error(`The partial ${String(name)} could not be found`);
    return appended(run(context, frame));
  };
}
