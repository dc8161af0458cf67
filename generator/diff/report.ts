/**
 * The model diff's reports: JSON for tools, Markdown for people; and the Markdown section of migration maps
 * (migrationMarkdown). Pure; the same input gives the same bytes.
 *
 * JSON shape (`version` 1):
 *   { "version": 1, "from": { "label", "source" }, "to": { "label", "source" },
 *     "summary": { "total", "breaking", "byKind": { "<kind>": n, … } },
 *     "changes": [ { "kind", "element", "fromPath"?, "toPath"?, "before"?, "after"?, "match"?, "breaking" }, … ] }
 */
import type { MigrationMap } from "../../templates/runtime/migration-map.js";
import { visibleText } from "../plan/naming.js";
import { mapElements, migrationCoverage } from "./migration-map.js";
import { summarize, type ModelChange } from "./model-diff.js";

export interface DiffSide {
  readonly label: string;
  /** The file or URL, as diagnostics show it (no secrets). */
  readonly source: string;
}

export function jsonReport(from: DiffSide, to: DiffSide, changes: readonly ModelChange[]): string {
  const body = {
    version: 1,
    from: { label: from.label, source: from.source },
    to: { label: to.label, source: to.source },
    summary: summarize(changes),
    changes: changes.map((c) => ({
      kind: c.kind,
      element: c.element,
      ...(c.fromPath !== undefined ? { fromPath: c.fromPath } : {}),
      ...(c.toPath !== undefined ? { toPath: c.toPath } : {}),
      ...(c.before !== undefined ? { before: c.before } : {}),
      ...(c.after !== undefined ? { after: c.after } : {}),
      ...(c.match !== undefined ? { match: c.match } : {}),
      breaking: c.breaking,
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * Text from the metadata goes into Markdown table cells, always inside a code span (so no markup or HTML in a name is
 * rendered): no pipe or line break may end the cell, and the span's fence is longer than any run of backticks in it.
 */
function cell(text: string | undefined): string {
  if (text === undefined || text === "") return "";
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\|/g, "\\|");
  const fence = "`".repeat(Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = clean.startsWith("`") || clean.endsWith("`") ? " " : "";
  return `${fence}${pad}${clean}${pad}${fence}`;
}

function changeRows(changes: readonly ModelChange[]): string[] {
  const rows = ["| change | element | from | to | before | after |", "| --- | --- | --- | --- | --- | --- |"];
  for (const c of changes) {
    const kind = c.kind === "renamed" && c.match !== undefined ? `renamed (${c.match})` : c.kind;
    rows.push(`| ${kind} | ${c.element} | ${cell(c.fromPath)} | ${cell(c.toPath)} | ${cell(c.before)} | ${cell(c.after)} |`);
  }
  return rows;
}

export function markdownReport(from: DiffSide, to: DiffSide, changes: readonly ModelChange[]): string {
  const s = summarize(changes);
  const lines = [
    `# Model diff: ${from.label} → ${to.label}`,
    "",
    `From ${cell(from.source)} to ${cell(to.source)}: ${s.total} change${s.total === 1 ? "" : "s"}, ${s.breaking} breaking.`,
    "",
  ];
  if (s.total > 0) {
    lines.push("| kind | changes | breaking |", "| --- | ---: | ---: |");
    for (const [kind, n] of Object.entries(s.byKind)) {
      lines.push(`| ${kind} | ${n} | ${changes.filter((c) => c.kind === kind && c.breaking).length} |`);
    }
    lines.push("");
  }
  const breaking = changes.filter((c) => c.breaking);
  const other = changes.filter((c) => !c.breaking);
  if (breaking.length > 0) lines.push("## Breaking changes", "", ...changeRows(breaking), "");
  if (other.length > 0) lines.push("## Other changes", "", ...changeRows(other), "");
  return `${lines.join("\n").trimEnd()}\n`;
}

// ---- the migration section ------------------------------------------------------------------------------------------

const localName = (name: string): string => name.slice(name.lastIndexOf(".") + 1);

/** A name in a code span whose fence no run of backticks in it can close, on one line. */
function code(text: string): string {
  const clean = visibleText(text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " "));
  const fence = "`".repeat(Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = clean.startsWith("`") || clean.endsWith("`") ? " " : "";
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** Prose from a map (a reason) as plain Markdown text: one line, every markup character escaped, nothing invisible raw. */
function prose(text: string): string {
  return visibleText(text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`)).trim();
}

/** A Markdown table as prettier prints it: every column as wide as its widest cell (at least 3), left-aligned. */
function paddedTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, c) => Math.max(3, h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: readonly string[]): string => `| ${widths.map((w, c) => (cells[c] ?? "").padEnd(w)).join(" | ")} |`;
  return [line(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rows.map(line)];
}

const ELEMENT_WORDS: Readonly<Record<string, string>> = {
  entitySet: "entity set",
  singleton: "singleton",
  entityType: "entity type",
  complexType: "complex type",
  enumType: "enum type",
  typeDefinition: "type definition",
  property: "property",
  navigationProperty: "navigation",
  enumMember: "enum member",
  action: "action",
  function: "function",
  parameter: "parameter",
};

/**
 * The migration section for maps (templates/runtime/migration-map.ts): a table of counts per map, then per map the
 * elements renamed (a counterpart with another name, not only in case) and those with no equivalent, with why. An
 * element whose owner (type or operation) has no equivalent is counted, but listed with its owner. The counts are
 * migrationCoverage's. Pure: the same maps give the same text; every name is in a code span, every reason escaped.
 * Without a heading of its own, so that the caller places it (the generated package's README, the repository's).
 */
export function migrationMarkdown(maps: readonly MigrationMap[]): string {
  const sorted = [...maps].sort((a, b) => (a.from.label < b.from.label ? -1 : a.from.label > b.from.label ? 1 : 0));
  const lines = paddedTable(
    ["from", "to", "one-to-one", "renamed", "changed shape", "no equivalent"],
    sorted.map((m) => {
      const c = migrationCoverage(m);
      // GFM ends a cell at a bare `|`, even inside a code span: escaped, it stays in the span.
      const cell = (text: string): string => code(text).replace(/\|/g, "\\|");
      return [cell(m.from.label), cell(m.to.label), String(c.oneToOne), String(c.renamed), String(c.reshaped), String(c.none)];
    }),
  );
  for (const map of sorted) {
    const short = (name: string, ns: string): string => name.split(`${ns}.`).join("");
    const elements = mapElements(map);
    const renamed = elements.filter(
      (e) => e.to !== null && e.reshaped === undefined && localName(e.to).toLowerCase() !== localName(e.from.slice(e.from.lastIndexOf("/") + 1)).toLowerCase(),
    );
    const reshaped = elements.filter((e) => e.to !== null && e.reshaped !== undefined);
    const none = elements.filter((e) => e.to === null);
    // An element is listed with the nearest owner that has no equivalent either: its type, or its operation.
    const owners = new Set(none.map((e) => e.from));
    const ownerOf = (from: string): string | undefined => {
      for (let i = from.lastIndexOf("/"); i > 0; i = from.lastIndexOf("/", i - 1)) if (owners.has(from.slice(0, i))) return from.slice(0, i);
      return undefined;
    };
    const folded = new Map<string, number>();
    for (const e of none) {
      const owner = ownerOf(e.from);
      if (owner !== undefined) folded.set(owner, (folded.get(owner) ?? 0) + 1);
    }
    const c = migrationCoverage(map);
    lines.push(
      "",
      `### ${code(map.from.label)} → ${code(map.to.label)}`,
      "",
      `Names of ${code(map.from.namespace)} in ${code(map.to.namespace)}: ${c.oneToOne} the same (up to case), ${c.renamed} renamed, ${c.reshaped} holding a value of another shape, ${c.none} with no equivalent.`,
    );
    if (renamed.length > 0) {
      lines.push("", `Renamed (${renamed.length}):`, "");
      for (const e of renamed) lines.push(`- ${ELEMENT_WORDS[e.element] ?? e.element} ${code(short(e.from, map.from.namespace))} → ${code(short(e.to!, map.to.namespace))}`);
    }
    if (reshaped.length > 0) {
      lines.push("", `Changed shape (${reshaped.length}):`, "");
      for (const e of reshaped) {
        lines.push(`- ${ELEMENT_WORDS[e.element] ?? e.element} ${code(short(e.from, map.from.namespace))} → ${code(short(e.to!, map.to.namespace))}, a ${code(short(e.reshaped!, map.to.namespace))}`);
      }
    }
    const listed = none.filter((e) => ownerOf(e.from) === undefined);
    if (listed.length > 0) {
      lines.push("", `No equivalent (${none.length}):`, "");
      for (const e of listed) {
        const n = folded.get(e.from) ?? 0;
        const with_ = n > 0 ? ` (and the ${n} name${n === 1 ? "" : "s"} it holds)` : "";
        lines.push(`- ${ELEMENT_WORDS[e.element] ?? e.element} ${code(short(e.from, map.from.namespace))}${with_}: ${prose(e.why ?? "")}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The markers around the migration section in a README (the repository's own). */
export const MIGRATION_SECTION_START = "<!-- migration-map:start -->";
export const MIGRATION_SECTION_END = "<!-- migration-map:end -->";

/**
 * The README with the text between its migration markers replaced by migrationMarkdown(maps); an error when the
 * markers are not there once each, in order (nothing is guessed).
 */
export function withMigrationSection(readme: string, maps: readonly MigrationMap[]): string {
  const start = readme.indexOf(MIGRATION_SECTION_START);
  const end = readme.indexOf(MIGRATION_SECTION_END);
  if (start < 0 || end < start || readme.indexOf(MIGRATION_SECTION_START, start + 1) >= 0 || readme.indexOf(MIGRATION_SECTION_END, end + 1) >= 0) {
    throw new Error(`the README needs ${MIGRATION_SECTION_START} and then ${MIGRATION_SECTION_END}, once each`);
  }
  return `${readme.slice(0, start + MIGRATION_SECTION_START.length)}\n\n${migrationMarkdown(maps)}\n${readme.slice(end)}`;
}
