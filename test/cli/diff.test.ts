/** The unified diff of `codegen --check`: exact hunks on small cases, and a property: the diff turns a into b. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffLines, driftReport, unifiedHunks } from "../../generator/cli/diff.js";

/** Applies unified hunks to a text (a tiny `patch`), to check the diff against itself. */
function applyHunks(before: string, hunks: readonly string[]): string {
  const lines = before === "" ? [] : before.replace(/\n$/, "").split("\n");
  const finalNewline = before === "" || before.endsWith("\n");
  const out: string[] = [];
  let at = 0;
  let outNoNewline = !finalNewline;
  for (let i = 0; i < hunks.length; i++) {
    const h = hunks[i]!;
    const m = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/.exec(h);
    if (m) {
      const start = Number(m[2]) === 0 ? Number(m[1]) : Number(m[1]) - 1;
      while (at < start) out.push(lines[at++]!);
      continue;
    }
    if (h === "\\ No newline at end of file") {
      if (hunks[i - 1]!.startsWith("+") || hunks[i - 1]!.startsWith(" ")) outNoNewline = true;
      continue;
    }
    const op = h[0];
    const line = h.slice(1);
    if (op === " ") {
      expect(lines[at]).toBe(line);
      out.push(lines[at++]!);
      outNoNewline = false;
    } else if (op === "-") {
      expect(lines[at]).toBe(line);
      at++;
    } else {
      out.push(line);
      outNoNewline = false;
    }
  }
  while (at < lines.length) {
    out.push(lines[at++]!);
    outNoNewline = !finalNewline;
  }
  return out.length === 0 ? "" : `${out.join("\n")}${outNoNewline ? "" : "\n"}`;
}

describe("unifiedHunks", () => {
  it("one changed line: three lines of context each side", () => {
    const a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    const b = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
    expect(unifiedHunks(a, b)).toEqual(["@@ -2,7 +2,7 @@", " 2", " 3", " 4", "-5", "+five", " 6", " 7", " 8"]);
  });

  it("changes far apart are separate hunks; near ones share one", () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i + 1}`).join("\n") + "\n";
    const far = a.replace("l2\n", "L2\n").replace("l18\n", "L18\n");
    expect(unifiedHunks(a, far).filter((l) => l.startsWith("@@"))).toEqual(["@@ -1,5 +1,5 @@", "@@ -15,6 +15,6 @@"]);
    const near = a.replace("l5\n", "L5\n").replace("l11\n", "L11\n");
    expect(unifiedHunks(a, near).filter((l) => l.startsWith("@@"))).toEqual(["@@ -2,13 +2,13 @@"]);
  });

  it("additions at the start, removals at the end, empty sides, a missing final newline", () => {
    expect(unifiedHunks("b\nc\n", "a\nb\nc\n")).toEqual(["@@ -1,2 +1,3 @@", "+a", " b", " c"]);
    expect(unifiedHunks("a\nb\n", "a\n")).toEqual(["@@ -1,2 +1,1 @@", " a", "-b"]);
    expect(unifiedHunks("", "x\n")).toEqual(["@@ -0,0 +1,1 @@", "+x"]);
    expect(unifiedHunks("x\n", "")).toEqual(["@@ -1,1 +0,0 @@", "-x"]);
    expect(unifiedHunks("a\nb", "a\nb\n")).toEqual(["@@ -1,2 +1,2 @@", " a", "-b", "\\ No newline at end of file", "+b"]);
    expect(unifiedHunks("same\n", "same\n")).toEqual([]);
  });

  it("is a shortest edit script, and applying it gives the new text (property)", () => {
    const text = fc.array(fc.constantFrom("a", "b", "c", "d", ""), { maxLength: 30 }).map((ls) => ls.join("\n"));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(applyHunks(a, unifiedHunks(a, b))).toBe(b);
        // Minimal: removed + added = |a| + |b| − 2·LCS.
        const la = a === "" ? [] : a.split("\n");
        const lb = b === "" ? [] : b.split("\n");
        const edits = diffLines(la, lb);
        const lcs = (x: string[], y: string[]): number => {
          const t = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
          for (let i = 1; i <= x.length; i++) for (let j = 1; j <= y.length; j++) t[i]![j] = x[i - 1] === y[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
          return t[x.length]![y.length]!;
        };
        expect(edits.filter((e) => e.op !== " ").length).toBe(la.length + lb.length - 2 * lcs(la, lb));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe("driftReport", () => {
  it("file headers in path order, counts over everything, cut at the limit", () => {
    const big = Array.from({ length: 500 }, (_, i) => `line ${i}`).join("\n") + "\n";
    const r = driftReport(
      [
        { path: "z.ts", before: "old\n", after: "new\n" },
        { path: "a.ts", before: undefined, after: big },
        { path: "m.ts", before: "gone\n", after: undefined },
      ],
      100,
    );
    expect(r.files).toBe(3);
    expect(r.added).toBe(501);
    expect(r.removed).toBe(2);
    expect(r.lines.length).toBe(100);
    expect(r.lines.slice(0, 3)).toEqual(["--- /dev/null", "+++ b/a.ts", "@@ -0,0 +1,500 @@"]);
    expect(r.omitted).toBe(2 + 1 + 500 + 3 + 1 + 3 + 2 - 100);
    const all = driftReport([{ path: "z.ts", before: "old\n", after: "new\n" }, { path: "m.ts", before: "gone\n", after: undefined }]);
    expect(all.lines).toEqual(["--- a/m.ts", "+++ /dev/null", "@@ -1,1 +0,0 @@", "-gone", "--- a/z.ts", "+++ b/z.ts", "@@ -1,1 +1,1 @@", "-old", "+new"]);
    expect(all.omitted).toBe(0);
  });
});
