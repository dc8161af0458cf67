/**
 * Sync (delta) rounds end to end (fact sheet §2.5): `sync(collection)` on the generated v2.0 and beta clients over
 * real HTTP against the simulator, for contacts, the calendar view, beta folder messages and beta tasks.
 * Each scenario checks what the client yields and what the simulator saw.
 */
import { describe, expect, it } from "vitest";
import type { SyncChange as BetaSyncChange } from "../../generated/beta/index.js";
import { ODataError, sync, SyncNotSupportedError, type SyncChange } from "../../generated/v2.0/index.js";
import {
  ALICE,
  betaClient,
  collect,
  freshHarnesses,
  param,
  recordingFetch,
  seen,
  v2Client,
} from "./harness-sync-batch.js";

const fresh = freshHarnesses();

type AnyChange = SyncChange<unknown> | BetaSyncChange<unknown>;

/** Upserted items (as records) of a round. */
function upserts(changes: readonly AnyChange[]): Record<string, unknown>[] {
  return changes.flatMap((c) => (c.kind === "upsert" ? [c.item as Record<string, unknown>] : []));
}

function removals(changes: readonly AnyChange[]): { id: string; reason: string | undefined }[] {
  return changes.flatMap((c) => (c.kind === "removed" ? [{ id: c.id, reason: c.reason }] : []));
}

/** Every response the client got applied track-changes. */
function expectTrackChangesApplied(responses: readonly { headers: Headers }[]): void {
  expect(responses.length).toBeGreaterThan(0);
  for (const r of responses) expect(r.headers.get("preference-applied") ?? "").toMatch(/odata\.track-changes/);
}

async function odataError(p: Promise<unknown>): Promise<ODataError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ODataError) return e;
    throw e;
  }
  throw new Error("expected an ODataError");
}

const utc = (dateTime: string): { DateTime: string; TimeZone: string } => ({ DateTime: dateTime, TimeZone: "UTC" });

describe("sync: v2.0 contacts", () => {
  it("Me/Contacts: 3 pages, then exactly the created, updated and deleted contacts; resumes from a saved token", async () => {
    const { sim } = await fresh();
    const mb = sim.store.mailbox(ALICE, "v2.0");
    const seeded = Array.from({ length: 7 }, (_, i) =>
      mb.addContact({
        GivenName: `Person${i}`,
        Surname: "Sync",
        EmailAddresses: [{ Name: `Person${i} Sync`, Address: `p${i}@contoso.com` }],
      }),
    );
    const rec = recordingFetch();
    const client = v2Client(sim, { fetch: rec.fetch });

    // Initial round: 7 contacts in pages of 3.
    sim.clearRequests();
    const first = await collect(sync(client.me.contacts, { maxPageSize: 3 }));
    expect(first.changes.map((c) => c.kind)).toEqual(Array(7).fill("upsert"));
    expect(upserts(first.changes).map((c) => c.Id)).toEqual(seeded.map((n) => n.id));
    expect(upserts(first.changes)[0]).toMatchObject({
      GivenName: "Person0",
      Surname: "Sync",
      DisplayName: "Person0 Sync",
    });
    const gets = seen(sim, "GET", /\/api\/v2\.0\/me\/contacts$/i);
    expect(gets).toHaveLength(3);
    for (const g of gets) {
      expect(g.headers.prefer).toMatch(/odata\.track-changes/);
      expect(g.headers.prefer).toMatch(/odata\.maxpagesize=3/);
      expect(g.headers.authorization).toBe("Bearer test-token");
      expect(param(g, "$deltatoken")).toBeNull();
    }
    const [g0, g1, g2] = gets;
    expect(param(g0!, "$skiptoken")).toBeNull();
    expect(param(g1!, "$skiptoken")).toBeTruthy();
    expect(param(g2!, "$skiptoken")).toBeTruthy();
    expect(param(g1!, "$skiptoken")).not.toBe(param(g2!, "$skiptoken"));
    expectTrackChangesApplied(rec.responses);
    expect(rec.responses[0]?.headers.get("preference-applied")).toMatch(/odata\.maxpagesize=3/);

    // Changes through the client.
    const created = await client.me.contacts.create({ GivenName: "New", Surname: "Comer" });
    const updated = seeded[1]!;
    await client.me.contacts.byId(updated.id).update({ JobTitle: "CTO" });
    const deleted = seeded[4]!;
    await client.me.contacts.byId(deleted.id).delete();
    const saved = JSON.stringify({ contactsToken: first.deltaToken });

    // Delta round, in pages of 2: exactly those three changes.
    sim.clearRequests();
    rec.responses.length = 0;
    const second = await collect(sync(client.me.contacts, { deltaToken: first.deltaToken, maxPageSize: 2 }));
    expect(second.changes).toHaveLength(3);
    expect(upserts(second.changes).map((c) => c.Id)).toEqual([updated.id, created.Id]);
    expect(upserts(second.changes)[0]).toMatchObject({ JobTitle: "CTO", GivenName: "Person1" });
    expect(upserts(second.changes)[1]).toMatchObject({ GivenName: "New", Surname: "Comer" });
    expect(removals(second.changes)).toEqual([{ id: deleted.id, reason: "deleted" }]);
    const removedRaw = second.changes.find((c) => c.kind === "removed");
    expect(removedRaw?.kind === "removed" && removedRaw.raw).toEqual({
      "@odata.context": `${sim.baseUrl("v2.0")}/$metadata#Me/Contacts/$deletedEntity`,
      Id: deleted.id,
      reason: "deleted",
    });
    const deltaGets = seen(sim, "GET", /\/api\/v2\.0\/me\/contacts$/i);
    expect(deltaGets).toHaveLength(2);
    expect(param(deltaGets[0]!, "$deltatoken")).toBe(first.deltaToken);
    expect(param(deltaGets[1]!, "$skiptoken")).toBeTruthy();
    expect(deltaGets[0]!.headers.prefer).toMatch(/odata\.track-changes/);
    expectTrackChangesApplied(rec.responses);
    expect(second.deltaToken).not.toBe(first.deltaToken);

    // A fresh client resuming from the token kept in a string sees the same changes.
    const token = (JSON.parse(saved) as { contactsToken: string }).contactsToken;
    const resumed = await collect(sync(v2Client(sim).me.contacts, { deltaToken: token }));
    expect(resumed.changes.map((c) => (c.kind === "upsert" ? c.item.Id : c.id))).toEqual([
      updated.id,
      created.Id,
      deleted.id,
    ]);

    // From the newest token: nothing changed.
    const third = await collect(sync(client.me.contacts, { deltaToken: second.deltaToken }));
    expect(third.changes).toEqual([]);
  });

  it("ContactFolders('id')/Contacts: only that folder's changes", async () => {
    const { sim } = await fresh();
    const client = v2Client(sim);
    const folder = await client.me.contactFolders.create({ DisplayName: "Team" });
    const folderId = folder.Id!;
    const mb = sim.store.mailbox(ALICE, "v2.0");
    const folderNode = mb.contactFolders().find((f) => f.id === folderId)!;
    const members = Array.from({ length: 5 }, (_, i) => mb.addContact({ GivenName: `Member${i}` }, folderNode));
    mb.addContact({ GivenName: "Elsewhere" });
    const contacts = client.me.contactFolders.byId(folderId).contacts;

    sim.clearRequests();
    const first = await collect(sync(contacts, { maxPageSize: 2 }));
    expect(upserts(first.changes).map((c) => c.Id)).toEqual(members.map((m) => m.id));
    expect(seen(sim, "GET", /\/contactfolders\('[^']+'\)\/contacts$/i)).toHaveLength(3);

    await client.me.contacts.create({ GivenName: "Default folder" }); // not in this folder
    const added = await contacts.create({ GivenName: "Joiner" });
    await contacts.byId(members[0]!.id).delete();
    const second = await collect(sync(contacts, { deltaToken: first.deltaToken }));
    expect(upserts(second.changes).map((c) => c.GivenName)).toEqual(["Joiner"]);
    expect(upserts(second.changes)[0]?.Id).toBe(added.Id);
    expect(removals(second.changes)).toEqual([{ id: members[0]!.id, reason: "deleted" }]);

    // A token belongs to its collection.
    const foreign = await odataError(collect(sync(client.me.contacts, { deltaToken: second.deltaToken })));
    expect(foreign.status).toBe(400);
    expect(foreign.code).toBe("ErrorInvalidSyncStateData");
  });
});

describe("sync: v2.0 calendar view", () => {
  it("CalendarView: series masters in full, occurrences trimmed; created, updated, deleted and moved-out events", async () => {
    const { sim } = await fresh();
    const mb = sim.store.mailbox(ALICE, "v2.0");
    const window = { startDateTime: "2030-03-01T00:00:00Z", endDateTime: "2030-03-31T00:00:00Z" };
    const singles = [2, 3, 4, 5].map((d) =>
      mb.addEvent({
        Subject: `Single ${d}`,
        Start: utc(`2030-03-0${d}T10:00:00`),
        End: utc(`2030-03-0${d}T11:00:00`),
      }),
    );
    const series = mb.addEvent({
      Subject: "Standup",
      Start: utc("2030-03-10T09:00:00"),
      End: utc("2030-03-10T09:15:00"),
      Recurrence: {
        Pattern: { Type: "Daily", Interval: 1 },
        Range: { Type: "EndDate", StartDate: "2030-03-10", EndDate: "2030-03-12" },
      },
    });
    mb.addEvent({ Subject: "Outside", Start: utc("2030-04-10T10:00:00"), End: utc("2030-04-10T11:00:00") });
    const rec = recordingFetch();
    const client = v2Client(sim, { fetch: rec.fetch });
    const query = { params: window };

    sim.clearRequests();
    const first = await collect(sync(client.me.calendarView, { maxPageSize: 3, query }));
    const items = upserts(first.changes);
    expect(items.map((e) => e.Subject ?? e.Type)).toEqual([
      "Single 2",
      "Single 3",
      "Single 4",
      "Single 5",
      "Standup",
      "Occurrence",
      "Occurrence",
      "Occurrence",
    ]);
    expect(items[4]).toMatchObject({ Id: series.id, Type: "SeriesMaster" });
    for (const occ of items.slice(5)) {
      expect(occ.SeriesMasterId).toBe(series.id);
      expect(Object.keys(occ).sort()).toEqual(
        ["@odata.etag", "@odata.id", "End", "Id", "SeriesMasterId", "Start", "Type"].sort(),
      );
    }
    expect((items[5]?.Start as { DateTime: string }).DateTime).toMatch(/^2030-03-10T09:00:00/);
    const gets = seen(sim, "GET", /\/api\/v2\.0\/me\/calendarview$/i);
    expect(gets).toHaveLength(3);
    for (const g of gets) {
      expect(param(g, "startDateTime")).toBe(window.startDateTime);
      expect(param(g, "endDateTime")).toBe(window.endDateTime);
      expect(g.headers.prefer).toMatch(/odata\.track-changes/);
    }
    expectTrackChangesApplied(rec.responses);

    // Changes through the client.
    const created = await client.me.events.create({
      Subject: "Kickoff",
      Start: utc("2030-03-20T10:00:00"),
      End: utc("2030-03-20T11:00:00"),
    });
    await client.me.events.create({
      Subject: "Later",
      Start: utc("2030-05-01T10:00:00"),
      End: utc("2030-05-01T11:00:00"),
    });
    await client.me.events.byId(singles[0]!.id).update({ Subject: "Single 2 (agenda)" });
    await client.me.events.byId(singles[1]!.id).delete();
    await client.me.events
      .byId(singles[2]!.id)
      .update({ Start: utc("2030-04-15T10:00:00"), End: utc("2030-04-15T11:00:00") });

    sim.clearRequests();
    const second = await collect(sync(client.me.calendarView, { deltaToken: first.deltaToken, query }));
    expect(upserts(second.changes).map((e) => [e.Id, e.Subject])).toEqual([
      [singles[0]!.id, "Single 2 (agenda)"],
      [created.Id, "Kickoff"],
    ]);
    expect(removals(second.changes)).toEqual([
      { id: singles[1]!.id, reason: "deleted" },
      { id: singles[2]!.id, reason: "changed" },
    ]);
    const [delta] = seen(sim, "GET", /\/api\/v2\.0\/me\/calendarview$/i);
    expect(param(delta!, "$deltatoken")).toBe(first.deltaToken);
    expect(param(delta!, "startDateTime")).toBe(window.startDateTime);

    // Restrictions (§2.5): no $select, $top, $filter on the calendar view.
    const selected = await odataError(
      collect(sync(client.me.calendarView, { query: { ...query, select: ["Subject"] } })),
    );
    expect([selected.status, selected.code]).toEqual([400, "ErrorInvalidUrlQuery"]);
    const topped = await odataError(collect(sync(client.me.calendarView, { query: { ...query, top: 2 } })));
    expect(topped.status).toBe(400);
  });
});

describe("sync: beta", () => {
  it("MailFolders('Inbox')/Messages: 3 pages, then the folder's changes only; $search refused", async () => {
    const { sim } = await fresh();
    const mb = sim.store.mailbox(ALICE, "beta");
    const inbox = Array.from({ length: 8 }, (_, i) => mb.addMessage("inbox", { Subject: `Mail ${i}` }));
    mb.addMessage("drafts", { Subject: "Not here" }, { draft: true });
    const rec = recordingFetch();
    const client = betaClient(sim, { fetch: rec.fetch, anchorMailbox: ALICE });
    const messages = client.me.mailFolders.byId("Inbox").messages;

    sim.clearRequests();
    const first = await collect(sync(messages, { maxPageSize: 3 }));
    expect(upserts(first.changes).map((m) => m.Subject)).toEqual(inbox.map((_, i) => `Mail ${i}`));
    const gets = seen(sim, "GET", /\/api\/beta\/me\/mailfolders\('inbox'\)\/messages$/i);
    expect(gets).toHaveLength(3);
    for (const g of gets) {
      expect(g.anchorMailbox).toBe(ALICE);
      expect(g.headers.prefer).toMatch(/odata\.track-changes/);
    }
    expectTrackChangesApplied(rec.responses);

    const created = await messages.create({ Subject: "Filed draft" });
    await client.me.messages.byId(inbox[0]!.id).update({ IsRead: true });
    await client.me.messages.byId(inbox[1]!.id).delete(); // moves it to Deleted Items
    mb.addMessage("sentitems", { Subject: "Elsewhere" });

    const second = await collect(sync(messages, { deltaToken: first.deltaToken, maxPageSize: 3 }));
    expect(upserts(second.changes).map((m) => [m.Id, m.Subject, m.IsRead])).toEqual([
      [inbox[0]!.id, "Mail 0", true],
      [created.Id, "Filed draft", true],
    ]);
    expect(removals(second.changes)).toEqual([{ id: inbox[1]!.id, reason: "deleted" }]);

    // The one filter form sync allows works; $search does not (§2.5).
    const filtered = await collect(sync(messages, { query: { filter: "ReceivedDateTime ge 2000-01-01T00:00:00Z" } }));
    expect(upserts(filtered.changes)).toHaveLength(8);
    const search = await odataError(collect(sync(messages, { query: { search: '"Mail"' } })));
    expect([search.status, search.code]).toEqual([400, "ErrorInvalidUrlQuery"]);
    const [searchGet] = seen(sim, "GET", /\/messages$/i).filter((r) => param(r, "$search") !== null);
    expect(searchGet?.headers.prefer).toMatch(/odata\.track-changes/);
  });

  it("TaskFolders('id')/Tasks: 3 pages, then created, updated and deleted tasks", async () => {
    const { sim } = await fresh();
    const mb = sim.store.mailbox(ALICE, "beta");
    const folderId = mb.defaultTaskFolder!.id;
    const seeded = Array.from({ length: 7 }, (_, i) => mb.addTask({ Subject: `Task ${i}` }));
    const client = betaClient(sim);
    const tasks = client.me.taskFolders.byId(folderId).tasks;

    sim.clearRequests();
    const first = await collect(sync(tasks, { maxPageSize: 3 }));
    expect(upserts(first.changes).map((t) => t.Id)).toEqual(seeded.map((t) => t.id));
    expect(seen(sim, "GET", /\/taskfolders\('[^']+'\)\/tasks$/i)).toHaveLength(3);

    const created = await tasks.create({ Subject: "Write report" });
    await client.me.tasks.byId(seeded[0]!.id).update({ Status: "Completed" });
    await client.me.tasks.byId(seeded[6]!.id).delete();

    const saved = `${first.deltaToken}`;
    const second = await collect(sync(betaClient(sim).me.taskFolders.byId(folderId).tasks, { deltaToken: saved }));
    expect(upserts(second.changes).map((t) => [t.Id, t.Subject, t.Status])).toEqual([
      [seeded[0]!.id, "Task 0", "Completed"],
      [created.Id, "Write report", "NotStarted"],
    ]);
    expect(removals(second.changes)).toEqual([{ id: seeded[6]!.id, reason: "deleted" }]);

    // §2.5: no $top with task sync.
    const topped = await odataError(collect(sync(tasks, { query: { top: 3 } })));
    expect([topped.status, topped.code]).toEqual([400, "ErrorInvalidUrlQuery"]);
  });
});

describe("sync: collections that do not track changes", () => {
  it("raises SyncNotSupportedError when the response lacks Preference-Applied: odata.track-changes", async () => {
    const { sim } = await fresh();
    sim.store.mailbox(ALICE, "v2.0").addMessage("inbox", { Subject: "Hello" });
    const rec = recordingFetch();
    const client = v2Client(sim, { fetch: rec.fetch });
    // v2.0 User.Messages is ChangeTracking=false: the typed sync() refuses it; call it anyway.
    const messages = client.me.messages;
    sim.clearRequests();
    // @ts-expect-error sync() accepts only collections that track changes
    const error = await collect(sync(messages, { maxPageSize: 5 })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SyncNotSupportedError);
    expect((error as SyncNotSupportedError).url).toMatch(/\/api\/v2\.0\/Me\/Messages/i);
    const [get] = seen(sim, "GET", /\/api\/v2\.0\/me\/messages$/i);
    expect(get?.headers.prefer).toMatch(/odata\.track-changes/);
    expect(rec.responses[0]?.status).toBe(200);
    expect(rec.responses[0]?.headers.get("preference-applied") ?? "").not.toMatch(/track-changes/);

    // beta User.Tasks is not trackable either (TaskFolder.Tasks is).
    const tasks = betaClient(sim).me.tasks;
    // @ts-expect-error sync() accepts only collections that track changes
    await expect(collect(sync(tasks))).rejects.toBeInstanceOf(SyncNotSupportedError);
  });

  it("refuses unknown delta tokens", async () => {
    const { sim } = await fresh();
    const e = await odataError(collect(sync(v2Client(sim).me.contacts, { deltaToken: "not-a-token" })));
    expect([e.status, e.code]).toEqual([400, "ErrorInvalidSyncStateData"]);
  });
});
