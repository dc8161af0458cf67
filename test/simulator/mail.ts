/**
 * Mail flow (fact sheet §3.1): sending (SendMail, Send), replies and forwards, and delivery to
 * the Inbox of every recipient who is a simulated user (in the same API version).
 */
import { badRequest, bodyError } from "./errors.js";
import { cloneNode, createEntity, MANAGED, moveMessage, now, receivedName, sentName } from "./entities.js";
import { NS } from "./model.js";
import { isPlainObject, readEntityPayload } from "./payload.js";
import { EntityNode, type Mailbox } from "./store.js";

export interface Recipient {
  EmailAddress: { Name?: string | null; Address?: string | null };
}

export function meAsRecipient(mb: Mailbox): Recipient {
  return { EmailAddress: { Name: mb.user.displayName, Address: mb.user.upn } };
}

const addressOf = (r: unknown): string | undefined => {
  const a = (r as Recipient | null)?.EmailAddress?.Address;
  return typeof a === "string" ? a : undefined;
};

function recipients(d: Record<string, unknown>, ...names: string[]): Recipient[] {
  return names.flatMap((n) => (Array.isArray(d[n]) ? (d[n] as Recipient[]) : []));
}

/** A message becomes sent: not a draft, from the user, with send and receive times. */
function finalize(mb: Mailbox, msg: EntityNode): void {
  const s = mb.service;
  const d = msg.data;
  d.IsDraft = false;
  d.IsRead = true;
  if (!d.From) d.From = meAsRecipient(mb);
  if (!d.Sender) d.Sender = d.From;
  const stamp = now(mb);
  const sent = sentName(s, msg.type);
  if (sent) d[sent] = stamp;
  const received = receivedName(s, msg.type);
  if (received) d[received] = stamp;
}

/** Copies a sent message into the Inbox of each recipient that is a simulated user. */
export function deliver(mb: Mailbox, msg: EntityNode): void {
  const seen = new Set<string>();
  for (const r of recipients(msg.data, "ToRecipients", "CcRecipients", "BccRecipients")) {
    const address = addressOf(r)?.toLowerCase();
    if (!address || seen.has(address)) continue;
    seen.add(address);
    const user = mb.store.root.user(address);
    if (!user) continue;
    const target = mb.store.mailbox(user.upn);
    const inbox = target?.wellKnown.get("inbox");
    if (!target || !inbox) continue;
    const copy = cloneNode(target, msg);
    copy.data.ParentFolderId = inbox.id;
    copy.data.IsRead = false;
    copy.data.IsDraft = false;
    if (target.service.hasProperty(copy.type, "BccRecipients")) copy.data.BccRecipients = [];
    const received = receivedName(target.service, copy.type);
    if (received) copy.data[received] = now(target);
    inbox.add("Messages", copy);
    target.store.root.record(target.store, "created", copy);
  }
}

function requireRecipients(d: Record<string, unknown>): void {
  if (recipients(d, "ToRecipients", "CcRecipients", "BccRecipients").length === 0) {
    throw badRequest(
      "ErrorInvalidRecipients",
      "At least one recipient isn't valid., A message can't be sent because it contains no recipients.",
    );
  }
}

/** A folder outside the tree, for messages that are built before they are filed. */
function scratch(mb: Mailbox): EntityNode {
  return new EntityNode(mb.folderType, { Id: "scratch" });
}

function file(mb: Mailbox, msg: EntityNode, folder: EntityNode): void {
  msg.detach();
  msg.data.ParentFolderId = folder.id;
  folder.add("Messages", msg);
  mb.store.root.record(mb.store, "created", msg);
}

/** User.SendMail: sends a new message; keeps a copy in Sent Items unless SaveToSentItems is false. */
export function sendMail(mb: Mailbox, message: unknown, save: boolean): void {
  if (!isPlainObject(message)) throw bodyError("The Message parameter is required.");
  const msg = createEntity(mb, scratch(mb), "Messages", `${NS}.Message`, message);
  requireRecipients(msg.data);
  finalize(mb, msg);
  deliver(mb, msg);
  const sent = mb.wellKnown.get("sentitems");
  if (save && sent) file(mb, msg, sent);
}

/** Message.Send: sends a draft, which moves to Sent Items (with a new id). */
export function sendDraft(mb: Mailbox, msg: EntityNode): void {
  if (msg.data.IsDraft !== true) throw badRequest("ErrorInvalidOperation", "Only a draft can be sent.");
  requireRecipients(msg.data);
  finalize(mb, msg);
  deliver(mb, msg);
  const sent = mb.wellKnown.get("sentitems");
  if (sent) moveMessage(mb, msg, sent);
}

export type ReplyKind = "reply" | "replyall" | "forward";

export interface ReplyParams {
  readonly comment?: unknown;
  readonly toRecipients?: unknown;
  /** [beta] the Message parameter: properties of the reply. */
  readonly message?: unknown;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The properties of a reply or forward of `original`. */
function compose(mb: Mailbox, original: EntityNode, kind: ReplyKind, p: ReplyParams): Record<string, unknown> {
  const s = mb.service;
  const d = original.data;
  const me = mb.user.upn.toLowerCase();
  const notMe = (r: Recipient): boolean => addressOf(r)?.toLowerCase() !== me;
  const prefix = kind === "forward" ? "FW: " : "RE: ";
  const subject = typeof d.Subject === "string" ? d.Subject : "";
  const from = (
    Array.isArray(d.ReplyTo) && d.ReplyTo.length > 0 ? (d.ReplyTo as Recipient[]) : [d.From ?? d.Sender]
  ).filter(Boolean) as Recipient[];
  let to: Recipient[] = [];
  let cc: Recipient[] = [];
  if (kind === "reply") to = from;
  else if (kind === "replyall") {
    const seen = new Set<string>();
    to = [...from, ...recipients(d, "ToRecipients")].filter(notMe).filter((r) => {
      const a = addressOf(r)?.toLowerCase() ?? "";
      if (seen.has(a)) return false;
      seen.add(a);
      return true;
    });
    cc = recipients(d, "CcRecipients").filter(notMe);
  } else if (p.toRecipients !== undefined && p.toRecipients !== null) {
    if (!Array.isArray(p.toRecipients)) throw bodyError("ToRecipients must be an array.");
    to = p.toRecipients as Recipient[];
  }
  const body = d.Body as { ContentType?: string; Content?: string } | null;
  const comment = typeof p.comment === "string" ? p.comment : "";
  const header = `From: ${addressOf(d.From) ?? ""}\nSent: ${String(d[sentName(s, original.type) ?? "SentDateTime"] ?? "")}\nSubject: ${subject}`;
  const html = String(body?.ContentType ?? "").toLowerCase() === "html";
  const content = html
    ? `<html><body><div>${escapeHtml(comment)}</div><hr><div>${escapeHtml(header).replace(/\n/g, "<br>")}</div>${body?.Content ?? ""}</body></html>`
    : `${comment}\n\n-----Original Message-----\n${header}\n\n${body?.Content ?? ""}`;
  const out: Record<string, unknown> = {
    Subject: subject.toUpperCase().startsWith(prefix.toUpperCase()) ? subject : `${prefix}${subject}`,
    Body: { ContentType: html ? "HTML" : "Text", Content: content },
    ToRecipients: to,
    CcRecipients: cc,
  };
  if (s.hasProperty(original.type, "ConversationId")) out.ConversationId = d.ConversationId;
  if (p.message !== undefined && p.message !== null) {
    const extra = readEntityPayload(s, `${NS}.Message`, p.message);
    for (const [k, v] of Object.entries(extra.props)) if (!MANAGED.has(k)) out[k] = v;
  }
  return out;
}

function copyAttachments(mb: Mailbox, from: EntityNode, to: EntityNode): void {
  for (const a of from.navs.get("Attachments") ?? []) to.add("Attachments", cloneNode(mb, a));
}

/** Reply, ReplyAll, Forward: sends at once; the sent message is kept in Sent Items. */
export function replyNow(mb: Mailbox, original: EntityNode, kind: ReplyKind, p: ReplyParams): void {
  if (kind === "forward" && (!Array.isArray(p.toRecipients) || p.toRecipients.length === 0)) {
    const fromMessage = isPlainObject(p.message) ? p.message.ToRecipients : undefined;
    if (!Array.isArray(fromMessage) || fromMessage.length === 0) {
      throw badRequest("ErrorInvalidRecipients", "A forward needs at least one recipient in ToRecipients.");
    }
  }
  const msg = createEntity(mb, scratch(mb), "Messages", `${NS}.Message`, compose(mb, original, kind, p), {
    seed: true,
  });
  if (kind === "forward") copyAttachments(mb, original, msg);
  requireRecipients(msg.data);
  finalize(mb, msg);
  deliver(mb, msg);
  const sent = mb.wellKnown.get("sentitems");
  if (sent) file(mb, msg, sent);
}

/** CreateReply, CreateReplyAll, CreateForward: a draft in Drafts. */
export function createReplyDraft(mb: Mailbox, original: EntityNode, kind: ReplyKind, p: ReplyParams): EntityNode {
  const drafts = mb.wellKnown.get("drafts") ?? mb.rootFolder;
  const msg = createEntity(
    mb,
    drafts,
    "Messages",
    `${NS}.Message`,
    { ...compose(mb, original, kind, p), IsDraft: true, IsRead: true },
    { seed: true },
  );
  if (kind === "forward") copyAttachments(mb, original, msg);
  return msg;
}

/** A meeting message (response or cancellation) to a simulated user's Inbox. */
export function sendMeetingMessage(
  mb: Mailbox,
  to: Recipient[],
  subject: string,
  comment: string,
  meetingMessageType: string,
  eventId: string | undefined,
): void {
  const s = mb.service;
  const en = s.enumType(`${NS}.MeetingMessageType`);
  const member =
    en?.members.find((m) => m.name.toLowerCase() === meetingMessageType.toLowerCase())?.name ??
    en?.members.find(
      (m) => /^MeetingTen\w*Accepted$/.test(m.name) && /^MeetingTen\w*Accepted$/i.test(meetingMessageType),
    )?.name ??
    "None";
  const msg = createEntity(
    mb,
    scratch(mb),
    "Messages",
    `${NS}.EventMessage`,
    {
      "@odata.type": `#${NS}.EventMessage`,
      Subject: subject,
      Body: { ContentType: "Text", Content: comment },
      ToRecipients: to,
      MeetingMessageType: member,
    },
    { seed: true },
  );
  if (eventId) msg.hidden.event = eventId;
  finalize(mb, msg);
  deliver(mb, msg);
}
