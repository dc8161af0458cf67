/**
 * The repository README's migration section (between its migration-map markers) is what migrationMarkdown gives for
 * the shipped maps; `npx tsx generator/cli/write-migration-section.ts` rewrites it.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { README, shippedMaps } from "../../generator/cli/write-migration-section.js";
import { migrationMarkdown, MIGRATION_SECTION_END, MIGRATION_SECTION_START, withMigrationSection } from "../../generator/diff/report.js";

describe("the README's migration section", () => {
  const readme = readFileSync(README, "utf8");

  it("covers every shipped map: Outlook v1.0, v2.0 and beta", () => {
    expect(shippedMaps().map((m) => m.from.label).sort()).toEqual(["beta", "v1.0", "v2.0"]);
  });

  it("is what the renderer gives for the shipped maps", () => {
    const expected = withMigrationSection(readme, shippedMaps());
    expect(readme, "refresh it with: npx tsx generator/cli/write-migration-section.ts").toBe(expected);
    const inside = readme.slice(readme.indexOf(MIGRATION_SECTION_START) + MIGRATION_SECTION_START.length, readme.indexOf(MIGRATION_SECTION_END));
    expect(inside.trim()).toBe(migrationMarkdown(shippedMaps()).trim());
  });

  it("fails on a README whose section differs or whose markers are missing", () => {
    const stale = readme.replace(/\| `v2\.0` \| `graph-v1\.0` \| \d+/, "| `v2.0` | `graph-v1.0` | 1");
    expect(stale).not.toBe(readme);
    expect(withMigrationSection(stale, shippedMaps())).not.toBe(stale);
    expect(() => withMigrationSection(readme.replace(MIGRATION_SECTION_END, ""), shippedMaps())).toThrow(/once each/);
  });
});
