/**
 * Delta debugging over a failing mutant's text: first whole elements, level by level from the schema's children
 * inwards (so the document stays well-formed), then lines. A candidate is kept when it still fails with the same
 * signature. Deterministic: the same text and test give the same result.
 */
import { scan } from "./scan.js";

export interface Budget {
  /** Most candidate tests. */
  tests: number;
}

/** ddmin's chunk removal over a list: the smallest sublist (1-minimal within the budget) for which `keep` holds. */
async function ddmin<T>(items: readonly T[], keep: (kept: readonly T[]) => Promise<boolean>, budget: Budget): Promise<T[]> {
  let list = [...items];
  let n = 2;
  while (list.length >= 1 && budget.tests > 0) {
    const size = Math.ceil(list.length / n);
    let removed = false;
    for (let start = 0; start < list.length && budget.tests > 0; start += size) {
      const candidate = [...list.slice(0, start), ...list.slice(start + size)];
      budget.tests--;
      if (await keep(candidate)) {
        list = candidate;
        n = Math.max(n - 1, 2);
        removed = true;
        break;
      }
    }
    if (!removed) {
      if (size <= 1) break;
      n = Math.min(n * 2, list.length);
    }
  }
  return list;
}

/** The text without the given [start, end) ranges (non-overlapping). */
function cut(text: string, ranges: readonly (readonly [number, number])[]): string {
  let out = "";
  let at = 0;
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    out += text.slice(at, a);
    at = b;
  }
  return out + text.slice(at);
}

export async function minimise(text: string, fails: (candidate: string) => Promise<boolean>, budget: Budget): Promise<string> {
  let current = text;
  // Elements, outermost removable level first; repeat while a pass removes something.
  for (let pass = 0; pass < 3 && budget.tests > 0; pass++) {
    const before = current;
    const maxDepth = Math.max(0, ...scan(current).map((s) => s.depth));
    for (let depth = 1; depth <= maxDepth && budget.tests > 0; depth++) {
      const spans = scan(current).filter((s) => s.depth === depth);
      if (spans.length === 0) continue;
      const ranges = spans.map((s) => [s.start, s.end] as const);
      const base = current;
      const kept = await ddmin(ranges, async (keep) => fails(cut(base, ranges.filter((r) => !keep.includes(r)))), budget);
      current = cut(base, ranges.filter((r) => !kept.includes(r)));
    }
    if (current === before) break;
  }
  // Lines.
  if (budget.tests > 0) {
    const lines = current.split("\n");
    if (lines.length > 1 && lines.length < 2000) {
      const kept = await ddmin(lines.map((l, i) => ({ l, i })), async (keep) => fails(keep.map((k) => k.l).join("\n")), budget);
      current = kept.map((k) => k.l).join("\n");
    }
  }
  // Blank lines left by removed elements.
  const tidy = current.replace(/\n[ \t]*(?=\n)/g, "");
  if (tidy !== current && budget.tests > 0) {
    budget.tests--;
    if (await fails(tidy)) current = tidy;
  }
  return current;
}
