import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeMapiValue,
  encodeMapiValue,
  ExtendedPropertyError,
  formatPropertyId,
  isMapiType,
  isMultiValueType,
  parsePropertyId,
  type MapiScalarType,
  type MapiType,
  type PropertyIdSpec,
} from "../../templates/runtime/mapi.js";

const G1 = "8ECCC264-6880-4EBE-992F-8888D2EEAA1D";
const G2 = "66F5A359-4659-4830-9070-00047EC6AC6E";
const SCALARS: MapiScalarType[] = [
  "Binary",
  "Boolean",
  "CLSID",
  "Currency",
  "Double",
  "Float",
  "Integer",
  "Long",
  "Object",
  "Short",
  "SystemTime",
  "String",
];
const TYPES: MapiType[] = [...SCALARS, ...SCALARS.map((s) => `${s}Array` as const)];
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const FLOAT_MAX = 3.4028234663852886e38;
const FLOAT_MIN_NORMAL = 1.1754943508222875e-38;
const FLOAT_MIN_SUBNORMAL = 1.401298464324817e-45;
const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

/** Untyped views, for feeding invalid inputs. */
const enc = encodeMapiValue as (type: string, value: unknown) => string | string[];
const dec = decodeMapiValue as (type: string, raw: unknown) => unknown;
const fmt = formatPropertyId as (spec: unknown) => string;

/** f throws an ExtendedPropertyError whose message contains needle (the offending input). */
function rejects(f: () => unknown, needle: string): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ExtendedPropertyError);
  expect((error as Error).name).toBe("ExtendedPropertyError");
  expect((error as Error).message).toContain(needle);
}
const q = (s: string): string => JSON.stringify(s);

// ---- Arbitraries -------------------------------------------------------------------------------------------------

const hexGuid = fc.stringMatching(/^[\da-fA-F]{8}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{12}$/);
/** [as written: any case, with or without braces, normalised]. */
const guidArb = fc
  .tuple(fc.oneof(fc.constantFrom(G1, G2.toLowerCase()), hexGuid), fc.boolean())
  .map(([g, braces]) => [braces ? `{${g}}` : g, g.toUpperCase()] as const);
const nameArb = fc.oneof(
  fc.constantFrom("TestProperty", "a b", "Name x", "Id 0x8012", "{x}", "ü 名前 😀", "x\u00a0y", "0x0037"),
  fc
    .string({ unit: "grapheme", minLength: 1 })
    .map((s) => s.replace(/\p{Cc}/gu, "").trim())
    .filter((s) => s.length > 0),
  fc
    .string({ unit: "grapheme-ascii", minLength: 1 })
    .map((s) => s.replace(/\p{Cc}/gu, "").trim())
    .filter((s) => s.length > 0),
);
const typeArb = fc.constantFrom(...TYPES);
const u16 = (min: number) => fc.oneof(fc.constantFrom(min, 0x8012, 0xffff), fc.integer({ min, max: 0xffff }));
/** [spec, normalised spec]. */
type SpecPair = readonly [PropertyIdSpec, PropertyIdSpec];
const specArb: fc.Arbitrary<SpecPair> = fc.oneof(
  fc.tuple(typeArb, guidArb, nameArb).map(([type, [g, guid], name]): SpecPair => [
    { type, guid: g, name },
    { type, guid, name },
  ]),
  fc.tuple(typeArb, guidArb, u16(0)).map(([type, [g, guid], id]): SpecPair => [
    { type, guid: g, id },
    { type, guid, id },
  ]),
  fc.tuple(typeArb, u16(1)).map(([type, tag]): SpecPair => [
    { type, tag },
    { type, tag },
  ]),
);

// ---- Types -------------------------------------------------------------------------------------------------------

describe("isMapiType / isMultiValueType", () => {
  it("knows exactly the 24 types, case-sensitively", () => {
    expect(TYPES.every(isMapiType)).toBe(true);
    for (const s of [
      "string",
      "STRING",
      "Array",
      "",
      "Foo",
      "StringArrayArray",
      "Int",
      "Guid",
      "toString",
      "constructor",
    ])
      expect(isMapiType(s)).toBe(false);
    expect(isMapiType(undefined as unknown as string)).toBe(false);
  });
  it("classifies the Array forms as multi-value", () => {
    expect(TYPES.filter(isMultiValueType)).toEqual(SCALARS.map((s) => `${s}Array`));
    expect(isMultiValueType("FooArray" as MapiType)).toBe(false);
  });
});

describe("static types", () => {
  it("maps each MAPI type to its JavaScript value and wire shape", () => {
    const long: string = encodeMapiValue("Long", 1n);
    const longs: string[] = encodeMapiValue("LongArray", [1n, 2n]);
    const when: Date = decodeMapiValue("SystemTime", "2016-07-18T05:55:00Z");
    const flags: boolean[] = decodeMapiValue("BooleanArray", ["true"]);
    const bytes: Uint8Array = decodeMapiValue("Binary", "AA==");
    const spec: PropertyIdSpec<"StringArray"> = { type: "StringArray", tag: 1 };
    // @ts-expect-error Long takes a bigint
    expect(() => encodeMapiValue("Long", 1)).toThrow(ExtendedPropertyError);
    // @ts-expect-error StringArray takes an array
    expect(() => encodeMapiValue("StringArray", "x")).toThrow(ExtendedPropertyError);
    expect([long, longs, when.getTime(), flags, bytes, formatPropertyId(spec)]).toStrictEqual([
      "1",
      ["1", "2"],
      Date.UTC(2016, 6, 18, 5, 55),
      [true],
      new Uint8Array([0]),
      "StringArray 0x0001",
    ]);
  });
});

// ---- PropertyId --------------------------------------------------------------------------------------------------

describe("formatPropertyId", () => {
  it.each<[PropertyIdSpec, string]>([
    [{ type: "String", guid: G1, name: "TestProperty" }, `String {${G1}} Name TestProperty`],
    [{ type: "Integer", guid: G2, id: 0x8012 }, `Integer {${G2}} Id 0x8012`],
    [{ type: "String", tag: 0x37 }, "String 0x0037"],
    [{ type: "String", guid: `{${G1.toLowerCase()}}`, name: "a b" }, `String {${G1}} Name a b`],
    [{ type: "StringArray", guid: G1.toLowerCase(), name: "ü 名前 😀" }, `StringArray {${G1}} Name ü 名前 😀`],
    [{ type: "Boolean", guid: G2, id: 1 }, `Boolean {${G2}} Id 0x0001`],
    [{ type: "Long", guid: G2, id: 0 }, `Long {${G2}} Id 0x0000`],
    [{ type: "SystemTime", guid: G2, id: 0xffff }, `SystemTime {${G2}} Id 0xFFFF`],
    [{ type: "IntegerArray", tag: 0xabc }, "IntegerArray 0x0ABC"],
    [{ type: "Binary", tag: 1 }, "Binary 0x0001"],
    [{ type: "CLSID", tag: 0xffff }, "CLSID 0xFFFF"],
  ])("%j → %s", (spec, want) => {
    expect(formatPropertyId(spec)).toBe(want);
  });

  it.each<[string, unknown, string]>([
    ["GUID not hex", { type: "String", guid: "8ECCC264-6880-4EBE-992F-8888D2EEAA1G", name: "x" }, "AA1G"],
    ["GUID too short", { type: "String", guid: "8ECCC264-6880-4EBE-992F-8888D2EEAA1", name: "x" }, "AA1"],
    ["GUID too long", { type: "String", guid: `${G1}0`, name: "x" }, `${G1}0`],
    ["GUID grouped wrong", { type: "String", guid: "8ECCC2646-880-4EBE-992F-8888D2EEAA1D", name: "x" }, "2646-880"],
    ["GUID without dashes", { type: "String", guid: G1.replace(/-/g, ""), name: "x" }, G1.replace(/-/g, "")],
    ["GUID unbalanced brace", { type: "String", guid: `{${G1}`, name: "x" }, `{${G1}`],
    ["GUID unbalanced brace", { type: "String", guid: `${G1}}`, id: 1 }, `${G1}}`],
    ["GUID not a string", { type: "String", guid: 42, id: 1 }, "42"],
    ["GUID missing", { type: "String", name: "x" }, "undefined"],
    ["unknown type", { type: "Foo", guid: G1, name: "x" }, q("Foo")],
    ["type is case-sensitive", { type: "string", guid: G1, name: "x" }, q("string")],
    ["bare Array type", { type: "Array", tag: 1 }, q("Array")],
    ["missing type", { guid: G1, name: "x" }, "undefined"],
    ["id > 0xFFFF", { type: "Integer", guid: G2, id: 0x10000 }, "65536"],
    ["negative id", { type: "Integer", guid: G2, id: -1 }, "-1"],
    ["fractional id", { type: "Integer", guid: G2, id: 1.5 }, "1.5"],
    ["NaN id", { type: "Integer", guid: G2, id: NaN }, "NaN"],
    ["string id", { type: "Integer", guid: G2, id: "0x8012" }, q("0x8012")],
    ["tag 0", { type: "String", tag: 0 }, "Tag 0"],
    ["tag > 0xFFFF", { type: "String", tag: 0x10000 }, "65536"],
    ["negative tag", { type: "String", tag: -5 }, "-5"],
    ["tag with a guid", { type: "String", tag: 0x37, guid: G1 }, G1],
    ["empty name", { type: "String", guid: G1, name: "" }, q("")],
    ["whitespace name", { type: "String", guid: G1, name: "   " }, q("   ")],
    ["leading space", { type: "String", guid: G1, name: " x" }, q(" x")],
    ["trailing space", { type: "String", guid: G1, name: "x " }, q("x ")],
    ["trailing NBSP", { type: "String", guid: G1, name: "x\u00a0" }, q("x\u00a0")],
    ["C0 control", { type: "String", guid: G1, name: "a\u0001b" }, q("a\u0001b")],
    ["newline", { type: "String", guid: G1, name: "a\nb" }, q("a\nb")],
    ["DEL", { type: "String", guid: G1, name: "a\u007fb" }, q("a\u007fb")],
    ["C1 control", { type: "String", guid: G1, name: "a\u0085b" }, q("a\u0085b")],
    ["lone surrogate", { type: "String", guid: G1, name: "a\ud800b" }, q("a\ud800b")],
    ["name not a string", { type: "String", guid: G1, name: 7 }, "7"],
    ["name and id", { type: "String", guid: G1, name: "x", id: 1 }, "got 2"],
    ["no name/id/tag", { type: "String", guid: G1 }, "got 0"],
    ["null spec", null, "null"],
    ["string spec", `String {${G1}} Name x`, "Name x"],
  ])("rejects %s: %j", (_, spec, needle) => {
    rejects(() => fmt(spec), needle);
  });
});

describe("parsePropertyId", () => {
  it.each<[string, PropertyIdSpec]>([
    [`String {${G1}} Name TestProperty`, { type: "String", guid: G1, name: "TestProperty" }],
    [`Integer {${G2}} Id 0x8012`, { type: "Integer", guid: G2, id: 0x8012 }],
    ["String 0x0037", { type: "String", tag: 0x37 }],
    [`string {${G1.toLowerCase()}} name Test Property`, { type: "String", guid: G1, name: "Test Property" }],
    [`STRINGARRAY ${G1.toLowerCase()} NAME x`, { type: "StringArray", guid: G1, name: "x" }],
    [`String {${G1}} Name Id 0x1`, { type: "String", guid: G1, name: "Id 0x1" }],
    [`String {${G1}} Name ü 名前 😀`, { type: "String", guid: G1, name: "ü 名前 😀" }],
    [`systemtime {${G2}} id 0X1`, { type: "SystemTime", guid: G2, id: 1 }],
    [`Long {${G2}} Id 0x0`, { type: "Long", guid: G2, id: 0 }],
    [`Long {${G2}} Id 0xffff`, { type: "Long", guid: G2, id: 0xffff }],
    ["clsidarray 0X37", { type: "CLSIDArray", tag: 0x37 }],
    ["Binary 0x1", { type: "Binary", tag: 1 }],
  ])("%s", (id, want) => {
    expect(parsePropertyId(id)).toStrictEqual(want);
  });

  it.each<[string, string, string]>([
    ["missing form", `String {${G1}}`, `String {${G1}}`],
    ["missing name value", `String {${G1}} Name`, "Name"],
    ["empty name", `String {${G1}} Name `, "Name "],
    ["whitespace name", `String {${G1}} Name   `, "Name   "],
    ["leading space in name", `String {${G1}} Name  x`, " x"],
    ["trailing space in name", `String {${G1}} Name x `, "x "],
    ["control char in name", `String {${G1}} Name a\tb`, "a\\tb"],
    ["lone surrogate in name", `String {${G1}} Name a\udc00`, "a\\udc00"],
    ["unknown type", `Foo {${G1}} Name x`, q("Foo")],
    ["bad keyword", `String {${G1}} Nom x`, "Nom x"],
    ["bad GUID", `String {${G1.slice(1)}} Name x`, G1.slice(1)],
    ["bad GUID", "String {not-a-guid} Name x", "not-a-guid"],
    ["unbalanced brace", `String {${G1} Name x`, `{${G1}`],
    ["double space", `String  {${G1}} Name x`, "String  {"],
    ["hex id > 0xFFFF", `Integer {${G2}} Id 0x10000`, "0x10000"],
    ["five hex digits", `Integer {${G2}} Id 0x08012`, "0x08012"],
    ["negative id", `Integer {${G2}} Id -0x1`, "-0x1"],
    ["decimal id", `Integer {${G2}} Id 32786`, "32786"],
    ["empty hex", `Integer {${G2}} Id 0x`, "0x"],
    ["non-hex id", `Integer {${G2}} Id 0x80G2`, "0x80G2"],
    ["trailing text after id", `Integer {${G2}} Id 0x8012 x`, "0x8012 x"],
    ["tag 0", "String 0x0000", "0x0000"],
    ["tag 0 short", "String 0x0", "0x0"],
    ["tag > 0xFFFF", "String 0x10000", "0x10000"],
    ["tag without type", "0x0037", "0x0037"],
    ["tag with empty type", " 0x0037", q("")],
    ["tag with trailing space", "String 0x0037 ", "0x0037 "],
    ["tag without 0x", "String 0037", "0037"],
    ["bare type", "String", q("String")],
    ["empty", "", q("")],
  ])("rejects %s: %j", (_, id, needle) => {
    rejects(() => parsePropertyId(id), needle);
  });

  it("rejects a non-string", () => {
    rejects(() => parsePropertyId(undefined as unknown as string), "undefined");
  });

  it("is the inverse of formatPropertyId for arbitrary valid specs", () => {
    fc.assert(
      fc.property(specArb, ([spec, normalised]) => {
        const id = formatPropertyId(spec);
        expect(parsePropertyId(id)).toStrictEqual(normalised);
        expect(formatPropertyId(parsePropertyId(id))).toBe(id);
      }),
      { numRuns: 500 },
    );
  });

  it("accepts any case for the type and keywords", () => {
    fc.assert(
      fc.property(
        specArb,
        fc.boolean(),
        fc.array(fc.boolean(), { minLength: 1 }),
        ([spec, normalised], braces, mask) => {
          // Mix the case of the type, GUID and keyword (never the name) per mask; optionally drop the braces.
          const mix = (w: string) =>
            [...w].map((c, i) => (mask[i % mask.length] ? c.toLowerCase() : c.toUpperCase())).join("");
          const [type = "", guid = "", keyword = "", ...name] = formatPropertyId(spec).split(" ");
          const bare = braces ? guid : guid.replace(/^\{|\}$/g, "");
          const words = "tag" in spec ? [mix(type), mix(guid)] : [mix(type), mix(bare), mix(keyword), ...name];
          expect(parsePropertyId(words.join(" "))).toStrictEqual(normalised);
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ---- Value codecs ------------------------------------------------------------------------------------------------

describe("encodeMapiValue / decodeMapiValue: canonical values", () => {
  it.each<[MapiType, unknown, string | string[]]>([
    ["Integer", 0, "0"],
    ["Integer", -42, "-42"],
    ["Integer", INT32_MIN, "-2147483648"],
    ["Integer", INT32_MAX, "2147483647"],
    ["Short", -32768, "-32768"],
    ["Short", 32767, "32767"],
    ["Long", 9007199254740993n, "9007199254740993"],
    ["Long", INT64_MIN, "-9223372036854775808"],
    ["Long", INT64_MAX, "9223372036854775807"],
    ["Currency", 123456789n, "123456789"],
    ["Currency", INT64_MIN, "-9223372036854775808"],
    ["Boolean", true, "true"],
    ["Boolean", false, "false"],
    ["Double", 0.1, "0.1"],
    ["Double", -1.5e300, "-1.5e+300"],
    ["Double", NaN, "NaN"],
    ["Double", Infinity, "INF"],
    ["Double", -Infinity, "-INF"],
    ["Double", -0, "-0"],
    ["Float", Math.fround(0.1), "0.1"],
    ["Float", FLOAT_MAX, "3.4028235e+38"],
    ["Float", FLOAT_MIN_SUBNORMAL, "1e-45"],
    ["Float", -0, "-0"],
    ["Float", -Infinity, "-INF"],
    ["Float", NaN, "NaN"],
    ["SystemTime", new Date(Date.UTC(2016, 6, 18, 5, 55, 0, 7)), "2016-07-18T05:55:00.007Z"],
    ["SystemTime", new Date(8.64e15), "+275760-09-13T00:00:00.000Z"],
    ["SystemTime", new Date(-1), "1969-12-31T23:59:59.999Z"],
    ["Binary", new Uint8Array([]), ""],
    ["Binary", new Uint8Array([0xfb, 0xff]), "+/8="],
    ["Object", new Uint8Array([1, 2, 3, 4]), "AQIDBA=="],
    ["CLSID", G1, G1],
    ["String", "", ""],
    ["String", "ü 名前 😀", "ü 名前 😀"],
    ["StringArray", [], []],
    ["StringArray", ["a", "", "b"], ["a", "", "b"]],
    ["IntegerArray", [1, -2], ["1", "-2"]],
    ["LongArray", [INT64_MAX], ["9223372036854775807"]],
    ["BooleanArray", [true, false], ["true", "false"]],
    ["BinaryArray", [new Uint8Array([255])], ["/w=="]],
  ])("%s %o ↔ %j", (type, value, wire) => {
    expect(enc(type, value)).toStrictEqual(wire);
    const back = dec(type, wire);
    if (typeof value === "number") expect(Object.is(back, value)).toBe(true);
    else expect(back).toStrictEqual(value);
  });
});

describe("decodeMapiValue: lenient inputs", () => {
  it.each<[MapiType, string | string[], unknown]>([
    ["Integer", "+5", 5],
    ["Integer", "007", 7],
    ["Integer", "-0", 0],
    ["Short", "-00032768", -32768],
    ["Long", "+9223372036854775807", INT64_MAX],
    ["Long", "-0", 0n],
    ["Boolean", "TRUE", true],
    ["Boolean", "False", false],
    ["Double", "1E3", 1000],
    ["Double", ".5", 0.5],
    ["Double", "5.", 5],
    ["Double", "inf", Infinity],
    ["Double", "+INF", Infinity],
    ["Double", "-Infinity", -Infinity],
    ["Double", "nan", NaN],
    ["Double", "-0.0", -0],
    ["Float", "0.1", Math.fround(0.1)],
    ["Float", "3.4028235e38", FLOAT_MAX],
    ["Float", "3.4028235677973362e38", FLOAT_MAX],
    ["Float", "1e-46", 0],
    ["SystemTime", "2016-07-18T05:55:00Z", new Date(Date.UTC(2016, 6, 18, 5, 55))],
    ["SystemTime", "2016-07-18T07:55:00+02:00", new Date(Date.UTC(2016, 6, 18, 5, 55))],
    ["SystemTime", "2016-07-17T22:25:00-07:30", new Date(Date.UTC(2016, 6, 18, 5, 55))],
    ["SystemTime", "2016-07-18T05:55:00.1239999Z", new Date(Date.UTC(2016, 6, 18, 5, 55, 0, 123))],
    ["SystemTime", "2016-07-18T05:55:00.5+00:00", new Date(Date.UTC(2016, 6, 18, 5, 55, 0, 500))],
    ["SystemTime", "2016-07-18T05:55Z", new Date(Date.UTC(2016, 6, 18, 5, 55))],
    ["SystemTime", "2016-07-18t05:55:00z", new Date(Date.UTC(2016, 6, 18, 5, 55))],
    ["SystemTime", "2016-02-29T00:00:00Z", new Date(Date.UTC(2016, 1, 29))],
    ["SystemTime", "2000-02-29T00:00:00Z", new Date(Date.UTC(2000, 1, 29))],
    ["SystemTime", "0050-06-15T12:00:00Z", new Date("0050-06-15T12:00:00Z")],
    ["SystemTime", "-271821-04-19T23:00:00-01:00", new Date(-8.64e15)],
    ["SystemTime", "+275760-09-13T01:00:00+01:00", new Date(8.64e15)],
    ["CLSID", `{${G1.toLowerCase()}}`, G1],
    ["CLSID", G2.toLowerCase(), G2],
  ])("%s %j → %o", (type, wire, want) => {
    const got = dec(type, wire);
    if (typeof want === "number") expect(Object.is(got, want)).toBe(true);
    else expect(got).toStrictEqual(want);
  });

  it("encodes CLSID with braces or any case as uppercase without braces", () => {
    expect(encodeMapiValue("CLSID", `{${G1.toLowerCase()}}`)).toBe(G1);
    expect(encodeMapiValue("CLSIDArray", [G2.toLowerCase()])).toStrictEqual([G2]);
  });
});

describe("encodeMapiValue: rejections", () => {
  it.each<[string, string, unknown, string]>([
    ["Integer above range", "Integer", 2 ** 31, "2147483648"],
    ["Integer below range", "Integer", INT32_MIN - 1, "-2147483649"],
    ["Integer fraction", "Integer", 1.5, "1.5"],
    ["Integer NaN", "Integer", NaN, "NaN"],
    ["Integer Infinity", "Integer", Infinity, "Infinity"],
    ["Integer as bigint", "Integer", 1n, "1n"],
    ["Integer as string", "Integer", "1", q("1")],
    ["Short above range", "Short", 32768, "32768"],
    ["Short below range", "Short", -32769, "-32769"],
    ["Short fraction", "Short", 0.5, "0.5"],
    ["Long above range", "Long", INT64_MAX + 1n, "9223372036854775808n"],
    ["Long below range", "Long", INT64_MIN - 1n, "-9223372036854775809n"],
    ["Long as number", "Long", 5, "5"],
    ["Currency above range", "Currency", INT64_MAX + 1n, "9223372036854775808n"],
    ["Currency below range", "Currency", INT64_MIN - 1n, "-9223372036854775809n"],
    ["Currency as number", "Currency", 1.25, "1.25"],
    ["Boolean as string", "Boolean", "true", q("true")],
    ["Boolean as number", "Boolean", 1, "1"],
    ["Double as string", "Double", "1", q("1")],
    ["Double as bigint", "Double", 1n, "1n"],
    ["Float not a float32", "Float", 0.1, "0.1"],
    ["Float beyond range", "Float", 1e39, "1e+39"],
    ["Float below subnormal", "Float", 5e-324, "5e-324"],
    ["Float as string", "Float", "0.5", q("0.5")],
    ["SystemTime invalid Date", "SystemTime", new Date(NaN), "Invalid Date"],
    ["SystemTime as string", "SystemTime", "2016-07-18T05:55:00Z", q("2016-07-18T05:55:00Z")],
    ["SystemTime as number", "SystemTime", 0, "0"],
    ["Binary as array", "Binary", [1, 2], "array(2)"],
    ["Binary as string", "Binary", "AQID", q("AQID")],
    ["Object as ArrayBuffer", "Object", new ArrayBuffer(1), "ArrayBuffer"],
    ["CLSID not a GUID", "CLSID", "not-a-guid", q("not-a-guid")],
    ["CLSID unbalanced brace", "CLSID", `{${G1}`, G1],
    ["String as number", "String", 1, "1"],
    ["String null", "String", null, "null"],
    ["unknown type", "Foo", "x", q("Foo")],
    ["lower-case type", "string", "x", q("string")],
    ["Array type with a scalar", "StringArray", "x", q("x")],
    ["Array type with undefined", "IntegerArray", undefined, "undefined"],
    ["scalar type with an array", "String", ["x"], "array(1)"],
    ["bad element", "IntegerArray", [1, 2.5], "element 1"],
    ["bad element", "LongArray", [1n, 2], "element 1"],
    ["hole", "StringArray", ["a", , "c"], "element 1"], // eslint-disable-line no-sparse-arrays
  ])("%s", (_, type, value, needle) => {
    rejects(() => enc(type, value), needle);
  });
});

describe("decodeMapiValue: rejections", () => {
  it.each<[string, string, unknown, string]>([
    ["Integer above range", "Integer", "2147483648", "2147483648"],
    ["Integer below range", "Integer", "-2147483649", "-2147483649"],
    ["Integer fraction", "Integer", "1.5", "1.5"],
    ["Integer exponent", "Integer", "1e3", "1e3"],
    ["Integer empty", "Integer", "", q("")],
    ["Integer spaces", "Integer", " 1", q(" 1")],
    ["Integer hex", "Integer", "0x10", "0x10"],
    ["Short above range", "Short", "32768", "32768"],
    ["Short below range", "Short", "-32769", "-32769"],
    ["Long above range", "Long", "9223372036854775808", "9223372036854775808"],
    ["Long below range", "Long", "-9223372036854775809", "-9223372036854775809"],
    ["Long fraction", "Long", "1.0", "1.0"],
    ["Long empty", "Long", "", q("")],
    ["Currency above range", "Currency", "9223372036854775808", "9223372036854775808"],
    ["Currency decimal", "Currency", "12.34", "12.34"],
    ["Boolean 1", "Boolean", "1", q("1")],
    ["Boolean yes", "Boolean", "yes", q("yes")],
    ["Boolean padded", "Boolean", "true ", q("true ")],
    ["Double garbage", "Double", "abc", q("abc")],
    ["Double empty", "Double", "", q("")],
    ["Double hex", "Double", "0x10", "0x10"],
    ["Double spaces", "Double", " 1", q(" 1")],
    ["Double overflow", "Double", "1e309", "1e309"],
    ["Double lone dot", "Double", ".", q(".")],
    ["Float overflow", "Float", "3.5e38", "3.5e38"],
    ["Float overflow at the tie", "Float", "3.4028235677973366e38", "3.4028235677973366e38"],
    ["Float garbage", "Float", "1,5", "1,5"],
    ["SystemTime date only", "SystemTime", "2016-07-18", "2016-07-18"],
    ["SystemTime no offset", "SystemTime", "2016-07-18T05:55:00", "2016-07-18T05:55:00"],
    ["SystemTime space separator", "SystemTime", "2016-07-18 05:55:00Z", "2016-07-18 05:55:00Z"],
    ["SystemTime Feb 30", "SystemTime", "2016-02-30T00:00:00Z", "2016-02-30"],
    ["SystemTime Feb 29 non-leap", "SystemTime", "2015-02-29T00:00:00Z", "2015-02-29"],
    ["SystemTime Feb 29 1900", "SystemTime", "1900-02-29T00:00:00Z", "1900-02-29"],
    ["SystemTime Apr 31", "SystemTime", "2016-04-31T00:00:00Z", "2016-04-31"],
    ["SystemTime month 13", "SystemTime", "2016-13-01T00:00:00Z", "2016-13-01"],
    ["SystemTime month 0", "SystemTime", "2016-00-01T00:00:00Z", "2016-00-01"],
    ["SystemTime day 0", "SystemTime", "2016-01-00T00:00:00Z", "2016-01-00"],
    ["SystemTime hour 24", "SystemTime", "2016-07-18T24:00:00Z", "T24"],
    ["SystemTime minute 60", "SystemTime", "2016-07-18T05:60:00Z", "05:60"],
    ["SystemTime leap second", "SystemTime", "2016-12-31T23:59:60Z", "59:60"],
    ["SystemTime offset hour 24", "SystemTime", "2016-07-18T05:55:00+24:00", "+24:00"],
    ["SystemTime offset minute 60", "SystemTime", "2016-07-18T05:55:00+01:60", "+01:60"],
    ["SystemTime empty fraction", "SystemTime", "2016-07-18T05:55:00.Z", "00.Z"],
    ["SystemTime after max", "SystemTime", "+275760-09-13T00:00:00.001Z", "+275760"],
    ["SystemTime before min", "SystemTime", "-271821-04-20T00:00:00+00:01", "-271821"],
    ["SystemTime minus zero year", "SystemTime", "-000000-01-01T00:00:00Z", "-000000"],
    ["SystemTime garbage", "SystemTime", "yesterday", "yesterday"],
    ["Binary bad length", "Binary", "A", q("A")],
    ["Binary bad padding", "Binary", "AB=", q("AB=")],
    ["Binary too much padding", "Binary", "A===", q("A===")],
    ["Binary non-zero trailing bits", "Binary", "QR==", q("QR==")],
    ["Binary non-zero trailing bits", "Binary", "QUJ=", q("QUJ=")],
    ["Binary missing padding", "Binary", "QQ", q("QQ")],
    ["Binary bad characters", "Binary", "@@@@", q("@@@@")],
    ["Binary URL alphabet", "Object", "-_8=", q("-_8=")],
    ["Binary inner padding", "Binary", "QQ==QQ==", q("QQ==QQ==")],
    ["Binary whitespace", "Object", "QUJD\nREVG", "QUJD\\nREVG"],
    ["CLSID not a GUID", "CLSID", "1234", q("1234")],
    ["String as number", "String", 5, "5"],
    ["String null", "String", null, "null"],
    ["unknown type", "Nope", "x", q("Nope")],
    ["Array type with a string", "StringArray", "x", q("x")],
    ["Array type with null", "StringArray", null, "null"],
    ["scalar type with an array", "String", ["x"], "array(1)"],
    ["scalar type with an empty array", "Integer", [], "array(0)"],
    ["bad element", "IntegerArray", ["1", "x"], "element 1"],
    ["non-string element", "StringArray", ["a", null], "element 1"],
    ["non-string element", "LongArray", [5], "element 0"],
    ["hole", "StringArray", ["a", , "c"], "element 1"], // eslint-disable-line no-sparse-arrays
  ])("%s", (_, type, raw, needle) => {
    rejects(() => dec(type, raw), needle);
  });
});

// ---- Property tests per codec ------------------------------------------------------------------------------------

const floatArb = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    NaN,
    Infinity,
    -Infinity,
    FLOAT_MAX,
    -FLOAT_MAX,
    FLOAT_MIN_NORMAL,
    FLOAT_MIN_SUBNORMAL,
    -FLOAT_MIN_SUBNORMAL,
    Math.fround(0.1),
    Math.fround(1 / 3),
    Math.fround(16777217),
  ),
  fc.float(),
  fc.float({ noDefaultInfinity: true, noNaN: true }),
);
const doubleArb = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    NaN,
    Infinity,
    -Infinity,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
    -Number.MIN_VALUE,
    Number.EPSILON,
    2 ** 53 + 2,
    0.1,
    -1e-7,
    1e21,
  ),
  fc.double(),
);
const dateArb = fc.oneof(
  fc.constantFrom(
    new Date(8.64e15),
    new Date(-8.64e15),
    new Date(0),
    new Date(-1),
    new Date(Date.UTC(2016, 6, 18, 5, 55, 0, 123)),
    new Date("0050-06-15T12:00:00.999Z"),
    new Date("0000-01-01T00:00:00.001Z"),
    new Date("9999-12-31T23:59:59.999Z"),
  ),
  fc.date({ noInvalidDate: true }),
  fc.date({ noInvalidDate: true, min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z") }),
);
const bytesArb = fc.oneof(fc.constantFrom(ALL_BYTES, new Uint8Array(0), new Uint8Array([0])), fc.uint8Array());
const stringArb = fc.oneof(
  fc.constantFrom("", " ", "ü 名前 😀", "\u0000\n\t", "\ud800", "e\u0301", "👨‍👩‍👧"),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
);
const int = (min: number, max: number) =>
  fc.oneof(fc.constantFrom(min, max, 0, -1, 1, min + 1, max - 1), fc.integer({ min, max }));
const int64 = fc.oneof(
  fc.constantFrom(INT64_MIN, INT64_MAX, 0n, -1n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, INT64_MIN + 1n, INT64_MAX - 1n),
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
  fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }),
);

/** Value arbitraries for each scalar type, with edge values mixed in. */
const VALUES: { [K in MapiScalarType]: fc.Arbitrary<unknown> } = {
  Binary: bytesArb,
  Object: bytesArb,
  Boolean: fc.boolean(),
  CLSID: guidArb.map(([, g]) => g),
  Currency: int64,
  Long: int64,
  Double: doubleArb,
  Float: floatArb,
  Integer: int(INT32_MIN, INT32_MAX),
  Short: int(-(2 ** 15), 2 ** 15 - 1),
  SystemTime: dateArb,
  String: stringArb,
};

/** decode(encode(v)) equals v, with NaN and -0 compared by Object.is. */
function same(a: unknown, b: unknown): void {
  if (typeof b === "number") expect(Object.is(a, b)).toBe(true);
  else expect(a).toStrictEqual(b);
}

describe("codec properties", () => {
  it.each(SCALARS)("%s: decode(encode(v)) equals v and encode(decode(s)) === s for canonical s", (type) => {
    fc.assert(
      fc.property(VALUES[type], (v) => {
        const wire = enc(type, v);
        expect(typeof wire).toBe("string");
        same(dec(type, wire), v);
        expect(enc(type, dec(type, wire))).toBe(wire);
      }),
      { numRuns: 300 },
    );
  });

  it.each(SCALARS)("%sArray: element-wise, including empty arrays", (type) => {
    const arrayType = `${type}Array` as const;
    fc.assert(
      fc.property(fc.oneof(fc.constant([]), fc.array(VALUES[type], { maxLength: 8 })), (vs) => {
        const wire = enc(arrayType, vs);
        expect(wire).toStrictEqual(vs.map((v) => enc(type, v)));
        const back = dec(arrayType, wire) as unknown[];
        expect(back).toHaveLength(vs.length);
        back.forEach((b, i) => same(b, vs[i]));
        expect(enc(arrayType, back)).toStrictEqual(wire);
      }),
      { numRuns: 100 },
    );
  });

  it("Integer/Short: canonical decimal strings; out-of-range and non-integers rejected", () => {
    fc.assert(
      fc.property(int(INT32_MIN, INT32_MAX), (n) => {
        expect(encodeMapiValue("Integer", n)).toBe(String(n));
        expect(decodeMapiValue("Integer", String(n))).toBe(n);
      }),
    );
    const outside = fc.oneof(
      fc.integer({ min: INT32_MAX + 1, max: Number.MAX_SAFE_INTEGER }),
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: INT32_MIN - 1 }),
    );
    fc.assert(
      fc.property(outside, (n) => {
        rejects(() => enc("Integer", n), String(n));
        rejects(() => dec("Integer", String(n)), String(n));
      }),
    );
    fc.assert(
      fc.property(
        fc.double({ noNaN: true }).filter((d) => !Number.isInteger(d)),
        (d) => {
          rejects(() => enc("Short", d), String(d));
          rejects(() => enc("Integer", d), String(d));
        },
      ),
    );
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 32768, max: 1e9 }), fc.integer({ min: -1e9, max: -32769 })), (n) => {
        rejects(() => enc("Short", n), String(n));
        rejects(() => dec("Short", String(n)), String(n));
      }),
    );
  });

  it("Long/Currency: bigint beyond 2^53 exact; outside int64 rejected", () => {
    fc.assert(
      fc.property(int64, fc.constantFrom("Long", "Currency") as fc.Arbitrary<"Long" | "Currency">, (n, type) => {
        expect(encodeMapiValue(type, n)).toBe(n.toString());
        expect(decodeMapiValue(type, n.toString())).toBe(n);
      }),
    );
    const outside = fc.oneof(
      fc.bigInt({ min: INT64_MAX + 1n, max: 2n ** 70n }),
      fc.bigInt({ min: -(2n ** 70n), max: INT64_MIN - 1n }),
    );
    fc.assert(
      fc.property(outside, fc.constantFrom("Long", "Currency"), (n, type) => {
        rejects(() => enc(type, n), `${n}n`);
        rejects(() => dec(type, n.toString()), n.toString());
      }),
    );
  });

  it("Boolean: decodes any case", () => {
    fc.assert(
      fc.property(fc.mixedCase(fc.constantFrom("true", "false")), (s) => {
        expect(decodeMapiValue("Boolean", s)).toBe(s.toLowerCase() === "true");
      }),
    );
  });

  it("Double: decodes any decimal literal like Number()", () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.constantFrom("", "-", "+"), fc.stringMatching(/^\d{1,30}(\.\d{0,30})?([eE][+-]?\d{1,3})?$/)),
        ([sign, body]) => {
          const n = Number(sign + body);
          if (Number.isFinite(n)) same(decodeMapiValue("Double", sign + body), n);
          else rejects(() => dec("Double", sign + body), body);
        },
      ),
    );
  });

  it("Float: decoding rounds to float32; encoding rejects numbers that are not float32", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -FLOAT_MAX, max: FLOAT_MAX }), (d) => {
        same(decodeMapiValue("Float", Object.is(d, -0) ? "-0" : String(d)), Math.fround(d));
        if (Math.fround(d) !== d) rejects(() => enc("Float", d), "float32");
        else expect(Math.fround(Number(encodeMapiValue("Float", d)))).toBe(d);
      }),
    );
    fc.assert(
      fc.property(floatArb, (f) => {
        // The encoding is the shortest decimal that rounds back: dropping a digit loses the value.
        const s = encodeMapiValue("Float", f);
        const digits = s
          .replace(/^-/, "")
          .replace(/e.*$/, "")
          .replace(".", "")
          .replace(/^0+|0+$/g, "");
        if (Number.isFinite(f) && f !== 0 && digits.length > 1) {
          const shorter = Number(f.toPrecision(digits.length - 1));
          expect(Math.fround(shorter)).not.toBe(f);
        }
      }),
    );
  });

  it("SystemTime: encodes toISOString(); decodes any offset and extra fraction digits", () => {
    const offset = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });
    const inner = fc.date({ noInvalidDate: true, min: new Date(-8.64e15 + 864e5), max: new Date(8.64e15 - 864e5) });
    fc.assert(
      fc.property(
        fc.oneof(inner, fc.constantFrom(new Date(-8.64e15 + 864e5))),
        offset,
        fc.stringMatching(/^\d{0,4}$/),
        (d, off, extra) => {
          expect(encodeMapiValue("SystemTime", d)).toBe(d.toISOString());
          const local = new Date(d.getTime() + off * 60_000).toISOString().slice(0, -1);
          const abs = Math.abs(off);
          const zone = `${off < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
          expect(decodeMapiValue("SystemTime", `${local}${extra}${zone}`)).toStrictEqual(d);
        },
      ),
    );
  });

  it("SystemTime: agrees with Date.parse on four-digit years", () => {
    fc.assert(
      fc.property(
        fc.date({
          noInvalidDate: true,
          min: new Date("0000-01-01T00:00:00Z"),
          max: new Date("9999-12-31T23:59:59.999Z"),
        }),
        fc.boolean(),
        (d, dropMillis) => {
          const s = dropMillis ? d.toISOString().replace(/\.\d+Z$/, "Z") : d.toISOString();
          expect(decodeMapiValue("SystemTime", s).getTime()).toBe(Date.parse(s));
        },
      ),
    );
  });

  it("Binary/Object: standard padded base64, same as Buffer", () => {
    fc.assert(
      fc.property(bytesArb, fc.constantFrom("Binary", "Object") as fc.Arbitrary<"Binary" | "Object">, (b, type) => {
        expect(encodeMapiValue(type, b)).toBe(Buffer.from(b).toString("base64"));
      }),
    );
    expect(encodeMapiValue("Binary", ALL_BYTES)).toBe(Buffer.from(ALL_BYTES).toString("base64"));
  });

  it("Binary: decode accepts exactly the canonical base64 strings", () => {
    const b64ish = fc.string({ unit: fc.constantFrom(..."AQgw/+9=a-_ \n"), maxLength: 12 });
    fc.assert(
      fc.property(
        fc.oneof(
          b64ish,
          bytesArb.map((b) => Buffer.from(b).toString("base64")),
        ),
        (s) => {
          const buf = Buffer.from(s, "base64");
          if (buf.toString("base64") === s) expect(decodeMapiValue("Binary", s)).toStrictEqual(new Uint8Array(buf));
          else rejects(() => dec("Binary", s), "base64");
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("CLSID: any case, with or without braces, normalises", () => {
    fc.assert(
      fc.property(guidArb, ([written, canonical]) => {
        expect(encodeMapiValue("CLSID", written)).toBe(canonical);
        expect(decodeMapiValue("CLSID", written)).toBe(canonical);
      }),
    );
  });

  it("String: identity for any Unicode", () => {
    fc.assert(
      fc.property(stringArb, (s) => {
        expect(encodeMapiValue("String", s)).toBe(s);
        expect(decodeMapiValue("String", s)).toBe(s);
      }),
    );
  });

  it("never throws anything but ExtendedPropertyError", () => {
    fc.assert(
      fc.property(
        fc.oneof(typeArb, fc.string()),
        fc.anything({ withBigInt: true, withDate: true, withTypedArray: true }),
        (type, v) => {
          for (const f of [() => enc(type, v), () => dec(type, v), () => fmt(v), () => fmt({ type, guid: v, id: v })])
            try {
              f();
            } catch (e) {
              expect(e).toBeInstanceOf(ExtendedPropertyError);
            }
        },
      ),
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        try {
          parsePropertyId(s);
        } catch (e) {
          expect(e).toBeInstanceOf(ExtendedPropertyError);
        }
      }),
    );
  });
});

describe("index re-exports", () => {
  it("exports the mapi names", async () => {
    const index = await import("../../templates/runtime/index.js");
    expect(index.formatPropertyId).toBe(formatPropertyId);
    expect(index.parsePropertyId).toBe(parsePropertyId);
    expect(index.encodeMapiValue).toBe(encodeMapiValue);
    expect(index.decodeMapiValue).toBe(decodeMapiValue);
    expect(index.isMapiType).toBe(isMapiType);
    expect(index.isMultiValueType).toBe(isMultiValueType);
    expect(index.ExtendedPropertyError).toBe(ExtendedPropertyError);
  });
});
