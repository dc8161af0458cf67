/**
 * Groups and conversations (fact sheet §3.12, v2.0 and beta) and the beta operations the core leaves out
 * (§3.2 Event.Checkin, §3.9 User.TrendingAround and User.WorkingWith). `installGroups(sim)` seeds every
 * version that has a Groups entity set with two groups, each with a conversation, a thread and a post,
 * and registers:
 *
 * - a path route for `Groups('id')/Threads…` and `Groups('id')/Conversations…` (the core resolver cannot
 *   navigate below a group: it has no mailbox). It resolves the path itself into the core's resources
 *   and hands them to the router, so reads, listing ($filter, $orderby, $top, $count, paging) and
 *   `$count` are the core's; the routes below take the rest.
 * - "first" routes for: POST `Groups('id')/Threads` (a thread with its first post; a new conversation),
 *   POST `Groups('id')/Conversations('id')/Threads` (a thread in that conversation), POST
 *   `Groups('id')/Conversations` (a conversation with its threads); `ConversationThread.Reply(Post)` and
 *   `Post.Reply(Post)` (202; the post joins the thread, InReplyTo points at the post replied to — the
 *   thread's last post for a thread reply); `Post.Forward(Comment, ToRecipients)` (202; mails the post
 *   from the signed-in user, delivered to simulated recipients and kept in Sent Items; the thread is
 *   unchanged); the group actions SubscribeByMail, UnsubscribeByMail, AddFavorite, RemoveFavorite and
 *   ResetUnseenCount (204; IsSubscribedByMail, IsFavorite, UnseenCount = 0); [beta] `Event.Checkin(…)`
 *   (202; the parameters are kept on the event); [beta] `User.TrendingAround()` and `User.WorkingWith()`
 *   (a fixed collection: three Files, and the other simulated users as WorkingWithEntity).
 *
 * Replies in a locked thread (IsLocked) answer 400. Posts, threads and conversations cannot be updated or
 * deleted (the core answers 501 for entities without a mailbox). Message.Unsubscribe is the core's (actions.ts).
 */
import { createHash } from "node:crypto";
import type { NavigationProperty, Operation } from "../../generator/model/types.js";
import type { RequestContext } from "./context.js";
import { badRequest, bodyError, notFound, segmentNotFound, ServiceError } from "./errors.js";
import { empty, json, readJson, type SimResponse } from "./http.js";
import { IdSource, toBase64Url } from "./ids.js";
import { sendMail } from "./mail.js";
import { localName, NS } from "./model.js";
import { isPlainObject, readEntityPayload, readValue } from "./payload.js";
import type { CollectionRes, EntityRes, OperationRes, Resource } from "./resolve.js";
import { entityResponse, type PathRoute, type Route, type Router } from "./routes.js";
import { contextUrl } from "./serialize.js";
import { EntityNode, type Store, type VersionStore } from "./store.js";
import { isoSeconds } from "./time.js";
import { parseKey, type Segment } from "./url.js";
import type { CollectionView } from "./views.js";

const GROUP = `${NS}.Group`;
const CONVERSATION = `${NS}.Conversation`;
const THREAD = `${NS}.ConversationThread`;
const POST = `${NS}.Post`;

interface Recipient {
  EmailAddress: { Name: string; Address: string };
}

const recipient = (name: string, address: string): Recipient => ({ EmailAddress: { Name: name, Address: address } });

// ---- seed ------------------------------------------------------------------------------------------

interface GroupSeed {
  readonly data: Record<string, unknown>;
  readonly topic: string;
  readonly from: Recipient;
  readonly body: string;
  readonly at: string;
}

/** The seeded groups (same in every version; the ids below them come from a fixed seed too). */
export const SEEDED_GROUPS: readonly GroupSeed[] = [
  {
    data: {
      Id: "5b2f1c1e-8a3d-4f6e-9b7a-1c2d3e4f5a6b",
      DisplayName: "Contoso Marketing",
      Description: "Campaigns, launches and the brand.",
      EmailAddress: "marketing@contoso.com",
      AccessType: "Public",
      AllowExternalSenders: false,
      AutoSubscribeNewMembers: true,
      IsFavorite: false,
      IsSubscribedByMail: false,
      UnseenCount: 3,
    },
    topic: "Spring launch plan",
    from: recipient("Bob Brown", "bob@contoso.com"),
    body: "Here is the first draft of the launch plan.",
    at: "2024-03-04T09:30:00Z",
  },
  {
    data: {
      Id: "c0ffee00-1d2e-4f3a-8b4c-5d6e7f8a9b0c",
      DisplayName: "Project Falcon",
      Description: "The Falcon project team.",
      EmailAddress: "falcon@contoso.com",
      AccessType: "Private",
      AllowExternalSenders: false,
      AutoSubscribeNewMembers: false,
      IsFavorite: true,
      IsSubscribedByMail: true,
      UnseenCount: 0,
    },
    topic: "Kickoff",
    from: recipient("Alice Adams", "alice@contoso.com"),
    body: "Welcome to Falcon! Kickoff is on Monday.",
    at: "2024-03-05T14:00:00Z",
  },
];

const SEED = 0x67726f75; // "grou"

function seedGroups(vs: VersionStore): void {
  const ids = new IdSource(SEED);
  for (const g of SEEDED_GROUPS) {
    if (vs.groups.some((x) => x.id === g.data.Id)) continue;
    const group = new EntityNode(GROUP, { ...g.data });
    vs.groups.push(group);
    const conversation = group.add("Conversations", new EntityNode(CONVERSATION, { Id: ids.id("AAQk") }));
    const thread = newThread(ids, group, conversation, { Topic: g.topic });
    addPostNode(thread, {
      id: ids.id("AAMk"),
      changeKey: ids.changeKey(),
      at: g.at,
      from: g.from,
      props: { Body: { ContentType: "Text", Content: g.body } },
      attachments: [],
      inReplyTo: undefined,
    });
  }
}

// ---- the data ----------------------------------------------------------------------------------------

const groupOfNode = (n: EntityNode): EntityNode | undefined => n.ancestor((x) => x.type === GROUP);
const conversationOf = (thread: EntityNode): EntityNode | undefined =>
  thread.hidden.conversation as EntityNode | undefined;
const posts = (thread: EntityNode): EntityNode[] => [...(thread.navs.get("Posts") ?? [])];
const threadsOf = (group: EntityNode, conversation?: EntityNode): EntityNode[] =>
  (group.navs.get("Threads") ?? []).filter((t) => conversation === undefined || conversationOf(t) === conversation);

function newThread(
  ids: IdSource,
  group: EntityNode,
  conversation: EntityNode,
  props: Record<string, unknown>,
): EntityNode {
  const groupRecipient = recipient(String(group.data.DisplayName ?? ""), String(group.data.EmailAddress ?? ""));
  const thread = new EntityNode(THREAD, {
    Id: ids.id("AAQk"),
    Topic: props.Topic ?? conversation.data.Topic ?? "",
    ToRecipients: props.ToRecipients ?? [groupRecipient],
    CcRecipients: props.CcRecipients ?? [],
    IsLocked: props.IsLocked ?? false,
  });
  thread.hidden.conversation = conversation;
  group.add("Threads", thread);
  if (conversation.data.Topic === undefined) conversation.data.Topic = thread.data.Topic;
  return thread;
}

interface NewPost {
  readonly id: string;
  readonly changeKey: string;
  readonly at: string;
  readonly from: Recipient;
  /** Client properties (canonical names, already checked). */
  readonly props: Record<string, unknown>;
  readonly attachments: readonly EntityNode[];
  readonly inReplyTo: EntityNode | undefined;
}

function addPostNode(thread: EntityNode, p: NewPost): EntityNode {
  const conversation = conversationOf(thread);
  const post = new EntityNode(POST, {
    Id: p.id,
    ChangeKey: p.changeKey,
    CreatedDateTime: p.at,
    LastModifiedDateTime: p.at,
    Categories: p.props.Categories ?? [],
    Body: p.props.Body ?? { ContentType: "Text", Content: "" },
    ReceivedDateTime: p.at,
    HasAttachments: p.attachments.some((a) => a.data.IsInline !== true),
    From: p.from,
    Sender: p.from,
    ConversationThreadId: thread.id,
    NewParticipants: p.props.NewParticipants ?? [],
    ConversationId: conversation?.id ?? null,
  });
  if (p.inReplyTo) post.hidden.inReplyTo = p.inReplyTo;
  for (const a of p.attachments) post.add("Attachments", a);
  thread.add("Posts", post);
  refresh(thread);
  return post;
}

function plainText(body: unknown): string {
  const b = isPlainObject(body) ? body : {};
  const content = typeof b.Content === "string" ? b.Content : "";
  const text = String(b.ContentType).toLowerCase() === "html" ? content.replace(/<[^>]+>/g, " ") : content;
  return text.replace(/\s+/g, " ").trim().slice(0, 255);
}

/** The computed properties of a thread and of its conversation: last delivery, senders, preview, attachments. */
function refresh(thread: EntityNode): void {
  const summarize = (target: EntityNode, list: EntityNode[]): void => {
    const last = list.at(-1);
    const senders = new Set<string>();
    for (const p of list) {
      const from = p.data.From as Recipient | undefined;
      const name = from?.EmailAddress.Name || from?.EmailAddress.Address;
      if (name) senders.add(name);
    }
    target.data.HasAttachments = list.some((p) => p.data.HasAttachments === true);
    target.data.LastDeliveredDateTime = last?.data.ReceivedDateTime ?? null;
    target.data.UniqueSenders = [...senders];
    target.data.Preview = last ? plainText(last.data.Body) : "";
    target.revision++;
  };
  summarize(thread, posts(thread));
  const conversation = conversationOf(thread);
  const group = groupOfNode(thread);
  if (conversation && group) {
    const all = threadsOf(group, conversation)
      .flatMap(posts)
      .sort((a, b) => String(a.data.ReceivedDateTime).localeCompare(String(b.data.ReceivedDateTime)));
    summarize(conversation, all);
  }
}

// ---- resolving paths below a group --------------------------------------------------------------------

const CONTENT_NAVS = new Set(["threads", "conversations"]);
const keyText = (key: string): string => `('${key.replace(/'/g, "''")}')`;

/** `Groups('id')/Threads…` or `Groups/id/Conversations…`: the group key and where the navigation starts. */
function groupPath(ctx: RequestContext): { key: string; next: number } | undefined {
  const [first, second, third] = ctx.segments;
  if (!first || first.name.toLowerCase() !== "groups" || !ctx.service.entitySets.has("groups")) return undefined;
  if (first.args !== undefined) {
    return second && CONTENT_NAVS.has(second.name.toLowerCase())
      ? { key: parseKey(first.args, "Id"), next: 1 }
      : undefined;
  }
  return second && third && CONTENT_NAVS.has(third.name.toLowerCase()) ? { key: second.text, next: 2 } : undefined;
}

function viewOf(owner: EntityNode, nav: NavigationProperty): CollectionView {
  const group = groupOfNode(owner);
  let list: () => EntityNode[];
  if (owner.type === GROUP && nav.name === "Threads") list = () => threadsOf(owner);
  else if (owner.type === CONVERSATION && nav.name === "Threads" && group) list = () => threadsOf(group, owner);
  else list = () => [...(owner.navs.get(nav.name) ?? [])];
  return { list, find: (k) => list().find((n) => n.id === k) };
}

function resolveGroupPath(ctx: RequestContext, start: { key: string; next: number }): Resource {
  const set = ctx.service.entitySets.get("groups");
  const group = ctx.vstore.groups.find((g) => g.id === start.key);
  if (!set || !group) throw notFound();
  let current: Resource = {
    kind: "entity",
    node: group,
    declaredType: set.entityType,
    type: group.type,
    nav: undefined,
    caps: set.capabilities,
    mailbox: undefined,
    path: `${set.name}${keyText(start.key)}`,
    context: `${set.name}/$entity`,
  };
  const segments = ctx.segments.slice(start.next);
  segments.forEach((seg, i) => {
    current = step(ctx, current, seg, i === segments.length - 1);
  });
  return current;
}

function keyed(ctx: RequestContext, c: CollectionRes, key: string): EntityRes {
  const node = c.view.find(key, ctx.query.custom);
  if (!node) throw notFound();
  return {
    kind: "entity",
    node,
    declaredType: c.declaredType,
    type: node.type,
    nav: c.nav,
    caps: c.caps,
    mailbox: undefined,
    path: `${c.path}${keyText(key)}`,
    context: `${c.path}/$entity`,
  };
}

function step(ctx: RequestContext, current: Resource, seg: Segment, last: boolean): Resource {
  const s = ctx.service;
  if (current.kind === "collection") {
    if (seg.text.toLowerCase() === "$count" && last) return { kind: "count", of: current };
    if (seg.args === undefined && !seg.text.startsWith("$")) return keyed(ctx, current, seg.text);
    throw segmentNotFound(seg.text);
  }
  if (current.kind === "property" && last) {
    const p = s.struct(current.type.name)?.properties.get(seg.name.toLowerCase());
    if (!p || current.type.collection || seg.args !== undefined) throw segmentNotFound(seg.text);
    return { ...current, props: [...current.props, p], type: p.type, path: `${current.path}/${p.name}` };
  }
  if (current.kind !== "entity") throw segmentNotFound(seg.text);
  const node = current.node;
  const nav = s.navigation(node.type, seg.name);
  if (nav) {
    const path = `${current.path}/${nav.name}`;
    if (nav.type.collection) {
      const coll: CollectionRes = {
        kind: "collection",
        view: viewOf(node, nav),
        declaredType: nav.type.name,
        type: nav.type.name,
        nav,
        caps: nav.capabilities,
        owner: node,
        mailbox: undefined,
        path,
      };
      return seg.args !== undefined ? keyed(ctx, coll, parseKey(seg.args, "Id")) : coll;
    }
    if (seg.args !== undefined) throw segmentNotFound(seg.text);
    const target =
      nav.name === "InReplyTo" ? (node.hidden.inReplyTo as EntityNode | undefined) : node.navs.get(nav.name)?.[0];
    if (!target) throw notFound();
    return {
      kind: "entity",
      node: target,
      declaredType: nav.type.name,
      type: target.type,
      nav,
      caps: nav.capabilities,
      mailbox: undefined,
      path,
      context: `${path}/$entity`,
    };
  }
  const p = s.property(node.type, seg.name);
  if (p && seg.args === undefined) {
    return {
      kind: "property",
      entity: current,
      props: [p],
      type: p.type,
      mailbox: undefined,
      path: `${current.path}/${p.name}`,
    };
  }
  const op = s.boundOperation(node.type, seg.name, false);
  if (op && last && (seg.args === undefined || seg.args.trim() === "")) {
    return { kind: "operation", op, binding: current, args: new Map(), mailbox: undefined };
  }
  throw segmentNotFound(seg.text);
}

// ---- operations ------------------------------------------------------------------------------------------

type Params = ReadonlyMap<string, unknown>;
type Handler = (ctx: RequestContext, binding: EntityRes, params: Params) => SimResponse;

/** An action's parameters from its JSON body (names case-insensitive; unknown ones refused; required ones checked). */
function readParams(ctx: RequestContext, op: Operation): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (op.kind === "function") return out; // the functions simulated here take no parameters
  const body = readJson(ctx.req);
  if (!isPlainObject(body)) throw bodyError("The body of an action must be a JSON object.");
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith("@")) continue;
    const p = op.parameters.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!p) {
      throw bodyError(
        `The parameter '${name}' is not in scope: ${op.name} takes ${op.parameters.map((x) => x.name).join(", ") || "no parameters"}.`,
      );
    }
    const entityTyped = ctx.service.struct(p.type.name)?.kind === "entity";
    out.set(p.name, entityTyped ? value : readValue(ctx.service, p.type, value, `${op.name}.${p.name}`));
  }
  for (const p of op.parameters) {
    if (!p.nullable && (out.get(p.name) === undefined || out.get(p.name) === null)) {
      throw badRequest("ErrorInvalidParameter", `The parameter '${p.name}' of ${op.name} is required.`);
    }
  }
  return out;
}

/** A post from the signed-in user, from the `Post` parameter of a reply. */
function replyPost(ctx: RequestContext, thread: EntityNode, value: unknown, inReplyTo: EntityNode | undefined): void {
  const payload = readEntityPayload(ctx.service, POST, value);
  const at = isoSeconds(ctx.store.now());
  const attachments: EntityNode[] = [];
  for (const [nav, content] of payload.navs) {
    if (nav !== "Attachments")
      throw new ServiceError(501, "ErrorNotImplemented", `${nav} on a new post is not simulated.`);
    if (!Array.isArray(content)) throw bodyError("Attachments must be a JSON array.");
    for (const raw of content) {
      const a = readEntityPayload(ctx.service, `${NS}.Attachment`, raw);
      if (ctx.service.entity(a.type).abstract) throw bodyError("Name the attachment's type in @odata.type.");
      const bytes = typeof a.props.ContentBytes === "string" ? Buffer.from(a.props.ContentBytes, "base64").length : 0;
      attachments.push(
        new EntityNode(a.type, {
          ContentType: "application/octet-stream",
          IsInline: false,
          ...a.props,
          Id: ctx.store.ids.id(),
          LastModifiedDateTime: at,
          Size: bytes,
        }),
      );
    }
  }
  addPostNode(thread, {
    id: ctx.store.ids.id(),
    changeKey: ctx.store.ids.changeKey(),
    at,
    from: recipient(ctx.me.displayName, ctx.me.upn),
    props: payload.props,
    attachments,
    inReplyTo,
  });
}

function checkOpen(thread: EntityNode): EntityNode {
  if (thread.data.IsLocked === true)
    throw badRequest("ErrorInvalidRequest", "The thread is locked: it takes no replies.");
  return thread;
}

const setFlag =
  (name: string, value: unknown): Handler =>
  (_ctx, b) => {
    b.node.data[name] = value;
    b.node.revision++;
    return empty(204);
  };

function collection(ctx: RequestContext, type: string, value: Record<string, unknown>[]): SimResponse {
  return json(200, { "@odata.context": contextUrl(ctx.presentation, `Collection(${NS}.${type})`), value });
}

/** A stable id from text (base64url, so `-`, `_` and `=` occur). */
const stableId = (text: string): string =>
  `AAMk${toBase64Url(createHash("sha256").update(text).digest().subarray(0, 25))}`;

const TRENDING: readonly { name: string; created: string; modified: string }[] = [
  { name: "Q2 Budget.xlsx", created: "2024-02-12T08:00:00Z", modified: "2024-03-01T16:45:00Z" },
  { name: "Launch Roadmap.pptx", created: "2024-01-22T10:30:00Z", modified: "2024-02-28T09:10:00Z" },
  { name: "Team Notes.docx", created: "2023-11-03T13:00:00Z", modified: "2024-02-20T11:05:00Z" },
];

const HANDLERS: Readonly<Record<string, Handler>> = {
  "Group.SubscribeByMail": setFlag("IsSubscribedByMail", true),
  "Group.UnsubscribeByMail": setFlag("IsSubscribedByMail", false),
  "Group.AddFavorite": setFlag("IsFavorite", true),
  "Group.RemoveFavorite": setFlag("IsFavorite", false),
  "Group.ResetUnseenCount": setFlag("UnseenCount", 0),
  "ConversationThread.Reply": (ctx, b, params) => {
    replyPost(ctx, checkOpen(b.node), params.get("Post"), posts(b.node).at(-1));
    return empty(202);
  },
  "Post.Reply": (ctx, b, params) => {
    const thread = b.node.parent;
    if (!thread) throw notFound();
    replyPost(ctx, checkOpen(thread), params.get("Post"), b.node);
    return empty(202);
  },
  "Post.Forward": (ctx, b, params) => {
    const to = params.get("ToRecipients");
    if (!Array.isArray(to) || to.length === 0) {
      throw badRequest("ErrorInvalidRecipients", "At least one recipient is required to forward a post.");
    }
    const mb = ctx.vstore.mailbox(ctx.me.upn);
    if (!mb) throw notFound();
    const escape = (t: string): string => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const comment = typeof params.get("Comment") === "string" ? String(params.get("Comment")) : "";
    const body = b.node.data.Body as { ContentType?: string; Content?: string } | null | undefined;
    const original =
      String(body?.ContentType).toLowerCase() === "html" ? (body?.Content ?? "") : escape(body?.Content ?? "");
    sendMail(
      mb,
      {
        Subject: `FW: ${String(b.node.parent?.data.Topic ?? "")}`,
        Body: { ContentType: "HTML", Content: `<html><body>${escape(comment)}<hr>${original}</body></html>` },
        ToRecipients: to,
      },
      true,
    );
    return empty(202);
  },
  "Event.Checkin": (_ctx, b, params) => {
    b.node.hidden.checkin = Object.fromEntries(params);
    return empty(202);
  },
  "User.TrendingAround": (ctx, b) => {
    const upn = ctx.store.users.find((u) => u.id === b.node.id)?.upn ?? ctx.me.upn;
    const site = `https://contoso-my.sharepoint.com/personal/${upn.replace(/[@.]/g, "_")}/Documents`;
    return collection(
      ctx,
      "File",
      TRENDING.map((f) => ({
        Id: stableId(`${b.node.id}/${f.name}`),
        Name: f.name,
        DateTimeCreated: f.created,
        DateTimeLastModified: f.modified,
        WebUrl: `${site}/${encodeURIComponent(f.name)}`,
        EntityACL: null,
      })),
    );
  },
  "User.WorkingWith": (ctx, b) =>
    collection(
      ctx,
      "WorkingWithEntity",
      ctx.store.users
        .filter((u) => u.id !== b.node.id)
        .map((u) => ({
          Id: stableId(`${b.node.id}/${u.id}`),
          PreferredName: u.displayName,
          Email: u.upn,
          EntityACL: null,
        })),
    ),
};

const handlerKey = (op: Operation): string => `${localName(op.bindingParameter?.type.name ?? "")}.${op.name}`;

function invoke(ctx: RequestContext, r: OperationRes): SimResponse {
  const op = r.op;
  const expected = op.kind === "action" ? "POST" : "GET";
  if (ctx.method !== expected) {
    throw new ServiceError(
      405,
      "ErrorInvalidRequest",
      `${op.name} is ${op.kind === "action" ? "an action: use POST" : "a function: use GET"}.`,
    );
  }
  const handler = HANDLERS[handlerKey(op)];
  if (!handler || r.binding.kind !== "entity")
    throw new ServiceError(501, "ErrorNotImplemented", `${op.name} is not simulated here.`);
  return handler(ctx, r.binding, readParams(ctx, op));
}

// ---- creating threads and conversations -------------------------------------------------------------------

/** A thread (with its posts) from a POST body; in `conversation`, else in a new conversation. */
function createThread(
  ctx: RequestContext,
  group: EntityNode,
  conversation: EntityNode | undefined,
  body: unknown,
): EntityNode {
  const payload = readEntityPayload(ctx.service, THREAD, body);
  const postsIn = payload.navs.get("Posts");
  for (const nav of payload.navs.keys()) if (nav !== "Posts") throw bodyError(`${nav} cannot be set on a new thread.`);
  if (!Array.isArray(postsIn) || postsIn.length === 0) {
    throw badRequest("ErrorInvalidRequest", "A new thread needs its first post in Posts.");
  }
  const topic = payload.props.Topic ?? conversation?.data.Topic;
  if (typeof topic !== "string" || topic === "") throw badRequest("ErrorInvalidRequest", "A new thread needs a Topic.");
  const conv =
    conversation ?? group.add("Conversations", new EntityNode(CONVERSATION, { Id: ctx.store.ids.id("AAQk") }));
  const thread = newThread(ctx.store.ids, group, conv, { ...payload.props, Topic: topic });
  let previous: EntityNode | undefined;
  for (const p of postsIn) {
    replyPost(ctx, thread, p, previous);
    previous = posts(thread).at(-1);
  }
  return thread;
}

function created(ctx: RequestContext, c: CollectionRes, node: EntityNode): SimResponse {
  const e: EntityRes = {
    kind: "entity",
    node,
    declaredType: c.declaredType,
    type: node.type,
    nav: c.nav,
    caps: c.caps,
    mailbox: undefined,
    path: `${c.path}${keyText(node.id)}`,
    context: `${c.path}/$entity`,
  };
  return entityResponse(ctx, e, 201);
}

function createInGroup(ctx: RequestContext, c: CollectionRes): SimResponse {
  if (c.caps.insertable === false)
    throw new ServiceError(405, "ErrorInvalidRequest", `${c.path} does not support inserts.`);
  const owner = c.owner;
  const group = owner ? groupOfNode(owner) : undefined;
  if (!owner || !group) throw notFound();
  const body = readJson(ctx.req);
  if (c.nav?.name === "Threads") {
    return created(ctx, c, createThread(ctx, group, owner.type === CONVERSATION ? owner : undefined, body));
  }
  // POST Groups('id')/Conversations: {Topic, Threads: [{Posts: [...]}]}
  const payload = readEntityPayload(ctx.service, CONVERSATION, body);
  const threads = payload.navs.get("Threads");
  if (!Array.isArray(threads) || threads.length === 0) {
    throw badRequest("ErrorInvalidRequest", "A new conversation needs a thread in Threads.");
  }
  const topic = payload.props.Topic;
  const conversation = new EntityNode(CONVERSATION, { Id: ctx.store.ids.id("AAQk") });
  if (typeof topic === "string" && topic !== "") conversation.data.Topic = topic;
  group.add("Conversations", conversation);
  try {
    for (const t of threads)
      createThread(
        ctx,
        group,
        conversation,
        isPlainObject(t) && topic !== undefined && t.Topic === undefined ? { ...t, Topic: topic } : t,
      );
  } catch (e) {
    for (const t of threadsOf(group, conversation)) t.detach();
    conversation.detach();
    throw e;
  }
  return created(ctx, c, conversation);
}

// ---- installing --------------------------------------------------------------------------------------------

const installed = new WeakSet<Router>();

/** Adds groups and conversations to a simulator (`installGroups(sim)`); a second call for the same router only seeds. */
export function installGroups(sim: { readonly router: Router; readonly store: Store }): void {
  for (const v of ["v2.0", "beta"] as const) {
    const vs = sim.store.version(v);
    if (vs.service.entitySets.has("groups")) seedGroups(vs);
  }
  if (installed.has(sim.router)) return;
  installed.add(sim.router);
  const router = sim.router;
  const content: PathRoute = {
    name: "group-content",
    match: (ctx) => groupPath(ctx) !== undefined,
    handle: (ctx) => {
      const start = groupPath(ctx);
      if (!start) throw notFound();
      return router.dispatch(ctx, resolveGroupPath(ctx, start));
    },
  };
  router.usePath(content);
  const routes: Route[] = [
    {
      name: "group-operations",
      match: (_ctx, r) => r.kind === "operation" && HANDLERS[handlerKey(r.op)] !== undefined,
      handle: (ctx, r) => invoke(ctx, r as OperationRes),
    },
    {
      name: "group-create",
      match: (ctx, r) =>
        ctx.method === "POST" &&
        r.kind === "collection" &&
        r.owner !== undefined &&
        r.mailbox === undefined &&
        ((r.nav?.name === "Threads" && (r.owner.type === GROUP || r.owner.type === CONVERSATION)) ||
          (r.nav?.name === "Conversations" && r.owner.type === GROUP)),
      handle: (ctx, r) => createInGroup(ctx, r as CollectionRes),
    },
  ];
  for (const r of routes) router.use(r, "first");
}
