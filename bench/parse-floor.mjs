// The parse floor: fast-xml-parser alone (the generator's version and its main
// options) parses one CSDL document, then a walk visits every element and
// attribute. Run as its own process by bench/run.ts; prints the counts as JSON.
import { readFileSync } from "node:fs";
import { XMLParser } from "fast-xml-parser";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: node bench/parse-floor.mjs <file.xml>\n");
  process.exit(2);
}
const text = readFileSync(file, "utf8");
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});
const tree = parser.parse(text);

// preserveOrder: each node is { tagName: children[], ":@"?: attributes } or { "#text": … }.
let elements = 0;
let attributes = 0;
let textNodes = 0;
const stack = [tree];
while (stack.length > 0) {
  const nodes = stack.pop();
  for (const node of nodes) {
    for (const key of Object.keys(node)) {
      if (key === ":@") attributes += Object.keys(node[key]).length;
      else if (key === "#text") textNodes++;
      else {
        elements++;
        if (Array.isArray(node[key])) stack.push(node[key]);
      }
    }
  }
}
process.stdout.write(`${JSON.stringify({ bytes: Buffer.byteLength(text), elements, attributes, textNodes })}\n`);
