/**
 * Large CSDL documents for the memory measurements (issue 10): never committed, written to a temp folder.
 *
 * - "description": one entity type whose Core.Description is a single huge text (the size of the document, less a
 *   few hundred bytes), as prose in lines of about 2,000 characters (`&#10;` line breaks inside the attribute);
 * - "description-line": the same without line breaks (one line of 52 MB);
 * - "types": many entity types (4,000 for 52 MB), each with described properties, navigations to its neighbours and
 *   an entity set, so the size comes from many ordinary elements and descriptions.
 *
 * Both are valid metadata codegen generates a client from; the text is deterministic (no randomness).
 *
 *   npx tsx bench/big-metadata.ts description 52 /tmp/big-description.xml
 *   npx tsx bench/big-metadata.ts description-line 52 /tmp/big-description-line.xml
 *   npx tsx bench/big-metadata.ts types 52 /tmp/big-types.xml
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { fileURLToPath } from "node:url";

export type BigKind = "description" | "description-line" | "types";

const NS = "Big.Service";

const HEAD = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">
    <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/>
  </edmx:Reference>
  <edmx:DataServices>
    <Schema Namespace="${NS}" xmlns="http://docs.oasis-open.org/odata/ns/edm">
`;
const TAIL = `    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`;

const WORDS = [
  "the", "message", "folder", "is", "returned", "when", "a", "request", "names", "its", "owner", "and", "every",
  "property", "of", "an", "entity", "that", "the", "service", "keeps", "for", "each", "mailbox", "user", "sends",
  "calendar", "event", "attachment", "with", "recipients", "in", "order", "read", "only", "after", "sync",
];

/** Deterministic prose of about `bytes` characters (ASCII), sentences of words; `breakEvery` > 0 puts `&#10;` between paragraphs. */
export function prose(bytes: number, seed: number, breakEvery = 0): string {
  const parts: string[] = [];
  let size = 0;
  let sinceBreak = 0;
  let x = seed >>> 0 || 1;
  let sentence = 0;
  while (size < bytes) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    let w = WORDS[x % WORDS.length]!;
    if (sentence === 0) w = w[0]!.toUpperCase() + w.slice(1);
    sentence++;
    let piece = w;
    if (sentence > 8 + (x % 9)) {
      piece += ".";
      sentence = 0;
    }
    if (breakEvery > 0 && sentence === 0 && sinceBreak >= breakEvery) {
      piece += "&#10;";
      sinceBreak = 0;
    } else piece += " ";
    parts.push(piece);
    size += piece.length;
    sinceBreak += piece.length;
  }
  return parts.join("").slice(0, bytes).trimEnd();
}

/** Writes a document of about `megabytes` MB (10^6 bytes) to `file`, in pieces; returns its size in bytes. */
export function writeBigMetadata(kind: BigKind, megabytes: number, file: string): number {
  const target = Math.round(megabytes * 1e6);
  const fd = openSync(file, "w");
  let size = 0;
  const put = (s: string): void => {
    size += Buffer.byteLength(s);
    writeSync(fd, s);
  };
  try {
    put(HEAD);
    if (kind === "description" || kind === "description-line") {
      const open = `      <EntityType Name="Document">
        <Key><PropertyRef Name="id"/></Key>
        <Property Name="id" Type="Edm.String" Nullable="false"/>
        <Property Name="title" Type="Edm.String"/>
        <Annotation Term="Core.Description" String="`;
      const close = `"/>
      </EntityType>
      <EntityContainer Name="Container">
        <EntitySet Name="documents" EntityType="${NS}.Document"/>
      </EntityContainer>
`;
      put(open);
      const body = Math.max(0, target - size - Buffer.byteLength(close) - Buffer.byteLength(TAIL));
      // Written in 1 MB slices so the generator script itself stays small.
      const slice = 1e6;
      for (let done = 0, n = 0; done < body; done += slice, n++) put(prose(Math.min(slice, body - done), 7 + n, kind === "description" ? 2000 : 0).replace(/&#10;$/, ""));
      put(close);
    } else {
      const types = Math.max(2, Math.round((4000 * target) / 52e6));
      const perType = (target - Buffer.byteLength(HEAD) - Buffer.byteLength(TAIL) - types * 110) / types;
      // Each type: 24 properties and 4 navigations, each described; the descriptions take what the markup leaves.
      const members = 28;
      const markup = 2200;
      const describe = Math.max(20, Math.floor((perType - markup) / members - 70));
      const name = (i: number): string => `Item${String(i).padStart(4, "0")}`;
      for (let t = 0; t < types; t++) {
        const lines = [`      <EntityType Name="${name(t)}">`, `        <Key><PropertyRef Name="id"/></Key>`];
        lines.push(`        <Property Name="id" Type="Edm.String" Nullable="false"/>`);
        for (let p = 0; p < 24; p++) {
          const type = ["Edm.String", "Edm.Int32", "Edm.DateTimeOffset", "Edm.Boolean"][p % 4];
          lines.push(`        <Property Name="field${p}" Type="${type}">`);
          lines.push(`          <Annotation Term="Core.Description" String="${prose(describe, t * 100 + p + 1)}"/>`);
          lines.push(`        </Property>`);
        }
        for (let n = 1; n <= 4; n++) {
          const target = name((t + n) % types);
          const many = n % 2 === 0;
          lines.push(`        <NavigationProperty Name="link${n}" Type="${many ? `Collection(${NS}.${target})` : `${NS}.${target}`}">`);
          lines.push(`          <Annotation Term="Core.Description" String="${prose(describe, t * 100 + 50 + n)}"/>`);
          lines.push(`        </NavigationProperty>`);
        }
        lines.push(`        <Annotation Term="Core.Description" String="${prose(200, t + 1)}"/>`, `      </EntityType>`, "");
        put(lines.join("\n"));
      }
      put(`      <EntityContainer Name="Container">\n`);
      for (let t = 0; t < types; t++) put(`        <EntitySet Name="${name(t).toLowerCase()}s" EntityType="${NS}.${name(t)}"/>\n`);
      put(`      </EntityContainer>\n`);
    }
    put(TAIL);
  } finally {
    closeSync(fd);
  }
  return size;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [kind, mb, file] = process.argv.slice(2);
  if ((kind !== "description" && kind !== "description-line" && kind !== "types") || !mb || !file || !(Number(mb) > 0)) {
    console.error("usage: tsx bench/big-metadata.ts description|description-line|types <megabytes> <file>");
    process.exit(2);
  }
  const size = writeBigMetadata(kind, Number(mb), file);
  console.log(`${file}: ${(size / 1e6).toFixed(1)} MB`);
}
