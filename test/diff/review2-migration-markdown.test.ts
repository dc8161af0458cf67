/**
 * Review of the migration section (report.ts migrationMarkdown, migration-map.ts mapElements) on maps that pass
 * checkMigrationMap but come from a file the config names: names are read as own keys only, and a label cannot
 * split the counts table.
 */
import { describe, expect, it } from "vitest";
import { mapElements } from "../../generator/diff/migration-map.js";
import { migrationMarkdown } from "../../generator/diff/report.js";
import type { MigrationMap } from "../../templates/runtime/migration-map.js";

const base: MigrationMap = {
  from: { label: "old", namespace: "Old" },
  to: { label: "new", namespace: "New" },
  roots: {},
  types: {},
  operations: {},
  imports: {},
};

describe("mapElements", () => {
  it("reads an enum member's reason from enumMembersWhy's own keys only", () => {
    // checkMigrationMap lets a member without a counterpart go without a reason; `constructor` is then
    // Object.prototype's, a function, not a reason.
    const map: MigrationMap = {
      ...base,
      types: { "Old.Color": { to: "New.color", kind: "enumType", enumMembers: { constructor: null, toString: null, Red: null }, enumMembersWhy: { Red: "gone" } } },
    };
    const whys = Object.fromEntries(mapElements(map).filter((e) => e.element === "enumMember").map((e) => [e.from, e.why]));
    expect(whys).toEqual({ "Old.Color/constructor": undefined, "Old.Color/toString": undefined, "Old.Color/Red": "gone" });
    expect(() => migrationMarkdown([map])).not.toThrow();
  });
});

describe("migrationMarkdown", () => {
  it("keeps a label holding `|` in its table cell (GFM splits a row at a bare | even in a code span)", () => {
    const text = migrationMarkdown([{ ...base, from: { label: "a|b", namespace: "Old" }, to: { label: "c||d", namespace: "New" } }]);
    const rows = text.split("\n").filter((l) => l.startsWith("| "));
    expect(rows).toHaveLength(3);
    // Every row has the header's six cells: no bare pipe inside a cell.
    const cells = (row: string): number => row.replace(/\\\|/g, "").split("|").length - 2;
    expect(rows.map(cells)).toEqual([6, 6, 6]);
    expect(rows[2]).toContain("`a\\|b`");
  });
});
