/**
 * Imports are computed, never written into templates: a file says which
 * symbols it uses, the symbol table says which module declares each, and this
 * turns that into sorted import lines with relative `.js` specifiers.
 */

/** symbol name → module path relative to the output folder (`v2.0/models/Message.ts`) */
export type SymbolTable = ReadonlyMap<string, string>;

export interface ImportLine {
  /** `import type` when every name is used as a type only */
  readonly typeOnly: boolean;
  /** comma-separated, sorted */
  readonly names: string;
  readonly from: string;
}

export function importLines(
  fromFile: string,
  uses: { readonly types: ReadonlySet<string>; readonly values: ReadonlySet<string> },
  symbols: SymbolTable,
): ImportLine[] {
  const byModule = new Map<string, { types: Set<string>; values: Set<string> }>();
  const add = (name: string, asValue: boolean): void => {
    const module = symbols.get(name);
    if (module === undefined || module === fromFile) return;
    const entry = byModule.get(module) ?? { types: new Set<string>(), values: new Set<string>() };
    (asValue ? entry.values : entry.types).add(name);
    byModule.set(module, entry);
  };
  for (const v of uses.values) add(v, true);
  for (const t of uses.types) if (!uses.values.has(t)) add(t, false);
  const lines: ImportLine[] = [];
  for (const module of [...byModule.keys()].sort(compare)) {
    const entry = byModule.get(module)!;
    const spec = relativeSpecifier(fromFile, module);
    if (entry.values.size > 0) {
      const values = [...entry.values].sort(compare);
      const types = [...entry.types].sort(compare).map((t) => `type ${t}`);
      lines.push({ typeOnly: false, names: [...values, ...types].sort(byBareName).join(", "), from: spec });
    } else {
      lines.push({ typeOnly: true, names: [...entry.types].sort(compare).join(", "), from: spec });
    }
  }
  return lines;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byBareName(a: string, b: string): number {
  return compare(a.replace(/^type /, ""), b.replace(/^type /, ""));
}

const specifiers = new Map<string, string>();

/** `v2.0/builders/Message.ts` → `../models/Message.js` */
export function relativeSpecifier(fromFile: string, toFile: string): string {
  // Files of one folder share their specifiers: computed once per folder and target.
  const key = `${fromFile.slice(0, fromFile.lastIndexOf("/") + 1)}\0${toFile}`;
  let spec = specifiers.get(key);
  if (spec === undefined) {
    spec = computeSpecifier(fromFile, toFile);
    specifiers.set(key, spec);
  }
  return spec;
}

function computeSpecifier(fromFile: string, toFile: string): string {
  const from = fromFile.split("/").slice(0, -1);
  const to = toFile.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  const up = from.length - i;
  const rest = to.slice(i).join("/").replace(/\.ts$/, ".js");
  return up === 0 ? `./${rest}` : `${"../".repeat(up)}${rest}`;
}
