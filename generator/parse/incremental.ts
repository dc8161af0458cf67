/**
 * Parse stage, incrementally: for a long-lived caller (codegen --watch) that parses new versions of the same
 * document. The text is cut into the top-level elements of each Schema (entity types, complex types, operations,
 * the container, annotations, …) and the rest (the skeleton); each piece is parsed on its own, and a piece whose text
 * was parsed before is taken from the cache, its positions shifted to where it now stands. The result is the tree
 * parseXml gives for the whole text (a test compares them); whenever anything is not plainly well formed, the whole
 * text goes to parseXml, so diagnostics are always the ones it reports.
 *
 * Pure: the cache comes in, and the pieces this text used come out as the next cache.
 */
import { parseXml, startTagOffsets, type ParsedXml, type XmlElement } from "./xml.js";

/** Piece text → its parsed element, positions relative to the piece (line 1, column 1 at its `<`). */
export type PieceCache = ReadonlyMap<string, XmlElement>;

export interface IncrementalParse {
  readonly parsed: ParsedXml;
  /** The pieces of this text: pass it to the next call. */
  readonly cache: PieceCache;
  /** How many pieces were parsed afresh (the rest came from the cache); undefined when the whole text was parsed. */
  readonly fresh?: number;
}

interface Piece {
  readonly start: number;
  readonly end: number;
  /** Ordinal of the Schema element it belongs to. */
  readonly schema: number;
}

const localName = (tag: string): string => {
  const i = tag.indexOf(":");
  return i < 0 ? tag : tag.slice(i + 1);
};

/** The top-level elements of each Schema, found by a scan of the tags; undefined when the text is not plain enough. */
export function schemaPieces(text: string): Piece[] | undefined {
  const pieces: Piece[] = [];
  const stack: string[] = [];
  let schemas = -1;
  let pieceStart = -1;
  let i = text.indexOf("<");
  while (i >= 0) {
    if (text.startsWith("<!--", i)) i = after(text, i, "-->");
    else if (text.startsWith("<![CDATA[", i)) i = after(text, i, "]]>");
    else if (text.startsWith("<?", i)) i = after(text, i, "?>");
    else if (text.startsWith("<!", i)) return undefined; // a DOCTYPE or other declaration: leave it to parseXml
    else {
      const close = tagEnd(text, i);
      if (close < 0) return undefined;
      if (text[i + 1] === "/") {
        if (stack.length === 0) return undefined;
        stack.pop();
        if (stack.length === 3 && pieceStart >= 0) {
          pieces.push({ start: pieceStart, end: close + 1, schema: schemas });
          pieceStart = -1;
        }
      } else {
        TAG_NAME.lastIndex = i + 1;
        const name = localName(TAG_NAME.exec(text)?.[0] ?? "");
        const selfClosing = text[close - 1] === "/";
        const depth = stack.length;
        if (depth === 2 && name === "Schema" && stack[1] === "DataServices") schemas++;
        const inSchema = depth === 3 && stack[2] === "Schema" && stack[1] === "DataServices";
        if (inSchema) {
          if (selfClosing) pieces.push({ start: i, end: close + 1, schema: schemas });
          else pieceStart = i;
        }
        if (!selfClosing) stack.push(name);
      }
      i = close + 1;
    }
    if (i < 0 || i > text.length) return undefined;
    i = text.indexOf("<", i);
  }
  return stack.length === 0 ? pieces : undefined;
}

function after(text: string, from: number, end: string): number {
  const j = text.indexOf(end, from);
  return j < 0 ? -1 : j + end.length;
}

const TAG_NAME = /[^\s/>]+/y;
/** A whole tag: quoted attribute values may hold `>`, nothing may hold `<`. */
const TAG = /<[^<>"']*(?:(?:"[^"<]*"|'[^'<]*')[^<>"']*)*>/y;

/** The `>` that ends the tag starting at `from`, skipping quoted attribute values; -1 when there is none. */
function tagEnd(text: string, from: number): number {
  TAG.lastIndex = from;
  return TAG.exec(text) === null ? -1 : TAG.lastIndex - 1;
}

/**
 * Whether only XML white space stands between `at` and the nearest markup in `direction` (a `>` before it, a `<` after
 * it), or `limit`.
 */
function spaceOnly(text: string, at: number, direction: 1 | -1, limit: number): boolean {
  let k = direction === 1 ? at : at - 1;
  for (; direction === 1 ? k < limit : k >= limit; k += direction) {
    const c = text.charCodeAt(k);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return c === (direction === 1 ? 0x3c : 0x3e);
  }
  return true;
}

/** Line and column (from 1) of each offset, the offsets ascending, in one pass over the text. */
function positionsOf(text: string, offsets: readonly number[]): { line: number; column: number }[] {
  const out: { line: number; column: number }[] = [];
  let line = 1;
  let lineStart = 0;
  let j = text.indexOf("\n");
  for (const offset of offsets) {
    while (j >= 0 && j < offset) {
      line++;
      lineStart = j + 1;
      j = text.indexOf("\n", j + 1);
    }
    out.push({ line, column: offset - lineStart + 1 });
  }
  return out;
}

/** The element with every position moved down `lines` and, on its first line, right `columns`. */
function shifted(el: XmlElement, lines: number, columns: number): XmlElement {
  if (lines === 0 && columns === 0) return el;
  return {
    ...el,
    line: el.line + lines,
    column: el.line === 1 ? el.column + columns : el.column,
    children: el.children.map((c) => shifted(c, lines, columns)),
  };
}

/** parseXml(text, file), reusing the pieces `cache` holds. */
export function parseXmlIncremental(text: string, file: string, cache: PieceCache = new Map()): IncrementalParse {
  return parsePieces(text, file, cache);
}

/**
 * parseXml(text, file) for a text parsed once: each piece is parsed where it stands and none is kept, so that
 * fast-xml-parser's tree of one piece is garbage before the next is parsed (parseXml holds its tree of the whole
 * document beside the elements made from it, about as large again).
 */
export function parseXmlInPieces(text: string, file: string): ParsedXml {
  return parsePieces(text, file, undefined).parsed;
}

/** Without a cache, pieces are placed where they stand as they are parsed, and none is kept for a next text. */
function parsePieces(text: string, file: string, given: PieceCache | undefined): IncrementalParse {
  const cache = given ?? new Map<string, XmlElement>();
  // The whole text through parseXml; the pieces known so far stay for the next (likely mended) text.
  const whole = (): IncrementalParse => ({ parsed: parseXml(text, file), cache });
  const pieces = schemaPieces(text);
  if (pieces === undefined || pieces.length === 0) return whole();

  // Where each piece starts (line, column).
  const starts = positionsOf(text, pieces.map((p) => p.start));

  // The skeleton: the text without its pieces, parsed on its own; its few elements (Edmx, DataServices, the Schemas,
  // the References) are then placed where their start tags stand in the text. (A skeleton that kept each piece as
  // blank lines, to keep the positions, was as long as the document for the parser and its validator to walk.)
  const parts: string[] = [];
  /** Where each piece was, in the skeleton's text, and how many characters of the text were left out up to it. */
  const cuts: { readonly at: number; readonly removed: number }[] = [];
  let from = 0;
  let length = 0;
  let removed = 0;
  for (const [n, p] of pieces.entries()) {
    // A piece stands between markup and markup, or XML white space: taken out, it leaves no text joined to other text.
    if (!spaceOnly(text, p.start, -1, from) || !spaceOnly(text, p.end, 1, pieces[n + 1]?.start ?? text.length)) return whole();
    parts.push(text.slice(from, p.start));
    length += p.start - from;
    removed += p.end - p.start;
    cuts.push({ at: length, removed });
    from = p.end;
  }
  parts.push(text.slice(from));
  const skeletonText = parts.join("");
  const skeleton = parseXml(skeletonText, file);
  if (skeleton.root === undefined || skeleton.diagnostics.length > 0) return whole();
  let cut = -1;
  const skeletonStarts = positionsOf(
    text,
    startTagOffsets(skeletonText).map((offset) => {
      while (cut + 1 < cuts.length && cuts[cut + 1]!.at <= offset) cut++;
      return offset + (cut < 0 ? 0 : cuts[cut]!.removed);
    }),
  );
  let ordinal = 0;
  const place = (el: XmlElement): XmlElement => {
    const at = skeletonStarts[ordinal++];
    if (at === undefined) return el;
    return { ...el, line: at.line, column: at.column, children: el.children.map(place) };
  };
  const skeletonRoot = place(skeleton.root);

  const next = new Map<string, XmlElement>();
  const bySchema: XmlElement[][] = [];
  let fresh = 0;
  for (const [n, p] of pieces.entries()) {
    const pieceText = text.slice(p.start, p.end);
    const { line: pieceLine, column } = starts[n]!;
    if (given === undefined) {
      const parsed = parseXml(pieceText, file, undefined, { line: pieceLine, column });
      if (parsed.root === undefined || parsed.diagnostics.length > 0) return whole();
      fresh++;
      (bySchema[p.schema] ??= []).push(parsed.root);
      continue;
    }
    let el = next.get(pieceText) ?? cache.get(pieceText);
    if (el === undefined) {
      const parsed = parseXml(pieceText, file);
      if (parsed.root === undefined || parsed.diagnostics.length > 0) return whole();
      el = parsed.root;
      fresh++;
    }
    next.set(pieceText, el);
    (bySchema[p.schema] ??= []).push(shifted(el, pieceLine - 1, column - 1));
  }

  // Put the pieces back into their Schema elements (which the skeleton gives empty).
  const root = skeletonRoot;
  let schemaOrdinal = -1;
  let consistent = true;
  const children = root.children.map((ds) => {
    if (ds.name !== "DataServices") return ds;
    return {
      ...ds,
      children: ds.children.map((s) => {
        if (s.name !== "Schema") return s;
        schemaOrdinal++;
        if (s.children.length > 0) consistent = false;
        return { ...s, children: bySchema[schemaOrdinal] ?? [] };
      }),
    };
  });
  if (!consistent || bySchema.length > schemaOrdinal + 1) return whole();
  return { parsed: { root: { ...root, children }, diagnostics: [] }, cache: next, fresh };
}
