/**
 * Where a document that failed to parse goes wrong, when the parser does not say: a scan of the raw text for the
 * structural problems fast-xml-parser reports without a position (or at 1:1), put in words. Run only after a
 * failure, so a good document pays nothing for it.
 *
 * - the document ends inside an element, a start tag, a comment, a CDATA section or a processing instruction;
 * - elements nest deeper than the parser allows;
 * - an element or attribute is named `__proto__`, `constructor` or `prototype`, names the parser refuses (a name it
 *   stored as an object key could otherwise reach an object's prototype).
 */

/** The names fast-xml-parser refuses as element and attribute names. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Open elements the parser allows at once (fast-xml-parser's `maxNestedTags`, 100 below the root). */
export const MAX_OPEN_ELEMENTS = 101;

export interface LocatedProblem {
  /** Offset in the text the problem is reported at. */
  readonly offset: number;
  /** Words; positions in it are given by `at` (line:column). */
  readonly message: string;
}

interface Open {
  readonly tag: string;
  readonly nameAttr: string | undefined;
  readonly offset: number;
}

const NAME = /[^\s/>=]+/y;
const ATTRIBUTE = /\s*([^\s/>=]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|[^\s>]*))?/y;

/**
 * The first problem of the kinds above, or undefined when the scan finds none of them. `at` turns an offset into
 * `line:column`, as the diagnostics give it.
 */
export function locateProblem(text: string, at: (offset: number) => string): LocatedProblem | undefined {
  const stack: Open[] = [];
  const end = endOfContent(text);
  const endsInside = (what: string, offset: number): LocatedProblem => ({
    offset: end,
    message: `the document ends inside ${what} opened at ${at(offset)}; it is cut short`,
  });
  let i = text.indexOf("<");
  while (i >= 0) {
    if (text.startsWith("<!--", i)) {
      const j = text.indexOf("-->", i + 4);
      if (j < 0) return endsInside("a comment", i);
      i = j + 3;
    } else if (text.startsWith("<![CDATA[", i)) {
      const j = text.indexOf("]]>", i + 9);
      if (j < 0) return endsInside("a CDATA section", i);
      i = j + 3;
    } else if (text.startsWith("<?", i)) {
      const j = text.indexOf("?>", i + 2);
      if (j < 0) return endsInside(/^<\?xml\s/.test(text.slice(i, i + 6)) ? "the XML declaration" : "a processing instruction", i);
      i = j + 2;
    } else if (text.startsWith("<!", i)) {
      const j = text.indexOf(">", i + 2);
      if (j < 0) return endsInside("a declaration", i);
      i = j + 1;
    } else if (text.startsWith("</", i)) {
      const j = text.indexOf(">", i + 2);
      if (j < 0) return endsInside("an end tag", i);
      NAME.lastIndex = i + 2;
      const name = NAME.exec(text)?.[0];
      // Pop to the matching element; a mismatch is the parser's to report (it gives the position).
      const k = stack.map((o) => o.tag).lastIndexOf(name ?? "");
      if (k >= 0) stack.length = k;
      i = j + 1;
    } else {
      NAME.lastIndex = i + 1;
      const tag = NAME.exec(text)?.[0];
      if (tag === undefined) {
        i = text.indexOf("<", i + 1);
        continue;
      }
      if (RESERVED_NAMES.has(tag)) return reserved("element", tag, i + 1);
      // The tag's end: the first `>` outside a quoted value.
      const close = tagEnd(text, i + 1 + tag.length);
      if (close < 0) return endsInside(`the start tag <${tag}>`, i);
      const selfClosing = text[close - 1] === "/";
      let nameAttr: string | undefined;
      ATTRIBUTE.lastIndex = i + 1 + tag.length;
      for (let m = ATTRIBUTE.exec(text); m !== null && m[0] !== "" && m.index < close; m = ATTRIBUTE.exec(text)) {
        const attr = m[1]!;
        if (RESERVED_NAMES.has(attr)) return reserved("attribute", attr, m.index + m[0].indexOf(attr));
        if (attr === "Name") nameAttr = m[2] ?? m[3];
      }
      if (!selfClosing) {
        stack.push({ tag, nameAttr, offset: i });
        if (stack.length > MAX_OPEN_ELEMENTS) {
          return {
            offset: i,
            message: `elements nest more than ${MAX_OPEN_ELEMENTS - 1} levels deep here (${describe(tag, nameAttr)}); a CSDL document needs far fewer`,
          };
        }
      }
      i = close + 1;
    }
    i = text.indexOf("<", i);
  }
  const open = stack.at(-1);
  if (open === undefined) return undefined;
  const outer = stack.length > 1 ? `; ${stack.length} elements are still open, the outermost ${describe(stack[0]!.tag, stack[0]!.nameAttr)}` : "";
  return {
    offset: end,
    message: `the document ends inside ${describe(open.tag, open.nameAttr)} opened at ${at(open.offset)}${outer}; it is cut short, or an end tag is missing`,
  };
}

function reserved(kind: "element" | "attribute", name: string, offset: number): LocatedProblem {
  return {
    offset,
    message: `the ${kind} name ${name} is refused: __proto__, constructor and prototype are names JavaScript objects reserve, and CSDL uses none of them`,
  };
}

/** `<EntityType Name="Message">`, its Name cut to 80 characters. */
function describe(tag: string, nameAttr: string | undefined): string {
  if (nameAttr === undefined) return `<${tag}>`;
  const cut = nameAttr.length > 80 ? `${nameAttr.slice(0, 79)}…` : nameAttr;
  // Control, format (bidi, zero-width) and separator characters are shown escaped, never raw in a message.
  const name = cut.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}"]/gu, (c) => (c === '"' ? "&quot;" : `\\u{${c.codePointAt(0)!.toString(16)}}`));
  return `<${tag} Name="${name}">`;
}

/** The offset just after the document's last character that is not white space. */
function endOfContent(text: string): number {
  let e = text.length;
  while (e > 0 && /\s/.test(text[e - 1]!)) e--;
  return e;
}

/** The offset of the `>` that ends a tag, skipping quoted values; -1 when the text ends first. */
function tagEnd(text: string, from: number): number {
  let quote = "";
  for (let k = from; k < text.length; k++) {
    const c = text[k]!;
    if (quote !== "") {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return k;
  }
  return -1;
}

/**
 * The document's DOCTYPE declaration, if it has one: `<!DOCTYPE` as markup, not inside a comment, a CDATA section, a
 * processing instruction or an attribute value. `text` is the declaration, its internal subset included.
 */
export function findDoctype(text: string): { offset: number; text: string } | undefined {
  let i = text.indexOf("<");
  while (i >= 0) {
    let next: number;
    if (text.startsWith("<!--", i)) next = afterOr(text, i + 4, "-->");
    else if (text.startsWith("<![CDATA[", i)) next = afterOr(text, i + 9, "]]>");
    else if (text.startsWith("<?", i)) next = afterOr(text, i + 2, "?>");
    else if (/^<!DOCTYPE/i.test(text.slice(i, i + 9))) return { offset: i, text: text.slice(i, doctypeEnd(text, i)) };
    else {
      const close = tagEnd(text, i + 1);
      next = close < 0 ? text.length : close + 1;
    }
    i = text.indexOf("<", next);
  }
  return undefined;
}

function afterOr(text: string, from: number, end: string): number {
  const j = text.indexOf(end, from);
  return j < 0 ? text.length : j + end.length;
}

/** The end of a DOCTYPE declaration: past its internal subset (`[…]`) when it has one. */
function doctypeEnd(text: string, from: number): number {
  const close = tagEnd(text, from + 9);
  const bracket = text.indexOf("[", from);
  if (bracket >= 0 && (close < 0 || bracket < close)) {
    const j = text.indexOf("]", bracket);
    const k = j < 0 ? -1 : text.indexOf(">", j);
    return k < 0 ? text.length : k + 1;
  }
  return close < 0 ? text.length : close + 1;
}
