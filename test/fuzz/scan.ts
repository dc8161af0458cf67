/**
 * A forgiving scan of XML text into element spans, for the structural mutations and the minimiser. It is not a
 * parser: on broken text it still returns what it can (an unclosed element ends where its parent ends).
 */

export interface Span {
  /** The tag as written, prefix included (`edmx:Reference`). */
  readonly tag: string;
  /** The local name (`Reference`). */
  readonly name: string;
  /** Offset of `<`. */
  readonly start: number;
  /** Offset just after the start tag's `>`. */
  readonly openEnd: number;
  /** Offset just after the end tag (or the start tag when self-closing). */
  end: number;
  /** Offset of the end tag's `<` (equals openEnd when self-closing). */
  closeStart: number;
  readonly selfClosing: boolean;
  readonly attrs: ReadonlyMap<string, string>;
  readonly parent: number;
  readonly depth: number;
  readonly children: number[];
}

const TOKEN = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)|<![^>]*>?|<\/([^\s>]+)\s*>|<([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function decodeAttr(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[ref] ?? whole;
  });
}

export function escapeAttr(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}

export function scan(text: string): Span[] {
  const spans: Span[] = [];
  const stack: number[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    if (m[0].length === 0) {
      TOKEN.lastIndex++;
      continue;
    }
    const [whole, closeTag, openTag, attrText, slash] = m;
    if (closeTag !== undefined) {
      // Close the innermost open element of that tag; anything opened inside it and left open ends here too.
      for (let k = stack.length - 1; k >= 0; k--) {
        if (spans[stack[k]!]!.tag === closeTag) {
          while (stack.length > k) {
            const s = spans[stack.pop()!]!;
            s.closeStart = m.index;
            s.end = m.index + whole.length;
          }
          break;
        }
      }
      continue;
    }
    if (openTag === undefined) continue;
    const attrs = new Map<string, string>();
    ATTR.lastIndex = 0;
    for (let a = ATTR.exec(attrText ?? ""); a !== null; a = ATTR.exec(attrText ?? "")) attrs.set(a[1]!, decodeAttr(a[2] ?? a[3] ?? ""));
    const parent = stack.length > 0 ? stack[stack.length - 1]! : -1;
    const end = m.index + whole.length;
    const span: Span = {
      tag: openTag,
      name: openTag.includes(":") ? openTag.slice(openTag.indexOf(":") + 1) : openTag,
      start: m.index,
      openEnd: end,
      end,
      closeStart: end,
      selfClosing: slash === "/",
      attrs,
      parent,
      depth: stack.length,
      children: [],
    };
    spans.push(span);
    if (parent >= 0) spans[parent]!.children.push(spans.length - 1);
    if (slash !== "/") stack.push(spans.length - 1);
  }
  // Left open at the end of the text: they end there.
  for (const i of stack) {
    spans[i]!.end = text.length;
    spans[i]!.closeStart = text.length;
  }
  return spans;
}
