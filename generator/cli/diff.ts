/**
 * Unified diffs for `codegen --check`: Myers' O(ND) algorithm over lines, hunks with three lines of context, the
 * whole output capped at a number of lines. Pure and deterministic.
 */

export type Edit = { readonly op: " " | "-" | "+"; readonly line: string };

/** Beyond this many differing lines a file is shown as removed and added whole (Myers' trace would grow too big). */
const MAX_D = 2000;

/** The shortest edit script from a to b, as kept, removed and added lines in order. */
export function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
  // Common head and tail need no search.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: Edit[] = a.slice(0, start).map((line) => ({ op: " ", line }));
  const tail: Edit[] = a.slice(endA).map((line) => ({ op: " ", line }));
  return [...head, ...myers(a.slice(start, endA), b.slice(start, endB)), ...tail];
}

function myers(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((line) => ({ op: "+", line }));
  if (m === 0) return a.map((line) => ({ op: "-", line }));
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d]: the furthest x on diagonals -d-1 … d+1 after round d-1 (what backtracking from round d reads).
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= Math.min(max, MAX_D); d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) return [...a.map((line) => ({ op: "-" as const, line })), ...b.map((line) => ({ op: "+" as const, line }))];
  // Walk the trace back from (n, m).
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  const keep = (): void => {
    y--;
    edits.push({ op: " ", line: a[--x]! });
  };
  for (let d = found; d > 0; d--) {
    const at = (k: number): number => trace[d]![k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) keep();
    if (x === prevX) edits.push({ op: "+", line: b[--y]! });
    else edits.push({ op: "-", line: a[--x]! });
  }
  while (x > 0 && y > 0) keep();
  return edits.reverse();
}

/** A file's lines, and whether the last one ends with a newline. */
function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  if (text === "") return { lines: [], finalNewline: true };
  const finalNewline = text.endsWith("\n");
  const lines = (finalNewline ? text.slice(0, -1) : text).split("\n");
  return { lines, finalNewline };
}

const NO_NEWLINE = "\\ No newline at end of file";

/** `@@ -l,s +l,s @@` hunks with `context` lines around each change; an empty list when the texts are equal. */
export function unifiedHunks(before: string, after: string, context = 3): string[] {
  const a = splitLines(before);
  const b = splitLines(after);
  // A missing final newline is a difference of the last line: mark it so the line compares unequal.
  const mark = "\u0000no-newline";
  const la = [...a.lines];
  const lb = [...b.lines];
  if (!a.finalNewline && la.length > 0) la[la.length - 1] += mark;
  if (!b.finalNewline && lb.length > 0) lb[lb.length - 1] += mark;
  const edits = diffLines(la, lb);
  const changed = edits.map((e, i) => (e.op !== " " ? i : -1)).filter((i) => i >= 0);
  if (changed.length === 0) return [];
  // Group changes whose contexts touch.
  const groups: [number, number][] = [];
  for (const i of changed) {
    const last = groups[groups.length - 1];
    if (last && i - last[1] <= 2 * context + 1) last[1] = i;
    else groups.push([i, i]);
  }
  // Line numbers before each edit.
  const posA: number[] = [];
  const posB: number[] = [];
  let ia = 0;
  let ib = 0;
  for (const e of edits) {
    posA.push(ia);
    posB.push(ib);
    if (e.op !== "+") ia++;
    if (e.op !== "-") ib++;
  }
  const out: string[] = [];
  for (const [first, last] of groups) {
    const from = Math.max(0, first - context);
    const to = Math.min(edits.length - 1, last + context);
    const slice = edits.slice(from, to + 1);
    const countA = slice.filter((e) => e.op !== "+").length;
    const countB = slice.filter((e) => e.op !== "-").length;
    const startA = countA === 0 ? posA[from]! : posA[from]! + 1;
    const startB = countB === 0 ? posB[from]! : posB[from]! + 1;
    out.push(`@@ -${startA},${countA} +${startB},${countB} @@`);
    for (const e of slice) {
      const noNewline = e.line.endsWith(mark);
      out.push(`${e.op}${noNewline ? e.line.slice(0, -mark.length) : e.line}`);
      if (noNewline) out.push(NO_NEWLINE);
    }
  }
  return out;
}

export interface FileDrift {
  readonly path: string;
  /** undefined: the file does not exist on that side. */
  readonly before: string | undefined;
  readonly after: string | undefined;
}

export interface DriftReport {
  /** The diff, cut at the line limit. */
  readonly lines: readonly string[];
  readonly files: number;
  readonly added: number;
  readonly removed: number;
  /** Lines left out by the cap. */
  readonly omitted: number;
}

/** A unified diff of every drifted file, in path order, at most `maxLines` lines (counts cover everything). */
export function driftReport(files: readonly FileDrift[], maxLines = 400): DriftReport {
  const all: string[] = [];
  let added = 0;
  let removed = 0;
  const sorted = [...files].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  for (const f of sorted) {
    const hunks = unifiedHunks(f.before ?? "", f.after ?? "");
    if (hunks.length === 0 && f.before !== undefined && f.after !== undefined) continue;
    all.push(f.before === undefined ? "--- /dev/null" : `--- a/${f.path}`, f.after === undefined ? "+++ /dev/null" : `+++ b/${f.path}`);
    for (const h of hunks) {
      if (h.startsWith("+")) added++;
      else if (h.startsWith("-")) removed++;
      all.push(h);
    }
  }
  const lines = all.length > maxLines ? all.slice(0, maxLines) : all;
  return { lines, files: sorted.length, added, removed, omitted: all.length - lines.length };
}
