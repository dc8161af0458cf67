/**
 * Layout: breaks the long lines the templates print, the way prettier would.
 *
 * The templates print every construct on one line, in prettier's form. The only thing left for a formatter is to
 * break the lines longer than the print width, and the generated code has a handful of shapes of those: import and
 * export lists, union types, class heritage type arguments, method signatures, call arguments and object literals.
 * `layout` breaks those shapes exactly as prettier does. A long line of any other shape makes it give up
 * (`undefined`): the format stage then hands the file to prettier. Tests run prettier over every generated file
 * (Outlook, Microsoft Graph, CAP) and require it to change nothing.
 */

/** Prettier's printWidth for the generated code; PRETTIER_OPTIONS uses the same. */
export const PRINT_WIDTH = 120;

/**
 * The text with its long lines broken, or undefined when a long line has a shape this does not know. Only the long
 * lines are taken out of the text, and a text none of whose lines is broken is returned as it is (a run over a large
 * service formats thousands of files: copying each line of each would cost more than the breaking).
 */
export function layout(text: string): string | undefined {
  let out: string[] | undefined;
  let copied = 0; // the text before this offset is in `out`
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    if (end - start > PRINT_WIDTH) {
      const line = text.slice(start, end);
      const broken = breakLine(line);
      if (broken === undefined) return undefined;
      if (broken.length !== 1 || broken[0] !== line) {
        (out ??= []).push(text.slice(copied, start), broken.join("\n"));
        copied = end;
      }
    }
    start = end + 1;
  }
  if (out === undefined) return text;
  out.push(text.slice(copied));
  return out.join("");
}

/** One line as one or more lines that fit, or undefined. */
export function breakLine(line: string): string[] | undefined {
  if (line.length <= PRINT_WIDTH || isComment(line)) return [line];
  // An opening line (`head<`, `head(`, `head {`) that is still too long has nothing left to break; a closing one
  // (`): Promise<…> {`) has, in ways this does not know, so it goes to the inner rules and, failing them, to prettier.
  return applyRules(line, RULES, (l) => (/[<({]$/.test(l) && !/^\s*[)>]/.test(l) ? [l] : breakInner(l, 0)));
}

/** A line a rule produced that is still too long: only the shapes prettier breaks at the next level. */
function breakInner(line: string, depth: number): string[] | undefined {
  if (isComment(line)) return [line];
  if (depth > 3) return undefined;
  return applyRules(line, INNER_RULES, (l) => breakInner(l, depth + 1));
}

/** The first rule that takes the line, with each line it gives that is still too long broken by `again`. */
function applyRules(line: string, rules: readonly Rule[], again: (line: string) => string[] | undefined): string[] | undefined {
  for (const rule of rules) {
    const lines = rule(line);
    if (lines === undefined) continue;
    // A rule that hands the line back says prettier leaves it as it is.
    if (lines.length === 1 && lines[0] === line) return lines;
    const out: string[] = [];
    for (const l of lines) {
      const broken = l.length <= PRINT_WIDTH ? [l] : again(l);
      if (broken === undefined) return undefined;
      out.push(...broken);
    }
    return out;
  }
  return undefined;
}

function isComment(line: string): boolean {
  const t = line.trimStart();
  return t.startsWith("//") || t.startsWith("/*") || t.startsWith("* ") || t === "*" || t.startsWith("*/");
}

type Rule = (line: string) => string[] | undefined;

const IDENT = String.raw`[A-Za-z_$][A-Za-z0-9_$]*`;

// The patterns the rules match, compiled once (each rule runs for every long line).
const TYPE_ALIAS = new RegExp(String.raw`^((?:export )?type ${IDENT}(?:<[^=]*>)?) = (.*);$`);
const CLASS_TYPE_ARGS = new RegExp(String.raw`^(export (?:abstract )?class ${IDENT} extends ${IDENT})<(.*)> \{$`);
const METHOD = new RegExp(String.raw`^( +)((?:async )?${IDENT}(?:<[^()]*>)?)\((.*)\)(: .*)?( \{|;)$`);
const RETURN_TYPE_ARGS = new RegExp(String.raw`^: (${IDENT})<(.*)>$`);
const INTERFACE_HERITAGE = new RegExp(String.raw`^(export interface ${IDENT}) extends (.*) (\{\}?)$`);
const GENERIC = new RegExp(String.raw`^(${IDENT})<(.*)>$`);
const PROPERTY_GENERIC = new RegExp(String.raw`^( +)((?:readonly )?${IDENT}\??: ${IDENT})<(.*)>;$`);
const PROPERTY_GENERIC_OBJECT = new RegExp(String.raw`^( +)((?:readonly )?${IDENT}\??: ${IDENT})<\{ (.*) \}>;$`);
const INDENTED_GENERIC = new RegExp(String.raw`^( +)(${IDENT})<(.*)>(,?)$`);
const GETTER_GENERIC = new RegExp(String.raw`^( +)((?:get )?${IDENT}\(\): ${IDENT})<(.*)>( \{|;)$`);
const PLAIN_GETTER = new RegExp(String.raw`^ +get ${IDENT}\(\): ${IDENT} \{$`);
const EMPTY_INTERFACE = new RegExp(String.raw`^export interface ${IDENT}(?: extends ${IDENT})? \{\}?$`);
const INTERSECTION_OBJECT = new RegExp(String.raw`^(${IDENT}) & \{ (.*) \}$`);
const ENUM_TYPE = new RegExp(String.raw`^\(typeof ${IDENT}\)\[keyof typeof ${IDENT}\]$`);
const STRING_LITERAL = /^"(?:[^"\\]|\\.)*"$/;
const PROPERTY = new RegExp(String.raw`^( +)((?:readonly )?(?:${IDENT}|"(?:[^"\\]|\\.)*")\??): (.*);$`);
const PLAIN_TYPE = /^[A-Za-z0-9_$]+(\[\])?$/;

/** `import { a, b } from "x";`, `import type …`, `export { … } from …`, `export type { … } from …` */
const importList: Rule = (line) => {
  const m = /^((?:import|export)(?: type)?) \{ (.*) \} from ("[^"]*");$/.exec(line);
  if (!m) return undefined;
  const names = splitTop(m[2]!, ",");
  if (!names) return undefined;
  // A single name stays on its line, however long.
  if (names.length === 1) return [line];
  return [`${m[1]} {`, ...names.map((n) => `  ${n},`), `} from ${m[3]};`];
};

/** `export type X = A | B;` → one member per line, each after `| `. */
const typeAliasUnion: Rule = (line) => {
  const m = TYPE_ALIAS.exec(line);
  if (!m) return undefined;
  const members = splitTop(m[2]!, "|");
  if (!members) return undefined;
  if (members.length < 2) {
    // `T & { … }` opens the object type; anything else goes whole onto the next line.
    const i = INTERSECTION_OBJECT.exec(m[2]!);
    const fields = i ? splitTop(i[2]!, ";") : undefined;
    if (i && fields) {
      const hug = `${m[1]} = ${i[1]} & {`;
      if (hug.length <= PRINT_WIDTH) return [hug, ...fields.map((f) => `  ${f};`), "};"];
      return [`${m[1]} =`, `  ${i[1]} & {`, ...fields.map((f) => `    ${f};`), "  };"];
    }
    // `G<A, B>` opens its type arguments, one per line.
    const g = GENERIC.exec(m[2]!);
    const args = g ? splitTop(g[2]!, ",") : undefined;
    if (g && args && args.length > 1) {
      return [`${m[1]} = ${g[1]}<`, ...args.map((a, i) => `  ${a}${i === args.length - 1 ? "" : ","}`), ">;"];
    }
    // An enum's `(typeof X)[keyof typeof X]` or a lone string literal goes whole onto the next line; any other
    // shape is not known here.
    if (ENUM_TYPE.test(m[2]!) || STRING_LITERAL.test(m[2]!)) return [`${m[1]} =`, `  ${m[2]};`];
    return undefined;
  }
  return unionLines(`${m[1]} =`, "", members);
};

/** After `head`, the union on the next line when it fits there, else one member per line, each after `| `. */
function unionLines(head: string, indent: string, members: readonly string[]): string[] {
  const oneLine = `${indent}  ${members.join(" | ")};`;
  if (oneLine.length <= PRINT_WIDTH) return [head, oneLine];
  return [head, ...members.map((t, i) => `${indent}  | ${t}${i === members.length - 1 ? ";" : ""}`)];
}

/** `export class X extends Base<A, B> {` → the type arguments one per line, without a trailing comma. */
const heritageTypeArgs: Rule = (line) => {
  const m = CLASS_TYPE_ARGS.exec(line);
  if (!m) return undefined;
  const args = splitTop(m[2]!, ",");
  // A lone type argument prettier keeps on the line: not a shape this knows.
  if (!args || args.length < 2) return undefined;
  return [`${m[1]}<`, ...args.map((a, i) => `  ${a}${i === args.length - 1 ? "" : ","}`), "> {"];
};

/** `  readonly key?: A | B;` in an interface → the union one member per line under the key. */
const propertyUnion: Rule = (line) => {
  const m = PROPERTY.exec(line);
  if (!m) return undefined;
  const members = splitTop(m[3]!, "|");
  if (!members || members.length < 2) return undefined;
  // `T | null` is not broken: prettier keeps a union of one type and null on the line.
  const others = members.filter((t) => t !== "null" && t !== "undefined");
  if (others.length === 1) return PLAIN_TYPE.test(others[0]!) ? [line] : undefined;
  return unionLines(`${m[1]}${m[2]}:`, m[1]!, members);
};

/**
 * `  name(a: A, b?: B): R {` → the parameters one per line with a trailing comma. A parameter that is still too
 * long has an object type literal, which then opens one member per line.
 */
const methodSignature: Rule = (line) => {
  const m = METHOD.exec(line);
  if (!m || m[3] === "") return undefined;
  const params = splitTop(m[3]!, ",");
  if (!params) return undefined;
  const indent = `${m[1]}  `;
  // Prettier hugs a sole object-typed parameter: `name(params: {` … `}): R {`.
  const hug = params.length === 1 ? /^([A-Za-z_$][A-Za-z0-9_$]*\??): (\{ (.*) \})$/.exec(params[0]!) : null;
  if (hug && splitTop(hug[2]!, "|")?.length === 1) {
    const members = splitTop(hug[3]!, ";");
    if (!members) return undefined;
    const head = [`${m[1]}${m[2]}(${hug[1]}: {`, ...members.map((p) => `${indent}${p};`)];
    const close = `${m[1]}})${m[4] ?? ""}${m[5]}`;
    if (close.length <= PRINT_WIDTH) return [...head, close];
    // The closing line still too long: the return type's type arguments one per line.
    const r = RETURN_TYPE_ARGS.exec(m[4] ?? "");
    const args = r ? splitTop(r[2]!, ",") : undefined;
    if (!r || !args) return undefined;
    return [...head, `${m[1]}}): ${r[1]}<`, ...args.map((a, i) => `${indent}${a}${i === args.length - 1 ? "" : ","}`), `${m[1]}>${m[5]}`];
  }
  return [`${m[1]}${m[2]}(`, ...params.map((p) => `${indent}${p},`), `${m[1]})${m[4] ?? ""}${m[5]}`];
};

/**
 * `export interface X extends A<B>, C {}` → the heritage on the next line when it fits there, else each type on a
 * line of its own after `extends` (a single long type is left to prettier).
 */
const interfaceHeritage: Rule = (line) => {
  const m = INTERFACE_HERITAGE.exec(line);
  if (!m) return undefined;
  const types = splitTop(m[2]!, ",");
  if (!types) return undefined;
  if (types.length === 1) {
    // A single type stays on the line; its type arguments go one per line.
    const g = GENERIC.exec(types[0]!);
    const args = g ? splitTop(g[2]!, ",") : undefined;
    if (!g || !args || args.some((a) => a.length + 3 > PRINT_WIDTH)) return undefined;
    return [`${m[1]} extends ${g[1]}<`, ...args.map((a, j) => `  ${a}${j === args.length - 1 ? "" : ","}`), `> ${m[3]}`];
  }
  const one = `  extends ${types.join(", ")} ${m[3]}`;
  if (one.length <= PRINT_WIDTH) return [m[1]!, one];
  const lines: string[] = [m[1]!, "  extends"];
  for (const [i, t] of types.entries()) {
    const end = i === types.length - 1 ? ` ${m[3]}` : ",";
    if (`    ${t}${end}`.length <= PRINT_WIDTH) {
      lines.push(`    ${t}${end}`);
      continue;
    }
    // A type too long for its line: its type arguments one per line.
    const g = GENERIC.exec(t);
    const args = g ? splitTop(g[2]!, ",") : undefined;
    if (!g || !args || args.some((a) => a.length + 7 > PRINT_WIDTH)) return undefined;
    lines.push(`    ${g[1]}<`, ...args.map((a, j) => `      ${a}${j === args.length - 1 ? "" : ","}`), `    >${end}`);
  }
  return lines;
};

/** `  readonly key: G<A, B>;` (an interface property of a generic type) → the type arguments one per line. */
const propertyTypeArgs: Rule = (line) => {
  const m = PROPERTY_GENERIC.exec(line);
  if (!m) return undefined;
  const args = splitTop(m[3]!, ",");
  if (!args || args.length < 2) return undefined;
  const indent = `${m[1]}  `;
  return [`${m[1]}${m[2]}<`, ...args.map((a, i) => `${indent}${a}${i === args.length - 1 ? "" : ","}`), `${m[1]}>;`];
};

/** `  readonly key: G<{ readonly a: A; readonly b: B }>;` (a property whose generic's one argument is an object type) → hugged: `G<{`, one member per line, `}>;`. */
const propertyObjectTypeArg: Rule = (line) => {
  const m = PROPERTY_GENERIC_OBJECT.exec(line);
  if (!m) return undefined;
  const members = typeMembers(m[3]!);
  if (!members) return undefined;
  return [`${m[1]}${m[2]}<{`, ...members.map((p) => `${m[1]}  ${p};`), `${m[1]}}>;`];
};

/** `      { readonly a: A; readonly b: B },` (an object type on a line of its own, e.g. a type argument) → one member per line. */
const objectTypeLine: Rule = (line) => {
  const m = /^( +)\{ (.*) \}(,?)$/.exec(line);
  if (!m) return undefined;
  const members = typeMembers(m[2]!);
  if (!members) return undefined;
  return [`${m[1]}{`, ...members.map((p) => `${m[1]}  ${p};`), `${m[1]}}${m[3]}`];
};

/** The members of a generated object type (`readonly a: A; readonly b?: B`), or undefined for anything else. */
function typeMembers(body: string): string[] | undefined {
  const members = splitTop(body, ";");
  return members?.every((p) => p.startsWith("readonly ") && splitTop(p, ",")?.length === 1) ? members : undefined;
}

/** `    G<A, B, C>,` (a type argument that is itself generic, on a line of its own) → its arguments one per line. */
const genericArgLine: Rule = (line) => {
  const m = INDENTED_GENERIC.exec(line);
  if (!m) return undefined;
  const args = splitTop(m[3]!, ",");
  if (!args || args.length < 2) return undefined;
  return [`${m[1]}${m[2]}<`, ...args.map((a, i) => `${m[1]}  ${a}${i === args.length - 1 ? "" : ","}`), `${m[1]}>${m[4]}`];
};

/** `      \`text ${x}\`,` (a template literal alone on its line, as the runtime has them): prettier never breaks one. */
const templateLiteralLine: Rule = (line) => (/^ +`[^`]*`(?:,| \+|;|\)[,;]?)?$/.test(line) ? [line] : undefined);

/** `    return f(a, b);`, `    return new X(a, b);`, `    return this.m(a, b);` → the arguments one per line. */
const returnCall: Rule = (line) => {
  const m = /^( +)(return (?:new )?[A-Za-z_$][A-Za-z0-9_$.]*(?:<[^()]*>)?)\((.*)\);$/.exec(line);
  if (!m) return undefined;
  const args = splitTop(m[3]!, ",");
  if (!args) return undefined;
  // The last argument an object, array or function literal would be hugged instead.
  const last = args[args.length - 1]!;
  if (/^[{[(]/.test(last) || last.includes("=>")) return undefined;
  const indent = `${m[1]}  `;
  return [`${m[1]}${m[2]}(`, ...args.map((a) => `${indent}${a},`), `${m[1]});`];
};

/** `    const x: T[] = [a];` → the element on its own line (then broken further if still too long). */
const arrayDeclaration: Rule = (line) => {
  const m = /^( +)(const [A-Za-z_$][A-Za-z0-9_$]*(?:: [A-Za-z0-9_$[\]<>]+)? = )\[(.*)\];$/.exec(line);
  if (!m) return undefined;
  const items = splitTop(m[3]!, ",");
  // Prettier fills a line with numbers or names; objects go one per line, which is what this knows.
  if (!items || !items.every((i) => i.startsWith("{ ") && i.endsWith(" }"))) return undefined;
  return [`${m[1]}${m[2]}[`, ...items.map((i) => `${m[1]}  ${i},`), `${m[1]}];`];
};

/** `      { a: 1, b: 2 },` (an array element) → one property per line. */
const objectElement: Rule = (line) => {
  const m = /^( +)\{ (.*) \}(,?)$/.exec(line);
  if (!m) return undefined;
  const props = splitTop(m[2]!, ",");
  if (!props) return undefined;
  const indent = `${m[1]}  `;
  return [`${m[1]}{`, ...props.map((p) => `${indent}${p},`), `${m[1]}}${m[3]}`];
};

/** `    params?: { readonly a: A; readonly b: B },` (a broken parameter) → the type literal one member per line. */
const objectTypeParam: Rule = (line) => {
  const m = /^( +)([A-Za-z_$][A-Za-z0-9_$]*\??): \{ (.*) \},$/.exec(line);
  if (!m) return undefined;
  const members = splitTop(m[3]!, ";");
  if (!members) return undefined;
  const indent = `${m[1]}  `;
  return [`${m[1]}${m[2]}: {`, ...members.map((p) => `${indent}${p};`), `${m[1]}},`];
};

/** `  get nav(): Generic<A, B> {` (no parameters) → the return type's type arguments one per line. */
const returnTypeArgs: Rule = (line) => {
  const m = GETTER_GENERIC.exec(line);
  if (!m) return undefined;
  const args = splitTop(m[3]!, ",");
  if (!args || (args.length < 2 && m[4] === " {")) return undefined;
  const indent = `${m[1]}  `;
  return [`${m[1]}${m[2]}<`, ...args.map((a, i) => `${indent}${a}${i === args.length - 1 ? "" : ","}`), `${m[1]}>${m[4]}`];
};

/** `  | (T & { a: A; b: B })` (a union member) → the object type one member per line. */
const intersectionMember: Rule = (line) => {
  const m = /^( +)\| \((.*) & \{ (.*) \}\)(;?)$/.exec(line);
  if (!m || splitTop(m[2]!, "|") === undefined) return undefined;
  const members = splitTop(m[3]!, ";");
  if (!members) return undefined;
  const indent = `${m[1]}    `;
  return [`${m[1]}| (${m[2]} & {`, ...members.map((p) => `${indent}${p};`), `${m[1]}  })${m[4]}`];
};

/** `  get name(): Type {`: nothing prettier can break; it stays as it is. */
const plainGetter: Rule = (line) => (PLAIN_GETTER.test(line) ? [line] : undefined);

/** `    params?: A | B,` (a broken parameter whose type is a union) → one member per line under the name. */
const unionParam: Rule = (line) => {
  const m = /^( +)([A-Za-z_$][A-Za-z0-9_$]*\??): (.*),$/.exec(line);
  if (!m) return undefined;
  const members = splitTop(m[3]!, "|");
  if (!members || members.length < 2) return undefined;
  // The union on the next line when it fits there, else one member per line.
  const oneLine = `${m[1]}  ${members.join(" | ")},`;
  if (oneLine.length <= PRINT_WIDTH) return [`${m[1]}${m[2]}:`, oneLine];
  return [`${m[1]}${m[2]}:`, ...members.map((t, i) => `${m[1]}  | ${t}${i === members.length - 1 ? "," : ""}`)];
};

/** `  | G<A, B>` (a union member) → the type arguments one per line. */
const genericMember: Rule = (line) => {
  const m = /^( +)\| ([A-Za-z_$][A-Za-z0-9_$]*)<(.*)>(;?)$/.exec(line);
  if (!m) return undefined;
  const args = splitTop(m[3]!, ",");
  if (!args || args.length < 2) return undefined;
  return [`${m[1]}| ${m[2]}<`, ...args.map((a, i) => `${m[1]}    ${a}${i === args.length - 1 ? "" : ","}`), `${m[1]}  >${m[4]}`];
};

/** `      | { a: A; b: B },` (a union member) → the object type one member per line. */
const objectMember: Rule = (line) => {
  const m = /^( +)\| \{ (.*) \}([,;]?)$/.exec(line);
  if (!m) return undefined;
  const members = splitTop(m[2]!, ";");
  if (!members) return undefined;
  return [`${m[1]}| {`, ...members.map((p) => `${m[1]}    ${p};`), `${m[1]}  }${m[3]}`];
};

/** `    "…",` (a string value on a line of its own, after `key:`): prettier never breaks a string. */
const loneString: Rule = (line) => (/^ +(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'),?$/.test(line) ? [line] : undefined);

/** `export interface X extends Y {`: prettier leaves a long interface head as it is. */
const interfaceHead: Rule = (line) =>
  EMPTY_INTERFACE.test(line) ? [line] : undefined;

/**
 * `  key: "value",` (an object literal property) → the value on the next line; after a key narrower than prettier's
 * tabWidth + 3 (`why: "…"`), prettier leaves the line as it is.
 */
const propertyValue: Rule = (line) => {
  const m = /^( +)([A-Za-z_$][A-Za-z0-9_$]*|"(?:[^"\\]|\\.)*"): ("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'),$/.exec(line);
  if (!m) return undefined;
  return m[2]!.length < 5 ? [line] : [`${m[1]}${m[2]}:`, `${m[1]}  ${m[3]},`];
};

/** `  key?: Type[];` (an interface property of a plain type): nothing prettier can break. */
const plainProperty: Rule = (line) =>
  /^ +(readonly )?(?:[A-Za-z_$][A-Za-z0-9_$]*|"[^"\\]*")\??: [A-Za-z0-9_$<>[\]]+;$/.test(line) ? [line] : undefined;

const RULES: readonly Rule[] = [
  templateLiteralLine,
  loneString,
  plainGetter,
  plainProperty,
  interfaceHead,
  interfaceHeritage,
  propertyObjectTypeArg,
  propertyTypeArgs,
  propertyValue,
  importList,
  typeAliasUnion,
  heritageTypeArgs,
  methodSignature,
  returnTypeArgs,
  returnCall,
  arrayDeclaration,
  propertyUnion,
  objectElement,
];
const INNER_RULES: readonly Rule[] = [
  enumTypeBody,
  loneString,
  objectTypeParam,
  unionParam,
  intersectionMember,
  genericMember,
  genericArgLine,
  objectMember,
  objectTypeLine,
  objectElement,
];

/** `  (typeof X)[keyof typeof X];` (an enum's type on the line after `=`): prettier leaves it long. */
function enumTypeBody(line: string): string[] | undefined {
  return /^ +\(typeof [A-Za-z_$][A-Za-z0-9_$]*\)\[keyof typeof [A-Za-z_$][A-Za-z0-9_$]*\];$/.test(line) ? [line] : undefined;
}

/**
 * Splits at a separator outside brackets, braces, parentheses, angle brackets and string literals; the parts are
 * trimmed. Undefined when the text does not balance (then no rule applies).
 */
export function splitTop(text: string, separator: "," | "|" | ";"): string[] | undefined {
  // Character codes, not one-character strings: this runs over every long line, character by character.
  const sep = separator.charCodeAt(0);
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE || c === BACKTICK) {
      const end = skipString(text, i);
      if (end < 0) return undefined;
      i = end;
    } else if (c === OPEN_PAREN || c === OPEN_BRACKET || c === OPEN_BRACE || c === LESS) depth++;
    else if (c === GREATER && text.charCodeAt(i - 1) === EQUALS) continue;
    else if (c === CLOSE_PAREN || c === CLOSE_BRACKET || c === CLOSE_BRACE || c === GREATER) {
      depth--;
      if (depth < 0) return undefined;
    } else if (c === sep && depth === 0) {
      if (sep === BAR && (text.charCodeAt(i + 1) === BAR || text.charCodeAt(i - 1) === BAR)) continue;
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (depth !== 0) return undefined;
  const last = text.slice(start).trim();
  if (last !== "") parts.push(last);
  return parts.length > 0 && parts.every((p) => p !== "") ? parts : undefined;
}

function skipString(text: string, open: number): number {
  const quote = text.charCodeAt(open);
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === quote) return i;
  }
  return -1;
}

const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKTICK = 0x60;
const BACKSLASH = 0x5c;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const LESS = 0x3c;
const GREATER = 0x3e;
const EQUALS = 0x3d;
const BAR = 0x7c;
