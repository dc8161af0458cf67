/**
 * Metadata bytes → text, in the encoding the document says it has (XML 1.0, appendix F):
 *
 * 1. A byte order mark decides: UTF-8, UTF-16 LE or UTF-16 BE. (UTF-32 is refused: nothing here decodes it.)
 * 2. Without one, the first bytes tell UTF-16 (`<` as 3C 00 or 00 3C) from an ASCII-compatible encoding.
 * 3. An ASCII-compatible document is read in the encoding its XML declaration names (`encoding="ISO-8859-1"`); a URL's
 *    Content-Type charset counts when the document declares none. Neither: UTF-8.
 *
 * Practical departures from the letter of the specifications, each for documents met in the wild:
 * - The declaration wins over a URL's charset (RFC 7303 puts the charset first): servers send `charset=utf-8` as a
 *   default for whatever file they serve, while the declaration was written with the bytes. When the bytes are not
 *   valid in the declared encoding but are in the charset's, the charset is used (a server that re-encoded).
 * - A document that declares UTF-16 but whose bytes are plainly ASCII-compatible (no byte order mark, no zero bytes;
 *   .NET writes such files) is read as UTF-8.
 * - The byte order mark wins over a declaration that contradicts it.
 * - Labels are resolved as TextDecoder (the WHATWG Encoding standard) resolves them: ISO-8859-1 and Latin-1 are read as
 *   windows-1252, as browsers read them (the two differ only in 0x80–0x9F, control characters in ISO-8859-1). US-ASCII
 *   is checked strictly: a byte above 0x7F is an error.
 *
 * Bytes that are not valid in the chosen encoding, and an encoding that is unknown or cannot be decoded, are
 * reported with the line and column where they stand, never replaced by U+FFFD. The byte order mark is not part of
 * the text, so columns on the first line count from the first character.
 */

export type Decoded =
  | { readonly ok: true; readonly text: string; readonly encoding: string }
  | { readonly ok: false; readonly code: "encoding-unsupported" | "encoding-invalid"; readonly message: string; readonly line: number; readonly column: number };

type Family = "utf-8" | "utf-16le" | "utf-16be" | "ascii";

const ASCII_LABELS = new Set(["us-ascii", "ascii", "us", "iso646-us", "ansi_x3.4-1968", "ansi_x3.4-1986", "iso-ir-6", "cp367", "ibm367", "csascii", "iso_646.irv:1991"]);

/** Where the encoding was named, for messages. */
type Why = "bom" | "pattern" | "declaration" | "charset" | "default" | "not-utf-16";

const BECAUSE: Readonly<Record<Why, string>> = {
  bom: "as its byte order mark says",
  pattern: "as its first bytes show",
  declaration: "as its XML declaration says",
  charset: "as the server's Content-Type charset says",
  default: "no encoding is declared, so UTF-8 is assumed",
  "not-utf-16": "it declares UTF-16, but its bytes are not, so UTF-8 is assumed",
};

/**
 * Decodes a metadata document. `charset` is the charset parameter of a URL's Content-Type, if any.
 */
export function decodeMetadata(bytes: Uint8Array, charset?: string): Decoded {
  const start = familyOf(bytes);
  if ("unsupported" in start) return { ok: false, code: "encoding-unsupported", message: start.unsupported, line: 1, column: 1 };
  const { family, skip } = start;
  const body = bytes.subarray(skip);
  if (family === "utf-16le" || family === "utf-16be") return decodeWith(body, family, start.why);
  if (family === "utf-8" && skip > 0) return decodeWith(body, "utf-8", "bom");

  // ASCII-compatible: the declaration, then the charset, then UTF-8.
  const declared = declaredEncoding(body);
  const fromCharset = charset !== undefined && charset.trim() !== "" ? resolve(charset) : undefined;
  if (declared !== undefined) {
    const resolved = resolve(declared.label);
    if (resolved === undefined) {
      return {
        ok: false,
        code: "encoding-unsupported",
        message: `the document declares encoding="${shown(declared.label)}", which codegen cannot decode; save it as UTF-8 (and declare encoding="UTF-8")`,
        line: 1,
        column: declared.column,
      };
    }
    // Declared UTF-16 while the bytes are plainly not: read as UTF-8.
    const encoding = resolved.startsWith("utf-16") ? "utf-8" : resolved;
    const first = decodeWith(body, encoding, resolved.startsWith("utf-16") ? "not-utf-16" : "declaration");
    if (!first.ok && fromCharset !== undefined && fromCharset !== encoding && !fromCharset.startsWith("utf-16")) {
      const second = decodeWith(body, fromCharset, "charset");
      if (second.ok) return second;
    }
    return first;
  }
  if (charset !== undefined && charset.trim() !== "") {
    if (fromCharset === undefined) {
      return {
        ok: false,
        code: "encoding-unsupported",
        message: `the server sent the document as charset=${shown(charset)}, which codegen cannot decode, and the document declares no encoding`,
        line: 1,
        column: 1,
      };
    }
    return decodeWith(body, fromCharset.startsWith("utf-16") ? "utf-8" : fromCharset, fromCharset.startsWith("utf-16") ? "not-utf-16" : "charset");
  }
  return decodeWith(body, "utf-8", "default");
}

/** The byte order mark or byte pattern's verdict, and how many bytes of BOM to skip. */
function familyOf(bytes: Uint8Array): { family: Family; skip: number; why: Why } | { unsupported: string } {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if ((b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) || (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0)) {
    return { unsupported: "the document is UTF-32 (its byte order mark says so), which codegen cannot decode; save it as UTF-8" };
  }
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { family: "utf-8", skip: 3, why: "bom" };
  if (b0 === 0xfe && b1 === 0xff) return { family: "utf-16be", skip: 2, why: "bom" };
  if (b0 === 0xff && b1 === 0xfe) return { family: "utf-16le", skip: 2, why: "bom" };
  if ((b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0 && b3 !== undefined) || (b0 !== 0 && b0 !== undefined && b1 === 0 && b2 === 0 && b3 === 0)) {
    return { unsupported: "the document looks like UTF-32 (three zero bytes to each character), which codegen cannot decode; save it as UTF-8" };
  }
  if (b0 === 0x4c && b1 === 0x6f && b2 === 0xa7 && b3 === 0x94) {
    return { unsupported: "the document looks like EBCDIC (its first bytes are `<?xm` in EBCDIC), which codegen cannot decode; save it as UTF-8" };
  }
  if (b0 !== undefined && b0 !== 0 && b1 === 0 && b3 === 0 && b2 !== 0) return { family: "utf-16le", skip: 0, why: "pattern" };
  if (b0 === 0 && b1 !== undefined && b1 !== 0 && b2 === 0) return { family: "utf-16be", skip: 0, why: "pattern" };
  return { family: "ascii", skip: 0, why: "default" };
}

/** The `encoding` of an XML declaration at the very start, with the column its value starts at. */
function declaredEncoding(bytes: Uint8Array): { label: string; column: number } | undefined {
  const head = Buffer.from(bytes.subarray(0, 512)).toString("latin1");
  const m = /^<\?xml[ \t\r\n][^>]*?\bencoding[ \t\r\n]*=[ \t\r\n]*(["'])([^"'>]*)\1/.exec(head);
  if (m === null) return undefined;
  return { label: m[2]!, column: m.index + m[0].length - m[2]!.length };
}

/** The canonical name TextDecoder knows an encoding label by, "us-ascii" for ASCII, or undefined when it knows none. */
function resolve(label: string): string | undefined {
  const l = label.trim().toLowerCase();
  if (ASCII_LABELS.has(l)) return "us-ascii";
  try {
    const encoding = new TextDecoder(l).encoding;
    return encoding === "replacement" ? undefined : encoding;
  } catch {
    return undefined;
  }
}

function decodeWith(bytes: Uint8Array, encoding: string, why: Why): Decoded {
  const name = encoding === "us-ascii" ? "US-ASCII" : encoding.toUpperCase().replace(/^UTF-16(LE|BE)$/, "UTF-16 $1");
  if (encoding === "us-ascii") {
    const bad = bytes.findIndex((b) => b > 0x7f);
    if (bad < 0) return { ok: true, text: Buffer.from(bytes).toString("latin1"), encoding };
    return invalid(Buffer.from(bytes.subarray(0, bad)).toString("latin1"), bytes[bad]!, name, why);
  }
  if (encoding === "windows-1252") return { ok: true, text: windows1252(bytes), encoding };
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, text, encoding };
  } catch {
    // Where: the longest prefix that decodes (a streaming decoder keeps an unfinished sequence back rather than fail).
    const ok = (n: number): boolean => {
      try {
        new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, n), { stream: true });
        return true;
      } catch {
        return false;
      }
    };
    let lo = 0;
    let hi = bytes.length;
    if (ok(hi)) {
      // Every prefix decodes: the document ends inside a character.
      const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes, { stream: true });
      return { ok: false, code: "encoding-invalid", message: `the document ends inside a character: its last bytes are not complete ${name}${source(why)}`, ...lineColumn(text) };
    }
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (ok(mid)) lo = mid;
      else hi = mid;
    }
    // bytes[hi - 1] makes the prefix fail; the sequence it ends began at most 3 bytes before it, where the last
    // complete decode stops.
    let from = hi - 1;
    for (let k = hi - 1; k >= Math.max(0, hi - 4); k--) {
      try {
        new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, k));
        from = k;
        break;
      } catch {
        // not complete here: the sequence began earlier
      }
    }
    const before = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(0, from));
    return invalid(before, bytes[from]!, name, why);
  }
}

/** 0x80–0x9F in windows-1252 (WHATWG's table: the five bytes it leaves undefined stay the C1 controls of their value). */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

/**
 * windows-1252, by hand: Node's TextDecoder (up to Node 22, at least) decodes the label as ISO-8859-1 and so gets
 * 0x80–0x9F wrong. Every byte has a character; nothing is invalid.
 */
function windows1252(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return /[\u0080-\u009f]/.test(text) ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!) : text;
}

function invalid(before: string, byte: number, name: string, why: Why): Decoded {
  const hint =
    why === "default"
      ? ': save the document as UTF-8, or declare its encoding (<?xml version="1.0" encoding="windows-1252"?>, for instance)'
      : "";
  return {
    ok: false,
    code: "encoding-invalid",
    message: `byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")} is not valid ${name}${source(why)}${hint}`,
    ...lineColumn(before),
  };
}

function source(why: Why): string {
  return why === "default" || why === "not-utf-16" ? `; ${BECAUSE[why]}` : ` (${BECAUSE[why]})`;
}

/** The line and column just after `text`. */
function lineColumn(text: string): { line: number; column: number } {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) line++;
  return { line, column: text.length - (text.lastIndexOf("\n") + 1) + 1 };
}

/** A label from the document or a header, safe to quote: printable ASCII, at most 40 characters. */
function shown(label: string): string {
  const clean = label.replace(/[^\x20-\x7e]/g, "?");
  return clean.length > 40 ? `${clean.slice(0, 39)}…` : clean;
}
