/**
 * `$batch` end to end (fact sheet §3.4): the generated v2.0 client's `batch()` over real HTTP against the
 * simulator, in Outlook's multipart format and in OData 4.01 JSON. Each scenario checks the typed per-part
 * results, what the simulator received (sim.requests: the outer POSTs) and what it ran (batch.parts).
 */
import { afterAll, describe, expect, it } from "vitest";
import { ODataError, startBatch } from "../../generated/v2.0/index.js";
import type { Simulator, SimulatorOptions } from "../simulator/server.js";
import { ALICE, BOB, type Harness, recordingFetch, seen, startHarness, TOKEN, v2Client } from "./harness-sync-batch.js";

const started: Harness[] = [];

const TWO_USERS: SimulatorOptions = {
  tokens: [TOKEN, "bob-token"],
  tokenUsers: { "bob-token": BOB },
};

async function fresh(options: SimulatorOptions = TWO_USERS): Promise<Harness> {
  const h = await startHarness(options);
  started.push(h);
  return h;
}

afterAll(async () => {
  await Promise.all(started.map((h) => h.sim.stop()));
});

const NOT_EXECUTED = "BatchPartNotExecuted";
const MISSING = "AAMkAGI2THVSAAB";

/** The outer $batch POSTs the simulator received. */
const batchPosts = (sim: Simulator) => seen(sim, "POST", /\/\$batch$/i);

/** Content-Type application/http parts in a multipart body. */
const partCount = (body: string): number => body.match(/^Content-Type: application\/http\r?$/gim)?.length ?? 0;

interface RawPart {
  readonly id?: string;
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

function multipartBody(boundary: string, parts: readonly RawPart[]): string {
  let out = "";
  for (const p of parts) {
    out += `--${boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n`;
    if (p.id !== undefined) out += `Content-ID: ${p.id}\r\n`;
    out += `\r\n${p.method} ${p.url} HTTP/1.1\r\n`;
    for (const [k, v] of Object.entries(p.headers ?? {})) out += `${k}: ${v}\r\n`;
    out += `\r\n${p.body ?? ""}\r\n`;
  }
  return `${out}--${boundary}--\r\n`;
}

interface ParsedPart {
  readonly id: string | undefined;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A multipart/mixed batch response, parsed plainly (independent of the client runtime's parser). */
function parseMultipartResponse(contentType: string, text: string): ParsedPart[] {
  const boundary = /boundary=([^;\s]+)/.exec(contentType)?.[1];
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  expect(text.trimEnd().endsWith(`--${boundary}--`)).toBe(true);
  return text
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((chunk) => {
      const [mime = "", http = "", ...rest] = chunk.replace(/^\r\n/, "").split("\r\n\r\n");
      const [statusLine = "", ...headerLines] = http.split("\r\n");
      const headers: Record<string, string> = {};
      for (const l of headerLines)
        headers[l.slice(0, l.indexOf(":")).toLowerCase()] = l.slice(l.indexOf(":") + 1).trim();
      return {
        id: /^Content-ID: (.*)$/im.exec(mime)?.[1]?.trim(),
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1]),
        headers,
        body: rest.join("\r\n\r\n").replace(/\r\n$/, ""),
      };
    });
}

async function rawBatch(
  sim: Simulator,
  body: string,
  headers: Record<string, string>,
  path = "/api/v2.0/$batch",
): Promise<{ status: number; contentType: string; text: string }> {
  const r = await fetch(`${sim.url}${path}`, { method: "POST", headers, body });
  return { status: r.status, contentType: r.headers.get("content-type") ?? "", text: await r.text() };
}

describe("$batch: typed requests in Outlook's multipart format", () => {
  it("list inbox, get a message, create a contact, send a mail, get a missing id: typed per-part results", async () => {
    const { sim, batch: seenParts } = await fresh();
    const mb = sim.store.mailbox(ALICE, "v2.0");
    const mails = ["One", "Two", "Three"].map((s) => mb.addMessage("inbox", { Subject: s }));
    const rec = recordingFetch();
    const client = v2Client(sim, { fetch: rec.fetch });
    sim.clearRequests();

    const batch = startBatch(client, { continueOnError: true });
    const inbox = batch.add((c) => c.me.mailFolders.byId("Inbox").messages.list({ top: 2, select: ["Subject"] }));
    const message = batch.add((c) => c.me.messages.byId(mails[1]!.id).get({ select: ["Subject", "IsRead"] }));
    const contact = batch.add((c) => c.me.contacts.create({ GivenName: "Batch", Surname: "Created" }));
    const sent = batch.add((c) =>
      c.me.sendMail.post({
        Message: { Subject: "From a batch", ToRecipients: [{ EmailAddress: { Address: BOB } }] },
        SaveToSentItems: true,
      }),
    );
    const missing = batch.add((c) => c.me.messages.byId(MISSING).get());
    expect(batch.size).toBe(5);
    await batch.send();

    const r1 = await inbox;
    expect(r1.ok && r1.status).toBe(200);
    if (!r1.ok) throw r1.error;
    expect(r1.body.value.map((m) => m.Subject)).toHaveLength(2);
    expect(r1.headers.get("content-type")).toMatch(/^application\/json/);
    expect(r1.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const r2 = await message;
    if (!r2.ok) throw r2.error;
    expect([r2.status, r2.body.Id, r2.body.Subject]).toEqual([200, mails[1]!.id, "Two"]);
    const r3 = await contact;
    if (!r3.ok) throw r3.error;
    expect(r3.status).toBe(201);
    expect(r3.body).toMatchObject({ GivenName: "Batch", Surname: "Created", DisplayName: "Batch Created" });
    expect(r3.headers.get("location")).toContain(`/Contacts('${r3.body.Id}')`);
    expect(mb.allContacts().map((n) => n.id)).toEqual([r3.body.Id]);
    const r4 = await sent;
    expect(r4.ok && r4.status).toBe(202);
    expect(r4.ok && r4.body).toBeUndefined();
    expect(mb.messagesIn("sentitems").map((n) => n.data.Subject)).toEqual(["From a batch"]);
    const r5 = await missing;
    expect(r5.ok).toBe(false);
    if (r5.ok) throw new Error("expected a failure");
    expect(r5.status).toBe(404);
    expect(r5.error).toBeInstanceOf(ODataError);
    expect([r5.error.status, r5.error.code]).toEqual([404, "ErrorItemNotFound"]);

    // One POST carried everything; the simulator ran five requests.
    const posts = batchPosts(sim);
    expect(posts).toHaveLength(1);
    expect(sim.requests).toHaveLength(1);
    const post = posts[0]!;
    expect(post.url).toBe("/api/v2.0/me/$batch");
    expect(post.headers["content-type"]).toMatch(/^multipart\/mixed; boundary=batch_/);
    expect(post.headers.prefer).toBe("odata.continue-on-error");
    expect(post.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(partCount(post.body)).toBe(5);
    expect(post.body).toMatch(
      /^GET \/api\/v2\.0\/Me\/MailFolders\('Inbox'\)\/Messages\?\$select=Subject&\$top=2 HTTP\/1\.1\r$/m,
    );
    expect(post.body).toMatch(/^POST \/api\/v2\.0\/Me\/SendMail HTTP\/1\.1\r$/m);
    expect(seenParts.parts.map((p) => [p.id, p.method, p.status])).toEqual([
      ["1", "GET", 200],
      ["2", "GET", 200],
      ["3", "POST", 201],
      ["4", "POST", 202],
      ["5", "GET", 404],
    ]);
    for (const p of seenParts.parts) {
      expect(p.headers.authorization).toBeUndefined();
      expect(p.effectiveHeaders.authorization).toBe(`Bearer ${TOKEN}`);
      expect(p.effectiveHeaders.prefer).toBeUndefined(); // continue-on-error is the batch's, not the parts'
    }
    expect(seenParts.parts[2]?.headers["content-type"]).toMatch(/^application\/json/);

    // The wire response: 200 multipart/mixed; boundary=batchresponse_<guid>, Content-IDs echoed.
    const [response] = rec.responses;
    expect(response?.status).toBe(200);
    const contentType = response?.headers.get("content-type") ?? "";
    expect(contentType).toMatch(/^multipart\/mixed; boundary=batchresponse_[0-9a-f-]{36}$/);
    expect(response?.headers.get("preference-applied")).toBe("odata.continue-on-error");
    const parts = parseMultipartResponse(contentType, await response!.text);
    expect(parts.map((p) => [p.id, p.status])).toEqual([
      ["1", 200],
      ["2", 200],
      ["3", 201],
      ["4", 202],
      ["5", 404],
    ]);
    expect(JSON.parse(parts[4]!.body)).toMatchObject({ error: { code: "ErrorItemNotFound" } });
  });

  it("without continue-on-error the service stops at the first failure; the client reports the rest as not executed", async () => {
    const { sim, batch: seenParts } = await fresh();
    const mb = sim.store.mailbox(ALICE, "v2.0");
    const mail = mb.addMessage("inbox", { Subject: "Present" });
    const rec = recordingFetch();
    const client = v2Client(sim, { fetch: rec.fetch });

    const stopping = startBatch(client);
    const found = stopping.add((c) => c.me.messages.byId(mail.id).get());
    const lost = stopping.add((c) => c.me.messages.byId(MISSING).get());
    const never = stopping.add((c) => c.me.contacts.create({ GivenName: "Never" }));
    const later = stopping.add((c) => c.me.messages.list());
    await stopping.send();
    expect((await found).status).toBe(200);
    expect((await lost).status).toBe(404);
    for (const r of [await never, await later]) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect([r.status, r.error.code]).toEqual([424, NOT_EXECUTED]);
    }
    expect(mb.allContacts()).toHaveLength(0);
    expect(batchPosts(sim)[0]?.headers.prefer).toBeUndefined();
    expect(partCount(batchPosts(sim)[0]!.body)).toBe(4);
    expect(seenParts.parts.map((p) => p.status)).toEqual([200, 404]);
    const first = rec.responses[0]!;
    expect(parseMultipartResponse(first.headers.get("content-type") ?? "", await first.text).map((p) => p.id)).toEqual([
      "1",
      "2",
    ]);

    // The same batch with continue-on-error runs everything.
    seenParts.clear();
    const going = startBatch(client, { continueOnError: true });
    const results = [
      going.add((c) => c.me.messages.byId(mail.id).get()),
      going.add((c) => c.me.messages.byId(MISSING).get()),
      going.add((c) => c.me.contacts.create({ GivenName: "Ran" })),
      going.add((c) => c.me.messages.list()),
    ];
    await going.send();
    expect(await Promise.all(results.map(async (r) => (await r).status))).toEqual([200, 404, 201, 200]);
    expect(mb.allContacts().map((n) => n.data.GivenName)).toEqual(["Ran"]);
    expect(seenParts.parts.map((p) => p.status)).toEqual([200, 404, 201, 200]);
  });

  it("45 requests go as 20 + 20 + 5 in three POSTs; a failure without continue-on-error stops the later POSTs", async () => {
    const { sim, batch: seenParts } = await fresh();
    const mb = sim.store.mailbox(ALICE, "v2.0");
    const mails = Array.from({ length: 45 }, (_, i) => mb.addMessage("inbox", { Subject: `Mail ${i}` }));
    const client = v2Client(sim);
    sim.clearRequests();

    const batch = startBatch(client);
    const results = mails.map((m) => batch.add((c) => c.me.messages.byId(m.id).get({ select: ["Subject"] })));
    await batch.send();
    const subjects = await Promise.all(
      results.map(async (r) => {
        const x = await r;
        return x.ok ? x.body.Subject : x.error.code;
      }),
    );
    expect(subjects).toEqual(mails.map((_, i) => `Mail ${i}`));
    const posts = batchPosts(sim);
    expect(posts).toHaveLength(3);
    expect(sim.requests).toHaveLength(3);
    expect(posts.map((p) => partCount(p.body))).toEqual([20, 20, 5]);
    expect([1, 2, 3].map((b) => seenParts.parts.filter((p) => p.batch === b).length)).toEqual([20, 20, 5]);

    // Request 10 fails: the rest of its POST is not executed and the two later POSTs are never sent.
    sim.clearRequests();
    seenParts.clear();
    const stopping = startBatch(client);
    const outcomes = mails.map((m, i) =>
      stopping.add((c) => c.me.messages.byId(i === 9 ? MISSING : m.id).get({ select: ["Subject"] })),
    );
    await stopping.send();
    const statuses = await Promise.all(outcomes.map(async (r) => (await r).status));
    expect(statuses).toEqual([...Array(9).fill(200), 404, ...Array(35).fill(424)]);
    expect(batchPosts(sim)).toHaveLength(1);
    expect(seenParts.parts).toHaveLength(10);
  });

  it("the simulator refuses more than 20 parts; the client then fails the batch and every part", async () => {
    const { sim } = await fresh();
    const client = v2Client(sim);
    const batch = startBatch(client, { maxPartsPerRequest: 21 });
    const results = Array.from({ length: 21 }, () => batch.add((c) => c.me.get()));
    const error = await batch.send().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ODataError);
    expect((error as ODataError).status).toBe(400);
    expect(partCount(batchPosts(sim)[0]!.body)).toBe(21);
    for (const r of await Promise.all(results)) expect([r.ok, r.status]).toEqual([false, 400]);
  });

  it("me/$batch works as well", async () => {
    const { sim, batch: seenParts } = await fresh();
    const client = v2Client(sim);
    const batch = startBatch(client, { path: "me/$batch" });
    const me = batch.add((c) => c.me.get({ select: ["DisplayName"] }));
    await batch.send();
    const r = await me;
    expect(r.ok && r.body.DisplayName).toBe("Alice Adams");
    expect(batchPosts(sim).map((p) => p.url)).toEqual(["/api/v2.0/me/$batch"]);
    expect(seenParts.parts.map((p) => p.url)).toEqual(["/api/v2.0/Me?$select=DisplayName"]);
  });
});

describe("$batch: OData 4.01 JSON format", () => {
  it("typed results, atomicity groups and dependsOn against the simulator", async () => {
    const { sim, batch: seenParts } = await fresh();
    const mb = sim.store.mailbox(ALICE, "v2.0");
    mb.addMessage("inbox", { Subject: "Json" });
    const client = v2Client(sim);
    sim.clearRequests();

    const batch = startBatch(client, { format: "json" });
    const inbox = batch.add((c) => c.me.mailFolders.byId("Inbox").messages.list());
    const created = batch.add((c) => c.me.contacts.create({ GivenName: "Jason" }), { id: "newContact" });
    const listed = batch.add((c) => c.me.contacts.list({ select: ["GivenName"] }), { dependsOn: ["newContact"] });
    const missing = batch.add((c) => c.me.contacts.byId(MISSING).get());
    await batch.send();

    const r1 = await inbox;
    expect(r1.ok && r1.body.value.map((m) => m.Subject)).toEqual(["Json"]);
    const r2 = await created;
    if (!r2.ok) throw r2.error;
    expect([r2.status, r2.body.GivenName]).toEqual([201, "Jason"]);
    const r3 = await listed;
    expect(r3.ok && r3.body.value.map((c) => c.GivenName)).toEqual(["Jason"]);
    const r4 = await missing;
    expect(!r4.ok && [r4.status, r4.error.code]).toEqual([404, "ErrorItemNotFound"]);

    const [post] = batchPosts(sim);
    expect(post?.headers["content-type"]).toBe("application/json");
    const sentDoc = JSON.parse(post!.body) as { requests: Record<string, unknown>[] };
    expect(sentDoc.requests.map((r) => [r.id, r.method, r.url])).toEqual([
      ["1", "GET", "/api/v2.0/Me/MailFolders('Inbox')/Messages"],
      ["newContact", "POST", "/api/v2.0/Me/Contacts"],
      ["3", "GET", "/api/v2.0/Me/Contacts?$select=GivenName"],
      ["4", "GET", `/api/v2.0/Me/Contacts('${MISSING}')`],
    ]);
    expect(sentDoc.requests[1]?.body).toEqual({ GivenName: "Jason" });
    expect(sentDoc.requests[2]?.dependsOn).toEqual(["newContact"]);
    expect(seenParts.parts.map((p) => [p.format, p.id, p.status])).toEqual([
      ["json", "1", 200],
      ["json", "newContact", 201],
      ["json", "3", 200],
      ["json", "4", 404],
    ]);

    // An atomicity group with a failing member fails as a whole (424 for the others), and so does what depends on it.
    seenParts.clear();
    const grouped = startBatch(client, { format: "json", continueOnError: true });
    const a = grouped.add((c) => c.me.contacts.create({ GivenName: "Grouped" }), { atomicityGroup: "g" });
    const b = grouped.add((c) => c.me.contacts.byId(MISSING).get(), { atomicityGroup: "g" });
    const dependent = grouped.add((c) => c.me.contacts.list(), { dependsOn: ["g"] });
    const independent = grouped.add((c) => c.me.get());
    await grouped.send();
    expect(await Promise.all([a, b, dependent, independent].map(async (r) => (await r).status))).toEqual([
      424, 404, 424, 200,
    ]);
    const ra = await a;
    expect(!ra.ok && ra.error.code).toBe("ErrorFailedDependency");
    const groupedDoc = JSON.parse(batchPosts(sim)[1]!.body) as { requests: Record<string, unknown>[] };
    expect(groupedDoc.requests.map((r) => r.atomicityGroup)).toEqual(["g", "g", undefined, undefined]);
    expect(seenParts.parts.map((p) => p.id)).toEqual(["1", "2", "4"]); // 3 never ran
  });

  it("the simulator resolves $<id> references and refuses more than 20 requests", async () => {
    const { sim } = await fresh();
    const body = JSON.stringify({
      requests: [
        {
          id: "c",
          method: "POST",
          url: "Me/Contacts",
          headers: { "Content-Type": "application/json" },
          body: { GivenName: "Ref" },
        },
        { id: "r", method: "GET", url: "$c", dependsOn: ["c"] },
      ],
    });
    const r = await rawBatch(sim, body, { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" });
    expect(r.status).toBe(200);
    const doc = JSON.parse(r.text) as { responses: { id: string; status: number; body: Record<string, unknown> }[] };
    expect(doc.responses.map((x) => [x.id, x.status])).toEqual([
      ["c", 201],
      ["r", 200],
    ]);
    expect(doc.responses[1]?.body.GivenName).toBe("Ref");

    const many = JSON.stringify({
      requests: Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: "GET", url: "Me" })),
    });
    const refused = await rawBatch(sim, many, { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" });
    expect(refused.status).toBe(400);
  });
});

describe("$batch: x-AnchorMailbox and Authorization per part", () => {
  it("the client sends credentials on the outer request only and anchors it to the first part's mailbox", async () => {
    const { sim, batch: seenParts } = await fresh();
    sim.store.mailbox(ALICE, "v2.0").addMessage("inbox", { Subject: "For Alice" });
    sim.store.mailbox(BOB, "v2.0").addMessage("inbox", { Subject: "For Bob" });
    const client = v2Client(sim, { anchorMailbox: ALICE });

    const same = startBatch(client);
    const mine = same.add((c) => c.me.messages.list());
    const viaUsers = same.add((c) => c.users.byId(ALICE).messages.list());
    await same.send();
    expect((await mine).ok && (await viaUsers).ok).toBe(true);
    const [post] = batchPosts(sim);
    expect(post?.anchorMailbox).toBe(ALICE);
    expect(post?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(post?.body).not.toMatch(/^Authorization:/im);
    expect(post?.body.match(/^x-AnchorMailbox: alice@contoso\.com\r$/gm)).toHaveLength(2);
    for (const p of seenParts.parts) {
      expect(p.headers["x-anchormailbox"]).toBe(ALICE);
      expect(p.headers.authorization).toBeUndefined();
      expect(p.effectiveHeaders.authorization).toBe(`Bearer ${TOKEN}`);
    }

    // Parts for two mailboxes: the batch is routed by the first part's anchor; the simulator refuses the other.
    seenParts.clear();
    sim.clearRequests();
    const mixed = startBatch(client, { continueOnError: true });
    const alice = mixed.add((c) => c.me.messages.list());
    const bob = mixed.add((c) => c.users.byId(BOB).messages.list());
    await mixed.send();
    expect(batchPosts(sim)[0]?.anchorMailbox).toBe(ALICE);
    expect(seenParts.parts.map((p) => p.headers["x-anchormailbox"])).toEqual([ALICE, BOB]);
    const ra = await alice;
    expect(ra.ok && ra.body.value.map((m) => m.Subject)).toEqual(["For Alice"]);
    const rb = await bob;
    expect(!rb.ok && [rb.status, rb.error.code]).toEqual([400, "ErrorInvalidRequest"]);

    // Bob's own batch goes through.
    const bobsBatch = startBatch(client);
    const bobs = bobsBatch.add((c) => c.users.byId(BOB).messages.list());
    await bobsBatch.send();
    const rbob = await bobs;
    expect(rbob.ok && rbob.body.value.map((m) => m.Subject)).toEqual(["For Bob"]);
    expect(batchPosts(sim)[1]?.anchorMailbox).toBe(BOB);
  });

  it("the outer Authorization applies to every part unless a part brings its own", async () => {
    const { sim } = await fresh();
    const boundary = "batch_raw";
    const body = multipartBody(boundary, [
      { id: "outer", method: "GET", url: "/api/v2.0/me?$select=DisplayName" },
      {
        id: "own",
        method: "GET",
        url: `${sim.url}/api/v2.0/me?$select=DisplayName`,
        headers: { Authorization: "Bearer bob-token" },
      },
      { id: "bad", method: "GET", url: "me", headers: { Authorization: "Bearer nope" } },
      { id: "otherVersion", method: "GET", url: "/api/beta/me" },
    ]);
    const headers = {
      Authorization: `Bearer ${TOKEN}`,
      "Content-Type": `multipart/mixed; boundary=${boundary}`,
      Prefer: "odata.continue-on-error",
    };
    const r = await rawBatch(sim, body, headers);
    expect(r.status).toBe(200);
    const parts = parseMultipartResponse(r.contentType, r.text);
    expect(parts.map((p) => [p.id, p.status])).toEqual([
      ["outer", 200],
      ["own", 200],
      ["bad", 401],
      ["otherVersion", 400],
    ]);
    expect((JSON.parse(parts[0]!.body) as { DisplayName: string }).DisplayName).toBe("Alice Adams");
    expect((JSON.parse(parts[1]!.body) as { DisplayName: string }).DisplayName).toBe("Bob Brown");

    // Without an outer token the whole batch is refused.
    const { Authorization: _omit, ...anonymous } = headers;
    const refused = await rawBatch(sim, body, anonymous);
    expect(refused.status).toBe(401);
  });
});
