/**
 * Every documented Outlook request (test/migrate/documented-requests.ts, the oracle) through translateRequest with the
 * shipped map of its version: a row with a `graph` request must translate to exactly that request (method; URL
 * compared percent-decoded, with the query parameters as a set; headers; body deep-equal), and a row marked
 * `untranslatable` must come back as a problem. The share that translates is printed and asserted.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import type { MigrationMap } from "../../templates/runtime/migration-map.js";
import { translateRequest, type LegacyRequest } from "../../templates/runtime/migrate.js";
import { REPO } from "../helpers/paths.js";
import { documentedRequests, type DocumentedRequest, type OutlookVersion } from "./documented-requests.js";

const maps = new Map<OutlookVersion, MigrationMap>();
for (const version of ["v1.0", "v2.0", "beta"] as const) {
  const file = join(REPO, "generator/diff/maps", `outlook-${version}-to-graph-v1.0.map.json`);
  if (existsSync(file)) maps.set(version, JSON.parse(readFileSync(file, "utf8")) as MigrationMap);
}

/** A URL as compared: origin and path percent-decoded, the query as a sorted list of decoded `name=value`. */
function comparable(url: string): { path: string; query: string[] } {
  const u = new URL(url);
  return {
    path: decodeURIComponent(u.origin + u.pathname),
    query: [...u.searchParams.entries()].map(([k, v]) => `${k}=${v}`).sort(),
  };
}

/**
 * The request as compared; `unresolved` (the oracle's note for its own model walk) is not part of the wire. An
 * action's parameters (the top-level keys of its body) are compared case-insensitively, as the oracle's header says:
 * Graph's metadata spells them in PascalCase, its pages mostly in camelCase (`Comment` on event-cancel's), and the
 * service matches either.
 */
function wire(r: LegacyRequest, action: boolean) {
  const body =
    action && typeof r.body === "object" && r.body !== null && !Array.isArray(r.body)
      ? Object.fromEntries(Object.entries(r.body).map(([k, v]) => [k.toLowerCase(), v]))
      : r.body;
  return { method: r.method, url: comparable(r.url), headers: r.headers ?? {}, body };
}

/** Whether a row calls a bound action of its version's map (by the last segment of its Outlook URL). */
function callsAction(row: DocumentedRequest): boolean {
  const map = maps.get(row.version)!;
  const last = new URL(row.outlook.url).pathname.split("/").pop()!.replace(/\(.*$/, "").toLowerCase();
  return Object.values(map.operations).some((ops) => Object.entries(ops).some(([name, op]) => op.kind === "action" && name.toLowerCase() === last));
}

const tally = { translated: 0, expectedTranslatable: 0, refused: 0, expectedUntranslatable: 0 };
const waiting: DocumentedRequest[] = [];

function translate(row: DocumentedRequest) {
  return translateRequest(maps.get(row.version)!, row.outlook, row.clock !== undefined ? { now: row.clock } : {});
}

describe("every documented Outlook request", () => {
  for (const row of documentedRequests) {
    if (!maps.has(row.version)) {
      waiting.push(row);
      continue;
    }
    if (row.graph !== undefined) {
      tally.expectedTranslatable++;
      it(`${row.id} (${row.section}, ${row.version}) translates to the request Graph documents`, () => {
        const result = translate(row);
        if (!result.ok) expect.fail(`${row.outlook.method} ${row.outlook.url}: ${JSON.stringify(result.problems)}`);
        expect(wire(result.request, callsAction(row))).toEqual(wire(row.graph!, callsAction(row)));
        tally.translated++;
      });
    } else {
      tally.expectedUntranslatable++;
      it(`${row.id} (${row.section}, ${row.version}) is reported untranslatable`, () => {
        const result = translate(row);
        if (result.ok) expect.fail(`translated to ${result.request.method} ${result.request.url}, but: ${row.untranslatable!.reason}`);
        expect(result.problems.length).toBeGreaterThan(0);
        for (const p of result.problems) expect(p.where.length * p.reason.length).toBeGreaterThan(0);
        tally.refused++;
      });
    }
  }

  afterAll(() => {
    const checked = tally.expectedTranslatable + tally.expectedUntranslatable;
    const share = checked === 0 ? 0 : (100 * tally.translated) / checked;
    const versions = [...maps.keys()].join(", ");
    console.log(
      `documented requests (maps: ${versions}): ${tally.translated} of ${checked} translate (${share.toFixed(1)}%); ` +
        `${tally.refused} of ${tally.expectedUntranslatable} untranslatable ones reported as such; ` +
        `${waiting.length} rows wait for a map of their version (${[...new Set(waiting.map((r) => r.version))].join(", ") || "none"})`,
    );
  });

  it("the share: every row Graph documents translates, every other row is refused, and no version is left without a map but beta", () => {
    // Counted again here (the per-row tests above may run in any order relative to this one).
    let translated = 0;
    let refused = 0;
    for (const row of documentedRequests.filter((r) => maps.has(r.version))) {
      const r = translate(row);
      if (row.graph !== undefined && r.ok && isDeepStrictEqual(wire(r.request, callsAction(row)), wire(row.graph, callsAction(row)))) translated++;
      if (row.graph === undefined && !r.ok) refused++;
    }
    expect(translated).toBe(tally.expectedTranslatable);
    expect(refused).toBe(tally.expectedUntranslatable);
    // Not vacuous: the v1.0 and v2.0 rows are there and checked.
    expect(maps.has("v1.0") && maps.has("v2.0")).toBe(true);
    expect(tally.expectedTranslatable).toBeGreaterThanOrEqual(100);
    expect([...new Set(waiting.map((r) => r.version))].every((v) => v === "beta")).toBe(true);
  });
});
