/**
 * Rewrites the repository README's migration section, between `<!-- migration-map:start -->` and
 * `<!-- migration-map:end -->`, from the shipped maps (generator/diff/maps/*.map.json):
 * `npx tsx generator/cli/write-migration-section.ts`. test/diff/readme-migration.test.ts fails when the README's
 * section is not what this writes.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { MigrationMap } from "../../templates/runtime/migration-map.js";
import { withMigrationSection } from "../diff/report.js";
import { PACKAGE_ROOT } from "../load/load.js";
import { SHIPPED_MAPS_DIR } from "../load/migration.js";

/** Every map shipped in generator/diff/maps/, by file name. */
export function shippedMaps(): MigrationMap[] {
  return readdirSync(SHIPPED_MAPS_DIR)
    .filter((f) => f.endsWith(".map.json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(SHIPPED_MAPS_DIR, f), "utf8")) as MigrationMap);
}

export const README = join(PACKAGE_ROOT, "README.md");

if (process.argv[1] !== undefined && /write-migration-section\.[cm]?[jt]s$/.test(process.argv[1])) {
  writeFileSync(README, withMigrationSection(readFileSync(README, "utf8"), shippedMaps()));
  process.stdout.write("wrote the migration section of README.md\n");
}
