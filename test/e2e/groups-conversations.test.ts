/**
 * Groups and conversations (v2.0, beta; fact sheet §3.12) end to end, plus the beta operations around them:
 * Message.Unsubscribe (§3.1), Event.Checkin (§3.2), User.TrendingAround and User.WorkingWith (§3.9), and the
 * MailboxSettings complex property read with $select and merged by PATCH. The generated clients run over real HTTP
 * against the simulator (test/simulator/groups.ts); each test checks what the client returns and what the
 * simulator saw.
 */
import { describe, expect, it } from "vitest";
import type { ODataCollection, QueryOptions, RequestOptions } from "../../generated/runtime/index.js";
import { SEEDED_GROUPS } from "../simulator/groups.js";
import type { Simulator } from "../simulator/server.js";
import {
  ALICE,
  beta,
  BOB,
  clientOptions,
  drain,
  lines,
  NS,
  recipient,
  rejectionOf,
  type Seen,
  useSimulator,
  v2,
} from "./harness.js";

// ---- The slice of the API these tests drive; both versions' clients must fit it (checked by tsc). ----------------

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Q = QueryOptions<any> | undefined;
type O = RequestOptions | undefined;
interface Reader<B> {
  list(q?: Q, o?: O): Promise<ODataCollection<Json>>;
  count(o?: O): Promise<number>;
  byId(id: string): B;
}
/** An action node: `post(params)`; a parameterless one: `post()`. */
interface Action<P> {
  post(p: P): Promise<void>;
}
interface BareAction {
  post(): Promise<void>;
}
interface PostApi {
  get(q?: Q): Promise<Json>;
  readonly inReplyTo: { get(q?: Q): Promise<Json> };
  readonly reply: Action<{ Post: Json }>;
  readonly forward: Action<{ Comment?: string; ToRecipients: Json[] }>;
}
interface ThreadApi {
  get(q?: Q): Promise<Json>;
  readonly posts: Reader<PostApi>;
  readonly reply: Action<{ Post: Json }>;
}
interface Threads extends Reader<ThreadApi> {
  create(body: Json): Promise<Json>;
}
interface GroupApi {
  get(q?: Q): Promise<Json>;
  readonly threads: Threads;
  readonly conversations: Reader<{ get(q?: Q): Promise<Json>; readonly threads: Threads }> & {
    create(body: Json): Promise<Json>;
  };
  readonly subscribeByMail: BareAction;
  readonly unsubscribeByMail: BareAction;
  readonly addFavorite: BareAction;
  readonly removeFavorite: BareAction;
  readonly resetUnseenCount: BareAction;
}
interface GroupsClient {
  readonly groups: {
    list(q?: Q): Promise<ODataCollection<Json>>;
    count(): Promise<number>;
    byId(id: string): GroupApi;
  };
}

const CASES: readonly { readonly version: "v2.0" | "beta"; make(sim: Simulator): GroupsClient }[] = [
  { version: "v2.0", make: (sim) => v2.createClient(clientOptions(sim, "v2.0")) },
  { version: "beta", make: (sim) => beta.createClient(clientOptions(sim, "beta")) },
];

const [MARKETING, FALCON] = SEEDED_GROUPS.map((g) => String(g.data.Id));
const MARKETING_ID = MARKETING ?? "";
const FALCON_ID = FALCON ?? "";

function expectAuthAndAnchor(list: readonly Seen[]): void {
  for (const s of list) expect([s.auth, s.anchor], `${s.method} ${s.path}`).toEqual(["Bearer test-token", ALICE]);
}

const text = (content: string): { ContentType: "Text"; Content: string } => ({ ContentType: "Text", Content: content });

describe.each(CASES)("Groups and conversations ($version)", ({ version, make }) => {
  const current = useSimulator();

  it("lists and reads the seeded groups ($select, $orderby, $filter, $count)", async () => {
    const sim = current();
    const client = make(sim);
    const all = await client.groups.list({ orderby: ["DisplayName desc"], select: ["DisplayName", "EmailAddress"] });
    expect(all.value.map((g) => [g.DisplayName, g.EmailAddress, g.Id])).toEqual([
      ["Project Falcon", "falcon@contoso.com", FALCON_ID],
      ["Contoso Marketing", "marketing@contoso.com", MARKETING_ID],
    ]);
    expect(all.value[0]).not.toHaveProperty("UnseenCount");
    expect(all.value[0]?.["@odata.id"]).toBe(`${sim.baseUrl(version)}/Groups('${FALCON_ID}')`);
    const favorites = await client.groups.list({ filter: "IsFavorite eq true" });
    expect(favorites.value.map((g) => g.DisplayName)).toEqual(["Project Falcon"]);
    expect(await client.groups.count()).toBe(2);

    const marketing = await client.groups.byId(MARKETING_ID).get();
    expect(marketing).toMatchObject({
      Id: MARKETING_ID,
      DisplayName: "Contoso Marketing",
      AccessType: "Public",
      IsFavorite: false,
      IsSubscribedByMail: false,
      UnseenCount: 3,
    });
    expect(marketing["@odata.context"]).toBe(`${sim.baseUrl(version)}/$metadata#Groups/$entity`);
    const missing = await rejectionOf(client.groups.byId("00000000-0000-4000-8000-000000000000").get());
    expect(missing).toMatchObject({ name: "ODataError", status: 404, code: "ErrorItemNotFound" });

    const sent = drain(sim);
    expect(lines(sent)).toEqual([
      "GET /Groups",
      "GET /Groups",
      "GET /Groups/$count",
      `GET /Groups('${MARKETING_ID}')`,
      "GET /Groups('00000000-0000-4000-8000-000000000000')",
    ]);
    expect(sent[0]?.query).toEqual({ $orderby: "DisplayName desc", $select: "DisplayName,EmailAddress" });
    expect(sent[1]?.query).toEqual({ $filter: "IsFavorite eq true" });
    expect(sent.every((s) => s.version === version)).toBe(true);
    expectAuthAndAnchor(sent);
  });

  it("conversations, threads and posts: list, read, count; a new thread starts a new conversation", async () => {
    const sim = current();
    const group = make(sim).groups.byId(MARKETING_ID);
    const conversations = await group.conversations.list();
    expect(conversations.value).toHaveLength(1);
    const conversation = conversations.value[0];
    expect(conversation).toMatchObject({
      Topic: "Spring launch plan",
      HasAttachments: false,
      LastDeliveredDateTime: "2024-03-04T09:30:00Z",
      UniqueSenders: ["Bob Brown"],
      Preview: "Here is the first draft of the launch plan.",
    });
    const conversationId = String(conversation?.Id);
    const inConversation = await group.conversations.byId(conversationId).threads.list();
    const threads = await group.threads.list({ select: ["Topic", "ToRecipients", "IsLocked"] });
    expect(threads.value.map((t) => t.Id)).toEqual(inConversation.value.map((t) => t.Id));
    expect(threads.value[0]).toEqual(
      expect.objectContaining({
        Topic: "Spring launch plan",
        IsLocked: false,
        ToRecipients: [recipient("marketing@contoso.com", "Contoso Marketing")],
      }),
    );
    const threadId = String(threads.value[0]?.Id);
    const thread = group.threads.byId(threadId);
    const posts = await thread.posts.list();
    expect(posts.value).toHaveLength(1);
    expect(posts.value[0]).toMatchObject({
      From: recipient("bob@contoso.com", "Bob Brown"),
      Body: text("Here is the first draft of the launch plan."),
      ConversationThreadId: threadId,
      ConversationId: conversationId,
      ReceivedDateTime: "2024-03-04T09:30:00Z",
    });
    expect(posts.value[0]?.["@odata.id"]).toBe(
      `${sim.baseUrl(version)}/Groups('${MARKETING_ID}')/Threads('${threadId}')/Posts('${encodeURIComponent(String(posts.value[0]?.Id))}')`,
    );
    const postId = String(posts.value[0]?.Id);
    expect((await thread.posts.byId(postId).get()).Id).toBe(postId);
    expect(await thread.posts.count()).toBe(1);
    const noParent = await rejectionOf(thread.posts.byId(postId).inReplyTo.get());
    expect(noParent).toMatchObject({ status: 404 });
    const seededRequests = drain(sim);
    expect(lines(seededRequests)).toEqual([
      `GET /Groups('${MARKETING_ID}')/Conversations`,
      `GET /Groups('${MARKETING_ID}')/Conversations('${conversationId}')/Threads`,
      `GET /Groups('${MARKETING_ID}')/Threads`,
      `GET /Groups('${MARKETING_ID}')/Threads('${threadId}')/Posts`,
      `GET /Groups('${MARKETING_ID}')/Threads('${threadId}')/Posts('${postId}')`,
      `GET /Groups('${MARKETING_ID}')/Threads('${threadId}')/Posts/$count`,
      `GET /Groups('${MARKETING_ID}')/Threads('${threadId}')/Posts('${postId}')/InReplyTo`,
    ]);
    expect(seededRequests[2]?.query).toEqual({ $select: "Topic,ToRecipients,IsLocked" });
    expectAuthAndAnchor(seededRequests);

    // POST Groups('id')/Threads with the first post: a thread in a new conversation.
    const created = await group.threads.create({
      Topic: "Budget review",
      Posts: [{ Body: text("Numbers are in.") }],
    });
    expect(created).toMatchObject({
      Topic: "Budget review",
      UniqueSenders: ["Alice Adams"],
      Preview: "Numbers are in.",
      ToRecipients: [recipient("marketing@contoso.com", "Contoso Marketing")],
    });
    expect(created["@odata.context"]).toBe(
      `${sim.baseUrl(version)}/$metadata#Groups('${MARKETING_ID}')/Threads/$entity`,
    );
    const newPosts = await group.threads.byId(String(created.Id)).posts.list();
    expect(newPosts.value.map((p) => [p.Body.Content, p.From.EmailAddress.Address])).toEqual([
      ["Numbers are in.", ALICE],
    ]);
    const afterCreate = await group.conversations.list({ orderby: ["LastDeliveredDateTime desc"] });
    expect(afterCreate.value.map((c) => c.Topic)).toEqual(["Budget review", "Spring launch plan"]);
    expect(newPosts.value[0]?.ConversationId).toBe(afterCreate.value[0]?.Id);
    expect(await group.threads.count()).toBe(2);

    // A thread in an existing conversation, and a new conversation with its thread.
    const second = await group.conversations
      .byId(conversationId)
      .threads.create({ Posts: [{ Body: text("Side topic") }] });
    expect(second.Topic).toBe("Spring launch plan");
    expect((await group.conversations.byId(conversationId).threads.list()).value).toHaveLength(2);
    const conv = await group.conversations.create({
      Topic: "Offsite",
      Threads: [{ Posts: [{ Body: text("Where?") }] }],
    });
    expect(conv).toMatchObject({ Topic: "Offsite", Preview: "Where?", UniqueSenders: ["Alice Adams"] });
    expect(await group.threads.count()).toBe(4);
    const noPosts = await rejectionOf(group.threads.create({ Topic: "Empty" }));
    expect(noPosts).toMatchObject({ name: "ODataError", status: 400 });

    const sent = drain(sim);
    expect(sent[0]).toMatchObject({
      method: "POST",
      path: `/Groups('${MARKETING_ID}')/Threads`,
      body: { Topic: "Budget review", Posts: [{ Body: text("Numbers are in.") }] },
      contentType: expect.stringContaining("application/json"),
    });
    expect(lines(sent).filter((l) => l.startsWith("POST"))).toEqual([
      `POST /Groups('${MARKETING_ID}')/Threads`,
      `POST /Groups('${MARKETING_ID}')/Conversations('${conversationId}')/Threads`,
      `POST /Groups('${MARKETING_ID}')/Conversations`,
      `POST /Groups('${MARKETING_ID}')/Threads`,
    ]);
    expectAuthAndAnchor(sent);
  });

  it("ConversationThread.Reply, Post.Reply and Post.Forward", async () => {
    const sim = current();
    sim.store.now = () => new Date("2024-03-06T12:00:00Z");
    const group = make(sim).groups.byId(MARKETING_ID);
    const threadId = String((await group.threads.list()).value[0]?.Id);
    const thread = group.threads.byId(threadId);
    const firstId = String((await thread.posts.list()).value[0]?.Id);
    sim.clearRequests();

    await expect(thread.reply.post({ Post: { Body: text("Looks good to me.") } })).resolves.toBeUndefined();
    await expect(
      thread.posts.byId(firstId).reply.post({ Post: { Body: text("One question on dates.") } }),
    ).resolves.toBeUndefined();
    await expect(
      thread.posts.byId(firstId).forward.post({ Comment: "FYI, Bob", ToRecipients: [recipient(BOB, "Bob Brown")] }),
    ).resolves.toBeUndefined();
    const replies = drain(sim);
    expect(replies.map((s) => [s.method, s.path, s.body])).toEqual([
      [
        "POST",
        `/Groups('${MARKETING_ID}')/Threads('${threadId}')/Reply`,
        { Post: { Body: text("Looks good to me.") } },
      ],
      [
        "POST",
        `/Groups('${MARKETING_ID}')/Threads('${threadId}')/Posts('${firstId}')/Reply`,
        { Post: { Body: text("One question on dates.") } },
      ],
      [
        "POST",
        `/Groups('${MARKETING_ID}')/Threads('${threadId}')/Posts('${firstId}')/Forward`,
        { Comment: "FYI, Bob", ToRecipients: [recipient(BOB, "Bob Brown")] },
      ],
    ]);
    expectAuthAndAnchor(replies);

    // The two replies joined the thread, from Alice; the forward did not.
    const posts = await thread.posts.list({ orderby: ["ReceivedDateTime"] });
    expect(posts.value.map((p) => [p.Body.Content, p.From.EmailAddress.Address])).toEqual([
      ["Here is the first draft of the launch plan.", BOB],
      ["Looks good to me.", ALICE],
      ["One question on dates.", ALICE],
    ]);
    for (const p of posts.value.slice(1)) expect(p.ReceivedDateTime).toBe("2024-03-06T12:00:00Z");
    const [, reply, postReply] = posts.value;
    expect((await thread.posts.byId(String(reply?.Id)).inReplyTo.get()).Id).toBe(firstId);
    expect((await thread.posts.byId(String(postReply?.Id)).inReplyTo.get()).Id).toBe(firstId);
    expect(await thread.get()).toMatchObject({
      LastDeliveredDateTime: "2024-03-06T12:00:00Z",
      UniqueSenders: ["Bob Brown", "Alice Adams"],
      Preview: "One question on dates.",
    });
    const [conversation] = (await group.conversations.list()).value;
    expect(conversation).toMatchObject({
      LastDeliveredDateTime: "2024-03-06T12:00:00Z",
      Preview: "One question on dates.",
    });

    // The forward went to Bob's Inbox (same version) and Alice's Sent Items.
    const bobInbox = sim.store.mailbox(BOB, version).messagesIn("inbox");
    expect(bobInbox.map((m) => m.data.Subject)).toEqual(["FW: Spring launch plan"]);
    const body = bobInbox[0]?.data.Body as { ContentType: string; Content: string };
    expect(body.ContentType).toBe("HTML");
    expect(body.Content).toContain("FYI, Bob");
    expect(body.Content).toContain("Here is the first draft of the launch plan.");
    expect(
      sim.store
        .mailbox(ALICE, version)
        .messagesIn("sentitems")
        .map((m) => m.data.Subject),
    ).toEqual(["FW: Spring launch plan"]);

    // Refusals: Post is required; a forward needs recipients; a locked thread takes no replies.
    const noPost = await rejectionOf(thread.reply.post({} as { Post: Json }));
    expect(noPost).toMatchObject({ name: "ODataError", status: 400, code: "ErrorInvalidParameter" });
    const noRecipients = await rejectionOf(thread.posts.byId(firstId).forward.post({ ToRecipients: [] }));
    expect(noRecipients).toMatchObject({ name: "ODataError", status: 400, code: "ErrorInvalidRecipients" });
    const locked = await group.threads.create({ Topic: "Closed", IsLocked: true, Posts: [{ Body: text("Done.") }] });
    const lockedReply = await rejectionOf(
      group.threads.byId(String(locked.Id)).reply.post({ Post: { Body: text("x") } }),
    );
    expect(lockedReply).toMatchObject({ name: "ODataError", status: 400, code: "ErrorInvalidRequest" });
    expect(await thread.posts.count()).toBe(3);
    // The service answers 202 Accepted.
    const res = await fetch(`${sim.baseUrl(version)}/Groups('${MARKETING_ID}')/Threads('${threadId}')/Reply`, {
      method: "POST",
      headers: { authorization: "Bearer test-token", "content-type": "application/json" },
      body: JSON.stringify({ Post: { Body: text("Raw reply") } }),
    });
    expect([res.status, await res.text()]).toEqual([202, ""]);
    expect(await thread.posts.count()).toBe(4);
  });

  it("the five group actions: SubscribeByMail, UnsubscribeByMail, AddFavorite, RemoveFavorite, ResetUnseenCount", async () => {
    const sim = current();
    const client = make(sim);
    const marketing = client.groups.byId(MARKETING_ID);
    const falcon = client.groups.byId(FALCON_ID);
    const state = async (g: GroupApi): Promise<unknown[]> => {
      const x = await g.get({ select: ["IsSubscribedByMail", "IsFavorite", "UnseenCount"] });
      return [x.IsSubscribedByMail, x.IsFavorite, x.UnseenCount];
    };
    const before = await marketing.get();
    expect(await state(marketing)).toEqual([false, false, 3]);
    await expect(marketing.subscribeByMail.post()).resolves.toBeUndefined();
    await expect(marketing.addFavorite.post()).resolves.toBeUndefined();
    await expect(marketing.resetUnseenCount.post()).resolves.toBeUndefined();
    expect(await state(marketing)).toEqual([true, true, 0]);
    const after = await marketing.get();
    expect(after["@odata.etag"]).not.toBe(before["@odata.etag"]);

    expect(await state(falcon)).toEqual([true, true, 0]);
    await falcon.unsubscribeByMail.post();
    await falcon.removeFavorite.post();
    expect(await state(falcon)).toEqual([false, false, 0]);
    // Idempotent.
    await falcon.removeFavorite.post();
    expect(await state(falcon)).toEqual([false, false, 0]);
    expect((await client.groups.list({ filter: "IsFavorite eq true" })).value.map((g) => g.Id)).toEqual([MARKETING_ID]);

    const sent = drain(sim);
    const m = `/Groups('${MARKETING_ID}')`;
    const f = `/Groups('${FALCON_ID}')`;
    const sel = { $select: "IsSubscribedByMail,IsFavorite,UnseenCount" };
    expect(sent.map((s) => [s.method, s.path, s.query])).toEqual([
      ["GET", m, {}],
      ["GET", m, sel],
      ["POST", `${m}/SubscribeByMail`, {}],
      ["POST", `${m}/AddFavorite`, {}],
      ["POST", `${m}/ResetUnseenCount`, {}],
      ["GET", m, sel],
      ["GET", m, {}],
      ["GET", f, sel],
      ["POST", `${f}/UnsubscribeByMail`, {}],
      ["POST", `${f}/RemoveFavorite`, {}],
      ["GET", f, sel],
      ["POST", `${f}/RemoveFavorite`, {}],
      ["GET", f, sel],
      ["GET", "/Groups", { $filter: "IsFavorite eq true" }],
    ]);
    // Parameterless actions go without a body.
    for (const s of sent) expect(s.body, `${s.method} ${s.path}`).toBeUndefined();
    expectAuthAndAnchor(sent);
    // The service answers 204 No Content; a GET on an action is refused.
    const raw = (method: string): Promise<Response> =>
      fetch(`${sim.baseUrl(version)}${m}/AddFavorite`, { method, headers: { authorization: "Bearer test-token" } });
    expect((await raw("POST")).status).toBe(204);
    expect((await raw("GET")).status).toBe(405);
  });
});

describe("Beta: Message.Unsubscribe, Event.Checkin, TrendingAround, WorkingWith, MailboxSettings", () => {
  const current = useSimulator();
  const clientOf = (sim: Simulator): beta.ServiceClient => beta.createClient(clientOptions(sim, "beta"));

  it("Message.Unsubscribe: 202 when UnsubscribeEnabled, else 400", async () => {
    const sim = current();
    const client = clientOf(sim);
    const mb = sim.store.mailbox(ALICE, "beta");
    const list = mb.addMessage("inbox", {
      Subject: "Weekly deals",
      UnsubscribeEnabled: true,
      UnsubscribeData: ["<mailto:unsubscribe@deals.example>"],
    });
    const plain = mb.addMessage("inbox", { Subject: "Hello" });
    await expect(client.me.messages.byId(list.id).unsubscribe.post()).resolves.toBeUndefined();
    const refused = await rejectionOf(client.me.messages.byId(plain.id).unsubscribe.post());
    expect(refused).toMatchObject({ name: "ODataError", status: 400, code: "ErrorInvalidRequest" });
    const sent = drain(sim);
    expect(lines(sent)).toEqual([
      `POST /Me/Messages('${list.id}')/Unsubscribe`,
      `POST /Me/Messages('${plain.id}')/Unsubscribe`,
    ]);
    expectAuthAndAnchor(sent);
  });

  it("Event.Checkin: 202, with its parameters", async () => {
    const sim = current();
    const client = clientOf(sim);
    const event = sim.store.mailbox(ALICE, "beta").addEvent({
      Subject: "Design review",
      Start: { DateTime: "2024-03-07T10:00:00", TimeZone: "UTC" },
      End: { DateTime: "2024-03-07T11:00:00", TimeZone: "UTC" },
    });
    const params = {
      PhysicalPresence: beta.PhysicalPresence.InRoom,
      SkypePresence: beta.SkypePresence.OnSkype,
      EtaRequestor: BOB,
      TargetAttendee: ALICE,
    } as const;
    await expect(client.me.events.byId(event.id).checkin.post(params)).resolves.toBeUndefined();
    expect(event.hidden.checkin).toMatchObject(params);
    const unknown = await rejectionOf(client.me.events.byId(event.id).checkin.post({ Eta: 5 } as never));
    expect(unknown).toMatchObject({ name: "ODataError", status: 400, code: "RequestBodyRead" });
    const sent = drain(sim);
    expect(sent[0]).toMatchObject({
      method: "POST",
      path: `/Me/Events('${event.id}')/Checkin`,
      body: params,
    });
    expectAuthAndAnchor(sent);
  });

  it("TrendingAround() and WorkingWith(): small fixed collections", async () => {
    const sim = current();
    const client = clientOf(sim);
    // The metadata declares a single File / WorkingWithEntity; the service (and the simulator) answer a collection.
    const trending = (await client.me.trendingAround().get()) as unknown as ODataCollection<beta.File>;
    expect(trending["@odata.context"]).toBe(`${sim.baseUrl("beta")}/$metadata#Collection(${NS}.File)`);
    expect(trending.value.map((f) => f.Name)).toEqual(["Q2 Budget.xlsx", "Launch Roadmap.pptx", "Team Notes.docx"]);
    expect(trending.value[0]).toMatchObject({
      DateTimeCreated: "2024-02-12T08:00:00Z",
      DateTimeLastModified: "2024-03-01T16:45:00Z",
      WebUrl: "https://contoso-my.sharepoint.com/personal/alice_contoso_com/Documents/Q2%20Budget.xlsx",
    });
    const again = (await client.me.trendingAround().get()) as unknown as ODataCollection<beta.File>;
    expect(again.value.map((f) => f.Id)).toEqual(trending.value.map((f) => f.Id));
    const bobs = (await client.users.byId(BOB).trendingAround().get()) as unknown as ODataCollection<beta.File>;
    expect(bobs.value[0]?.WebUrl).toContain("/personal/bob_contoso_com/");
    expect(bobs.value[0]?.Id).not.toBe(trending.value[0]?.Id);

    const workingWith = (await client.me.workingWith().get()) as unknown as ODataCollection<beta.WorkingWithEntity>;
    expect(workingWith.value.map((w) => [w.PreferredName, w.Email])).toEqual([["Bob Brown", BOB]]);
    const bobsPeers = (await client.users
      .byId(BOB)
      .workingWith()
      .get()) as unknown as ODataCollection<beta.WorkingWithEntity>;
    expect(bobsPeers.value.map((w) => w.Email)).toEqual([ALICE]);

    const sent = drain(sim);
    expect(lines(sent)).toEqual([
      "GET /Me/TrendingAround()",
      "GET /Me/TrendingAround()",
      `GET /Users('${BOB}')/TrendingAround()`,
      "GET /Me/WorkingWith()",
      `GET /Users('${BOB}')/WorkingWith()`,
    ]);
    expect(sent.map((s) => s.anchor)).toEqual([ALICE, ALICE, BOB, ALICE, BOB]);
    // Functions take GET only.
    const res = await fetch(`${sim.baseUrl("beta")}/Me/TrendingAround()`, {
      method: "POST",
      headers: { authorization: "Bearer test-token" },
    });
    expect(res.status).toBe(405);
  });

  it("MailboxSettings: read with $select; PATCH /Me merges the complex value", async () => {
    const sim = current();
    const client = clientOf(sim);
    const before = await client.me.get({ select: ["MailboxSettings"] });
    expect(before.MailboxSettings).toEqual({
      AutomaticRepliesSetting: expect.objectContaining({ Status: "Disabled", ExternalAudience: "All" }),
      TimeZone: "UTC",
      Language: { Locale: "en-US", DisplayName: "English (United States)" },
    });
    expect(before).not.toHaveProperty("DisplayName");

    await client.me.update({ MailboxSettings: { TimeZone: "Pacific Standard Time" } });
    const after = await client.me.get({ select: ["MailboxSettings"] });
    expect(after.MailboxSettings).toEqual({ ...before.MailboxSettings, TimeZone: "Pacific Standard Time" });

    // Nested complex values merge too; other members stay.
    await client.me.update({
      MailboxSettings: { AutomaticRepliesSetting: { Status: "AlwaysEnabled", InternalReplyMessage: "Out today." } },
    });
    const nested = await client.me.get({ select: ["MailboxSettings"] });
    expect(nested.MailboxSettings).toEqual({
      ...before.MailboxSettings,
      TimeZone: "Pacific Standard Time",
      AutomaticRepliesSetting: {
        ...before.MailboxSettings?.AutomaticRepliesSetting,
        Status: "AlwaysEnabled",
        InternalReplyMessage: "Out today.",
      },
    });
    expect((await client.me.get()).DisplayName).toBe("Alice Adams");

    const sent = drain(sim);
    expect(sent.map((s) => [s.method, s.path, s.query, s.body])).toEqual([
      ["GET", "/Me", { $select: "MailboxSettings" }, undefined],
      ["PATCH", "/Me", {}, { MailboxSettings: { TimeZone: "Pacific Standard Time" } }],
      ["GET", "/Me", { $select: "MailboxSettings" }, undefined],
      [
        "PATCH",
        "/Me",
        {},
        {
          MailboxSettings: { AutomaticRepliesSetting: { Status: "AlwaysEnabled", InternalReplyMessage: "Out today." } },
        },
      ],
      ["GET", "/Me", { $select: "MailboxSettings" }, undefined],
      ["GET", "/Me", {}, undefined],
    ]);
    expectAuthAndAnchor(sent);
    expect(sim.store.mailbox(ALICE, "beta").node.data.MailboxSettings).toMatchObject({
      TimeZone: "Pacific Standard Time",
    });
  });
});
