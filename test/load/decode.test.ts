/**
 * Metadata bytes are read in the encoding the byte order mark, the XML declaration or (for a URL) the Content-Type
 * names; bytes that are not valid in it, and encodings codegen cannot decode, are located diagnostics, never U+FFFD.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeMetadata } from "../../generator/load/decode.js";
import { loadSource, type LoadFailure, type LoadedSource } from "../../generator/load/load.js";
import { generate } from "../../generator/pipeline.js";
import { parseXml } from "../../generator/parse/xml.js";

const dir = mkdtempSync(join(tmpdir(), "codegen-decode-"));
const servers: Server[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

const doc = (decl: string) =>
  `${decl}<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="N" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="Café"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/></EntityType>
      <EntityContainer Name="C"><EntitySet Name="Cafés" EntityType="N.Café"/></EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`;

const utf16be = (text: string): Buffer => Buffer.from(text, "utf16le").swap16();
const latin1 = (text: string): Buffer => Buffer.from(text, "latin1");

async function fromFile(name: string, bytes: Uint8Array): Promise<LoadedSource | LoadFailure> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return loadSource({ label: "v", source: file });
}

const textOf = (r: LoadedSource | LoadFailure): string => {
  expect(r, JSON.stringify(r)).toHaveProperty("text");
  return (r as LoadedSource).text;
};

describe("what the byte order mark and the declaration say", () => {
  const plain = doc('<?xml version="1.0" encoding="utf-8"?>\n');
  it.each([
    ["UTF-8 without a BOM", Buffer.from(plain, "utf8"), plain],
    ["UTF-8 with a BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(plain, "utf8")]), plain],
    ["UTF-16 LE with a BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc('<?xml version="1.0" encoding="UTF-16"?>\n'), "utf16le")]), doc('<?xml version="1.0" encoding="UTF-16"?>\n')],
    ["UTF-16 BE with a BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(doc('<?xml version="1.0" encoding="UTF-16"?>\n'))]), doc('<?xml version="1.0" encoding="UTF-16"?>\n')],
    ["UTF-16 LE by its declaration and byte pattern", Buffer.from(doc('<?xml version="1.0" encoding="UTF-16LE"?>\n'), "utf16le"), doc('<?xml version="1.0" encoding="UTF-16LE"?>\n')],
    ["UTF-16 BE by its declaration and byte pattern", utf16be(doc('<?xml version="1.0" encoding="UTF-16BE"?>\n')), doc('<?xml version="1.0" encoding="UTF-16BE"?>\n')],
    ["ISO-8859-1", latin1(doc("<?xml version='1.0' encoding='ISO-8859-1'?>\n")), doc("<?xml version='1.0' encoding='ISO-8859-1'?>\n")],
    ["latin1 (a label)", latin1(doc('<?xml version="1.0" encoding="latin1"?>\n')), doc('<?xml version="1.0" encoding="latin1"?>\n')],
    ["US-ASCII with a character reference", Buffer.from(doc('<?xml version="1.0" encoding="US-ASCII"?>\n').replace(/é/g, "&#233;"), "latin1"), doc('<?xml version="1.0" encoding="US-ASCII"?>\n').replace(/é/g, "&#233;")],
    ["UTF-16 declared, bytes UTF-8 (as .NET writes)", Buffer.from(doc('<?xml version="1.0" encoding="utf-16"?>\n'), "utf8"), doc('<?xml version="1.0" encoding="utf-16"?>\n')],
  ])("%s is read as written", async (_, bytes, expected) => {
    const text = textOf(await fromFile("m.xml", bytes));
    expect(text).toBe(expected);
    expect(text).not.toContain("\uFFFD");
  });

  it("windows-1252's own characters (€, curly quotes) and Shift_JIS, whatever TextDecoder knows", () => {
    const cp = Buffer.concat([latin1('<?xml version="1.0" encoding="windows-1252"?><a b="'), Buffer.from([0x80, 0x93, 0x94]), latin1('"/>')]);
    expect(decodeMetadata(cp)).toMatchObject({ ok: true, text: '<?xml version="1.0" encoding="windows-1252"?><a b="€“”"/>' });
    const sjis = Buffer.concat([latin1('<?xml version="1.0" encoding="Shift_JIS"?><a b="'), Buffer.from([0x93, 0xfa, 0x96, 0x7b]), latin1('"/>')]);
    expect(decodeMetadata(sjis)).toMatchObject({ ok: true, text: '<?xml version="1.0" encoding="Shift_JIS"?><a b="日本"/>' });
  });

  it("the parse after decoding gives the right line and column, the BOM not counted", () => {
    for (const bytes of [
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("<r>\n  <é x='1'>\n</r>", "utf8")]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<r>\n  <é x='1'>\n</r>", "utf16le")]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be("<r>\n  <é x='1'>\n</r>")]),
    ]) {
      const decoded = decodeMetadata(bytes);
      if (!decoded.ok) throw new Error(decoded.message);
      expect(parseXml(decoded.text, "m.xml").diagnostics).toMatchObject([{ line: 3, column: 1 }]);
      expect(parseXml(`${decoded.text.slice(0, -4)}</é></r>`, "m.xml").root).toMatchObject({ line: 1, column: 1, children: [{ name: "é", line: 2, column: 3 }] });
    }
  });

  it("generate() reads a UTF-16 and an ISO-8859-1 document into the same model as UTF-8 (Café stays Café)", async () => {
    const files = {
      u8: Buffer.from(doc('<?xml version="1.0" encoding="utf-8"?>\n'), "utf8"),
      u16: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc('<?xml version="1.0" encoding="UTF-16"?>\n'), "utf16le")]),
      l1: latin1(doc('<?xml version="1.0" encoding="ISO-8859-1"?>\n')),
    };
    const outs: string[] = [];
    for (const [name, bytes] of Object.entries(files)) {
      const file = join(dir, `${name}.xml`);
      writeFileSync(file, bytes);
      const r = await generate({ inputs: [{ label: "v", source: file }], mode: "sources", format: false });
      expect(r.diagnostics.filter((d) => d.severity === "error"), name).toEqual([]);
      const model = r.files.find((f) => f.path.endsWith("model.ts") || f.path.endsWith("models.ts")) ?? r.files.find((f) => f.text.includes("Café"));
      expect(model?.text, name).toContain("Café");
      outs.push(r.files.filter((f) => !f.text.includes(`${name}.xml`)).map((f) => f.text.replace(/(u8|u16|l1)\.xml/g, "x.xml")).join("\n"));
    }
    expect(outs[1]).toBe(outs[0]);
    expect(outs[2]).toBe(outs[0]);
  });
});

describe("refused, with a located diagnostic", () => {
  it("bytes invalid in UTF-8, declared or assumed, at their line and column", async () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0"?>\n<r>\n  <a b="Caf', "utf8"), Buffer.from([0xe9]), Buffer.from('"/>\n</r>', "utf8")]);
    expect(await fromFile("bad.xml", bytes)).toEqual({
      file: join(dir, "bad.xml"),
      code: "encoding-invalid",
      message:
        'byte 0xE9 is not valid UTF-8; no encoding is declared, so UTF-8 is assumed: save the document as UTF-8, or declare its encoding (<?xml version="1.0" encoding="windows-1252"?>, for instance)',
      line: 3,
      column: 12,
    });
    const declared = decodeMetadata(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?><a b="', "utf8"), Buffer.from([0xc3, 0x28])]));
    expect(declared).toMatchObject({ ok: false, code: "encoding-invalid", line: 1, column: 45 });
    expect(!declared.ok && declared.message).toBe("byte 0xC3 is not valid UTF-8 (as its XML declaration says)");
  });

  it("a document that ends inside a character", () => {
    expect(decodeMetadata(Buffer.concat([Buffer.from("<a>\nx", "utf8"), Buffer.from([0xe2, 0x82])]))).toMatchObject({
      ok: false,
      code: "encoding-invalid",
      line: 2,
      column: 2,
      message: "the document ends inside a character: its last bytes are not complete UTF-8; no encoding is declared, so UTF-8 is assumed",
    });
    const odd = decodeMetadata(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<a/>", "utf16le"), Buffer.from([0x41])]));
    expect(odd).toMatchObject({ ok: false, code: "encoding-invalid", line: 1, column: 5 });
  });

  it("an unpaired surrogate in UTF-16", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<a>\nab", "utf16le"), Buffer.from([0x00, 0xdc]), Buffer.from("</a>", "utf16le")]);
    expect(decodeMetadata(bytes)).toMatchObject({ ok: false, code: "encoding-invalid", line: 2, column: 3 });
  });

  it("a byte above 0x7F in US-ASCII", () => {
    const r = decodeMetadata(latin1('<?xml version="1.0" encoding="us-ascii"?>\n<a>\n  Café</a>'));
    expect(r).toMatchObject({ ok: false, code: "encoding-invalid", line: 3, column: 6 });
    expect(!r.ok && r.message).toBe("byte 0xE9 is not valid US-ASCII (as its XML declaration says)");
  });

  it.each([
    ["x-no-such-thing", 31],
    ["EBCDIC-CP-US", 31],
    ["UTF-32", 31],
    ["ISO-2022-KR", 31],
  ])("an encoding codegen cannot decode (%s), at the declaration's value", async (label, column) => {
    expect(await fromFile("enc.xml", latin1(`<?xml version="1.0" encoding="${label}"?>\n<a/>`))).toEqual({
      file: join(dir, "enc.xml"),
      code: "encoding-unsupported",
      message: `the document declares encoding="${label}", which codegen cannot decode; save it as UTF-8 (and declare encoding="UTF-8")`,
      line: 1,
      column,
    });
  });

  it("UTF-32 by its BOM or byte pattern", () => {
    expect(decodeMetadata(Buffer.from([0xff, 0xfe, 0, 0, 0x3c, 0, 0, 0]))).toMatchObject({ ok: false, code: "encoding-unsupported", line: 1, column: 1 });
    expect(decodeMetadata(Buffer.from([0, 0, 0, 0x3c, 0, 0, 0, 0x61]))).toMatchObject({ ok: false, code: "encoding-unsupported" });
  });

  it("generate() reports the encoding problem as a located error of the file", async () => {
    const file = join(dir, "g.xml");
    writeFileSync(file, Buffer.concat([Buffer.from("<r>\n<a>", "utf8"), Buffer.from([0xff]), Buffer.from("</a></r>", "utf8")]));
    const r = await generate({ inputs: [{ label: "v", source: file }], mode: "sources", format: false });
    expect(r.files).toEqual([]);
    expect(r.diagnostics).toMatchObject([{ severity: "error", code: "encoding-invalid", file, line: 2, column: 4 }]);
  });
});

describe("a URL's Content-Type charset", () => {
  async function serve(body: Buffer, type: string): Promise<string> {
    const server = createServer((_, res) => {
      res.writeHead(200, { "content-type": type });
      res.end(body);
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/$metadata`;
  }

  it("counts when the document declares no encoding", async () => {
    const url = await serve(latin1("<a b='Café'/>"), "application/xml; charset=ISO-8859-1");
    expect(textOf(await loadSource({ label: "v", source: url }))).toBe("<a b='Café'/>");
    const quoted = await serve(latin1("<a b='Café'/>"), 'application/xml;charset="windows-1252"');
    expect(textOf(await loadSource({ label: "v", source: quoted }))).toBe("<a b='Café'/>");
  });

  it("the declaration wins over a default charset=utf-8 the server sends for every file", async () => {
    const url = await serve(latin1("<?xml version='1.0' encoding='ISO-8859-1'?><a b='Café'/>"), "application/xml; charset=utf-8");
    expect(textOf(await loadSource({ label: "v", source: url }))).toBe("<?xml version='1.0' encoding='ISO-8859-1'?><a b='Café'/>");
  });

  it("the charset is used when the bytes are invalid in the declared encoding but valid in it (a server that re-encoded)", async () => {
    const url = await serve(latin1("<?xml version='1.0' encoding='UTF-8'?><a b='Café'/>"), "text/xml; charset=iso-8859-1");
    expect(textOf(await loadSource({ label: "v", source: url }))).toBe("<?xml version='1.0' encoding='UTF-8'?><a b='Café'/>");
  });

  it("a charset codegen cannot decode, with no declaration, is refused; a UTF-16 BOM wins over charset=utf-8", async () => {
    const bad = await serve(Buffer.from("<a/>"), "application/xml; charset=x-klingon");
    expect(await loadSource({ label: "v", source: bad })).toMatchObject({
      code: "encoding-unsupported",
      message: "the server sent the document as charset=x-klingon, which codegen cannot decode, and the document declares no encoding",
      line: 1,
      column: 1,
    });
    const bom = await serve(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<a b='Café'/>", "utf16le")]), "application/xml; charset=utf-8");
    expect(textOf(await loadSource({ label: "v", source: bom }))).toBe("<a b='Café'/>");
  });
});
