/**
 * The Markdown report keeps metadata text inert: every name goes inside a code span whose fence is longer than any
 * run of backticks in it, with no line break or pipe that could end the table cell, so nothing in a hostile
 * $metadata renders as markup or HTML where the report is shown (a CI comment, a README).
 */
import { describe, expect, it } from "vitest";
import type { ModelChange } from "../../generator/diff/model-diff.js";
import { markdownReport, migrationMarkdown } from "../../generator/diff/report.js";
import { migrationCoverage } from "../../generator/diff/migration-map.js";
import { prettierFormat } from "../../generator/format/format.js";
import type { MigrationMap } from "../../templates/runtime/migration-map.js";

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

describe("migrationMarkdown", () => {
  const map = {
    from: { label: "old", namespace: "Old" },
    to: { label: "new", namespace: "New" },
    roots: { Items: { to: "items", kind: "entitySet", type: "Old.Item" } },
    types: {
      "Old.Item": {
        to: "New.thing",
        kind: "entityType",
        members: {
          Title: { to: "title", kind: "property", type: "Edm.String" },
          Body: { to: "content", kind: "property", type: "Edm.String" },
          "x` <b>|": { to: null, kind: "property", type: "Edm.String", why: "a *reason* with [link](javascript:x) <img> | pipe\nand # a line" },
        },
      },
      "Old.Gone": {
        to: null,
        kind: "complexType",
        why: "gone for good",
        members: { A: { to: null, kind: "property", type: "Edm.String", why: "Gone has no counterpart" } },
      },
    },
    operations: {},
    imports: {},
  } as const satisfies MigrationMap;

  it("counts as migrationCoverage does, lists renames and what has no equivalent, members folded into their type", () => {
    const md = migrationMarkdown([map]);
    const c = migrationCoverage(map);
    expect(c).toEqual({ oneToOne: 2, renamed: 2, reshaped: 0, none: 3 });
    expect(md).toContain("| `old` | `new` | 2          | 2       | 0             | 3             |");
    expect(md).toContain("- entity type `Item` → `thing`\n- property `Item/Body` → `content`\n");
    expect(md).toContain("No equivalent (3):");
    expect(md).toContain("- complex type `Gone` (and the 1 name it holds): gone for good");
    expect(md).not.toContain("Gone/A");
  });

  it("keeps names in code spans and reasons escaped: no markup, link, HTML or line break gets through", async () => {
    const md = migrationMarkdown([map]);
    const line = md.split("\n").find((l) => l.includes("<b>"))!;
    expect(line).toBe("- property ``Item/x` <b>|``: a \\*reason\\* with \\[link\\](javascript:x) \\<img\\> \\| pipe and \\# a line");
    expect(await prettierFormat(md, "markdown")).toBe(md);
  });
});
