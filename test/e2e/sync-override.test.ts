/**
 * Sync on v2.0's inbox messages, end to end (issue 12, capability overrides). v2.0's metadata marks
 * `MailFolder.Messages` ChangeTracking false; the Outlook profile overrides it for v2.0 (the later v2.0 reference
 * documents "Synchronize messages"), so the generated client's `sync()` accepts
 * `client.me.mailFolders.byId("Inbox").messages`: this file type-checks under `npm run typecheck`, and the
 * `@ts-expect-error` below keeps `me.messages` (not overridden) refused. Against the simulator made the documented
 * service (test/simulator/sync-override.ts), a round syncs; against the simulator that follows the metadata, the
 * client reports SyncNotSupportedError.
 */
import { describe, expect, it } from "vitest";
import { sync, SyncNotSupportedError } from "../../generated/v2.0/index.js";
import { enableV2MessageSync } from "../simulator/sync-override.js";
import { ALICE, collect, freshHarnesses, recordingFetch, seen, v2Client } from "./harness-sync-batch.js";

const fresh = freshHarnesses();

describe("sync on v2.0 MailFolders('Inbox')/Messages after the override", () => {
  it("an initial round in pages, then the folder's changes only, resumed from the token", async () => {
    const { sim } = await fresh();
    enableV2MessageSync(sim);
    const mb = sim.store.mailbox(ALICE, "v2.0");
    const inbox = Array.from({ length: 5 }, (_, i) => mb.addMessage("inbox", { Subject: `Mail ${i}` }));
    mb.addMessage("sentitems", { Subject: "Elsewhere" });
    const rec = recordingFetch();
    const client = v2Client(sim, { fetch: rec.fetch, anchorMailbox: ALICE });
    const messages = client.me.mailFolders.byId("Inbox").messages;

    sim.clearRequests();
    const first = await collect(sync(messages, { maxPageSize: 2 }));
    expect(first.changes.map((c) => (c.kind === "upsert" ? c.item.Subject : c.id))).toEqual(inbox.map((_, i) => `Mail ${i}`));
    const gets = seen(sim, "GET", /\/api\/v2\.0\/me\/mailfolders\('inbox'\)\/messages$/i);
    expect(gets).toHaveLength(3);
    for (const g of gets) expect(g.headers.prefer).toMatch(/odata\.track-changes/);
    for (const r of rec.responses) expect(r.headers.get("preference-applied") ?? "").toMatch(/odata\.track-changes/);
    expect(first.deltaToken).toBeTruthy();

    await client.me.messages.byId(inbox[2]!.id).update({ IsRead: true });
    mb.addMessage("sentitems", { Subject: "Still elsewhere" });
    const second = await collect(sync(messages, { deltaToken: first.deltaToken }));
    expect(second.changes.map((c) => (c.kind === "upsert" ? [c.item.Id, c.item.IsRead] : c.id))).toEqual([[inbox[2]!.id, true]]);
  });

  it("the simulator that follows the metadata answers without track-changes: SyncNotSupportedError", async () => {
    const { sim } = await fresh();
    sim.store.mailbox(ALICE, "v2.0").addMessage("inbox", { Subject: "Mail" });
    const client = v2Client(sim, { anchorMailbox: ALICE });
    await expect(collect(sync(client.me.mailFolders.byId("Inbox").messages))).rejects.toBeInstanceOf(SyncNotSupportedError);
  });

  it("the types keep refusing what no override names: Me/Messages", () => {
    const client = v2Client({ baseUrl: () => "http://127.0.0.1:1/api/v2.0" } as never);
    // @ts-expect-error v2.0's User.Messages is ChangeTracking false, and no override names it
    const round = () => sync(client.me.messages);
    expect(typeof round).toBe("function");
  });
});
