/**
 * The oracle for one mutant: generate() in-process, then check what came back.
 *
 * A failure is any of:
 * - `throw`: generate() threw (in the CLI that is exit 70 with a stack trace);
 * - `unlocated`: a diagnostic about the metadata file lacks what locates it (rules in `locationProblem`);
 * - `inconsistent`: errors together with files, or neither errors nor files;
 * - `file-name`: an output path a file system may refuse or that escapes the output folder (a segment over 255
 *   bytes, `..`, an absolute path, a control character, two paths equal but for case);
 * - `raw-bidi`: generated TypeScript that carries a bidi control, zero-width or line-separator character raw (the
 *   Trojan Source pattern: such characters must reach strings and comments escaped);
 * - `accepted`: a mutant generated silently although CSDL forbids what it holds (rules in `csdlViolations`): a name
 *   that is not a SimpleIdentifier, a namespace that is not dotted SimpleIdentifiers, an Edmx Version other than 4.0
 *   and 4.01, more than one EntityContainer. Generating is right only with the diagnostic that says so
 *   (`REPORTED_BY`): a name outside the grammar is a warning (`invalid-identifier`; the client quotes and escapes
 *   it), a missing Version a warning, the rest errors;
 * - `refused`: a mutant that is valid CSDL by construction (a valid seed and only mutations that keep it valid, such
 *   as an operation named as a type with its import) got an error;
 * - `nondeterministic`: two runs over the same bytes gave different files (checked for a sample);
 * - `hang` (found by the runner, which runs this in a worker it can end) and `tsc` (a sample of the successful
 *   mutants, checked by the runner with TypeScript 7).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generate } from "../../generator/index.js";
import type { Diagnostic } from "../../generator/diagnostics/diagnostic.js";
import type { Encoding } from "./mutate.js";
import { scan } from "./scan.js";

export interface Failure {
  readonly kind: "throw" | "hang" | "unlocated" | "inconsistent" | "file-name" | "raw-bidi" | "accepted" | "refused" | "nondeterministic" | "tsc";
  /** What buckets it: the same signature is the same failure. */
  readonly signature: string;
  /** One instance in full (a diagnostic, a stack, tsc's message). */
  readonly detail: string;
}

export interface Outcome {
  /** `ok`: files and no errors; `errors`: diagnostics with errors; `threw`. */
  readonly status: "ok" | "errors" | "threw";
  readonly ms: number;
  readonly failures: readonly Failure[];
  /** The error and warning codes, for the summary. */
  readonly codes: readonly string[];
  /** Where the output was written for the tsc sample, when asked and the mutant succeeded. */
  readonly tscDir?: string;
}

export interface RunOptions {
  /** A folder of this worker's own: the mutant is written there. */
  readonly workDir: string;
  readonly mode: "package" | "sources";
  readonly encoding: Encoding;
  /** The mutant is valid CSDL by construction: an error is a failure. */
  readonly valid?: boolean;
  /** Generate twice and compare. */
  readonly determinism?: boolean;
  /** Write the output here (for the tsc sample) when it succeeds. */
  readonly tscDir?: string;
}

/** The label and service root every mutant is generated with (a root given, so no `unknown-service-version`). */
export const LABEL = "v1";
export const BASE_URL = "https://fuzz.example/service";

/** Elements of CSDL: a diagnostic at one of their start tags is about that element, so it must carry its path. */
const CSDL_ELEMENTS = new Set([
  "Schema",
  "EntityType",
  "ComplexType",
  "EnumType",
  "Member",
  "Property",
  "NavigationProperty",
  "ReferentialConstraint",
  "OnDelete",
  "Key",
  "PropertyRef",
  "Action",
  "Function",
  "Parameter",
  "ReturnType",
  "EntityContainer",
  "EntitySet",
  "Singleton",
  "ActionImport",
  "FunctionImport",
  "NavigationPropertyBinding",
  "TypeDefinition",
  "Term",
  "Annotations",
  "Annotation",
]);

/**
 * Load-stage codes about the file as a whole, with no position in it to give: the file could not be read, or it is
 * HTML or JSON, or it is over the size limit.
 */
const WHOLE_FILE = /^(load-failed|metadata-is-html|metadata-is-json|input-too-large|metadata-too-large|fetch-.*)$/;

/** A well-formed XML declaration naming an encoding the generator must read (or none). */
const GOOD_DECLARATION = /^<\?xml\s+version\s*=\s*["']1\.0["'](\s+encoding\s*=\s*["'](utf-8|utf-16|iso-8859-1|us-ascii)["'])?(\s+standalone\s*=\s*["'](yes|no)["'])?\s*\?>/i;

/** The text as the generator should read it: for the bounds of line and column. */
export function decodeBytes(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString("utf16le");
  const utf8 = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const head = utf8.subarray(0, 100).toString("latin1");
  if (/^<\?xml[^>]*encoding\s*=\s*["']iso-8859-1["']/i.test(head)) return utf8.toString("latin1");
  return utf8.toString("utf8");
}

/**
 * Why a diagnostic about the metadata file is not located, or undefined when it is. The rules:
 * 1. It has a line and a column, positive integers, inside the document (the line exists; the column at most one
 *    past its end). Exempt: the load stage's codes about the file as a whole (WHOLE_FILE).
 * 2. When the position is the start tag of a CSDL element (`<EntityType …`) and the code is not an XML syntax code
 *    (`xml-…`, about text rather than an element), it carries a non-empty CSDL path.
 * 3. An XML syntax diagnostic at 1:1 of a document that opens with a well-formed declaration of a known encoding
 *    points at the wrong place: the declaration is fine, the problem is elsewhere (a truncated document is to be
 *    reported where it ends).
 */
export function locationProblem(d: Diagnostic, lines: readonly string[]): string | undefined {
  if (WHOLE_FILE.test(d.code)) return undefined;
  const { line, column } = d;
  if (line === undefined || column === undefined) return "no line:column";
  if (!Number.isInteger(line) || !Number.isInteger(column) || line < 1 || column < 1) return "line:column not positive integers";
  const text = lines[line - 1];
  if (text === undefined) return "line beyond the document";
  if (column > text.length + 1) return "column beyond its line";
  const at = text.slice(column - 1);
  const tag = /^<(?:[\w.-]+:)?([\w.-]+)/.exec(at)?.[1];
  if (tag !== undefined && CSDL_ELEMENTS.has(tag) && !d.code.startsWith("xml-") && (d.path === undefined || d.path === "")) return "no CSDL path at an element";
  if (d.code.startsWith("xml-") && line === 1 && column === 1 && GOOD_DECLARATION.test(lines[0] ?? "")) return "at 1:1 though the declaration is well-formed";
  return undefined;
}

/** The generic form of a message: names and numbers out, so one class of failure gives one signature. */
export function normalise(message: string): string {
  return message
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, "…")
    .replace(/\b\d+\b/g, "N")
    .slice(0, 160);
}

const RAW_INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u2028\u2029\uFEFF]/;

/** Output paths a file system may refuse, or that leave the output folder: [the class, this instance]. */
function pathProblems(paths: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  const seen = new Map<string, string>();
  for (const p of paths) {
    const shown = JSON.stringify(p.length > 100 ? `${p.slice(0, 100)}…` : p);
    const lower = p.toLowerCase();
    const other = seen.get(lower);
    if (other !== undefined && other !== p) out.push(["two paths differ only in case", `${other} / ${p}`]);
    seen.set(lower, p);
    if (p.startsWith("/") || /^[a-zA-Z]:/.test(p) || p.includes("\\")) out.push(["an absolute or backslashed path", shown]);
    if (/[\u0000-\u001f\u007f]/.test(p)) out.push(["a control character in a path", shown]);
    for (const seg of p.split("/")) {
      if (seg === "" || seg === "." || seg === "..") out.push([`a path segment ${JSON.stringify(seg)}`, shown]);
      else if (Buffer.byteLength(seg, "utf8") > 255) out.push(["a path segment over 255 bytes", `${Buffer.byteLength(seg, "utf8")} bytes: ${shown}`]);
    }
  }
  return out;
}

/** CSDL's SimpleIdentifier (OData CSDL XML 4.01, section 17.2): at most 128 characters. */
const SIMPLE_IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]{0,127}$/u;

/** Which named elements, under which parents, must carry a SimpleIdentifier. */
const NAMED_UNDER: ReadonlyMap<string, readonly string[]> = new Map(Object.entries({
  Schema: ["EntityType", "ComplexType", "EnumType", "TypeDefinition", "Action", "Function", "EntityContainer", "Term"],
  EntityType: ["Property", "NavigationProperty"],
  ComplexType: ["Property", "NavigationProperty"],
  EnumType: ["Member"],
  Action: ["Parameter"],
  Function: ["Parameter"],
  EntityContainer: ["EntitySet", "Singleton", "ActionImport", "FunctionImport"],
}));

/**
 * What a document holds that CSDL forbids and a generator must refuse: names that are not SimpleIdentifiers (each
 * definition under its proper parent), namespaces that are not dotted SimpleIdentifiers, an Edmx Version other
 * than 4.0 or 4.01, a second EntityContainer. Checked only for mutants that generated without error.
 */
/** The diagnostic codes that report each kind of violation when the document still generates. */
const REPORTED_BY: readonly (readonly [RegExp, readonly string[]])[] = [
  [/SimpleIdentifier|Namespace/, ["invalid-identifier", "invalid-name", "invalid-alias", "invisible-character-in-name"]],
  [/Edmx Version/, ["csdl-version-missing", "unsupported-csdl-version"]],
  [/second EntityContainer/, ["duplicate-container"]],
];

/**
 * Whether an element is inside a Schema of the service (under DataServices): a Schema elsewhere (moved into an
 * edmx:Include, say) is not part of the model, and the generator rightly ignores what it holds.
 */
function inService(spans: ReturnType<typeof scan>, span: ReturnType<typeof scan>[number]): boolean {
  let cur = span;
  while (cur.name !== "Schema") {
    if (cur.parent < 0) return false;
    cur = spans[cur.parent]!;
  }
  return cur.parent >= 0 && spans[cur.parent]!.name === "DataServices";
}

export function csdlViolations(text: string): string[] {
  const spans = scan(text);
  const out = new Set<string>();
  let containers = 0;
  for (const s of spans) {
    const parent = s.parent >= 0 ? spans[s.parent]! : undefined;
    if (s.name === "Edmx" && s.parent < 0) {
      const v = s.attrs.get("Version");
      if (v !== "4.0" && v !== "4.01") out.add("an Edmx Version other than 4.0 and 4.01");
    }
    if (s.name === "EntityContainer" && parent?.name === "Schema") containers++;
    if (s.name === "Schema" && parent?.name === "DataServices") {
      const ns = s.attrs.get("Namespace") ?? "";
      if (ns.length > 511 || !ns.split(".").every((p) => SIMPLE_IDENTIFIER.test(p))) out.add("a Schema Namespace that is not dotted SimpleIdentifiers");
      const alias = s.attrs.get("Alias");
      if (alias !== undefined && !SIMPLE_IDENTIFIER.test(alias)) out.add("a Schema Alias that is not a SimpleIdentifier");
    }
    if (parent && NAMED_UNDER.get(parent.name)?.includes(s.name) && inService(spans, s)) {
      const name = s.attrs.get("Name");
      if (name !== undefined && !SIMPLE_IDENTIFIER.test(name)) out.add(`a ${parent.name === "Schema" ? "" : `${parent.name}'s `}${s.name} Name that is not a SimpleIdentifier${name.length > 128 ? " (too long)" : ""}`);
    }
  }
  if (containers > 1) out.add("a second EntityContainer");
  return [...out];
}

function stackSite(e: unknown): string {
  const stack = e instanceof Error ? (e.stack ?? "") : "";
  for (const line of stack.split("\n").slice(1)) {
    const m = /at (?:(\S+) )?\(?.*\/(generator\/[^:]+):\d+:\d+\)?/.exec(line);
    if (m) return `${m[2]}${m[1] ? ` ${m[1]}` : ""}`;
  }
  return "outside generator/";
}

/** Generate from the bytes and check the result. */
export async function runOracle(bytes: Buffer, options: RunOptions): Promise<Outcome> {
  mkdirSync(options.workDir, { recursive: true });
  const file = join(options.workDir, "mutant.xml");
  writeFileSync(file, bytes);
  const input = { inputs: [{ label: LABEL, source: file, baseUrl: BASE_URL }], mode: options.mode } as const;
  const started = performance.now();
  let result: Awaited<ReturnType<typeof generate>>;
  try {
    result = await generate(input);
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    const site = stackSite(e);
    return {
      status: "threw",
      ms: performance.now() - started,
      failures: [{ kind: "throw", signature: `throw ${normalise(message)} at ${site}`, detail: e instanceof Error ? (e.stack ?? message) : message }],
      codes: [],
    };
  }
  const ms = performance.now() - started;
  const failures: Failure[] = [];
  const lines = decodeBytes(bytes).split(/\r\n|\r|\n/);
  for (const d of result.diagnostics) {
    if (d.file !== file) {
      failures.push({ kind: "unlocated", signature: `unlocated ${d.code}: names file ${JSON.stringify(d.file.slice(0, 40))}, not the metadata`, detail: JSON.stringify(d) });
      continue;
    }
    const problem = locationProblem(d, lines);
    if (problem) failures.push({ kind: "unlocated", signature: `unlocated ${d.code}: ${problem}`, detail: JSON.stringify({ ...d, file: "mutant.xml" }) });
  }
  const errors = result.diagnostics.some((d) => d.severity === "error");
  if (errors && result.files.length > 0) failures.push({ kind: "inconsistent", signature: "inconsistent: files despite errors", detail: `${result.files.length} files` });
  if (!errors && result.files.length === 0) failures.push({ kind: "inconsistent", signature: "inconsistent: neither files nor errors", detail: result.diagnostics.map((d) => d.code).join(", ") });
  for (const [what, detail] of pathProblems(result.files.map((f) => f.path))) failures.push({ kind: "file-name", signature: `file-name: ${what}`, detail });
  for (const f of result.files) {
    if (!f.path.endsWith(".ts")) continue;
    const m = RAW_INVISIBLE.exec(f.text);
    if (m) {
      const line = f.text.slice(0, m.index).split("\n").length;
      const code = `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
      failures.push({ kind: "raw-bidi", signature: `raw-bidi ${code} in generated TypeScript`, detail: `${f.path}:${line}: ${JSON.stringify(f.text.split("\n")[line - 1]?.slice(0, 200))}` });
      break;
    }
  }
  if (errors && options.valid) {
    const codes = [...new Set(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code))].sort();
    failures.push({ kind: "refused", signature: `refused a valid document: ${codes.join(", ")}`, detail: result.diagnostics.filter((d) => d.severity === "error").slice(0, 3).map((d) => `${d.code}: ${d.message}${d.path ? ` at ${d.path}` : ""}`).join("\n") });
  }
  if (!errors) {
    const codes = new Set(result.diagnostics.map((d) => d.code));
    for (const v of csdlViolations(lines.join("\n"))) {
      const by = REPORTED_BY.find(([re]) => re.test(v))?.[1] ?? [];
      if (!by.some((c) => codes.has(c))) failures.push({ kind: "accepted", signature: `accepted ${v}`, detail: `generated without ${by.join(" or ") || "an error"} from a document holding ${v}` });
    }
  }
  if (options.determinism) {
    try {
      const again = await generate(input);
      const same =
        again.files.length === result.files.length &&
        again.files.every((f, i) => f.path === result.files[i]!.path && f.text === result.files[i]!.text) &&
        JSON.stringify(again.diagnostics) === JSON.stringify(result.diagnostics);
      if (!same) {
        const first = again.files.find((f, i) => f.path !== result.files[i]?.path || f.text !== result.files[i]?.text);
        failures.push({ kind: "nondeterministic", signature: "nondeterministic output", detail: first ? `first difference in ${first.path}` : "the diagnostics differ" });
      }
    } catch (e) {
      failures.push({ kind: "nondeterministic", signature: "nondeterministic: the second run threw", detail: String(e) });
    }
  }
  let tscDir: string | undefined;
  if (options.tscDir !== undefined && !errors && result.files.length > 0) {
    try {
      for (const f of result.files) {
        if (!f.path.endsWith(".ts")) continue;
        const full = join(options.tscDir, f.path);
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, f.text);
      }
      writeFileSync(join(options.tscDir, "package.json"), '{ "type": "module" }\n');
      tscDir = options.tscDir;
    } catch (e) {
      // Paths a disk refuses are reported as file-name failures above; the mutant stays out of the sample.
      if (!failures.some((f) => f.kind === "file-name")) failures.push({ kind: "file-name", signature: `file-name: writing the output failed with ${(e as NodeJS.ErrnoException).code ?? "an error"}`, detail: String(e) });
    }
  }
  return { status: errors ? "errors" : "ok", ms, failures, codes: [...new Set(result.diagnostics.map((d) => d.code))].sort(), ...(tscDir !== undefined ? { tscDir } : {}) };
}
