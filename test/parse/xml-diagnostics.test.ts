/**
 * The parse stage's diagnostics for broken documents: each one located (line and column) and put in words,
 * including the problems fast-xml-parser reports without a position.
 */
import { describe, expect, it } from "vitest";
import { parseXml } from "../../generator/parse/xml.js";

const HEAD = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="N" xmlns="http://docs.oasis-open.org/odata/ns/edm">
`;
const TAIL = `    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`;

function only(text: string) {
  const { root, diagnostics } = parseXml(text, "m.xml");
  expect(root).toBeUndefined();
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0]!;
}

describe("a document cut short", () => {
  it("is reported where it ends, naming the innermost open element, its Name and where it opened", () => {
    const text = `${HEAD}      <EntityType Name="Message">\n        <Key><PropertyRef Name="Id"/></Key>\n        <Property Name="Id" Type="Edm.String"/>\n`;
    const d = only(text);
    expect(d).toMatchObject({ code: "xml-malformed", file: "m.xml", line: 7, column: 48 });
    expect(d.message).toContain('the document ends inside <EntityType Name="Message"> opened at 5:7');
    expect(d.message).toContain("4 elements are still open, the outermost <edmx:Edmx>");
    expect(d.message).not.toMatch(/\[|"edmx:Edmx",/);
  });

  it("inside a start tag, a comment or a CDATA section", () => {
    const tag = only(`${HEAD}      <EntityType Name="Message"\n`);
    expect(tag).toMatchObject({ line: 5, column: 33 });
    expect(tag.message).toContain("ends inside the start tag <EntityType> opened at 5:7");
    // An open quote the validator reports itself, with a position.
    expect(only(`${HEAD}      <EntityType Name="Mess`)).toMatchObject({ line: 5 });
    const comment = only(`${HEAD}  <!-- a note\n\n`);
    expect(comment).toMatchObject({ line: 5, column: 14 });
    expect(comment.message).toContain("ends inside a comment opened at 5:3");
    expect(only(`${HEAD}<Annotation><String><![CDATA[abc`).message).toContain("ends inside a CDATA section opened at 5:21");
  });

  it("the Name in the message shows bidi and zero-width characters escaped", () => {
    const d = only(`${HEAD}      <EntityType Name="a&#x202E;b\u200Bc\u202Ed">\n`);
    expect(d.message).toContain('<EntityType Name="a&#x202E;b\\u{200b}c\\u{202e}d">');
    expect(d.message).not.toMatch(/[\u200B\u202E]/);
  });

  it("inside the XML declaration", () => {
    expect(only(`<?xml version="1.0" en`)).toMatchObject({ line: 1, column: 23, message: "malformed XML: the document ends inside the XML declaration opened at 1:1; it is cut short" });
  });

  it("an empty document is located at 1:1", () => {
    expect(only("")).toMatchObject({ line: 1, column: 1, message: "malformed XML: the document is empty" });
    expect(only("  \n ")).toMatchObject({ line: 1, column: 1 });
  });
});

describe("nesting", () => {
  it("100 levels below the root parse; deeper is located at the first element too deep", () => {
    const nest = (n: number) => `<r>\n${"<a>".repeat(n)}${"</a>".repeat(n)}</r>`;
    expect(parseXml(nest(100), "m.xml").diagnostics).toEqual([]);
    const d = only(nest(101));
    expect(d).toMatchObject({ code: "xml-malformed", line: 2, column: 301 });
    expect(d.message).toContain("more than 100 levels deep");
  });
});

describe("names JavaScript objects reserve", () => {
  for (const name of ["__proto__", "constructor", "prototype"]) {
    it(`an element named ${name} is refused at its position`, () => {
      const d = only(`${HEAD}      <${name} Name="x"/>\n${TAIL}`);
      expect(d).toMatchObject({ code: "xml-malformed", line: 5, column: 8 });
      expect(d.message).toContain(`element name ${name} is refused`);
    });
    it(`an attribute named ${name} is refused at its position; m:${name} is an ordinary name`, () => {
      const d = only(`${HEAD}      <EntityType Name="T" ${name}="1"/>\n${TAIL}`);
      expect(d).toMatchObject({ line: 5, column: 28 });
      expect(d.message).toContain(`attribute name ${name} is refused`);
      const { root, diagnostics } = parseXml(`<r><x m:${name}="1"/><m:${name}/></r>`, "m.xml");
      expect(diagnostics).toEqual([]);
      expect(root!.children[0]!.attributes.get(`m:${name}`)).toBe("1");
      expect(root!.children[1]!.name).toBe(name);
    });
  }

  it("cannot pollute Object.prototype whatever the document names", () => {
    for (const name of ["__proto__", "constructor", "prototype"]) {
      parseXml(`<r><${name} polluted="yes"><x/></${name}><y ${name}="yes" polluted="yes"/></r>`, "m.xml");
    }
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("toString, valueOf, hasOwnProperty are kept as written (not renamed __toString)", () => {
    const { root, diagnostics } = parseXml(`<r><valueOf toString="1" hasOwnProperty="2"/><toString/></r>`, "m.xml");
    expect(diagnostics).toEqual([]);
    expect(root!.children.map((c) => c.name)).toEqual(["valueOf", "toString"]);
    expect([...root!.children[0]!.attributes]).toEqual([
      ["toString", "1"],
      ["hasOwnProperty", "2"],
    ]);
  });
});

describe("DOCTYPE", () => {
  it("a real DOCTYPE declaration is refused where it stands", () => {
    const d = only(`<?xml version="1.0"?>\n<!DOCTYPE edmx>\n${HEAD.split("\n").slice(1).join("\n")}${TAIL}`);
    expect(d).toMatchObject({ code: "xml-doctype", line: 2, column: 1 });
    const e = only(`<?xml version="1.0"?>\n<!DOCTYPE x [ <!ENTITY a "b"> ]>\n<x/>`);
    expect(e).toMatchObject({ code: "xml-entity-expansion", line: 2, column: 1 });
    expect(only(`<!doctype x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`).code).toBe("xml-external-entity");
  });

  it("the words <!DOCTYPE in a comment, a CDATA section, a processing instruction or an attribute value are text", () => {
    for (const inner of [
      "<!-- <!DOCTYPE x> -->",
      "<Annotation Term=\"Core.Description\"><String><![CDATA[<!DOCTYPE x [<!ENTITY a SYSTEM 'x'>]>]]></String></Annotation>",
      "<?note <!DOCTYPE x> ?>",
      `<Annotation Term="Core.Description" String="a &lt;!DOCTYPE x> and '<!DOCTYPE y>'"/>`,
    ]) {
      const { root, diagnostics } = parseXml(`${HEAD}${inner}\n${TAIL}`, "m.xml");
      expect(diagnostics, inner).toEqual([]);
      expect(root?.name).toBe("Edmx");
    }
  });

  it("a comment after the DOCTYPE mentioning ENTITY does not change what the DOCTYPE is called", () => {
    expect(only(`<!DOCTYPE x>\n<x><!-- <!ENTITY a SYSTEM "b"> --></x>`).code).toBe("xml-doctype");
  });
});
