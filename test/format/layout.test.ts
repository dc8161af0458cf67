/** layout() breaks long lines exactly as prettier would, or gives up; checked against prettier itself. */
import { describe, expect, it } from "vitest";
import { prettierFormat } from "../../generator/format/format.js";
import { layout, splitTop } from "../../generator/format/layout.js";

const long = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Shapes the templates print, each too long for one line. */
const SAMPLES: Record<string, string> = {
  "import list": `import { ${long("SomeSymbolName", 9).join(", ")}, type OtherType } from "../../runtime/index.js";\n`,
  "single long import": `import type { ${"A".repeat(70)} } from "../models/${"A".repeat(70)}.js";\n`,
  "export type list": `export type { ${long("ExportedTypeName", 9).join(", ")} } from "./x.js";\n`,
  "union alias, one per line": `export type T = ${long('"microsoft.graph.someDerivedType', 8).map((s) => `${s}"`).join(" | ")};\n`,
  "union alias, next line": `export type SomeRatherLongAliasNameForTheTestThatIsLonger = "Microsoft.OutlookServices.PushSubscription" | "Microsoft.OtherOne";\n`,
  "tagged union": `export type AnyX = (X & { readonly "@odata.type"?: "#ns.x" }) | (${"Y".repeat(60)} & { readonly "@odata.type": "#ns.${"y".repeat(60)}" });\n`,
  "lone tagged member": `export type AnyX = ${"Y".repeat(40)} & { readonly "@odata.type": "#microsoft.graph.${"y".repeat(40)}" };\n`,
  "lone tagged member, head too long": `export type Any${"X".repeat(40)} = ${"Y".repeat(40)} & { readonly "@odata.type": "#microsoft.graph.${"y".repeat(40)}" };\n`,
  "enum type": `export const ${"E".repeat(50)} = {} as const;\n\nexport type ${"E".repeat(50)} = (typeof ${"E".repeat(50)})[keyof typeof ${"E".repeat(50)}];\n`,
  "enum member": `export const E = {\n  ${"k".repeat(60)}: "${"k".repeat(60)}",\n} as const;\n`,
  "object property, short key (stays)": `export const m = {\n  a: {\n    why: "${"w ".repeat(70)}",\n    "a-": "${"v".repeat(130)}",\n    kind: "${"k".repeat(130)}",\n  },\n};\n`,
  "object property, long key and a string too long for the next line": `export const m = {\n  a: {\n    Acknowledgment: "${"w ".repeat(70)}",\n    Missed: '${"v ".repeat(30)}"x"${" v".repeat(40)}',\n  },\n};\n`,
  "object property, key of five (breaks)": `export const m = {\n  a: {\n    "a-b": "${"w ".repeat(55)}",\n    after: "${"v".repeat(110)}",\n  },\n};\n`,
  "class heritage": `export class ${"C".repeat(50)}CollectionBuilder extends ODataCollectionBuilder<Any${"C".repeat(30)}, ${"C".repeat(30)}Query, ${"C".repeat(30)}Derived> {\n  static readonly typeName = "x";\n}\n`,
  "interface": `export interface ${"I".repeat(60)} extends ${"J".repeat(60)} {\n  a?: string;\n  ${"b".repeat(70)}?: ${"B".repeat(60)} | null;\n  ${"c".repeat(70)}?: ${"C".repeat(60)}[];\n  readonly select: ${long('"property', 14).map((s) => `${s}"`).join(" | ")};\n  readonly other: "a" | "b" | "c" | "d" | "e" | "f" | "g" | "h" | "i" | "j" | "k" | "l" | "m" | "n" | "o";\n}\n`,
  "method, object param": `export class A {\n  ${"m".repeat(20)}(params: { readonly ${long("p", 6).map((p) => `${p}${"x".repeat(10)}: string | null`).join("; readonly ")} }, options?: RequestOptions): Promise<void> {\n    return this.callAction("microsoft.graph.${"m".repeat(20)}", params, options);\n  }\n}\n`,
  "method, overload union": `export class A {\n  f(params?: { readonly ${"a".repeat(30)}?: never; readonly ${"b".repeat(30)}?: never } | { readonly ${"a".repeat(30)}: string | null; readonly ${"b".repeat(30)}: string | null }, options?: RequestOptions): Promise<ODataCollection<AnyThing>> {\n    return this.callFunction("x", args, options);\n  }\n}\n`,
  "getter, restricted type": `export class A {\n  get ${"n".repeat(20)}(): RestrictedCollection<${"G".repeat(20)}CollectionBuilder, ${"G".repeat(20)}Builder, "create" | "sync", "update" | "delete"> {\n    return new ${"G".repeat(20)}CollectionBuilder(this.ctx, this.path.nav("${"n".repeat(20)}"));\n  }\n}\n`,
  "getter, nothing to break": `export class A {\n  get ${"n".repeat(60)}(): ${"G".repeat(60)}CollectionBuilder {\n    return new ${"G".repeat(60)}CollectionBuilder(this.ctx, this.path.nav("${"n".repeat(60)}"));\n  }\n}\n`,
  "function args": `export class A {\n  f(options?: RequestOptions): Promise<void> {\n    const args: CallParam[] = [{ name: "${"p".repeat(40)}", value: params?.${"p".repeat(40)}, type: "Edm.String", kind: "primitive" }];\n    return this.callFunction("x", args, options);\n  }\n  g(options?: RequestOptions): Promise<void> {\n    const args: CallParam[] = [\n      { name: "${"q".repeat(40)}", value: params?.${"q".repeat(40)}, type: "Edm.String", kind: "primitive" },\n      { name: "r", value: params?.r, type: "Edm.String", kind: "primitive" },\n    ];\n    return this.callFunction("x", args, options);\n  }\n}\n`,
  "action node, one object argument (hugged)": `export interface M {\n  readonly ${"a".repeat(20)}: OptionalActionNode<{ ${long("readonly p", 5).map((p) => `${p}${"x".repeat(10)}?: string | null`).join("; ")} }>;\n}\n`,
  "action node, object and result": `export interface M {\n  readonly ${"a".repeat(20)}: ActionNode<{ ${long("readonly p", 4).map((p) => `${p}${"x".repeat(10)}: string | null`).join("; ")} }, ODataEntity<${"R".repeat(30)}> | undefined>;\n}\n`,
  "action node, short object and result": `export interface M {\n  readonly ${"a".repeat(20)}: OptionalActionNode<{ readonly p?: string | null }, ODataEntity<${"R".repeat(60)}> | undefined>;\n}\n`,
  "restricted collection without change tracking": `export interface M {\n  readonly ${"o".repeat(10)}: Omit<RestrictedCollection<${"I".repeat(40)}Collection, ${"I".repeat(40)}Node, never, "update">, keyof Syncable<unknown>>;\n}\n`,
  "template literal alone on its line": `export function f(a: string, b: number): string[] {\n  return [\n    \`Batch: the response's multipart boundary has \${a.length} characters; RFC 2046 allows at most \${b} and then some more\`,\n    \`--\${a}\\r\\nContent-Type: application/http\\r\\nContent-Transfer-Encoding: binary\\r\\nContent-ID: \${b}\\r\\n\\r\\n and more text\` +\n      a,\n  ];\n}\n`,
};

describe("layout", () => {
  it.each(Object.entries(SAMPLES))("%s: as prettier prints it", async (_, text) => {
    const ours = layout(text);
    expect(ours).toBeDefined();
    // Every sample has a line too long, so it exercises a rule.
    expect(text.split("\n").some((l) => l.length > 120)).toBe(true);
    expect(ours).toBe(await prettierFormat(text, "typescript"));
  });

  it("leaves text whose lines all fit untouched", () => {
    const text = 'export const x = { a: 1 };\n// a comment of any length is fine\n';
    expect(layout(text)).toBe(text);
  });

  it("keeps long comments as they are", () => {
    const text = `/** ${"word ".repeat(40)}*/\nexport const x = 1;\n`;
    expect(layout(text)).toBe(text);
  });

  it("gives up on a long line of a shape it does not know", () => {
    expect(layout(`export const x = ${JSON.stringify("y".repeat(80))} + ${JSON.stringify("z".repeat(80))};\n`)).toBeUndefined();
    expect(layout(`    if (${"a".repeat(70)} && ${"b".repeat(70)}) return;\n`)).toBeUndefined();
  });

  it("gives up on unbalanced brackets rather than guess", () => {
    expect(layout(`import { ${long("A", 30).join(", ")}, ( } from "./x.js";\n`)).toBeUndefined();
  });
});

describe("splitTop", () => {
  it("splits outside brackets and strings only", () => {
    expect(splitTop('a, f(b, c), { d: 1, e: "x, y" }, Map<K, V>', ",")).toEqual(["a", "f(b, c)", '{ d: 1, e: "x, y" }', "Map<K, V>"]);
    expect(splitTop('"a|b" | (C | D) | E', "|")).toEqual(['"a|b"', "(C | D)", "E"]);
    expect(splitTop("(x) => y, z", ",")).toEqual(["(x) => y", "z"]);
    expect(splitTop("a || b | c", "|")).toEqual(["a || b", "c"]);
  });
  it("refuses what does not balance", () => {
    expect(splitTop("a, (b", ",")).toBeUndefined();
    expect(splitTop('a, "b', ",")).toBeUndefined();
    expect(splitTop("a), b", ",")).toBeUndefined();
  });
});
