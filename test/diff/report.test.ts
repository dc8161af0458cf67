/**
 * The Markdown report keeps metadata text inert: every name goes inside a code span whose fence is longer than any
 * run of backticks in it, with no line break or pipe that could end the table cell, so nothing in a hostile
 * $metadata renders as markup or HTML where the report is shown (a CI comment, a README).
 */
import { describe, expect, it } from "vitest";
import type { ModelChange } from "../../generator/diff/model-diff.js";
import { markdownReport } from "../../generator/diff/report.js";

const side = (label: string) => ({ label, source: `${label}.xml` });

describe("the Markdown report", () => {
  it("puts hostile names in code spans that their backticks cannot close", () => {
    const hostile = "x` <img src=y onerror=alert(1)> ``|\n# heading";
    const change: ModelChange = {
      kind: "removed",
      element: "property",
      fromPath: `EntityType[T]/Property[${hostile}]`,
      breaking: true,
    } as ModelChange;
    const md = markdownReport(side("a"), side("b"), [change]);
    const row = md.split("\n").find((l) => l.startsWith("| removed |") && l.includes("EntityType"))!;
    expect(row).toBeDefined();
    // One table row: the line break became a space and the pipe is escaped.
    expect(md).not.toContain("\n# heading");
    expect(row).toContain("\\|");
    // The span opens with a fence of three backticks (the name holds a run of two) and closes with the same.
    expect(row).toContain("```EntityType[T]/Property[x` <img src=y onerror=alert(1)> ``\\| # heading]```");
  });

  it("keeps plain names in a single-backtick span", () => {
    const change = { kind: "added", element: "property", toPath: "EntityType[T]/Property[p]", breaking: false } as ModelChange;
    expect(markdownReport(side("a"), side("b"), [change])).toContain("`EntityType[T]/Property[p]`");
  });
});
