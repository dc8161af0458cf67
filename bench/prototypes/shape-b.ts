// Shape B: today's client, its modules rolled up into one per version (models, builders, extensions and client in
// v1.0/client.ts; v1.0/index.ts re-exports it). Same code, same API as A; only the number of files changes.
import { join } from "node:path";
import { baseline, freshOutput, rollUp, tsFiles, write } from "./lib.js";
import { readFileSync } from "node:fs";

const a = join(baseline(), "v1.0");
const out = freshOutput("B");
const files = [...tsFiles(join(a, "models")), join(a, "extensions.ts"), ...tsFiles(join(a, "builders")), join(a, "client.ts")];
write(join(out, "v1.0", "client.ts"), rollUp(files, "../runtime/index.js"));
// index.ts: the baseline's re-exports from the runtime, and everything of the one module.
const index = readFileSync(join(a, "index.ts"), "utf8");
const runtimeExports = [...index.matchAll(/^export\s+(type\s+)?\{[^}]*\}\s+from\s+"\.\.\/runtime\/index\.js";/gm)].map((m) => m[0]);
write(join(out, "v1.0", "index.ts"), `/* eslint-disable */\n${runtimeExports.join("\n")}\nexport * from "./client.js";\n`);
console.log(`B written to ${out}`);
