// Two Graph calls where shape D's name-keyed wire table (the contract's `functions`) sends something other than today's
// client: an action that shares its name with a function elsewhere (driveItem.preview vs onenotePage.preview), and a
// function whose parameter's enum type differs per binding (filterByCurrentUser(on) on 22 types). Prints both shapes'
// requests. Usage: npx tsx bench/prototypes/wire-divergence.ts (after shape-cd.ts D)
import { join } from "node:path";
import { OUT } from "./lib.js";

const log: string[] = [];
const f = (async (u: string, init?: RequestInit) => {
  log.push(`${init?.method ?? "GET"} ${u}${init?.body ? ` ${String(init.body)}` : ""}`);
  return new Response('{"value":[]}', { status: 200, headers: { "content-type": "application/json" } });
}) as unknown as typeof fetch;
for (const s of ["A", "D"]) {
  const m = await import(join(OUT, s, "v1.0", "index.ts"));
  const c = m.createClient({ fetch: f, getAccessToken: async () => "t" });
  log.length = 0;
  // D: `items` is a node verb, so Graph's drive.items navigation is named items_ there.
  const item = s === "A" ? c.drives("d").items.byId("i") : c.drives.byId("d").items_.byId("i");
  const r = item.preview({ page: "1" });
  if (r && typeof r.then === "function") await r;
  else log.push("(no request: preview() returned a node, as for a function)");
  const x = c.identityGovernance.entitlementManagement.assignments.filterByCurrentUser({ on: "target" });
  await (typeof x.list === "function" ? x.list() : x);
  console.log(`${s}:\n  ${log.join("\n  ")}`);
}
