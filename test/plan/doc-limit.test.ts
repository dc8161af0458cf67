/** plan/docs.ts cutDocText through naming.ts docLines: a doc comment carries at most DOC_TEXT_LIMIT of a metadata text. */
import { describe, expect, it } from "vitest";
import { cutDocText, DOC_TEXT_LIMIT } from "../../generator/plan/docs.js";
import { docLines } from "../../generator/plan/naming.js";

describe("doc comment text limit", () => {
  it("leaves a text up to the limit whole", () => {
    const text = "x".repeat(DOC_TEXT_LIMIT);
    expect(cutDocText(text)).toBe(text);
    expect(docLines(text)).toEqual([text]);
  });

  it("cuts a longer text and says how much the metadata holds beyond the cut", () => {
    const text = `${"word ".repeat(DOC_TEXT_LIMIT)}end`;
    const lines = docLines(text);
    expect(lines.at(-1)).toBe(`[cut after ${DOC_TEXT_LIMIT} characters: the metadata's text has ${text.length - DOC_TEXT_LIMIT} more]`);
    expect(lines.slice(0, -1).join("\n").length).toBeLessThanOrEqual(DOC_TEXT_LIMIT + 1);
    expect(lines[0]!.endsWith("…")).toBe(true);
  });

  it("never cuts between the halves of a surrogate pair", () => {
    const text = `${"a".repeat(DOC_TEXT_LIMIT - 1)}😀${"b".repeat(10)}`;
    const cut = cutDocText(text);
    expect(cut.startsWith(`${"a".repeat(DOC_TEXT_LIMIT - 1)}…`)).toBe(true);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it("keeps the text's lines and the comment closed", () => {
    const text = `first line */ here\n${"z".repeat(DOC_TEXT_LIMIT)}`;
    const lines = docLines(text);
    expect(lines[0]).toBe("first line *\\/ here");
    expect(lines).toHaveLength(3);
  });
});
