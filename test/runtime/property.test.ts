import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildUrl, createContext, Path, type KeyStyle } from "../../templates/runtime/index.js";

const hostileChar = fc.constantFrom("/", "?", "#", "%", ".", "'", "@", ":", " ", "\\", "(", ")", ",", "=", "&", "+", ";", "a", "é", "😀", "%2e", "%2F", "$");
const anyKey = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: hostileChar }),
  fc.constantFrom("", ".", "..", "$value", "a'b/../c?d#e"),
);

function keyOf(style: KeyStyle, key: string): string {
  const ctx = createContext({ keyStyle: style }, { baseUrl: "https://h.example/api", sendAnchorMailbox: false });
  const url = buildUrl(ctx, Path.root().nav("Users").key(key, "Edm.String").nav("Messages"));
  const parsed = new URL(url);
  expect(parsed.href).toBe(url); // nothing normalised away
  expect(parsed.search).toBe("");
  expect(parsed.hash).toBe("");
  const segs = parsed.pathname.split("/");
  if (segs.length === 5) {
    // Key-as-segment: /api/Users/<key>/Messages, the key is unquoted.
    expect(style).toBe("segment");
    expect([segs[0], segs[1], segs[2], segs[4]]).toEqual(["", "api", "Users", "Messages"]);
    return decodeURIComponent(segs[3] ?? "");
  }
  // Parentheses (always for "parentheses"; for "", ".", ".." and "$..." in segment style): /api/Users('<key>')/Messages.
  expect(segs).toHaveLength(4);
  expect([segs[0], segs[1], segs[3]]).toEqual(["", "api", "Messages"]);
  const seg = segs[2] ?? "";
  expect(seg.startsWith("Users('") && seg.endsWith("')")).toBe(true);
  const literal = decodeURIComponent(seg.slice("Users('".length, -2));
  expect((literal.match(/'+/g) ?? []).every((run) => run.length % 2 === 0)).toBe(true); // quotes are doubled
  return literal.replace(/''/g, "'");
}

describe("key rendering property", () => {
  it("keeps any string key inside one segment and decodes back to it (both styles)", () => {
    fc.assert(
      fc.property(anyKey, (key) => {
        expect(keyOf("parentheses", key)).toBe(key);
        expect(keyOf("segment", key)).toBe(key);
      }),
      { numRuns: 500 },
    );
  });
});
