// Shape D4: D3 (no docs) with three token cuts, to see whether fewer declaration tokens move the consumer check:
//   - enums as string-literal unions only (no `const` object: its `.d.ts` repeats every member as key and value);
//   - one `XCasts` map per entity type with derived types ([node, collection] pairs), instead of two inline maps;
//   - no empty `XCollectionMembers {}` interfaces (1,066 in Graph).
// A probe, not a candidate (the enum objects and the docs are features). Reads OUT/D3, writes OUT/D4.
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { OUT } from "./lib.js";

const from = join(OUT, "D3");
const out = join(OUT, "D4");
rmSync(out, { recursive: true, force: true });
cpSync(from, out, { recursive: true });
const file = (f: string): string => join(out, f);

let models = readFileSync(file("v1.0/models.ts"), "utf8");
let enums = 0;
models = models.replace(
  /export const (\w+) = \{\n([\s\S]*?)\n\} as const;\n\nexport type \1 = \(typeof \1\)\[keyof typeof \1\];\n/g,
  (_m, name: string, body: string) => {
    enums++;
    const values = [...body.matchAll(/:\s*("(?:[^"\\]|\\.)*"),?$/gm)].map((m) => m[1]);
    return `export type ${name} = ${values.length ? values.join(" | ") : "never"};\n`;
  },
);
writeFileSync(file("v1.0/models.ts"), models);

let nodes = readFileSync(file("v1.0/nodes.ts"), "utf8");
let casts = 0;
nodes = nodes.replace(/export interface (\w+)Node extends R\.EntityNode<(.*), \{ (readonly [^\n]*?) \}>, /g, (_m, base: string, args: string, map: string) => {
  casts++;
  const pairs = [...map.matchAll(/readonly ("[^"]+"): (\w+)Node/g)].map((m) => `readonly ${m[1]}: [${m[2]}Node, ${m[2]}Collection]`);
  return `export interface ${base}Casts { ${pairs.join("; ")} }\nexport interface ${base}Node extends R.EntityNode<${args}, ${base}Casts>, `;
});
nodes = nodes.replace(/export interface (\w+)Collection extends R\.CollectionNode<(.*), \{ readonly [^\n]*? \}>, /g, (_m, base: string, args: string) => `export interface ${base}Collection extends R.CollectionNode<${args}, ${base}Casts>, `);
const empty = new Set<string>();
nodes = nodes.replace(/export interface (\w+)CollectionMembers \{\n\}\n/g, (_m, base: string) => (empty.add(base), ""));
for (const base of empty) {
  nodes = nodes.split(` extends ${base}CollectionMembers {`).join(" {").split(`, ${base}CollectionMembers {}`).join(" {}");
}
writeFileSync(file("v1.0/nodes.ts"), nodes);

let runtime = readFileSync(file("runtime/node.ts"), "utf8");
runtime = runtime
  .replace("export interface EntityNode<T, Q extends QueryShape, C = {}> {", "export interface EntityNode<T, Q extends QueryShape, C = {}> {")
  .replace(/(export interface EntityNode[\s\S]*?cast<N extends keyof C & string>\(typeName: N\)): C\[N\];/, "$1: C[N] extends readonly [infer E, unknown] ? E : never;")
  .replace(/(export interface CollectionNode[\s\S]*?cast<N extends keyof C & string>\(typeName: N\)): C\[N\];/, "$1: C[N] extends readonly [unknown, infer L] ? L : never;");
writeFileSync(file("runtime/node.ts"), runtime);
console.log(JSON.stringify({ out, enums, castMaps: casts, emptyRemoved: empty.size }));
