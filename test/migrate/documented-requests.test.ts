/**
 * The oracle of issue 13 part 3 (test/migrate/documented-requests.ts) checked against the models: every Outlook URL,
 * query option and JSON body resolves in the Outlook `$metadata` of its version (names matched case-insensitively, as
 * the Outlook service did), and every Graph one in Microsoft Graph v1.0's `$metadata` (names matched exactly), so the
 * rows are real requests, not guesses. Untranslatable rows must say why and cite Graph's pages; their probes (what a
 * naive translation would send) must not resolve in Graph v1.0.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadModels } from "../../generator/pipeline.js";
import { corpusFile, METADATA, REPO } from "../helpers/paths.js";
import { documentedRequests, type DocumentedRequest, type OutlookVersion, type WireRequest } from "./documented-requests.js";
import { checkActionBody, checkBody, checkQuery, indexModel, splitTop, walkPath, type ModelIndex } from "./model-walk.js";

const GRAPH = "https://graph.microsoft.com/v1.0";
const OUTLOOK_HOST = "https://outlook.office.com";
const FACT_SHEET = resolve(REPO, "..", "shared", "docs", "outlook-rest-api.md");

const outlook = new Map<OutlookVersion, ModelIndex>();
let graph: ModelIndex;

beforeAll(async () => {
  const inputs = [
    ...(["v1.0", "v2.0", "beta"] as const).map((label) => ({ label, source: join(METADATA, `${label}.xml`) })),
    { label: "graph", source: corpusFile("graph-v1.0.csdl.xml") },
  ];
  const loaded = await loadModels({ inputs });
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  for (const m of loaded.models) {
    if (m.label === "graph") graph = indexModel(m.model, false);
    else outlook.set(m.label as OutlookVersion, indexModel(m.model, true));
  }
}, 120_000);

/** Everything wrong with one request against one model; [] when it all resolves. */
function problems(index: ModelIndex, base: string, request: WireRequest): string[] {
  const url = new URL(request.url);
  const basePath = new URL(base).pathname;
  if (!request.url.startsWith(base + "/")) return [`${request.url} is not under ${base}`];
  const path = decodeURIComponent(url.pathname).slice(basePath.length + 1);
  const segments = splitTop(path, "/").filter((s) => s !== "");
  const walked = walkPath(index, segments);
  const expected = (request.unresolved ?? []).map((u) => u.segment);
  const failed = walked.errors.map((e) => e.segment);
  const out: string[] = [];
  if (JSON.stringify(failed) !== JSON.stringify(expected))
    out.push(...walked.errors.map((e) => `${e.segment}: ${e.message}`), ...expected.filter((s) => !failed.includes(s)).map((s) => `${s} resolves, yet is listed as unresolved`));
  if (walked.errors.length === 0) out.push(...checkQuery(index, walked.position, url.searchParams));
  const body = request.body;
  if (segments.at(-1) === "$batch") out.push(...batchParts(index, base, request));
  else if (body !== undefined && typeof body !== "string" && walked.errors.length === 0) {
    const at = walked.position;
    if (walked.operation?.kind === "action") out.push(...checkActionBody(index, walked.operation, body, "body"));
    else if (at?.kind !== "structured") out.push("a JSON body sent to no structured type");
    else if (request.method === "POST" && !at.collection) out.push("POST to a single entity that is no action");
    else out.push(...checkBody(index, at.type, body, "body"));
    out.push(...subscriptionResource(index, base, body));
  }
  return out;
}

/** The parts of a `$batch`: Graph's JSON requests, or the request lines and JSON bodies of Outlook's multipart text. */
function batchParts(index: ModelIndex, base: string, request: WireRequest): string[] {
  if (base === GRAPH) {
    const { requests } = request.body as { requests: { id: string; method: WireRequest["method"]; url: string; body?: unknown }[] };
    return requests.flatMap((r) =>
      problems(index, base, { method: r.method, url: GRAPH + r.url, body: r.body }).map((p) => `part ${r.id}: ${p}`),
    );
  }
  const text = String(request.body);
  const boundary = /boundary=(\S+)/.exec(request.headers?.["Content-Type"] ?? "")?.[1];
  if (!boundary) return ["a multipart $batch without a boundary"];
  const parts = text.split(`--${boundary}`).slice(1, -1);
  if (parts.length === 0) return ["a multipart $batch without parts"];
  return parts.flatMap((part, i) => {
    const line = /^(GET|POST|PATCH|PUT|DELETE) (\S+) HTTP\/1\.1$/m.exec(part);
    if (!line) return [`part ${i + 1}: no request line`];
    const json = /\r\n\r\n(\{.*\})\r\n/s.exec(part.slice(part.indexOf(line[0]!)))?.[1];
    return problems(index, base, {
      method: line[1] as WireRequest["method"],
      url: OUTLOOK_HOST + line[2],
      ...(json !== undefined ? { body: JSON.parse(json) as unknown } : {}),
    }).map((p) => `part ${i + 1}: ${p}`);
  });
}

/** A subscription's resource is a URL of the same service: it must resolve too. */
function subscriptionResource(index: ModelIndex, base: string, body: unknown): string[] {
  const record = body as Record<string, unknown>;
  const resource = base === GRAPH ? record["resource"] : record["Resource"];
  if (typeof resource !== "string") return [];
  const url = base === GRAPH ? `${GRAPH}/${resource}` : resource;
  return problems(index, base, { method: "GET", url }).map((p) => `resource: ${p}`);
}

const outlookBase = (v: OutlookVersion): string => `${OUTLOOK_HOST}/api/${v}`;
const name = (r: DocumentedRequest): string => `${r.id} (${r.outlook.method} ${r.outlook.url.replace(OUTLOOK_HOST, "")})`;
const translatable = documentedRequests.filter((r) => r.graph);
const untranslatable = documentedRequests.filter((r) => r.untranslatable);

describe("the rows", () => {
  it("have unique kebab-case ids", () => {
    const ids = documentedRequests.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids.filter((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))).toEqual([]);
  });

  it("each carry a Graph request or a reason, never both, with the Graph pages checked", () => {
    for (const r of documentedRequests) {
      expect(Boolean(r.graph) !== Boolean(r.untranslatable), r.id).toBe(true);
      const cites = r.graph ? (r.cite ?? []) : (r.untranslatable?.cite ?? []);
      expect(cites.length, r.id).toBeGreaterThan(0);
      for (const c of cites) expect(c, r.id).toMatch(/^https:\/\/learn\.microsoft\.com\/(graph|powershell)\//);
      if (r.untranslatable) expect(r.untranslatable.reason.length, r.id).toBeGreaterThan(80);
    }
  });

  it("name sections the fact sheet has, and cover each of its request-bearing sections", () => {
    const headings = new Set([...readFileSync(FACT_SHEET, "utf8").matchAll(/^### (\d\.\d+) /gm)].map((m) => m[1]!));
    expect(documentedRequests.filter((r) => !headings.has(r.section)).map((r) => r.id)).toEqual([]);
    const covered = new Set(documentedRequests.map((r) => r.section));
    // 2.4 (errors), 2.6 (throttling), 2.7 (scopes) and 3.12 (groups: metadata only, no URL given) document no request.
    expect([...headings].filter((h) => !covered.has(h)).sort()).toEqual(["2.4", "2.6", "2.7", "3.12"]);
  });

  it("write Outlook URLs under their version's root and Graph URLs under Graph v1.0, all parseable", () => {
    for (const r of documentedRequests) {
      expect(r.outlook.url.startsWith(outlookBase(r.version) + "/"), r.id).toBe(true);
      expect(() => new URL(r.outlook.url), r.id).not.toThrow();
      if (r.graph) {
        expect(r.graph.url.startsWith(GRAPH + "/"), r.id).toBe(true);
        expect(() => new URL(r.graph!.url), r.id).not.toThrow();
        expect(JSON.stringify(r.graph.headers ?? {}), r.id).not.toMatch(/anchormailbox|track-changes/i);
      }
    }
  });

  it("send a clock exactly when a Graph body needs one the Outlook request left to the server", () => {
    for (const r of documentedRequests.filter((x) => x.clock))
      expect(JSON.stringify(r.outlook.body), r.id).not.toMatch(/ExpirationDateTime/);
  });
});

describe("every Outlook request resolves in the Outlook model of its version", () => {
  it.each(documentedRequests.map((r) => [name(r), r] as const))("%s", (_, r) => {
    expect(problems(outlook.get(r.version)!, outlookBase(r.version), r.outlook)).toEqual([]);
  });
});

describe("every Graph request resolves in the Graph v1.0 model", () => {
  it.each(translatable.map((r) => [`${r.id} (${r.graph!.method} ${r.graph!.url.replace(GRAPH, "")})`, r] as const))("%s", (_, r) => {
    expect(problems(graph, GRAPH, r.graph!)).toEqual([]);
  });
});

describe("what a naive translation of an untranslatable row would send does not exist in Graph v1.0", () => {
  const probes = untranslatable.flatMap((r) => (r.untranslatable!.probes ?? []).map((p) => [`${r.id}: ${p.replace(GRAPH, "")}`, p] as const));
  it.each(probes)("%s", (_, probe) => {
    expect(problems(graph, GRAPH, { method: "GET", url: probe })).not.toEqual([]);
  });
});

describe("the model walk itself", () => {
  it("refuses what is not in a model: a misspelt member, a wrong case in Graph, a bad key, an unknown enum value", () => {
    const v2 = outlook.get("v2.0")!;
    expect(problems(v2, outlookBase("v2.0"), { method: "GET", url: `${outlookBase("v2.0")}/me/MailFolderz/Inbox` })).not.toEqual([]);
    expect(problems(graph, GRAPH, { method: "GET", url: `${GRAPH}/me/MailFolders/Inbox` })).not.toEqual([]);
    expect(problems(graph, GRAPH, { method: "GET", url: `${GRAPH}/me/messages/Delta` })).not.toEqual([]);
    expect(problems(graph, GRAPH, { method: "GET", url: `${GRAPH}/me/messages?$select=Subject` })).not.toEqual([]);
    expect(problems(graph, GRAPH, { method: "PATCH", url: `${GRAPH}/me/messages/x`, body: { importance: "High" } })).not.toEqual([]);
    expect(problems(graph, GRAPH, { method: "POST", url: `${GRAPH}/me/sendMail`, body: { mesage: {} } })).not.toEqual([]);
    expect(problems(v2, outlookBase("v2.0"), { method: "GET", url: `${outlookBase("v2.0")}/me/ReminderView(Start='x')` })).not.toEqual([]);
    expect(problems(graph, GRAPH, { method: "GET", url: `${GRAPH}/me/messages/x?$expand=microsoft.graph.EventMessage/event` })).not.toEqual([]);
    expect(problems(graph, GRAPH, { method: "GET", url: `${GRAPH}/me/messages/x?$expand=microsoft.graph.eventMessage/events` })).not.toEqual([]);
    expect(problems(graph, GRAPH, { method: "GET", url: `${GRAPH}/me/events/x?$expand=microsoft.graph.eventMessage/event` })).not.toEqual([]);
  });

  it("accepts what is: case-insensitive Outlook segments, Graph keys as segments, casts, media values", () => {
    const beta = outlook.get("beta")!;
    expect(problems(beta, outlookBase("beta"), { method: "GET", url: `${outlookBase("beta")}/ME/MAILFOLDERS('inbox')/MESSAGES` })).toEqual([]);
    expect(problems(graph, GRAPH, { method: "GET", url: `${GRAPH}/me/mailFolders/inbox/messages/microsoft.graph.eventMessage` })).toEqual([]);
    expect(problems(graph, GRAPH, { method: "GET", url: `${GRAPH}/users/x/photos/48x48/$value` })).toEqual([]);
  });
});

describe("the figures", () => {
  it("count the rows per section", () => {
    const sections = [...new Set(documentedRequests.map((r) => r.section))].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    const lines = sections.map((s) => {
      const rows = documentedRequests.filter((r) => r.section === s);
      return `${s}: ${rows.length} rows, ${rows.filter((r) => r.graph).length} translatable, ${rows.filter((r) => r.untranslatable).length} untranslatable`;
    });
    const total = `total: ${documentedRequests.length} rows, ${translatable.length} translatable, ${untranslatable.length} untranslatable`;
    console.log([...lines, total].join("\n"));
    expect(translatable.length + untranslatable.length).toBe(documentedRequests.length);
  });
});
