/**
 * Bound actions and functions (fact sheet §3.1–§3.3, §3.10). Parameters are checked against the
 * operation's declaration in the model (names case-insensitive, unknown ones refused); each
 * operation the simulator implements has a handler keyed by `<binding type>.<name>`.
 */
import type { Operation } from "../../generator/model/types.js";
import { occurrenceOf, reminderView, setOccurrenceProps, snoozeReminder } from "./calendar.js";
import type { RequestContext } from "./context.js";
import { copyFolder, copyMessage, moveFolder, moveMessage, now, touch } from "./entities.js";
import { badRequest, bodyError, methodNotAllowed, notFound, ServiceError } from "./errors.js";
import { empty, json, readJson, type SimResponse } from "./http.js";
import { localName, NS } from "./model.js";
import {
  createReplyDraft,
  type Recipient,
  replyNow,
  type ReplyKind,
  sendDraft,
  sendMail,
  sendMeetingMessage,
} from "./mail.js";
import { isPlainObject, readValue } from "./payload.js";
import type { EntityRes, OperationRes } from "./resolve.js";
import { canonicalPath, contextUrl, entityJson } from "./serialize.js";
import type { EntityNode, Mailbox } from "./store.js";
import { dateTimeTimeZone, toInstant } from "./time.js";

type Params = ReadonlyMap<string, unknown>;
type Handler = (ctx: RequestContext, mb: Mailbox, binding: EntityRes, params: Params) => SimResponse;

/** The operation's parameters from the JSON body (actions) or the call's inline arguments (functions). */
function readParams(ctx: RequestContext, op: Operation, res: OperationRes): Map<string, unknown> {
  const out = new Map<string, unknown>();
  let given: [string, unknown][];
  if (op.kind === "action") {
    const body = readJson(ctx.req);
    if (!isPlainObject(body)) throw bodyError("The body of an action must be a JSON object.");
    given = Object.entries(body).filter(([k]) => !k.startsWith("@"));
  } else {
    given = [...res.args];
  }
  for (const [name, value] of given) {
    const p = op.parameters.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!p)
      throw bodyError(
        `The parameter '${name}' is not in scope: ${op.name} takes ${op.parameters.map((x) => x.name).join(", ") || "no parameters"}.`,
      );
    const entityTyped = ctx.service.struct(p.type.name)?.kind === "entity";
    out.set(p.name, entityTyped ? value : readValue(ctx.service, p.type, value, `${op.name}.${p.name}`));
  }
  for (const p of op.parameters) {
    if (!p.nullable && !p.optional && (out.get(p.name) === undefined || out.get(p.name) === null)) {
      throw badRequest("ErrorInvalidParameter", `The parameter '${p.name}' of ${op.name} is required.`);
    }
  }
  return out;
}

const accepted = (): SimResponse => empty(202);

function entityResult(ctx: RequestContext, node: EntityNode, status: number): SimResponse {
  const path = canonicalPath(ctx.presentation, node).replace(/\('[^']*(?:''[^']*)*'\)$/, "");
  const body = entityJson(ctx.presentation, node, {
    declaredType: node.type,
    context: contextUrl(ctx.presentation, `${path}/$entity`),
  });
  return json(status, body, typeof body["@odata.id"] === "string" ? { location: body["@odata.id"] } : {});
}

function storedMessage(ctx: RequestContext, b: EntityRes): EntityNode {
  if (!ctx.service.isA(b.node.type, `${NS}.Message`) || b.node.parentNav !== "Messages") {
    throw badRequest("ErrorInvalidRequest", "This action applies to messages in a mail folder.");
  }
  return b.node;
}

function destination(mb: Mailbox, params: Params): EntityNode {
  const id = params.get("DestinationId");
  if (typeof id !== "string" || id === "") throw badRequest("ErrorInvalidParameter", "DestinationId is required.");
  const folder = mb.folder(id);
  if (!folder) throw notFound("The destination folder was not found.");
  return folder;
}

function reply(kind: ReplyKind, draft: boolean): Handler {
  return (ctx, mb, b, params) => {
    const original = storedMessage(ctx, b);
    const p = {
      comment: params.get("Comment"),
      toRecipients: params.get("ToRecipients"),
      message: params.get("Message"),
    };
    if (draft) return entityResult(ctx, createReplyDraft(mb, original, kind, p), 201);
    replyNow(mb, original, kind, p);
    return accepted();
  };
}

function respond(response: "Accepted" | "Declined" | "TentativelyAccepted", messageType: string): Handler {
  return (_ctx, mb, b, params) => {
    const e = b.node.data;
    setOccurrenceProps(mb, b.node, { ResponseStatus: { Response: response, Time: now(mb) } });
    // SendResponse (default true) tells the organizer, unless the user organizes the meeting.
    const organizer = e.Organizer as Recipient | null | undefined;
    if (params.get("SendResponse") !== false && e.IsOrganizer !== true && organizer?.EmailAddress?.Address) {
      const verb = response === "TentativelyAccepted" ? "Tentative" : response;
      const comment = typeof params.get("Comment") === "string" ? String(params.get("Comment")) : "";
      sendMeetingMessage(
        mb,
        [organizer],
        `${verb}: ${String(e.Subject ?? "")}`,
        comment,
        messageType,
        occurrenceOf(b.node)?.master.id ?? b.node.id,
      );
    }
    return accepted();
  };
}

const HANDLERS: Readonly<Record<string, Handler>> = {
  "User.SendMail": (_ctx, mb, _b, params) => {
    sendMail(mb, params.get("Message"), params.get("SaveToSentItems") !== false);
    return accepted();
  },
  "Message.Send": (ctx, mb, b) => {
    sendDraft(mb, storedMessage(ctx, b));
    return accepted();
  },
  "Message.Reply": reply("reply", false),
  "Message.ReplyAll": reply("replyall", false),
  "Message.Forward": reply("forward", false),
  "Message.CreateReply": reply("reply", true),
  "Message.CreateReplyAll": reply("replyall", true),
  "Message.CreateForward": reply("forward", true),
  "Message.Move": (ctx, mb, b, params) =>
    entityResult(ctx, moveMessage(mb, storedMessage(ctx, b), destination(mb, params)), 201),
  "Message.Copy": (ctx, mb, b, params) =>
    entityResult(ctx, copyMessage(mb, storedMessage(ctx, b), destination(mb, params)), 201),
  "Message.Unsubscribe": (_ctx, _mb, b) => {
    if (b.node.data.UnsubscribeEnabled !== true)
      throw badRequest("ErrorInvalidRequest", "This message does not support unsubscribing.");
    return accepted();
  },
  "MailFolder.Move": (ctx, mb, b, params) => folderMove(ctx, mb, b, params, false),
  "MailFolder.Copy": (ctx, mb, b, params) => folderMove(ctx, mb, b, params, true),
  "Folder.Move": (ctx, mb, b, params) => folderMove(ctx, mb, b, params, false),
  "Folder.Copy": (ctx, mb, b, params) => folderMove(ctx, mb, b, params, true),
  "Event.Accept": respond("Accepted", "MeetingAccepted"),
  "Event.Decline": respond("Declined", "MeetingDeclined"),
  "Event.TentativelyAccept": respond("TentativelyAccepted", "MeetingTentativelyAccepted"),
  "Event.DismissReminder": (_ctx, mb, b) => {
    setOccurrenceProps(mb, b.node, { IsReminderOn: false });
    return accepted();
  },
  "Event.SnoozeReminder": (_ctx, mb, b, params) => {
    snoozeReminder(mb, b.node, params.get("NewReminderTime"));
    return accepted();
  },
  "Event.Cancel": (_ctx, mb, b, params) => {
    const e = b.node.data;
    if (e.IsOrganizer !== true) throw badRequest("ErrorInvalidRequest", "Only the organizer can cancel a meeting.");
    setOccurrenceProps(mb, b.node, { IsCancelled: true });
    const attendees = Array.isArray(e.Attendees) ? (e.Attendees as Recipient[]) : [];
    if (attendees.length > 0) {
      const comment = typeof params.get("Comment") === "string" ? String(params.get("Comment")) : "";
      sendMeetingMessage(
        mb,
        attendees.map((a) => ({ EmailAddress: a.EmailAddress })),
        `Canceled: ${String(e.Subject ?? "")}`,
        comment,
        "MeetingCancelled",
        b.node.id,
      );
    }
    return accepted();
  },
  "Task.Complete": (ctx, mb, b) => {
    const t = b.node;
    t.data.Status = "Completed";
    t.data.CompletedDateTime = dateTimeTimeZone(Date.parse(`${now(mb).slice(0, 10)}T00:00:00Z`));
    touch(mb, t);
    ctx.store.record(ctx.vstore, "updated", t);
    const value = [entityJson(ctx.presentation, t, { declaredType: `${NS}.Task` })];
    return json(200, { "@odata.context": contextUrl(ctx.presentation, "Me/Tasks"), value });
  },
  "User.ReminderView": reminders,
  "User.ReminderView_IgnoreThis": reminders,
};

function reminders(ctx: RequestContext, mb: Mailbox, _b: EntityRes, params: Params): SimResponse {
  const from = toInstant(params.get("StartDateTime"), "UTC");
  const to = toInstant(params.get("EndDateTime"), "UTC");
  if (Number.isNaN(from) || Number.isNaN(to)) {
    throw badRequest(
      "ErrorInvalidParameter",
      "ReminderView needs StartDateTime and EndDateTime as ISO 8601 date-times.",
    );
  }
  return json(200, {
    "@odata.context": contextUrl(ctx.presentation, `Collection(${NS}.Reminder)`),
    value: reminderView(mb, from, to),
  });
}

function folderMove(ctx: RequestContext, mb: Mailbox, b: EntityRes, params: Params, copy: boolean): SimResponse {
  const folder = b.node;
  if (folder === mb.rootFolder || [...mb.wellKnown.values()].includes(folder)) {
    throw badRequest(
      copy ? "ErrorCopyDistinguishedFolder" : "ErrorMoveDistinguishedFolder",
      "Distinguished folders cannot be moved or copied.",
    );
  }
  const dest = destination(mb, params);
  return entityResult(ctx, copy ? copyFolder(mb, folder, dest) : moveFolder(mb, folder, dest), 201);
}

export function invokeOperation(ctx: RequestContext, res: OperationRes): SimResponse {
  const op = res.op;
  const expected = op.kind === "action" ? "POST" : "GET";
  if (ctx.method !== expected)
    throw methodNotAllowed(`${op.name} is ${op.kind === "action" ? "an action: use POST" : "a function: use GET"}.`);
  if (res.binding.kind !== "entity")
    throw new ServiceError(501, "ErrorNotImplemented", `${op.name} on a collection is not simulated.`);
  const bindingType = localName(op.bindingParameter?.type.name ?? "");
  const handler = HANDLERS[`${bindingType}.${op.name}`];
  const mb = res.mailbox;
  if (!handler || !mb)
    throw new ServiceError(
      501,
      "ErrorNotImplemented",
      `The simulator does not implement ${op.qualifiedName} on ${bindingType}.`,
    );
  const params = readParams(ctx, op, res);
  return handler(ctx, mb, res.binding, params);
}
