/**
 * Diagnostics: every problem found in the input, collected rather than thrown,
 * so that one run reports them all. Each names the file, the line and column
 * where the XML gives them, and the CSDL path of the element concerned.
 */

export type Severity = "error" | "warning";

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable machine-readable code, e.g. `unresolved-type`. */
  readonly code: string;
  readonly message: string;
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** e.g. `Schema[Microsoft.OutlookServices]/EntityType[Message]/Property[Subject]` */
  readonly path?: string;
}

export interface Located {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
}

export function error(code: string, message: string, at: Partial<Located> & { readonly file: string }): Diagnostic {
  return { severity: "error", code, message, ...at };
}

/** Every warning code the generator emits: what `--silence` and the config's `silence` accept (a test keeps it complete). */
export const WARNING_CODES = [
  "annotation-target-unresolved",
  "client-default-credential",
  "csdl-version-missing",
  "definitions-not-supported",
  "invalid-identifier",
  "invisible-character-in-name",
  "migration-map-mismatch",
  "operation-shares-type-name",
  "unknown-service-version",
] as const;

export function warning(code: (typeof WARNING_CODES)[number], message: string, at: Partial<Located> & { readonly file: string }): Diagnostic {
  return { severity: "warning", code, message, ...at };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/**
 * `file:line:column: error code: message\n    at CSDL path`. Names in messages
 * come from the metadata: control and other invisible characters (INVISIBLE) are
 * shown escaped, so a name can neither forge another line, nor send escape
 * sequences to the terminal, nor reorder what the reader sees.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  const head = `${visible(where)}: ${d.severity} ${visible(d.code)}: ${visible(d.message)}`;
  return d.path ? `${head}\n    at ${visible(shortPath(d.path))}` : head;
}

/** A CSDL path with each name over 80 characters cut (a name of megabytes would print a path of megabytes). */
function shortPath(path: string): string {
  return path.replace(/\[([^\]]{81,})\]/g, (_, name: string) => `[${name.slice(0, 79)}…]`);
}

/**
 * Characters no output holds raw (Trojan Source, CVE-2021-42574): they are invisible or change how the text around
 * them is shown. Controls (C0 and C1), format characters (bidi embeddings, overrides and isolates U+202A–202E and
 * U+2066–2069, the marks U+200E/200F/061C, zero-width U+200B–200D, U+2060, U+FEFF, tags), every other
 * default-ignorable code point (variation selectors, fillers), line and paragraph separators, private-use characters
 * and lone surrogates. Generated files escape them (plan/naming.ts), and so do diagnostics.
 */
export const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu;

function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    const cp = c.codePointAt(0) ?? 0;
    return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, "0")}`;
  });
}

/** Errors first, then by file and position, so output is stable. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic): number => (d.severity === "error" ? 0 : 1);
  return [...list].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

/** Thrown by the pipeline when diagnostics contain errors; carries them all. */
export class DiagnosticsError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    super(`${errors.length} error(s) in the input metadata`);
    this.name = "DiagnosticsError";
    this.diagnostics = diagnostics;
  }
}
