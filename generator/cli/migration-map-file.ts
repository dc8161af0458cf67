/**
 * A migration map file as the migrate commands read it (`--map`, or the one shipped for `--from`): read by the load
 * stage's reader (load/migration.ts: size limit, the line and column of a JSON error) and checked for MigrationMap's
 * shape as `codegen` checks a config's map (plan/migration.ts). What is wrong is a usage error (exit 2).
 */
import { join } from "node:path";
import type { MigrationMap } from "../../templates/runtime/migration-map.js";
import { loadMigrationMap, SHIPPED_MAPS_DIR } from "../load/migration.js";
import { migrationMapProblems } from "../plan/migration.js";
import { shippedMapName } from "../plan/profiles.js";
import { UsageError } from "./options.js";

/** The map shipped for an Outlook version label (v1.0, v2.0, beta). */
export function shippedMapFile(label: string): string {
  return join(SHIPPED_MAPS_DIR, shippedMapName(label));
}

/** The map in `file`; `shownAs` names it in a message (`--map x.json`). */
export async function readMigrationMapFile(file: string, shownAs: string): Promise<MigrationMap> {
  const loaded = await loadMigrationMap(file);
  if (!("value" in loaded)) {
    throw new UsageError(`${shownAs}${loaded.line !== undefined ? `:${loaded.line}:${loaded.column ?? 1}` : ""}: ${loaded.message}`);
  }
  const problems = migrationMapProblems(loaded.value);
  if (problems.length > 0) {
    const more = problems.length > 3 ? `; ${problems.length - 3} more` : "";
    throw new UsageError(`${shownAs}: not a migration map: ${problems.slice(0, 3).join("; ")}${more}`);
  }
  return loaded.value as MigrationMap;
}
