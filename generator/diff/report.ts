/**
 * The model diff's reports: JSON for tools, Markdown for people. Pure; the same changes give the same bytes.
 *
 * JSON shape (`version` 1):
 *   { "version": 1, "from": { "label", "source" }, "to": { "label", "source" },
 *     "summary": { "total", "breaking", "byKind": { "<kind>": n, … } },
 *     "changes": [ { "kind", "element", "fromPath"?, "toPath"?, "before"?, "after"?, "match"?, "breaking" }, … ] }
 */
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
