// Shape D2: D with the two size cuts the contract asks about, to see what they buy:
//   - every doc comment cut to its first line (the contract: "one line each");
//   - query shapes whose `select` is derived by a type (`Exclude<keyof Message & string, keyof MessageExpand>`) instead
//     of a generated union that repeats every inherited property name; `XExpand` interfaces inherit their base's.
// Reads OUT/D (run shape-cd.ts D first), writes OUT/D2.
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadGraph, OUT } from "./lib.js";

const g = loadGraph();
const from = join(OUT, "D");
const out = join(OUT, "D2");
rmSync(out, { recursive: true, force: true });
cpSync(from, out, { recursive: true });

/** A doc comment cut to its first line of text. */
const oneLine = (text: string): string =>
  text.replace(/\/\*\*\n([ \t]*)\*[ \t]?([^\n]*)\n(?:[ \t]*\*[^\n]*\n)*?[ \t]*\*\//g, (_m, indent: string, first: string) => `/** ${first.trim()} */`.replace(/^/, "").replace(/^\/\*\*  /, "/** ") + "".padEnd(0) + (indent ? "" : ""));

let models = oneLine(readFileSync(join(from, "v1.0", "models.ts"), "utf8"));
let replaced = 0;
for (const t of g.entities) {
  const q = g.names.query.get(t.qualifiedName);
  const name = g.names.types.get(t.qualifiedName);
  if (q === undefined || name === undefined) continue;
  const expand = `${q}Expand`;
  const base = t.baseType !== undefined ? g.names.query.get(t.baseType) : undefined;
  const navs = t.navigationProperties
    .filter((n) => g.names.query.has(n.type.name))
    .map((n) => `  readonly ${/^[A-Za-z_$][\w$]*$/.test(n.name) ? n.name : JSON.stringify(n.name)}: ${g.names.query.get(n.type.name)};\n`)
    .join("");
  const block = new RegExp(`(/\\*\\*[^\\n]*\\*/\\n)?export interface ${q} \\{\\n[\\s\\S]*?\\n\\}\\n`);
  const before = models.length;
  models = models.replace(
    block,
    `/** The $select and $expand shape of ${name}. */\nexport interface ${q} {\n  readonly select: Exclude<keyof ${name} & string, keyof ${expand}>;\n  readonly expand: ${expand};\n}\nexport interface ${expand}${base ? ` extends ${base}Expand` : ""} {\n${navs}}\n`,
  );
  if (models.length !== before) replaced++;
}
writeFileSync(join(out, "v1.0", "models.ts"), models);
writeFileSync(join(out, "v1.0", "nodes.ts"), oneLine(readFileSync(join(from, "v1.0", "nodes.ts"), "utf8")));

// A check file: the derived select unions equal the generated ones (TS type equality), for every entity type.
const checks = g.entities
  .filter((t) => g.names.query.has(t.qualifiedName))
  .map((t, i) => `type C${i} = Eq<Old.${g.names.query.get(t.qualifiedName)}["select"], New.${g.names.query.get(t.qualifiedName)}["select"]>; const c${i}: C${i} = true;`);
writeFileSync(
  join(OUT, "d2-equal.ts"),
  `import type * as Old from "./D/v1.0/models.js";\nimport type * as New from "./D2/v1.0/models.js";\ntype Eq<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;\n${checks.join("\n")}\nexport {};\n`,
);
writeFileSync(join(OUT, "package.json"), JSON.stringify({ type: "module" }));
writeFileSync(
  join(OUT, "d2-tsconfig.json"),
  JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], types: [], strict: true, noEmit: true, skipLibCheck: true }, files: ["d2-equal.ts"] }),
);
console.log(JSON.stringify({ out, queriesReplaced: replaced, checks: checks.length }));
