// The fuzzer's own parts: mutants are a pure function of (seed, iteration), the oracle's rules catch what they
// claim to, and the minimiser keeps a failure while shrinking its input.
import { describe, expect, it } from "vitest";
import { loadSeeds } from "./corpus.js";
import { minimise } from "./minimise.js";
import { decodeBytes, csdlViolations, locationProblem } from "./oracle.js";
import { encode, makeMutant, mutatorErrors } from "./mutate.js";
import { scan } from "./scan.js";

const seeds = loadSeeds();

describe("mutants", () => {
  it("are the same for the same seed and iteration, and differ across iterations", () => {
    for (const i of [0, 7, 123]) expect(makeMutant(seeds, 5, i)).toEqual(makeMutant(seeds, 5, i));
    const texts = new Set(Array.from({ length: 40 }, (_, i) => makeMutant(seeds, 5, i).text));
    expect(texts.size).toBeGreaterThan(35);
  });

  it("come from mutations that never throw", () => {
    for (let i = 0; i < 3000; i++) makeMutant(seeds, 11, i);
    expect(mutatorErrors).toEqual([]);
  });

  it("mostly change their seed document, and name each change", () => {
    const changed = Array.from({ length: 200 }, (_, i) => makeMutant(seeds, 9, i)).filter((m) => m.ops.length > 0);
    expect(changed.length).toBeGreaterThan(190);
  });

  it("encode as declared: UTF-16 with a BOM and Latin-1 decode back to the text", () => {
    const text = '<?xml version="1.0"?><a b="Café"/>';
    expect(decodeBytes(encode(text, "utf16le-bom"))).toContain('<a b="Café"/>');
    expect(decodeBytes(encode(text, "utf16be-bom"))).toContain('<a b="Café"/>');
    expect(decodeBytes(encode(text, "latin1-declared"))).toContain('<a b="Café"/>');
  });
});

describe("the oracle's rules", () => {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', "<edmx:Edmx>", '  <EntityType Name="T">', "</edmx:Edmx>"];
  const at = (extra: object) => ({ severity: "error" as const, code: "duplicate-name", message: "m", file: "f", ...extra });

  it("a diagnostic needs a line and a column inside the document", () => {
    expect(locationProblem(at({}), lines)).toBe("no line:column");
    expect(locationProblem(at({ line: 9, column: 1 }), lines)).toBe("line beyond the document");
    expect(locationProblem(at({ line: 2, column: 40 }), lines)).toBe("column beyond its line");
    expect(locationProblem(at({ line: 2, column: 1 }), lines)).toBeUndefined();
  });

  it("a diagnostic at a CSDL element needs its path; an XML syntax one does not", () => {
    expect(locationProblem(at({ line: 3, column: 3 }), lines)).toBe("no CSDL path at an element");
    expect(locationProblem(at({ line: 3, column: 3, path: "Schema[NS]/EntityType[T]" }), lines)).toBeUndefined();
    expect(locationProblem(at({ code: "xml-malformed", line: 3, column: 3 }), lines)).toBeUndefined();
  });

  it("an XML syntax error at 1:1 of a document with a sound declaration is misplaced", () => {
    expect(locationProblem(at({ code: "xml-malformed", line: 1, column: 1 }), lines)).toBe("at 1:1 though the declaration is well-formed");
    expect(locationProblem(at({ code: "xml-malformed", line: 1, column: 1 }), ["<?xml version='1.0' encoding='EBCDIC'?>"])).toBeUndefined();
  });

  it("finds what CSDL forbids", () => {
    const doc = (schema: string, version = "4.0") =>
      `<edmx:Edmx Version="${version}"><edmx:DataServices><Schema Namespace="NS">${schema}</Schema></edmx:DataServices></edmx:Edmx>`;
    expect(csdlViolations(doc('<EntityType Name="T"><Property Name="P" Type="Edm.String"/></EntityType>'))).toEqual([]);
    expect(csdlViolations(doc('<EntityType Name="a&#x200B;b"/>'))).toEqual([]);
    expect(csdlViolations(doc('<EntityType Name=""/>'))).toEqual(["a EntityType Name that is not a SimpleIdentifier"]);
    expect(csdlViolations(doc(`<ComplexType Name="${"x".repeat(129)}"/>`))).toEqual(["a ComplexType Name that is not a SimpleIdentifier (too long)"]);
    expect(csdlViolations(doc('<EntityContainer Name="A"/><EntityContainer Name="B"/>'))).toEqual(["a second EntityContainer"]);
    expect(csdlViolations(doc("", "2.0"))).toEqual(["an Edmx Version other than 4.0 and 4.01"]);
    // A Schema outside DataServices (moved into an edmx:Include) is not the service's: what it holds is not judged.
    const included = '<edmx:Edmx Version="4.0"><edmx:Reference Uri="u"><edmx:Include Namespace="X"><Schema Namespace="X"><EntityType Name=""/></Schema></edmx:Include></edmx:Reference><edmx:DataServices/></edmx:Edmx>';
    expect(csdlViolations(included)).toEqual([]);
  });
});

describe("the minimiser", () => {
  it("removes the elements and lines a failure does not need, and keeps the failure", async () => {
    const text = ["<R>", ...Array.from({ length: 40 }, (_, i) => `  <E Name="e${i}"><P/></E>`), '  <E Name="bad"/>', "</R>"].join("\n");
    const fails = async (t: string): Promise<boolean> => t.includes('Name="bad"') && scan(t).length > 0;
    const small = await minimise(text, fails, { tests: 500 });
    expect(await fails(small)).toBe(true);
    expect(small).not.toContain("e1");
    expect(small.length).toBeLessThan(40);
  });
});
