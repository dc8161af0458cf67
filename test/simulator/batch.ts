/**
 * `$batch` (fact sheet §3.4): `POST /api/<v>/$batch` and `POST /api/<v>/me/$batch`.
 *
 * - `multipart/mixed; boundary=…` (Outlook's format): each part is `Content-Type: application/http`
 *   with a request line (absolute, host-relative or relative URL), headers and a body. The answer is
 *   200 `multipart/mixed; boundary=batchresponse_<guid>` with one part per executed request (status
 *   line, headers, body; the request's Content-ID echoed).
 * - `application/json` (OData 4.01 JSON batching): `{"requests":[{id,method,url,headers,body,
 *   atomicityGroup,dependsOn}]}` → `{"responses":[{id,status,headers,body}]}`. A URL may start with
 *   `$<id>` of an earlier request (its Location / `@odata.id`). A request whose dependency failed answers
 *   424. Atomicity groups are approximated: members run in order until one fails; then that one keeps
 *   its answer and every other member of the group is reported as 424 (what already ran is not undone).
 *
 * Every request runs through the simulator's own handler (auth included) with the outer request's
 * headers, except content headers, Accept and the continue-on-error preference, overlaid by the part's
 * own (a part may carry its own Authorization). At most 20 requests per batch (else 400). Processing
 * stops at the first failed request unless `Prefer: odata.continue-on-error`; requests after it get no
 * response. Every request must address one mailbox: a part whose x-AnchorMailbox differs from the outer
 * request's answers 400. Change sets (nested multipart) are not supported (400).
 *
 *   const batch = registerBatch(sim.router, sim.handle);   // batch.parts: what ran
 */
import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { RequestContext } from "./context.js";
import { badRequest, methodNotAllowed, ServiceError } from "./errors.js";
import { errorResponse, JSON_TYPE, type SimRequest, type SimResponse } from "./http.js";
import type { PathRoute, Router } from "./routes.js";

/** Outlook's limit (§3.4). */
export const MAX_BATCH_PARTS = 20;
const CONTINUE_ON_ERROR = "odata.continue-on-error";

/** One request of a batch as the simulator ran it (or refused it). */
export interface SeenBatchPart {
  /** Counts the `$batch` requests this module answered, from 1. */
  readonly batch: number;
  readonly format: "multipart" | "json";
  /** Content-ID or JSON id. */
  readonly id: string | undefined;
  readonly method: string;
  /** Path and query the request ran with. */
  readonly url: string;
  /** The part's own headers, names lower-case. */
  readonly headers: Readonly<Record<string, string>>;
  /** What it ran with: the outer headers it inherits, overlaid by its own. */
  readonly effectiveHeaders: Readonly<Record<string, string>>;
  readonly status: number;
}

export interface BatchModule {
  /** Every request of every batch, in execution order (requests that did not run are not listed). */
  readonly parts: readonly SeenBatchPart[];
  clear(): void;
}

type Handler = (request: SimRequest) => Promise<SimResponse>;

interface PartRequest {
  readonly id: string | undefined;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

interface JsonPartRequest extends PartRequest {
  readonly id: string;
  readonly atomicityGroup: string | undefined;
  readonly dependsOn: readonly string[];
}

interface Ran {
  readonly request: PartRequest;
  readonly response: SimResponse;
}

const registered = new WeakMap<Router, BatchModule>();

/** Adds the `$batch` path route; calling it again for the same router is a no-op. */
export function registerBatch(router: Router, handle: Handler): BatchModule {
  const existing = registered.get(router);
  if (existing) return existing;
  const parts: SeenBatchPart[] = [];
  let batches = 0;

  const route: PathRoute = {
    name: "batch",
    match: (ctx) => isBatchPath(ctx),
    handle: async (ctx) => {
      if (ctx.method !== "POST") throw methodNotAllowed("$batch takes POST only.");
      const batch = ++batches;
      const continueOnError = ctx.prefer.has(CONTINUE_ON_ERROR);
      if (continueOnError) ctx.applied.push(CONTINUE_ON_ERROR);
      const contentType = ctx.req.headers["content-type"] ?? "";
      const inherited = inheritedHeaders(ctx.req.headers);
      const run = async (p: PartRequest, format: "multipart" | "json"): Promise<SimResponse> => {
        const effective = { ...inherited, ...p.headers };
        let response: SimResponse;
        try {
          const url = partTarget(ctx, p.url);
          checkMailbox(ctx, effective);
          response = await handle({ method: p.method, url, headers: effective, body: p.body });
          if (response.stream)
            throw badRequest("ErrorInvalidRequest", "A streaming response cannot be part of a batch.");
        } catch (e) {
          if (!(e instanceof ServiceError)) throw e;
          response = errorResponse(e);
        }
        parts.push({
          batch,
          format,
          id: p.id,
          method: p.method,
          url: p.url,
          headers: p.headers,
          effectiveHeaders: effective,
          status: response.status,
        });
        return response;
      };
      if (/^multipart\/mixed\b/i.test(contentType)) {
        const requests = parseMultipartBatch(ctx.req.body, contentType);
        const ran: Ran[] = [];
        for (const request of requests) {
          const response = await run(request, "multipart");
          ran.push({ request, response });
          if (failed(response) && !continueOnError) break;
        }
        return multipartResponse(ran);
      }
      if (/^application\/json\b/i.test(contentType)) {
        const requests = parseJsonBatch(ctx.req.body);
        return jsonResponse(await runJson(requests, continueOnError, (p) => run(p, "json")));
      }
      throw badRequest(
        "ErrorInvalidRequest",
        `A $batch request must be multipart/mixed with a boundary or application/json, not '${contentType}'.`,
      );
    },
  };

  const module: BatchModule = {
    parts,
    clear: () => {
      parts.length = 0;
    },
  };
  router.usePath(route);
  registered.set(router, module);
  return module;
}

function isBatchPath(ctx: RequestContext): boolean {
  const names = ctx.segments.map((s) => s.text.toLowerCase());
  return (
    (names.length === 1 && names[0] === "$batch") || (names.length === 2 && names[0] === "me" && names[1] === "$batch")
  );
}

const failed = (r: SimResponse): boolean => r.status >= 400;

/** Outer headers every part gets: all but content headers, Accept and the continue-on-error preference. */
function inheritedHeaders(outer: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(outer)) {
    if (k.startsWith("content-") || ["accept", "host", "connection", "transfer-encoding"].includes(k)) continue;
    if (k === "prefer") {
      const rest = v
        .split(",")
        .map((p) => p.trim())
        .filter((p) => p !== "" && p.toLowerCase() !== CONTINUE_ON_ERROR);
      if (rest.length) out[k] = rest.join(", ");
      continue;
    }
    out[k] = v;
  }
  return out;
}

/** A part's request target as path and query on this host and version. */
function partTarget(ctx: RequestContext, raw: string): string {
  const batchUrl = `${ctx.origin}${new URL(ctx.req.url, ctx.origin).pathname}`;
  let u: URL;
  try {
    u = new URL(raw, batchUrl);
  } catch {
    throw badRequest("ErrorInvalidRequest", `'${raw}' is not a valid request URL.`);
  }
  if (u.origin !== ctx.origin) {
    throw badRequest("ErrorInvalidRequest", `Every request of a batch must address this host; '${raw}' does not.`);
  }
  const version = /^\/api\/([^/]+)/i.exec(u.pathname)?.[1];
  if (version?.toLowerCase() !== ctx.version.toLowerCase()) {
    throw badRequest(
      "ErrorInvalidRequest",
      `Every request of a batch must use the batch's API version (${ctx.version}); '${raw}' does not.`,
    );
  }
  return `${u.pathname}${u.search}`;
}

/** Every part must hit one mailbox (§3.4): a part anchored elsewhere than the batch is refused. */
function checkMailbox(ctx: RequestContext, effective: Readonly<Record<string, string>>): void {
  const outer = ctx.req.headers["x-anchormailbox"];
  const own = effective["x-anchormailbox"];
  if (outer !== undefined && own !== undefined && outer.toLowerCase() !== own.toLowerCase()) {
    throw badRequest(
      "ErrorInvalidRequest",
      `Every request of a batch must address one mailbox: this one is anchored to ${own}, the batch to ${outer}.`,
    );
  }
}

// ---- multipart --------------------------------------------------------------------------------------

const CRLF = Buffer.from("\r\n");

function boundaryOf(contentType: string): string {
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const b = m?.[1] ?? m?.[2];
  if (!b)
    throw badRequest("ErrorInvalidRequest", "The multipart/mixed Content-Type of a $batch request needs a boundary.");
  return b;
}

/** The body parts between the delimiters; the line break before a delimiter belongs to it (RFC 2046). */
function splitParts(body: Buffer, boundary: string): Buffer[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let start = -1;
  for (let i = body.indexOf(delimiter); i !== -1; i = body.indexOf(delimiter, i + 1)) {
    if (i > 0 && body[i - 1] !== 0x0a) continue;
    if (start >= 0) {
      let end = i;
      if (body[end - 1] === 0x0a) end--;
      if (body[end - 1] === 0x0d) end--;
      parts.push(body.subarray(start, Math.max(start, end)));
    }
    const after = i + delimiter.length;
    if (body[after] === 0x2d && body[after + 1] === 0x2d) return parts;
    const eol = body.indexOf(0x0a, after);
    if (eol === -1) break;
    start = eol + 1;
  }
  throw badRequest("ErrorInvalidRequest", `The $batch body lacks its closing delimiter --${boundary}--.`);
}

/** Header lines up to the empty line; `end` is where the body starts. */
function readHead(bytes: Buffer, from: number): { lines: string[]; end: number } {
  const lines: string[] = [];
  let at = from;
  while (at < bytes.length) {
    const eol = bytes.indexOf(0x0a, at);
    const stop = eol === -1 ? bytes.length : eol;
    const line = bytes.toString("utf8", at, stop).replace(/\r$/, "");
    at = stop + 1;
    if (line === "") {
      if (lines.length) break;
      continue;
    }
    lines.push(line);
  }
  return { lines, end: Math.min(at, bytes.length) };
}

function headerMap(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw badRequest("ErrorInvalidRequest", `'${line}' is not a header line.`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  return out;
}

function parseMultipartBatch(body: Buffer, contentType: string): PartRequest[] {
  const raw = splitParts(body, boundaryOf(contentType));
  if (raw.length > MAX_BATCH_PARTS) {
    throw badRequest(
      "ErrorInvalidRequest",
      `A batch may hold at most ${MAX_BATCH_PARTS} requests; this one has ${raw.length}.`,
    );
  }
  return raw.map((part, i) => {
    const mime = readHead(part, 0);
    const mimeHeaders = headerMap(mime.lines);
    const type = mimeHeaders["content-type"] ?? "";
    if (/^multipart\//i.test(type)) throw badRequest("ErrorInvalidRequest", "Change sets are not supported in $batch.");
    if (!/^application\/http\b/i.test(type)) {
      throw badRequest("ErrorInvalidRequest", `Part ${i + 1} of the batch must be application/http, not '${type}'.`);
    }
    const http = readHead(part, mime.end);
    const requestLine = http.lines[0] ?? "";
    const m = /^([A-Za-z]+)\s+(\S+)(?:\s+HTTP\/\d(?:\.\d)?)?$/.exec(requestLine);
    if (!m) throw badRequest("ErrorInvalidRequest", `Part ${i + 1} has no request line: '${requestLine}'.`);
    const contentId = mimeHeaders["content-id"]?.replace(/^<(.*)>$/, "$1");
    return {
      id: contentId,
      method: (m[1] ?? "GET").toUpperCase(),
      url: m[2] ?? "",
      headers: headerMap(http.lines.slice(1)),
      body: Buffer.from(part.subarray(http.end)),
    };
  });
}

function multipartResponse(ran: readonly Ran[]): SimResponse {
  const boundary = `batchresponse_${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const { request, response } of ran) {
    let head = `--${boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n`;
    if (request.id !== undefined) head += `Content-ID: ${request.id}\r\n`;
    head += `\r\nHTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ""}\r\n`;
    for (const [k, v] of Object.entries(response.headers)) head += `${k}: ${v}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), bodyBytes(response), CRLF);
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    status: 200,
    headers: { "content-type": `multipart/mixed; boundary=${boundary}`, "odata-version": "4.0" },
    body: Buffer.concat(chunks),
  };
}

function bodyBytes(r: SimResponse): Buffer {
  const b = r.body;
  if (b === undefined) return Buffer.alloc(0);
  return typeof b === "string" ? Buffer.from(b, "utf8") : b;
}

// ---- JSON (OData 4.01) -------------------------------------------------------------------------------

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const JSON_MEDIA = /^application\/(?:[^;\s]*\+)?json\b/i;

function parseJsonBatch(body: Buffer): JsonPartRequest[] {
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString("utf8"));
  } catch {
    throw badRequest("RequestBodyRead", "The JSON batch request is not valid JSON.");
  }
  const list = isRecord(doc) ? doc.requests : undefined;
  if (!Array.isArray(list)) throw badRequest("RequestBodyRead", 'A JSON batch request needs a "requests" array.');
  if (list.length > MAX_BATCH_PARTS) {
    throw badRequest(
      "ErrorInvalidRequest",
      `A batch may hold at most ${MAX_BATCH_PARTS} requests; this one has ${list.length}.`,
    );
  }
  const ids = new Set<string>();
  const groups = new Set<string>();
  let lastGroup: string | undefined;
  return list.map((r: unknown, i): JsonPartRequest => {
    const bad = (what: string): ServiceError =>
      badRequest("ErrorInvalidRequest", `Request ${i + 1} of the batch: ${what}`);
    if (!isRecord(r)) throw bad("not a JSON object.");
    const { id, method, url, atomicityGroup, dependsOn } = r;
    if (typeof id !== "string" || id === "") throw bad('"id" must be a non-empty string.');
    if (ids.has(id) || groups.has(id)) throw bad(`the id '${id}' is used twice.`);
    if (typeof method !== "string" || !/^[A-Za-z]+$/.test(method)) throw bad('"method" must be an HTTP method.');
    if (typeof url !== "string" || url === "") throw bad('"url" must be a non-empty string.');
    if (atomicityGroup !== undefined && typeof atomicityGroup !== "string")
      throw bad('"atomicityGroup" must be a string.');
    if (atomicityGroup !== undefined) {
      if (ids.has(atomicityGroup)) throw bad(`the atomicity group '${atomicityGroup}' is also a request id.`);
      if (groups.has(atomicityGroup) && lastGroup !== atomicityGroup)
        throw bad(`the requests of atomicity group '${atomicityGroup}' must be adjacent.`);
    }
    const deps = dependsOn ?? [];
    if (!Array.isArray(deps) || deps.some((d) => typeof d !== "string"))
      throw bad('"dependsOn" must be an array of strings.');
    for (const d of deps as string[]) {
      if (!ids.has(d) && !groups.has(d)) throw bad(`"dependsOn" names '${d}', which is no earlier request or group.`);
      if (d === atomicityGroup) throw bad(`a request cannot depend on its own atomicity group '${d}'.`);
    }
    const headers: Record<string, string> = {};
    if (r.headers !== undefined) {
      if (!isRecord(r.headers)) throw bad('"headers" must be an object.');
      for (const [k, v] of Object.entries(r.headers)) {
        if (typeof v !== "string") throw bad(`the header ${k} must be a string.`);
        headers[k.toLowerCase()] = v;
      }
    }
    const bodyBuf = jsonRequestBody(r.body, headers);
    ids.add(id);
    if (atomicityGroup !== undefined) groups.add(atomicityGroup);
    lastGroup = atomicityGroup;
    return {
      id,
      method: method.toUpperCase(),
      url,
      headers,
      body: bodyBuf,
      atomicityGroup,
      dependsOn: deps as string[],
    };
  });
}

/** OData JSON 4.01 §19.1: JSON bodies inline, text as a string, other media base64url-encoded. */
function jsonRequestBody(body: unknown, headers: Record<string, string>): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  const type = headers["content-type"];
  if (type === undefined) {
    if (typeof body === "string") return Buffer.from(body, "utf8");
    headers["content-type"] = "application/json";
    return Buffer.from(JSON.stringify(body), "utf8");
  }
  if (JSON_MEDIA.test(type)) return Buffer.from(JSON.stringify(body), "utf8");
  if (typeof body !== "string") return Buffer.from(JSON.stringify(body), "utf8");
  if (/^text\//i.test(type)) return Buffer.from(body, "utf8");
  return Buffer.from(body, "base64url");
}

interface JsonAnswer {
  readonly request: JsonPartRequest;
  readonly response: SimResponse;
}

function failedDependency(request: JsonPartRequest, message: string): SimResponse {
  return errorResponse(new ServiceError(424, "ErrorFailedDependency", `Request ${request.id}: ${message}`));
}

/** Runs the requests in order, with dependsOn, atomicity groups and $<id> references. */
async function runJson(
  requests: readonly JsonPartRequest[],
  continueOnError: boolean,
  run: (p: PartRequest) => Promise<SimResponse>,
): Promise<JsonAnswer[]> {
  const answers: JsonAnswer[] = [];
  const status = new Map<string, number>(); // request id or group → status (group: 200 or the failure's)
  const located = new Map<string, string>(); // request id → URL of what it created or read
  const dependencyFailure = (r: JsonPartRequest): string | undefined => {
    const bad = r.dependsOn.find((d) => !status.has(d) || (status.get(d) ?? 0) >= 400);
    return bad === undefined ? undefined : `it depends on '${bad}', which failed or did not run.`;
  };
  const execute = async (r: JsonPartRequest): Promise<SimResponse> => {
    const why = dependencyFailure(r);
    if (why !== undefined) return failedDependency(r, why);
    const ref = /^\$([\w.~-]+)(.*)$/s.exec(r.url);
    let url = r.url;
    if (ref) {
      const base = located.get(ref[1] ?? "");
      if (base === undefined)
        return errorResponse(
          badRequest("ErrorInvalidRequest", `'${r.url}' refers to no earlier request with a result URL.`),
        );
      url = `${base}${ref[2] ?? ""}`;
    }
    const response = await run({ ...r, url });
    const location = locationOf(response);
    if (location !== undefined) located.set(r.id, location);
    status.set(r.id, response.status);
    return response;
  };
  for (let i = 0; i < requests.length;) {
    const first = requests[i] as JsonPartRequest;
    const group = first.atomicityGroup;
    let stop = false;
    if (group === undefined) {
      const response = await execute(first);
      status.set(first.id, response.status);
      answers.push({ request: first, response });
      stop = failed(response);
      i++;
    } else {
      const members: JsonPartRequest[] = [];
      while (i < requests.length && requests[i]?.atomicityGroup === group)
        members.push(requests[i++] as JsonPartRequest);
      const results: JsonAnswer[] = [];
      let failure: JsonAnswer | undefined;
      for (const m of members) {
        const response = await execute(m);
        const a = { request: m, response };
        results.push(a);
        if (failed(response)) {
          failure = a;
          break;
        }
      }
      if (failure) {
        const f = failure;
        for (const m of members) {
          const response =
            m === f.request
              ? f.response
              : failedDependency(m, `atomicity group '${group}' failed at request ${f.request.id}.`);
          status.set(m.id, response.status);
          answers.push({ request: m, response });
        }
        status.set(group, f.response.status);
        stop = true;
      } else {
        answers.push(...results);
        status.set(group, 200);
      }
    }
    if (stop && !continueOnError) break;
  }
  return answers;
}

/** Location header, else the `@odata.id` of a JSON body: what `$<id>` stands for. */
function locationOf(response: SimResponse): string | undefined {
  const location = response.headers.location;
  if (location) return location;
  if (response.status >= 300 || response.body === undefined) return undefined;
  try {
    const doc: unknown = JSON.parse(bodyBytes(response).toString("utf8"));
    const id = isRecord(doc) ? doc["@odata.id"] : undefined;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

function jsonResponse(answers: readonly JsonAnswer[]): SimResponse {
  const responses = answers.map(({ request, response }) => {
    const out: Record<string, unknown> = { id: request.id, status: response.status, headers: response.headers };
    if (request.atomicityGroup !== undefined) out.atomicityGroup = request.atomicityGroup;
    const bytes = bodyBytes(response);
    if (bytes.length > 0) {
      const type = response.headers["content-type"] ?? "";
      if (JSON_MEDIA.test(type)) {
        try {
          out.body = JSON.parse(bytes.toString("utf8")) as unknown;
        } catch {
          out.body = bytes.toString("utf8");
        }
      } else if (/^text\//i.test(type)) out.body = bytes.toString("utf8");
      else out.body = bytes.toString("base64url");
    }
    return out;
  });
  return {
    status: 200,
    headers: { "content-type": JSON_TYPE, "odata-version": "4.01" },
    body: JSON.stringify({ responses }),
  };
}
