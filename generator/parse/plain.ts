/**
 * A fast path for the common case: a document in plain markup.
 *
 * Before fast-xml-parser parses a document, parseXml looks for a DTD, cuts out the long texts (skeleton.ts), has
 * fast-xml-parser's validator check it and finds every start tag: five passes over the text, the validator's the
 * slowest (it builds each tag's attributes a character at a time). For a document in plain markup one pass here
 * answers all of them: it has no DTD, no text the skeleton would cut, the validator accepts it, and the start tags are
 * where this pass found them.
 *
 * Plain markup is a strict subset of what the validator accepts: an optional `<?xml ` declaration at the very start;
 * one root element; ASCII names; attributes `name="value"` or `name='value'`, each after white space, no name twice;
 * end tags that match; comments and CDATA sections; `&` only as a reference the validator accepts; outside the root
 * only white space and comments. Anything else (a DOCTYPE, a processing instruction, a long value, a mistake) is
 * not plain, and the document takes the full path, which reports exactly what it reported before this one existed.
 * What this accepts must stay inside what the validator accepts: tighten it freely, never loosen it without reading
 * fast-xml-parser's validator.js.
 */

/** XML white space as the validator counts it (JavaScript's \s holds more). */
const SPACE = /[ \t\r\n]*/y;
/** An ASCII name: a subset of the validator's isName. */
const NAME = /[A-Za-z_:][\w.:-]*/y;
/**
 * One attribute after its tag's name or the previous attribute: white space, name, `=`, up to the quoted value that
 * must follow (looked at, not taken: the value is measured where it stands). A `<` in a value is left to the full
 * path: its scan of start tags (startTagOffsets) would count it as one.
 */
const ATTRIBUTE = /[ \t\r\n]+([A-Za-z_:][\w.:-]*)[ \t\r\n]*=[ \t\r\n]*(?="[^"<]*"|'[^'<]*')/y;
/** An XML declaration at the start of the text: `<?xml`, pseudo-attributes, `?>`. */
const DECLARATION = /<\?xml(?:[ \t\r\n]+[A-Za-z]+[ \t\r\n]*=[ \t\r\n]*(?:"[^"<>?]*"|'[^'<>?]*'))*[ \t\r\n]*\?>/y;
/** The `&` the validator refuses in text (its validateAmpersand), as skeleton.ts's BAD_AMPERSAND. */
const BAD_AMPERSAND = /&(?!#[0-9]*;|#x[0-9a-fA-F]*;|\w{1,20};)/;
const NOT_SPACE = /[^ \t\r\n]/;

/**
 * What one pass over plain markup finds: its start tags, and each one's attributes as written (names and raw values,
 * neither line ends normalised nor entities decoded).
 */
export interface PlainMarkup {
  /** The offset of each start tag, in document order. */
  readonly starts: number[];
  /** Name, raw value, name, raw value, … of every attribute of every start tag, in document order. */
  readonly attributes: string[];
  /** Where the n-th start tag's attributes begin in `attributes` (one more entry, at the end, for the last one's end). */
  readonly attributesFrom: number[];
}

/**
 * Names fast-xml-parser refuses as attribute names (its criticalProperties): plain markup leaves them to the full
 * path, where the parser's refusal is reported as it always was.
 */
const REFUSED_NAMES: readonly string[] = ["__proto__", "constructor", "prototype"];

/**
 * Attribute names as V8 keeps property names: one string per name, in its table of unique strings, so that the model's
 * `attributes.get("Name")` compares them by reference. A name cut from the text is a new string each time, compared
 * character by character (fast-xml-parser's names were unique because it used them as an object's keys; making a
 * key of a name is how one gets the unique string here, once per name).
 */
const internedNames = new Map<string, string>();
function interned(name: string): string {
  let unique = internedNames.get(name);
  if (unique === undefined) {
    unique = Object.keys({ [name]: 0 })[0]!;
    // Bounded: a hostile document may use any number of names.
    if (internedNames.size < 10_000) internedNames.set(unique, unique);
  }
  return unique;
}

/**
 * The start tags and attributes of `text` (see PlainMarkup) when it is plain markup with no attribute value or text
 * longer than `limit` (nor a value JavaScript's trim would change, which the skeleton also cuts); else undefined.
 */
export function plainMarkup(text: string, limit: number): PlainMarkup | undefined {
  const starts: number[] = [];
  const attributes: string[] = [];
  const attributesFrom: number[] = [];
  const open: string[] = [];
  let rootDone = false;
  let i = 0;
  /** The first `&` at or after the text being looked at, -1 when there is none. */
  let amp = text.indexOf("&");
  if (text.startsWith("<?xml ")) {
    // Pseudo-attributes with quotes that pair and hold nothing else that could end the declaration: fast-xml-parser
    // pairs the quotes of a declaration, and with one left open it would end it at a later `?>` than this scan.
    DECLARATION.lastIndex = 0;
    if (!DECLARATION.test(text)) return undefined;
    i = DECLARATION.lastIndex;
  }
  for (;;) {
    const lt = text.indexOf("<", i);
    const end = lt < 0 ? text.length : lt;
    // The text before the next markup.
    if (end > i) {
      if (open.length === 0) {
        if (NOT_SPACE.test(text.slice(i, end))) return undefined;
      } else {
        if (end - i > limit) return undefined;
        // The next `&` is looked for once and kept until the scan passes it: looked for from each text, it was a
        // search to the next `&` of the document (a rare character) for every text between two tags.
        if (amp >= 0 && amp < i) amp = text.indexOf("&", i);
        if (amp >= 0 && amp < end && BAD_AMPERSAND.test(text.slice(amp, end))) return undefined;
      }
    }
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      let close: number;
      if (text.startsWith("<!--", lt)) close = text.indexOf("-->", lt + 4) + 3;
      else if (text.startsWith("<![CDATA[", lt) && open.length > 0) close = text.indexOf("]]>", lt + 9) + 3;
      else return undefined;
      if (close < 3) return undefined;
      i = close;
    } else if (next === 0x2f /* / */) {
      NAME.lastIndex = lt + 2;
      const name = NAME.exec(text)?.[0];
      if (name === undefined || name !== open.pop()) return undefined;
      SPACE.lastIndex = NAME.lastIndex;
      SPACE.test(text);
      if (text.charCodeAt(SPACE.lastIndex) !== 0x3e /* > */) return undefined;
      i = SPACE.lastIndex + 1;
      if (open.length === 0) rootDone = true;
    } else {
      if (rootDone) return undefined;
      NAME.lastIndex = lt + 1;
      const name = NAME.exec(text)?.[0];
      if (name === undefined) return undefined;
      starts.push(lt);
      attributesFrom.push(attributes.length);
      const first = attributes.length;
      let at = NAME.lastIndex;
      for (;;) {
        ATTRIBUTE.lastIndex = at;
        const m = ATTRIBUTE.exec(text);
        if (m === null) break;
        const start = ATTRIBUTE.lastIndex + 1;
        const end = text.indexOf(text[ATTRIBUTE.lastIndex]!, start);
        if (end - start > limit || (end > start && (trims(text.charCodeAt(start)) || trims(text.charCodeAt(end - 1))))) return undefined;
        // No attribute twice (tags have a handful: a search of the list is quicker than a set).
        const attribute = m[1]!;
        for (let k = first; k < attributes.length; k += 2) if (attributes[k] === attribute) return undefined;
        if (attributes.length - first > 128 || REFUSED_NAMES.includes(attribute)) return undefined;
        attributes.push(interned(attribute), text.slice(start, end));
        at = end + 1;
      }
      SPACE.lastIndex = at;
      SPACE.test(text);
      at = SPACE.lastIndex;
      const selfClosing = text.charCodeAt(at) === 0x2f; /* / */
      if (selfClosing) at++;
      if (text.charCodeAt(at) !== 0x3e /* > */) return undefined;
      if (selfClosing) rootDone ||= open.length === 0;
      else open.push(name);
      i = at + 1;
    }
  }
  attributesFrom.push(attributes.length);
  return open.length === 0 && rootDone ? { starts, attributes, attributesFrom } : undefined;
}

/** Whether JavaScript's trim (which fast-xml-parser applies to attribute values) removes this character. */
function trims(c: number): boolean {
  return c <= 0x20 || c === 0xa0 || c === 0xfeff || (c >= 0x1680 && String.fromCharCode(c).trim() === "");
}
