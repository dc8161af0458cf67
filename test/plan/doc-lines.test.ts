/**
 * docLines' fast path (one line of printable ASCII) gives what the general path gives: the reference below is the
 * general path alone.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cutDocText, DOC_TEXT_LIMIT } from "../../generator/plan/docs.js";
import { docLines, visibleText } from "../../generator/plan/naming.js";

function reference(text: string | undefined): string[] {
  if (text === undefined) return [];
  return cutDocText(text.trim())
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => visibleText(l.replace(/\*\//g, "*\\/").replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g, " ")).trimEnd())
    .filter((l, i, all) => l.length > 0 || (i > 0 && i < all.length - 1));
}

describe("docLines", () => {
  it("gives what the general path gives, for ASCII text with comment closers, blanks and line breaks", () => {
    const piece = fc.constantFrom("*/", " ", "\t", "\n", "\r\n", "a", "Word", "*", "/", "\u00a0", "\u200b", "é", "\u0007", "x".repeat(50));
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        expect(docLines(text)).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("cuts a long text as before", () => {
    for (const n of [DOC_TEXT_LIMIT - 1, DOC_TEXT_LIMIT, DOC_TEXT_LIMIT + 1, DOC_TEXT_LIMIT + 50]) {
      const text = `${"ab */ ".repeat(Math.ceil(n / 6)).slice(0, n)}`;
      expect(docLines(text)).toEqual(reference(text));
      expect(docLines(`  ${text}  `)).toEqual(reference(`  ${text}  `));
    }
  });

  it("keeps a comment closed", () => {
    expect(docLines("a */ b")).toEqual(["a *\\/ b"]);
    expect(docLines("   ")).toEqual([]);
  });
});
