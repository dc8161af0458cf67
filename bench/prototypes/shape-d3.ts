// Shape D3: D2 with no doc comments at all, only to measure what the doc comments cost the compiler (not a candidate:
// the hover docs are a feature). Reads OUT/D2, writes OUT/D3.
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { OUT } from "./lib.js";

const from = join(OUT, "D2");
const out = join(OUT, "D3");
rmSync(out, { recursive: true, force: true });
cpSync(from, out, { recursive: true });
for (const f of ["models.ts", "nodes.ts"]) {
  const p = join(out, "v1.0", f);
  writeFileSync(p, readFileSync(p, "utf8").replace(/^[ \t]*\/\*\*[\s\S]*?\*\/\n/gm, ""));
}
console.log(out);
