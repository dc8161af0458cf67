/**
 * `codegen migrate-request --from <label> <url>` (or `--input requests.json`): translates raw Outlook REST requests
 * into Microsoft Graph requests through a migration map (templates/runtime/migrate.ts), and prints them: as text
 * (`METHOD URL`, headers, the JSON body) or as JSON. Notes go to stderr.
 *
 * The map is the shipped generator/diff/maps/outlook-<label>-to-graph-v1.0.map.json unless --map names one. Header
 * values are secrets as far as this command knows, except those of a short list that carry none (Content-Type, Accept,
 * Prefer, …: shownHeader): for any other header the output says it was kept, never what it holds. Exit codes:
 * 0 every request translated, 5 at least one could not be (each problem printed), 2 a usage mistake (a bad flag, a
 * missing or malformed map, input that is not JSON).
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import yargs from "yargs";
import type { MigrationMap } from "../../templates/runtime/migration-map.js";
import { translateRequest, type LegacyRequest, type RequestTranslation } from "../../templates/runtime/migrate.js";
import { EXIT } from "./exit-codes.js";
import { readMigrationMapFile, shippedMapFile } from "./migration-map-file.js";
import { parseHeaderArg, strictParser, UsageError } from "./options.js";
import type { Console } from "./run.js";

export const MIGRATE_REQUEST_FLAGS = {
  from: { type: "string", requiresArg: true, describe: "The Outlook REST version the requests were written for (v1.0, v2.0, beta): picks the shipped map generator/diff/maps/outlook-<version>-to-graph-v1.0.map.json." },
  map: { type: "string", requiresArg: true, describe: "A migration map file (codegen diff --format map) instead of the shipped one." },
  method: { alias: "X", type: "string", requiresArg: true, describe: "HTTP method of the request given as an argument. Default: GET." },
  // Not `array: true`: an array flag would swallow the URL that follows it (`-H 'A: b' <url>`); a repeated flag still
  // comes back as an array.
  header: { alias: "H", type: "string", requiresArg: true, describe: 'Request header, as "Name: value". Repeatable. Values are not printed, but those of Content-Type, Accept, Prefer and the like.' },
  body: { type: "string", requiresArg: true, describe: "JSON body of the request, or @file to read it from a file." },
  input: { type: "string", requiresArg: true, describe: "A JSON file holding an array of requests ({ method, url, headers?, body? }) instead of one given by flags." },
  root: { type: "string", requiresArg: true, describe: "Service root of the translated URLs. Default: https://graph.microsoft.com/v1.0." },
  format: { type: "string", requiresArg: true, choices: ["text", "json"], describe: "Output format. Default: text." },
} as const;

interface MigrateRequestFlags {
  readonly from?: string;
  readonly map?: string;
  readonly method?: string;
  readonly header?: string | readonly string[];
  readonly body?: string;
  readonly input?: string;
  readonly root?: string;
  readonly format?: string;
  readonly help?: boolean;
  readonly _: (string | number)[];
}

function readJsonArg(text: string, cwd: string, flag: string): unknown {
  const source = text.startsWith("@") ? readFileOrUsage(resolve(cwd, text.slice(1)), `${flag} ${text}`) : text;
  try {
    return JSON.parse(source);
  } catch (e) {
    throw new UsageError(`${flag}: not JSON: ${(e as Error).message}`);
  }
}

function readFileOrUsage(file: string, shownAs: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`${shownAs}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
}

/** An --input entry checked for the shape of a LegacyRequest. */
function asRequest(value: unknown, at: string): LegacyRequest {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new UsageError(`${at}: a request is an object { method, url, headers?, body? }`);
  const r = value as Record<string, unknown>;
  if (typeof r.method !== "string" || typeof r.url !== "string") throw new UsageError(`${at}: a request needs "method" and "url" strings`);
  if (r.headers !== undefined) {
    if (typeof r.headers !== "object" || r.headers === null || Array.isArray(r.headers) || Object.values(r.headers).some((v) => typeof v !== "string")) {
      throw new UsageError(`${at}: "headers" is an object of strings`);
    }
  }
  return {
    method: r.method,
    url: r.url,
    ...(r.headers !== undefined ? { headers: r.headers as Record<string, string> } : {}),
    ...(r.body !== undefined ? { body: r.body } : {}),
  };
}

async function parseFlags(args: readonly string[], io: Console): Promise<MigrateRequestFlags | number> {
  let helpText = "";
  const parser = strictParser(
    yargs([...args])
      .scriptName("codegen migrate-request")
      .usage(
        "$0 --from <version> [--method GET] <url> [-H 'Name: value'] [--body <json|@file>]\n$0 --from <version> --input requests.json\n\n" +
          "Translates Outlook REST requests into the Microsoft Graph requests for the same operations, or says what cannot be translated.",
      )
      .version(false)
      .options(MIGRATE_REQUEST_FLAGS)
      .example("$0 --from v2.0 \"https://outlook.office.com/api/v2.0/me/MailFolders('Inbox')/messages?\\$select=Subject\"", "the Graph URL for the same list")
      .example("$0 --from v2.0 --method POST https://outlook.office.com/api/v2.0/me/sendmail --body @mail.json", "a body, renamed through the map")
      .example("$0 --from v2.0 --input requests.json --format json", "many requests, JSON out")
      .epilogue("Exit codes: 0 all translated, 2 usage errors, 5 at least one request cannot be translated, 70 a bug in codegen."),
  );
  try {
    const argv = (await parser.parse([...args], {}, (_err, _argv, output) => {
      helpText = output;
    })) as MigrateRequestFlags & Record<string, unknown>;
    if (argv.help) {
      io.out(helpText.trimEnd());
      return EXIT.ok;
    }
    for (const name of Object.keys(MIGRATE_REQUEST_FLAGS)) {
      if (name !== "header" && Array.isArray(argv[name])) throw new UsageError(`--${name} was given more than once`);
    }
    if (argv.from === undefined && argv.map === undefined) throw new UsageError("codegen migrate-request needs --from <version> (or --map <file>)");
    if (argv.input !== undefined) {
      if (argv._.length > 0) throw new UsageError("--input and a URL argument do not go together");
      if (argv.method !== undefined || argv.header !== undefined || argv.body !== undefined) throw new UsageError("--input holds the requests: --method, --header and --body do not go with it");
    } else if (argv._.length !== 1) {
      throw new UsageError(argv._.length === 0 ? "give the Outlook URL to translate (or --input <file>)" : `one URL at a time (got ${argv._.length}); use --input for several`);
    }
    return argv;
  } catch (e) {
    io.err(`codegen migrate-request: ${(e as Error).message}`);
    io.err("codegen migrate-request: see codegen migrate-request --help");
    return EXIT.usage;
  }
}

/** The text form: `METHOD URL`, then each header (its value hidden), then the body. */
function textOf(request: LegacyRequest): string {
  const lines = [`${request.method} ${request.url}`];
  for (const name of Object.keys(request.headers ?? {})) lines.push(`${name}: ${shownHeader(name, request.headers![name]!)}`);
  const body = shownBody(request);
  if (body !== undefined) lines.push("", typeof body === "string" ? body : JSON.stringify(body, null, 2));
  return lines.join("\n");
}

/** A JSON batch's parts carry their own headers (an Authorization among them): their values are hidden too. */
function shownBody(request: LegacyRequest): unknown {
  const body = request.body;
  if (!request.url.split("?")[0]!.endsWith("/$batch")) return body;
  const requests = typeof body === "object" && body !== null ? (body as { requests?: unknown }).requests : undefined;
  if (!Array.isArray(requests)) return body;
  return {
    ...(body as Record<string, unknown>),
    requests: requests.map((r) => {
      const headers = typeof r === "object" && r !== null ? (r as { headers?: unknown }).headers : undefined;
      if (typeof headers !== "object" || headers === null) return r;
      return { ...(r as Record<string, unknown>), headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, shownHeader(k, String(v))])) };
    }),
  };
}

/**
 * Headers whose values carry no secret and say what the request means (a `$batch` becomes JSON, Prefer says what Graph
 * keeps): shown. Every other value (Authorization, cookies, keys of any name) is left out of the output.
 */
const SHOWN_HEADERS = new Set(["prefer", "content-type", "accept", "accept-language", "if-match", "if-none-match", "odata-version", "odata-maxversion", "return-client-request-id"]);

function shownHeader(name: string, value: string): string {
  return SHOWN_HEADERS.has(name.toLowerCase()) ? value : "(kept as given, not shown)";
}

function jsonOf(result: RequestTranslation): unknown {
  if (!result.ok) return { ok: false, problems: result.problems };
  const headers = result.request.headers;
  const withHeaders =
    headers === undefined ? result.request : { ...result.request, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, shownHeader(k, v)])) };
  const request = result.request.body === undefined ? withHeaders : { ...withHeaders, body: shownBody(result.request) };
  return { ok: true, request, notes: result.notes };
}

export async function migrateRequestCommand(args: readonly string[], cwd: string, io: { console: Console }): Promise<number> {
  const out = io.console;
  const flags = await parseFlags(args, out);
  if (typeof flags === "number") return flags;
  let map: MigrationMap;
  let requests: LegacyRequest[];
  try {
    if (flags.map !== undefined) {
      map = await readMigrationMapFile(resolve(cwd, flags.map), `--map ${flags.map}`);
      if (flags.from !== undefined && flags.from !== map.from.label) throw new UsageError(`--map ${flags.map} translates ${map.from.label}, not --from ${flags.from}`);
    } else {
      const file = shippedMapFile(flags.from!);
      if (!/^[A-Za-z0-9.]+$/.test(flags.from!) || !existsSync(file)) throw new UsageError(`no shipped map for --from ${flags.from}; give --map <file>`);
      map = await readMigrationMapFile(file, file);
    }
    if (flags.input !== undefined) {
      const data = readJsonArg(`@${flags.input}`, cwd, "--input");
      if (!Array.isArray(data)) throw new UsageError(`--input ${flags.input}: expected a JSON array of requests`);
      requests = data.map((r, i) => asRequest(r, `--input ${flags.input} [${i}]`));
    } else {
      const given = flags.header === undefined ? [] : typeof flags.header === "string" ? [flags.header] : flags.header;
      // A repeated header (-H 'Prefer: a' -H 'Prefer: b', any case) is one header whose values are joined by ", ", as HTTP reads it.
      const merged = new Map<string, [string, string]>();
      for (const [name, value] of given.map(parseHeaderArg)) {
        const had = merged.get(name.toLowerCase());
        merged.set(name.toLowerCase(), had === undefined ? [name, value] : [had[0], `${had[1]}, ${value}`]);
      }
      const headers = Object.fromEntries(merged.values());
      requests = [
        {
          method: flags.method ?? "GET",
          url: String(flags._[0]),
          ...(Object.keys(headers).length > 0 ? { headers } : {}),
          ...(flags.body !== undefined ? { body: readJsonArg(flags.body, cwd, "--body") } : {}),
        },
      ];
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    out.err(`codegen migrate-request: ${e.message}`);
    return EXIT.usage;
  }

  const options = flags.root !== undefined ? { root: flags.root } : {};
  const results = requests.map((r) => translateRequest(map, r, options));
  const several = requests.length > 1;
  results.forEach((result, i) => {
    // A user name and password before the host are credentials: the label leaves them out.
    const url = requests[i]!.url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, "$1");
    const label = several ? `request ${i + 1} (${requests[i]!.method} ${url})` : "";
    if (result.ok) for (const note of result.notes) out.err(`codegen migrate-request: ${label ? `${label}: ` : ""}note: ${note}`);
    else for (const p of result.problems) out.err(`codegen migrate-request: ${label ? `${label}: ` : ""}${p.where}: ${p.reason}`);
  });
  if (flags.format === "json") {
    const shown = results.map(jsonOf);
    out.out(JSON.stringify(several || flags.input !== undefined ? shown : shown[0], null, 2));
  } else {
    const blocks = results.map((r, i) => (r.ok ? textOf(r.request) : `# request ${i + 1}: not translated (see the problems above)`));
    out.out(blocks.join("\n\n"));
  }
  const failed = results.filter((r) => !r.ok).length;
  if (failed > 0) {
    out.err(`codegen migrate-request: ${failed} of ${results.length} request${results.length === 1 ? "" : "s"} cannot be translated`);
    return EXIT.untranslatable;
  }
  return EXIT.ok;
}
