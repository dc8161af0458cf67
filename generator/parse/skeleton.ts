/**
 * The markup of a document without its long texts, for fast-xml-parser.
 *
 * fast-xml-parser builds some strings one character at a time: its validator every attribute value, its parser
 * every text between two tags. V8 keeps such a string as a chain of pieces until it is used, a few dozen bytes per
 * character, so one 52 MB description cost 1.8 GB and several seconds. Here each long attribute value and each long
 * text between two tags is replaced by a short placeholder before the text goes to fast-xml-parser, and the value
 * is taken back from the original text (trimmed, then its entities decoded, as the parser does) when the tree is
 * built: the parser only ever sees markup and short strings.
 *
 * fast-xml-parser also trims every attribute value (with JavaScript's trim, so U+FEFF, U+00A0 and the other Unicode
 * spaces too): `Name=" x"` would become `x` and `Version="4.0 "` pass for 4.0. XML keeps an attribute's value as it is,
 * so a value that starts or ends with such a character, however short, is replaced too and restored untrimmed.
 *
 * A placeholder keeps the newlines of what it replaces, so every line number stays; a position the validator reports
 * is mapped back to the original text (`locate`). A text the validator would look into (an `&` it refuses, text
 * that is not all XML whitespace outside the root) is left in place, so its verdict is the same. A placeholder is two
 * private-use characters the document holds nowhere, raw or as a character reference (a value that decoded to a
 * placeholder would be taken for another value). When no such pair is free, or a tag the scan cannot follow, the rest
 * of the text is left as it is.
 */

/** Attribute values and texts longer than this go to the parser as placeholders (Graph's longest is 849). */
export const LONG_TEXT = 4096;

/** The two characters of a placeholder: a pair of private-use characters the document never holds (see marks()). */
interface Marks {
  readonly open: string;
  readonly close: string;
  readonly token: RegExp;
}

/** The first pair of adjacent private-use characters (U+E000 on) that appears in the text neither raw nor as a reference. */
function marks(text: string): Marks | undefined {
  const used = new Set<number>();
  for (const m of text.matchAll(/[\uE000-\uF8FF]/g)) used.add(m[0].charCodeAt(0));
  for (const m of text.matchAll(/&#(x[0-9a-fA-F]+|[0-9]+);/g)) {
    const ref = m[1]!;
    used.add(ref[0] === "x" ? Number.parseInt(ref.slice(1), 16) : Number.parseInt(ref, 10));
  }
  for (let c = 0xe000; c < 0xf8ff; c += 2) {
    if (used.has(c) || used.has(c + 1)) continue;
    const open = String.fromCharCode(c);
    const close = String.fromCharCode(c + 1);
    return { open, close, token: new RegExp(`^${open}(\\d+)${close}$`) };
  }
  return undefined;
}
/** An `&` the validator accepts in text (fast-xml-parser's validateAmpersand). */
const BAD_AMPERSAND = /&(?!#[0-9]*;|#x[0-9a-fA-F]*;|\w{1,20};)/;
const XML_SPACE = /^[ \t\r\n]*$/;

interface Replacement {
  /** Where it starts in the original text and in the skeleton. */
  readonly from: number;
  readonly at: number;
  /** Lengths of the original and of the placeholder. */
  readonly length: number;
  readonly placed: number;
}

export interface Skeleton {
  /** The text for the parser: the original when nothing was long. */
  readonly text: string;
  /** A parsed attribute value or text: the original (trimmed, entities decoded) when it is a placeholder. */
  restore(value: string): string;
  /** The validator's line and column in `text`, as a line and column of the original text. */
  locate(line: number, column: number): { line: number; column: number };
  /** A validator message with the positions it quotes ("opened in line 4, col 3") mapped the same way. */
  message(text: string): string;
}

/** `decode` is the parser's entity decoder, applied to a restored value as the parser applies it to the others. */
export function skeletonOf(original: string, decode: (text: string) => string, limit = LONG_TEXT): Skeleton {
  const mark = marks(original);
  const spans = mark === undefined ? [] : longSpans(original, limit);
  if (mark === undefined || spans.length === 0) return { text: original, restore: (v) => v, locate: (line, column) => ({ line, column }), message: (m) => m };
  const parts: string[] = [];
  const replacements: Replacement[] = [];
  const values: (readonly [number, number, boolean])[] = [];
  let from = 0;
  let at = 0;
  for (const { start, end, kind } of spans) {
    parts.push(original.slice(from, start));
    at += start - from;
    const newlines = countNewlines(original, start, end);
    let placed: string;
    if (kind === "space") placed = "\n".repeat(newlines);
    else {
      placed = `${mark.open}${values.length}${mark.close}${"\n".repeat(newlines)}`;
      values.push([start, end, kind === "value"]);
    }
    parts.push(placed);
    replacements.push({ from: start, at, length: end - start, placed: placed.length });
    at += placed.length;
    from = end;
  }
  parts.push(original.slice(from));
  const text = parts.join("");
  const locate = (line: number, column: number): { line: number; column: number } => {
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    let lineStart = 0;
    for (let n = 1; n < line; n++) {
      const j = text.indexOf("\n", lineStart);
      if (j < 0) break;
      lineStart = j + 1;
    }
    const offset = bom + lineStart + column - 1;
    let mapped = offset;
    for (const r of replacements) {
      if (r.at > offset) break;
      mapped = offset < r.at + r.placed ? r.from : r.from + r.length + (offset - r.at - r.placed);
    }
    return positionIn(original, mapped - bom, bom);
  };
  return {
    text,
    restore(value) {
      if (value[0] !== mark.open) return value;
      const m = mark.token.exec(value);
      const span = m ? values[Number(m[1])] : undefined;
      if (span === undefined) return value;
      // As the parser: line ends normalised first (over the whole text), then a text trimmed, then entities decoded.
      const raw = original.slice(span[0], span[1]).replace(/\r\n?/g, "\n");
      return decode(span[2] ? raw.trim() : raw);
    },
    locate,
    message: (m) =>
      m.replace(/\bline (\d+), col (\d+)/g, (_, line: string, col: string) => {
        const p = locate(Number(line), Number(col));
        return `line ${p.line}, col ${p.column}`;
      }),
  };
}

function countNewlines(text: string, start: number, end: number): number {
  let n = 0;
  for (let j = text.indexOf("\n", start); j >= 0 && j < end; j = text.indexOf("\n", j + 1)) n++;
  return n;
}

/** Line and column (from 1) of an offset counted after a BOM of `bom` characters, as the validator counts them. */
function positionIn(text: string, offset: number, bom: number): { line: number; column: number } {
  let line = 1;
  let lineStart = bom;
  for (let j = text.indexOf("\n", bom); j >= 0 && j < offset + bom; j = text.indexOf("\n", j + 1)) {
    line++;
    lineStart = j + 1;
  }
  return { line, column: offset + bom - lineStart + 1 };
}

interface Span {
  readonly start: number;
  readonly end: number;
  /** A text kept for the tree (trimmed), an attribute value (as it is), or XML whitespace the parser drops. */
  readonly kind: "value" | "attribute" | "space";
}

const QUOTE_OR_END = /["'>]/g;

/**
 * The long quoted attribute values and the long texts between two tags, in document order. The scan follows the
 * validator: a tag runs to the first `>` outside quotes; comments, CDATA sections and processing instructions are
 * skipped, and a text next to one is left alone (the parser joins texts around them).
 */
function longSpans(text: string, limit: number): Span[] {
  const spans: Span[] = [];
  let tagEnd = -1; // just after the `>` of the last start or end tag, when nothing but text followed it
  let i = text.indexOf("<");
  while (i >= 0) {
    if (text.startsWith("<!--", i)) i = past(text, i, "-->");
    else if (text.startsWith("<![CDATA[", i)) i = past(text, i, "]]>");
    else if (text.startsWith("<?", i)) i = past(text, i, "?>");
    else if (text.startsWith("<!", i)) i = past(text, i, ">");
    else {
      if (tagEnd >= 0 && i - tagEnd > limit) {
        const run = text.slice(tagEnd, i);
        if (XML_SPACE.test(run)) spans.push({ start: tagEnd, end: i, kind: "space" });
        else if (run.trim() !== "" && !BAD_AMPERSAND.test(run)) spans.push({ start: tagEnd, end: i, kind: "value" });
      }
      // The name runs to white space or `>`; a quote in it would make the validator pair quotes differently.
      let j = i + 1;
      while (j < text.length && !" \t\n\r>".includes(text[j]!)) {
        if (text[j] === '"' || text[j] === "'") return spans;
        j++;
      }
      let closed = false;
      for (;;) {
        QUOTE_OR_END.lastIndex = j;
        const m = QUOTE_OR_END.exec(text);
        if (m === null) return spans;
        if (m[0] === ">") {
          j = m.index + 1;
          closed = true;
          break;
        }
        const close = text.indexOf(m[0], m.index + 1);
        if (close < 0) return spans;
        if (close - m.index - 1 > limit || (close > m.index + 1 && (trimmed(text, m.index + 1) || trimmed(text, close - 1)))) {
          spans.push({ start: m.index + 1, end: close, kind: "attribute" });
        }
        j = close + 1;
      }
      if (!closed) return spans;
      tagEnd = j;
      i = text.indexOf("<", j);
      continue;
    }
    tagEnd = -1;
    if (i < 0) break;
    i = text.indexOf("<", i);
  }
  return spans;
}

/** Whether JavaScript's trim (which fast-xml-parser applies to attribute values) removes the character at `i`. */
function trimmed(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c <= 0x20 || c === 0xa0 || c === 0xfeff || (c >= 0x1680 && text[i]!.trim() === "");
}

function past(text: string, from: number, end: string): number {
  const j = text.indexOf(end, from);
  return j < 0 ? -1 : j + end.length;
}
