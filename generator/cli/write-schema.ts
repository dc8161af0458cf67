/**
 * Writes schema/codegen.config.schema.json from the config's zod schema: `npx tsx generator/cli/write-schema.ts`.
 * test/cli/config-schema.test.ts fails when the committed file is not what this writes.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PACKAGE_ROOT } from "../load/load.js";
import { CONFIG_SCHEMA_FILE, configSchemaText } from "./config-schema.js";

const file = join(PACKAGE_ROOT, CONFIG_SCHEMA_FILE);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, configSchemaText());
process.stdout.write(`wrote ${CONFIG_SCHEMA_FILE}\n`);
