/**
 * Issue 12, `$batch` that each service accepts, against the Outlook simulator over HTTP: v2.0's and beta's default
 * batch posts to `{root}/me/$batch` (the endpoint their batching pages document) in the multipart format with
 * absolute-path request lines; more than 20 requests go as several batches (Outlook's limit, which the simulator
 * enforces with a 400); and request(), the escape hatch, is a part like any other.
 */
import { afterAll, describe, expect, it } from "vitest";
import { request, startBatch } from "../../generated/v2.0/index.js";
import { startBatch as startBetaBatch } from "../../generated/beta/index.js";
import type { Simulator } from "../simulator/server.js";
import { ALICE, betaClient, type Harness, seen, startHarness, v2Client } from "./harness-sync-batch.js";

const started: Harness[] = [];

async function fresh(): Promise<Harness> {
  const h = await startHarness();
  started.push(h);
  return h;
}

afterAll(async () => {
  await Promise.all(started.map((h) => h.sim.stop()));
});

const batchPosts = (sim: Simulator) => seen(sim, "POST", /\/\$batch$/i);

describe("the default $batch endpoint follows the service profile", () => {
  it("v2.0: startBatch(client) posts to /api/v2.0/me/$batch and the simulator runs every part", async () => {
    const { sim, batch: ran } = await fresh();
    const mb = sim.store.mailbox(ALICE, "v2.0");
    const mail = mb.addMessage("inbox", { Subject: "Hello" });
    const client = v2Client(sim);
    sim.clearRequests();

    const batch = startBatch(client);
    const inbox = batch.add((c) => c.me.mailFolders.byId("Inbox").messages.list({ select: ["Subject"] }));
    const one = batch.add((c) => c.me.messages.byId(mail.id).get({ select: ["Subject"] }));
    await batch.send();

    const r1 = await inbox;
    if (!r1.ok) throw r1.error;
    expect(r1.body.value.map((m) => m.Subject)).toEqual(["Hello"]);
    const r2 = await one;
    if (!r2.ok) throw r2.error;
    expect(r2.body.Subject).toBe("Hello");

    const posts = batchPosts(sim);
    expect(posts.map((p) => p.url)).toEqual(["/api/v2.0/me/$batch"]);
    expect(posts[0]?.headers["content-type"]).toMatch(/^multipart\/mixed; boundary=batch_/);
    // Outlook's documented request line: the absolute path, version included.
    expect(posts[0]?.body).toMatch(
      /^GET \/api\/v2\.0\/Me\/MailFolders\('Inbox'\)\/Messages\?\$select=Subject HTTP\/1\.1\r$/m,
    );
    expect(ran.parts.map((p) => [p.method, p.status])).toEqual([
      ["GET", 200],
      ["GET", 200],
    ]);
  });

  it("beta: the same endpoint form, /api/beta/me/$batch", async () => {
    const { sim } = await fresh();
    const client = betaClient(sim);
    sim.clearRequests();
    const batch = startBetaBatch(client);
    const me = batch.add((c) => c.me.get({ select: ["DisplayName"] }));
    await batch.send();
    const r = await me;
    if (!r.ok) throw r.error;
    expect(batchPosts(sim).map((p) => p.url)).toEqual(["/api/beta/me/$batch"]);
  });

  it("the path option still names another endpoint: /api/v2.0/$batch", async () => {
    const { sim } = await fresh();
    const client = v2Client(sim);
    sim.clearRequests();
    const batch = startBatch(client, { path: "$batch" });
    const me = batch.add((c) => c.me.get({ select: ["DisplayName"] }));
    await batch.send();
    expect((await me).ok).toBe(true);
    expect(batchPosts(sim).map((p) => p.url)).toEqual(["/api/v2.0/$batch"]);
  });
});

describe("Outlook's limit of 20 requests per batch", () => {
  it("25 requests go as two me/$batch requests (20 and 5), each result to its caller", async () => {
    const { sim, batch: ran } = await fresh();
    const mb = sim.store.mailbox(ALICE, "v2.0");
    const mails = Array.from({ length: 25 }, (_, i) => mb.addMessage("inbox", { Subject: `M${i}` }));
    const client = v2Client(sim);
    sim.clearRequests();

    const batch = startBatch(client);
    const results = mails.map((m) => batch.add((c) => c.me.messages.byId(m.id).get({ select: ["Subject"] })));
    await batch.send();

    const subjects = await Promise.all(results.map(async (r) => ((x) => (x.ok ? x.body.Subject : x.status))(await r)));
    expect(subjects).toEqual(mails.map((_, i) => `M${i}`));
    const posts = batchPosts(sim);
    expect(posts.map((p) => p.url)).toEqual(["/api/v2.0/me/$batch", "/api/v2.0/me/$batch"]);
    expect(posts.map((p) => p.body.match(/^Content-Type: application\/http\r?$/gim)?.length)).toEqual([20, 5]);
    expect(ran.parts).toHaveLength(25);
  });
});

describe("request(), the escape hatch, in a batch and alone", () => {
  it("reaches a URL the typed API has no member for, with the client's token, as a part of me/$batch", async () => {
    const { sim, batch: ran } = await fresh();
    const client = v2Client(sim);
    sim.clearRequests();

    const batch = startBatch(client);
    const folder = batch.add((c) =>
      request<{ DisplayName: string }>(c, { path: "me/MailFolders('Inbox')", query: { $select: "DisplayName" } }),
    );
    await batch.send();
    const r = await folder;
    if (!r.ok) throw r.error;
    expect(r.body.DisplayName).toBe("Inbox");
    expect(batchPosts(sim)[0]?.body).toMatch(
      /^GET \/api\/v2\.0\/me\/MailFolders\('Inbox'\)\?\$select=DisplayName HTTP\/1\.1\r$/m,
    );
    expect(ran.parts.map((p) => p.effectiveHeaders.authorization)).toEqual(["Bearer test-token"]);

    const alone = await request<{ DisplayName: string }>(client.me, { path: "MailFolders('Inbox')" });
    expect(alone.DisplayName).toBe("Inbox");
    await expect(request(client, { path: "../beta/me" })).rejects.toMatchObject({ name: "RequestPathError" });
  });
});
