/**
 * Microsoft Graph v1.0 on the wire, in the node shape: the generator runs in-process on the archived $metadata into a
 * temporary folder; its client, given a recording fetch, must send what Graph's documentation shows for navigations
 * that share a verb's name (`items`, `list`, `pages`), actions (`post`), functions (a call segment, sent by a verb),
 * and a function whose parameter takes another enum on each binding (filterByCurrentUser). A user's file of the same
 * calls, with the calls the types must refuse, type-checks with the client under TypeScript 5.9 and 7.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write.js";
import { json, recorder, type Answer, type Sent } from "../extensions/recorder.js";
import { corpusFile } from "../helpers/paths.js";
import { tscProject } from "../helpers/typecheck.js";

const out = mkdtempSync(join(tmpdir(), "codegen-graph-wire-"));
const BASE = "https://graph.test/v1.0";
const USAGE = `import { createClient, sync } from "./index.js";
const client = createClient({ baseUrl: "${BASE}" });
export async function calls(): Promise<void> {
  const item = await client.drives.byId("d").items.byId("x").get({ select: ["name"] });
  void item.name;
  await client.drives.byId("d").items.byId("i").preview.post({ page: "1" });
  await client.drives.byId("d").list.items.list();
  await client.sites.byId("s").pages.list();
  const preview = await client.me.onenote.pages.byId("p").preview().get();
  void preview?.previewText;
  await client.identityGovernance.entitlementManagement.assignments.filterByCurrentUser({ on: "target" }).list();
  await client.me.sendMail.post({ Message: { subject: "Hi" }, SaveToSentItems: false });
  await client.me.messages.delta().list();
  await client.me.reminderView({ StartDateTime: "a", EndDateTime: "b" }).list();
  sync(client.me.mailFolders.byId("inbox").messages);
  // @ts-expect-error an action is sent by post(), not called
  await client.me.sendMail({ Message: {} });
  // @ts-expect-error a function is a call: it has no post()
  await client.me.messages.delta.post();
  // @ts-expect-error change tracking is off for the user's calendars (Capabilities.ChangeTracking)
  sync(client.me.calendars);
}
`;

beforeAll(async () => {
  const result = await generate({ inputs: [{ label: "v1.0", source: corpusFile("graph-v1.0.csdl.xml") }], packageName: "graph-client" });
  await writeOutput(out, result.files);
  writeFileSync(join(out, "v1.0", "wire-usage.ts"), USAGE);
}, 300_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Answers GETs with an empty collection (a one-page list) and POSTs with 204. */
const answer: Answer = (r) => (r.method === "GET" ? json({ value: [] }) : new Response(null, { status: 204 }));

async function sent(call: (client: any) => Promise<unknown>): Promise<[string, string, string | undefined]> {
  const graph = (await import(join(out, "v1.0", "index.ts"))) as { createClient(options: object): unknown };
  const r = recorder(answer);
  await call(graph.createClient({ baseUrl: BASE, fetch: r.fetch }));
  const one: Sent = r.only();
  return [one.method, one.decoded, one.body];
}

describe("Microsoft Graph v1.0 on the wire", () => {
  it("navigations named items, list and pages stay navigations; verbs run when called", async () => {
    expect(await sent((c) => c.drives.byId("d").items.byId("x").get())).toEqual(["GET", `${BASE}/drives/d/items/x`, undefined]);
    expect(await sent((c) => c.drives.byId("d").list.items.list())).toEqual(["GET", `${BASE}/drives/d/list/items`, undefined]);
    expect(await sent((c) => c.sites.byId("s").pages.list())).toEqual(["GET", `${BASE}/sites/s/pages`, undefined]);
  });

  it("an action is sent by post, with its parameters as the JSON body", async () => {
    expect(await sent((c) => c.drives.byId("d").items.byId("i").preview.post({ page: "1" }))).toEqual([
      "POST",
      `${BASE}/drives/d/items/i/preview`,
      '{"page":"1"}',
    ]);
    const message = { subject: "Hi", toRecipients: [{ emailAddress: { address: "a@b.c" } }] };
    expect(await sent((c) => c.me.sendMail.post({ Message: message, SaveToSentItems: false }))).toEqual([
      "POST",
      `${BASE}/me/sendMail`,
      JSON.stringify({ Message: message, SaveToSentItems: false }),
    ]);
  });

  it("a function is a call segment, sent by its verb", async () => {
    expect(await sent((c) => c.me.onenote.pages.byId("p").preview().get())).toEqual(["GET", `${BASE}/me/onenote/pages/p/preview`, undefined]);
    expect(await sent((c) => c.me.messages.delta().list())).toEqual(["GET", `${BASE}/me/messages/delta`, undefined]);
    expect(await sent((c) => c.me.reminderView({ StartDateTime: "2026-01-01T00:00:00", EndDateTime: "2026-01-02T00:00:00" }).list())).toEqual([
      "GET",
      `${BASE}/me/reminderView(StartDateTime='2026-01-01T00:00:00',EndDateTime='2026-01-02T00:00:00')`,
      undefined,
    ]);
  });

  it("filterByCurrentUser(on) takes the enum of the binding the call follows", async () => {
    const governance = (c: any) => c.identityGovernance.entitlementManagement;
    expect(await sent((c) => governance(c).assignments.filterByCurrentUser({ on: "target" }).list())).toEqual([
      "GET",
      `${BASE}/identityGovernance/entitlementManagement/assignments/filterByCurrentUser(on=microsoft.graph.accessPackageAssignmentFilterByCurrentUserOptions'target')`,
      undefined,
    ]);
    expect(await sent((c) => governance(c).assignmentRequests.filterByCurrentUser({ on: "target" }).list())).toEqual([
      "GET",
      `${BASE}/identityGovernance/entitlementManagement/assignmentRequests/filterByCurrentUser(on=microsoft.graph.accessPackageAssignmentRequestFilterByCurrentUserOptions'target')`,
      undefined,
    ]);
    expect(await sent((c) => c.identityGovernance.accessReviews.definitions.filterByCurrentUser({ on: "reviewer" }).list())).toEqual([
      "GET",
      `${BASE}/identityGovernance/accessReviews/definitions/filterByCurrentUser(on=microsoft.graph.accessReviewScheduleDefinitionFilterByCurrentUserOptions'reviewer')`,
      undefined,
    ]);
  });

  it.each(["typescript", "typescript7"])("type-checks a user's file of these calls, and refuses the ones it must (%s)", (compiler) => {
    const output = tscProject(compiler as "typescript" | "typescript7", out);
    expect(output).toBe("");
  }, 120_000);
});
