/**
 * Entity life cycle: create (with server-set defaults and deep insert), update (PATCH merge,
 * extended properties merged by PropertyId, extensions by id), delete, move and copy, and the
 * properties the service computes (folder counts, HasAttachments, BodyPreview, …). Also the
 * seed every mailbox starts with.
 */
import { badRequest, bodyError, ServiceError } from "./errors.js";
import { NS, type ServiceInfo } from "./model.js";
import { isPlainObject, readEntityPayload } from "./payload.js";
import { EntityNode, type Mailbox, WELL_KNOWN_FOLDERS } from "./store.js";
import { dateTimeTimeZone, isoSeconds, toInstant } from "./time.js";

export interface CreateOptions {
  /** Seeding by a test: every property may be set, including server-managed ones and Id. */
  readonly seed?: boolean;
}

/** Properties the service sets itself; a client's values for them are ignored. */
export const MANAGED: ReadonlySet<string> = new Set([
  "Id",
  "ChangeKey",
  "CreatedDateTime",
  "LastModifiedDateTime",
  "DateTimeCreated",
  "DateTimeLastModified",
  "HasAttachments",
  "BodyPreview",
  "ParentFolderId",
  "ChildFolderCount",
  "UnreadItemCount",
  "TotalItemCount",
  "WebLink",
  "Size",
  "ConversationId",
  "ConversationIndex",
  "IsDraft",
  "ReceivedDateTime",
  "SentDateTime",
  "DateTimeReceived",
  "DateTimeSent",
  "InternetMessageId",
  "iCalUId",
  "IsOrganizer",
  "SeriesMasterId",
  "IsDefaultCalendar",
  "IsDefaultFolder",
  "IsDefaultGroup",
  "WellKnownName",
  "ParentGroupKey",
  "GroupKey",
  "Owner",
]);

const EXTENDED_NAVS = new Set(["SingleValueExtendedProperties", "MultiValueExtendedProperties"]);

export const now = (mb: Mailbox): string => isoSeconds(mb.store.root.now());

/** The first of the names that the type has in this version (v1.0 and v2.0 spell timestamps differently). */
export function propName(service: ServiceInfo, type: string, ...names: string[]): string | undefined {
  return names.find((n) => service.hasProperty(type, n));
}

export const createdName = (s: ServiceInfo, t: string): string | undefined =>
  propName(s, t, "CreatedDateTime", "DateTimeCreated");
export const modifiedName = (s: ServiceInfo, t: string): string | undefined =>
  propName(s, t, "LastModifiedDateTime", "DateTimeLastModified");
export const receivedName = (s: ServiceInfo, t: string): string | undefined =>
  propName(s, t, "ReceivedDateTime", "DateTimeReceived");
export const sentName = (s: ServiceInfo, t: string): string | undefined =>
  propName(s, t, "SentDateTime", "DateTimeSent");

const is = (mb: Mailbox, node: EntityNode | string, base: string): boolean =>
  mb.service.isA(typeof node === "string" ? node : node.type, `${NS}.${base}`);

/** Sets `name` on `data` when the version's type has that property. */
function put(service: ServiceInfo, type: string, data: Record<string, unknown>, name: string, value: unknown): void {
  if (service.hasProperty(type, name)) data[name] = value;
}

/** Normalised form of a MAPI property id: type keyword, GUID and id in one case; names kept. */
export function normalizePropertyId(id: string): string {
  const t = id.trim().replace(/\s+/g, " ");
  const named = /^(\w+) \{([0-9a-f-]+)\} (name|id) (.+)$/i.exec(t);
  if (named) {
    const kind = (named[3] ?? "").toLowerCase();
    const value = kind === "id" ? (named[4] ?? "").toLowerCase() : (named[4] ?? "");
    return `${(named[1] ?? "").toLowerCase()} {${(named[2] ?? "").toUpperCase()}} ${kind} ${value}`;
  }
  return t.toLowerCase();
}

export const EXTENSION_TYPE = `${NS}.OpenTypeExtension`;

/** A data extension's id: `Microsoft.OutlookServices.OpenTypeExtension.<name>` (fact sheet §3.5). */
export const extensionId = (name: string): string => `${EXTENSION_TYPE}.${name}`;

function checkExtensionName(name: unknown): string {
  if (typeof name !== "string" || !/^[A-Za-z][\w-]*(\.[A-Za-z][\w-]*)+$/.test(name)) {
    throw badRequest("ErrorInvalidRequest", "ExtensionName must be a reverse-DNS name such as Com.Contoso.Referral.");
  }
  const labels = name.toLowerCase().split(".");
  const reserved = (l: string | undefined): boolean => l === "microsoft" || l === "onmicrosoft";
  if (reserved(labels[0]) || reserved(labels[1])) {
    throw badRequest("ErrorInvalidRequest", `The extension name '${name}' uses a Microsoft domain, which is reserved.`);
  }
  return name;
}

/** Bumps ChangeKey, the modified timestamp and the revision. */
export function touch(mb: Mailbox, node: EntityNode): void {
  const s = mb.service;
  node.revision++;
  if (s.hasProperty(node.type, "ChangeKey")) node.data.ChangeKey = mb.store.ids.changeKey();
  const modified = modifiedName(s, node.type);
  if (modified) node.data[modified] = now(mb);
}

/** The item (Message, Event, Contact, …) a node belongs to, for touching it when a child changes. */
function owningItem(mb: Mailbox, parent: EntityNode | undefined): EntityNode | undefined {
  return parent && is(mb, parent, "Item") ? parent : undefined;
}

/** Server-set values of a new entity of `type`, before the client's properties. */
function defaults(mb: Mailbox, type: string, parent: EntityNode): Record<string, unknown> {
  const s = mb.service;
  const ids = mb.store.ids;
  const d: Record<string, unknown> = {};
  const set = (name: string, value: unknown): void => put(s, type, d, name, value);
  const stamp = now(mb);
  const key = s.entity(type).key[0] ?? "Id";
  if (key === "Id") d.Id = ids.id();
  set("ChangeKey", ids.changeKey());
  const created = createdName(s, type);
  if (created) d[created] = stamp;
  const modified = modifiedName(s, type);
  if (modified) d[modified] = stamp;
  set("Categories", []);
  const body = { ContentType: "Text", Content: "" };
  if (is(mb, type, "Message")) {
    set("Subject", "");
    set("Body", body);
    set("Importance", "Normal");
    set("IsRead", true);
    set("IsDraft", true);
    for (const n of ["ToRecipients", "CcRecipients", "BccRecipients", "ReplyTo", "UnsubscribeData"]) set(n, []);
    set("Sender", null);
    set("From", null);
    set("IsDeliveryReceiptRequested", false);
    set("IsReadReceiptRequested", false);
    set("InferenceClassification", "Focused");
    set("ConversationId", ids.id("AAQk"));
    set("ConversationIndex", ids.bytes(22).toString("base64"));
    set("InternetMessageId", `<${ids.guid()}@contoso.com>`);
    set("UnsubscribeEnabled", false);
    set("Flag", { FlagStatus: "NotFlagged" });
    const received = receivedName(s, type);
    if (received) d[received] = stamp;
    const sent = sentName(s, type);
    if (sent) d[sent] = null;
    set("MeetingMessageType", "None");
    set(
      "WebLink",
      `https://outlook.office.com/owa/?ItemID=${encodeURIComponent(String(d.Id))}&exvsurl=1&viewmodel=ReadMessageItem`,
    );
  } else if (is(mb, type, "Event")) {
    set("Subject", "");
    set("Body", { ContentType: "HTML", Content: "" });
    set("Importance", "Normal");
    set("Sensitivity", "Normal");
    set("IsAllDay", false);
    set("IsCancelled", false);
    set("IsOrganizer", true);
    set("ResponseRequested", true);
    set("ResponseStatus", { Response: "Organizer", Time: "0001-01-01T00:00:00Z" });
    set("ShowAs", "Busy");
    set("Type", "SingleInstance");
    set("SeriesMasterId", null);
    set("Recurrence", null);
    set("Attendees", []);
    set("Organizer", { EmailAddress: { Name: mb.user.displayName, Address: mb.user.upn } });
    set("Location", { DisplayName: "" });
    set("IsReminderOn", true);
    set("ReminderMinutesBeforeStart", 15);
    set("Reminder", 15);
    set("iCalUId", ids.bytes(24).toString("hex").toUpperCase());
    set(
      "WebLink",
      `https://outlook.office.com/owa/?itemid=${encodeURIComponent(String(d.Id))}&exvsurl=1&path=/calendar/item`,
    );
  } else if (is(mb, type, "Contact")) {
    for (const n of [
      "EmailAddresses",
      "ImAddresses",
      "HomePhones",
      "BusinessPhones",
      "Children",
      "Phones",
      "PostalAddresses",
      "Websites",
    ])
      set(n, []);
  } else if (is(mb, type, "Task")) {
    set("Subject", "");
    set("Body", body);
    set("Status", "NotStarted");
    set("Importance", "Normal");
    set("IsReminderOn", false);
    set("Owner", mb.user.displayName);
  } else if (is(mb, type, "Attachment")) {
    set("IsInline", false);
    set("ContentType", "application/octet-stream");
    set("Size", 0);
    set("IsContactPhoto", false);
  } else if (type === mb.folderType) {
    set("ChildFolderCount", 0);
    set("UnreadItemCount", 0);
    set("TotalItemCount", 0);
    set("WellKnownName", null);
  } else if (is(mb, type, "Calendar")) {
    set("Color", "Auto");
    set("IsDefaultCalendar", false);
  } else if (is(mb, type, "CalendarGroup")) {
    set("ClassId", ids.guid());
  } else if (is(mb, type, "TaskGroup")) {
    set("GroupKey", ids.guid());
    set("IsDefaultGroup", false);
  } else if (is(mb, type, "TaskFolder")) {
    set("IsDefaultFolder", false);
    set("ParentGroupKey", parent.data.GroupKey ?? null);
  }
  // Where the item lives.
  if (s.hasProperty(type, "ParentFolderId") && !is(mb, type, "Task")) d.ParentFolderId = parent.id;
  if (is(mb, type, "Task")) d.ParentFolderId = parent.id;
  return d;
}

/**
 * Creates an entity of (at most) `declaredType` from a JSON body and adds it under `parent`/`nav`.
 * Nested navigation content (attachments, extensions, extended properties, …) is inserted too.
 */
export function createEntity(
  mb: Mailbox,
  parent: EntityNode,
  nav: string,
  declaredType: string,
  body: unknown,
  options: CreateOptions = {},
): EntityNode {
  const s = mb.service;
  const payload = readEntityPayload(s, declaredType, body);
  const type = payload.type;
  const info = s.entity(type);
  if (info.abstract) {
    throw bodyError(`Cannot create an instance of the abstract type '${type}'; name a derived type in @odata.type.`);
  }
  const node = new EntityNode(type, defaults(mb, type, parent), info.key[0] ?? "Id");
  for (const [k, v] of Object.entries(payload.props)) {
    if (!options.seed && MANAGED.has(k)) continue;
    node.data[k] = v;
  }
  if (options.seed && payload.props.Id !== undefined) node.data.Id = payload.props.Id;
  specialiseNew(mb, node, parent, payload.props, options);
  parent.add(nav, node);
  for (const [navName, content] of payload.navs) insertNav(mb, node, navName, content, options);
  mb.store.root.record(mb.store, "created", node);
  const item = owningItem(mb, parent);
  if (item && !options.seed) {
    touch(mb, item);
    mb.store.root.record(mb.store, "updated", item);
  }
  return node;
}

/** Type-specific rules for a new entity. */
function specialiseNew(
  mb: Mailbox,
  node: EntityNode,
  parent: EntityNode,
  props: Record<string, unknown>,
  options: CreateOptions,
): void {
  const s = mb.service;
  const d = node.data;
  if (node.type === EXTENSION_TYPE || s.isA(node.type, EXTENSION_TYPE)) {
    const name = checkExtensionName(props.ExtensionName);
    d.Id = extensionId(name);
    if ((parent.navs.get("Extensions") ?? []).some((e) => e.id === d.Id)) {
      throw new ServiceError(
        409,
        "ErrorItemAlreadyExists",
        `An extension named '${name}' already exists on this item.`,
      );
    }
  }
  if (node.keyName === "PropertyId" && (typeof d.PropertyId !== "string" || d.PropertyId.trim() === "")) {
    throw bodyError("PropertyId must be a non-empty string.");
  }
  if (s.isA(node.type, `${NS}.Attachment`)) {
    const bytes = typeof d.ContentBytes === "string" ? Buffer.from(d.ContentBytes, "base64").length : 0;
    d.Size = bytes + (typeof d.Name === "string" ? d.Name.length : 0);
  }
  if (node.type === mb.folderType || s.isA(node.type, `${NS}.ContactFolder`)) {
    if (typeof d.DisplayName !== "string" || d.DisplayName === "")
      throw badRequest("ErrorInvalidRequest", "DisplayName is required.");
    const siblings = parent.navs.get("ChildFolders") ?? [];
    if (siblings.some((f) => String(f.data.DisplayName).toLowerCase() === String(d.DisplayName).toLowerCase())) {
      throw new ServiceError(409, "ErrorFolderExists", "A folder with the specified name already exists.");
    }
  }
  if (
    s.isA(node.type, `${NS}.Calendar`) ||
    s.isA(node.type, `${NS}.CalendarGroup`) ||
    s.isA(node.type, `${NS}.TaskFolder`) ||
    s.isA(node.type, `${NS}.TaskGroup`)
  ) {
    if (typeof d.Name !== "string" || d.Name === "") throw badRequest("ErrorInvalidRequest", "Name is required.");
  }
  if (s.isA(node.type, `${NS}.Contact`) && (d.DisplayName === undefined || d.DisplayName === null)) {
    const parts = [d.GivenName, d.MiddleName, d.Surname].filter((p) => typeof p === "string" && p !== "");
    d.DisplayName = parts.join(" ");
  }
  if (s.isA(node.type, `${NS}.Event`)) {
    if (d.Recurrence && !options.seed) d.Type = "SeriesMaster";
    else if (d.Recurrence && props.Type === undefined) d.Type = "SeriesMaster";
    const start = d.Start as { TimeZone?: string } | undefined;
    const end = d.End as { TimeZone?: string } | undefined;
    if (s.hasProperty(node.type, "OriginalStartTimeZone") && d.OriginalStartTimeZone === undefined)
      d.OriginalStartTimeZone = start?.TimeZone ?? "UTC";
    if (s.hasProperty(node.type, "OriginalEndTimeZone") && d.OriginalEndTimeZone === undefined)
      d.OriginalEndTimeZone = end?.TimeZone ?? "UTC";
    if (s.hasProperty(node.type, "StartTimeZone") && d.StartTimeZone === undefined) d.StartTimeZone = "UTC";
    if (s.hasProperty(node.type, "EndTimeZone") && d.EndTimeZone === undefined) d.EndTimeZone = "UTC";
    if (
      d.Start !== undefined &&
      d.End !== undefined &&
      toInstant(d.End, d.EndTimeZone as string) < toInstant(d.Start, d.StartTimeZone as string)
    ) {
      throw badRequest("ErrorInvalidRequest", "The end time of an event must not be before its start time.");
    }
  }
  if (s.isA(node.type, `${NS}.Task`)) applyTaskDateRules(props, d);
}

/**
 * Task dates (fact sheet §3.10): Start needs a Due on the same day or later; Start alone is copied
 * into Due; nulling Due nulls Start. Times of day are dropped (midnight in the given zone), stored in UTC.
 */
function applyTaskDateRules(changed: Record<string, unknown>, d: Record<string, unknown>): void {
  const midnight = (v: unknown): unknown => {
    if (!isPlainObject(v) || typeof v.DateTime !== "string") return v;
    const day = v.DateTime.slice(0, 10);
    const zone = typeof v.TimeZone === "string" ? v.TimeZone : "UTC";
    return dateTimeTimeZone(toInstant(`${day}T00:00:00`, zone), "UTC");
  };
  for (const k of ["StartDateTime", "DueDateTime", "CompletedDateTime", "ReminderDateTime"]) {
    if (k in changed && k !== "ReminderDateTime") d[k] = midnight(changed[k]);
  }
  if ("DueDateTime" in changed && changed.DueDateTime === null) d.StartDateTime = null;
  if (
    "StartDateTime" in changed &&
    changed.StartDateTime !== null &&
    !("DueDateTime" in changed) &&
    (d.DueDateTime === undefined || d.DueDateTime === null)
  ) {
    d.DueDateTime = d.StartDateTime;
  }
  const start = toInstant(d.StartDateTime);
  const due = toInstant(d.DueDateTime);
  if (!Number.isNaN(start) && !Number.isNaN(due) && due < start) {
    throw badRequest(
      "ErrorInvalidRequest",
      "The task's DueDateTime must be on the same day as StartDateTime or later.",
    );
  }
}

/** Inline navigation content of a POST or PATCH body. */
function insertNav(
  mb: Mailbox,
  node: EntityNode,
  navName: string,
  content: unknown,
  options: CreateOptions,
  patch = false,
): void {
  const s = mb.service;
  const nav = s.navigation(node.type, navName);
  if (!nav) return;
  if (EXTENDED_NAVS.has(nav.name)) {
    mergeExtendedProperties(mb, node, nav.name, content);
    return;
  }
  if (nav.name === "Extensions" && patch) {
    if (!Array.isArray(content)) throw bodyError("Extensions must be a JSON array.");
    for (const e of content) {
      if (!isPlainObject(e)) throw bodyError("Each extension must be a JSON object.");
      const name = typeof e.ExtensionName === "string" ? e.ExtensionName : undefined;
      const existing = name
        ? (node.navs.get("Extensions") ?? []).find((x) => x.data.ExtensionName === name)
        : undefined;
      if (existing) updateEntity(mb, existing, e, options);
      else createEntity(mb, node, "Extensions", nav.type.name, e, options);
    }
    return;
  }
  if (patch) throw bodyError(`The navigation property '${nav.name}' cannot be changed with PATCH.`);
  if (nav.type.collection) {
    if (!Array.isArray(content)) throw bodyError(`${nav.name} must be a JSON array.`);
    for (const c of content) createEntity(mb, node, nav.name, nav.type.name, c, options);
  } else if (content !== null) {
    createEntity(mb, node, nav.name, nav.type.name, content, options);
  }
}

/** Stores extended properties on an item, merging by PropertyId (GUIDs compared case-insensitively). */
export function mergeExtendedProperties(mb: Mailbox, node: EntityNode, navName: string, content: unknown): void {
  if (!Array.isArray(content)) throw bodyError(`${navName} must be a JSON array.`);
  const multi = navName === "MultiValueExtendedProperties";
  const type = `${NS}.${multi ? "MultiValue" : "SingleValue"}LegacyExtendedProperty`;
  const list = node.children(navName);
  for (const raw of content) {
    if (!isPlainObject(raw)) throw bodyError(`Each of ${navName} must be a JSON object.`);
    const payload = readEntityPayload(mb.service, type, raw);
    const id = payload.props.PropertyId;
    if (typeof id !== "string" || id.trim() === "") throw bodyError("PropertyId is required.");
    if (!/^\w+ (\{[0-9a-f-]{36}\} (Name|Id) .+|0x[0-9a-f]+)$/i.test(id.trim())) {
      throw badRequest("ErrorInvalidProperty", `The PropertyId '${id}' is not in a supported format.`);
    }
    const value = payload.props.Value;
    const existing = list.find((p) => normalizePropertyId(p.id) === normalizePropertyId(id));
    if (value === null || value === undefined) {
      if (existing) existing.detach();
      continue;
    }
    if (multi ? !Array.isArray(value) : typeof value !== "string") {
      throw bodyError(`The Value of ${navName} must be ${multi ? "an array of strings" : "a string"}.`);
    }
    if (existing) existing.data.Value = value;
    else node.add(navName, new EntityNode(type, { PropertyId: id, Value: value }, "PropertyId"));
  }
}

/** `incoming` merged into `existing` where both are objects (recursively); otherwise `incoming`. */
function mergeComplex(existing: unknown, incoming: unknown): unknown {
  if (!isPlainObject(existing) || !isPlainObject(incoming)) return incoming;
  const out: Record<string, unknown> = { ...existing };
  for (const [k, v] of Object.entries(incoming)) out[k] = mergeComplex(existing[k], v);
  return out;
}

/** PATCH: merges the body into the entity. */
export function updateEntity(mb: Mailbox, node: EntityNode, body: unknown, options: CreateOptions = {}): void {
  const s = mb.service;
  const payload = readEntityPayload(s, node.type, body);
  if (payload.type !== node.type && !s.isA(node.type, payload.type)) {
    throw bodyError(`The type '${payload.type}' does not match the entity's type '${node.type}'.`);
  }
  const d = node.data;
  if (s.isA(node.type, EXTENSION_TYPE)) {
    if (payload.props.ExtensionName !== undefined && payload.props.ExtensionName !== d.ExtensionName) {
      throw badRequest("ErrorInvalidRequest", "The ExtensionName of an extension cannot be changed.");
    }
  }
  const changed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(payload.props)) {
    if (!options.seed && MANAGED.has(k)) continue;
    if (k === node.keyName) continue;
    // A user's complex properties (MailboxSettings) merge, as OData PATCH does for complex values.
    d[k] = s.isA(node.type, `${NS}.User`) ? mergeComplex(d[k], v) : v;
    changed[k] = v;
  }
  if (s.isA(node.type, `${NS}.Event`) && "Recurrence" in changed)
    d.Type = changed.Recurrence ? "SeriesMaster" : "SingleInstance";
  if (s.isA(node.type, `${NS}.Task`)) applyTaskDateRules(changed, d);
  for (const [navName, content] of payload.navs) insertNav(mb, node, navName, content, options, true);
  touch(mb, node);
  mb.store.root.record(mb.store, "updated", node);
}

/** Removes the node from the tree. */
export function removeEntity(mb: Mailbox, node: EntityNode): void {
  const where = { parent: node.parent, nav: node.parentNav };
  node.detach();
  mb.store.root.record(mb.store, "deleted", node, where);
  const item = owningItem(mb, where.parent);
  if (item) {
    touch(mb, item);
    mb.store.root.record(mb.store, "updated", item);
  }
}

/** A deep copy of a node (new ids for Id-keyed entities, fresh change keys and timestamps). */
export function cloneNode(mb: Mailbox, node: EntityNode): EntityNode {
  const copy = new EntityNode(node.type, structuredClone(node.data), node.keyName);
  const s = mb.service;
  if (node.keyName === "Id" && !s.isA(node.type, EXTENSION_TYPE)) copy.data.Id = mb.store.ids.id();
  if (s.hasProperty(node.type, "ChangeKey")) copy.data.ChangeKey = mb.store.ids.changeKey();
  const created = createdName(s, node.type);
  if (created) copy.data[created] = now(mb);
  const modified = modifiedName(s, node.type);
  if (modified) copy.data[modified] = now(mb);
  for (const [k, v] of Object.entries(node.hidden)) if (k !== "mailbox") copy.hidden[k] = v;
  for (const [nav, list] of node.navs) for (const c of list) copy.add(nav, cloneNode(mb, c));
  return copy;
}

/** Moves a message into a folder; like Exchange, the moved item gets a new id. */
export function moveMessage(mb: Mailbox, message: EntityNode, folder: EntityNode): EntityNode {
  const moved = cloneNode(mb, message);
  if (mb.service.hasProperty(moved.type, "ConversationId")) moved.data.ConversationId = message.data.ConversationId;
  for (const k of [createdName(mb.service, message.type)]) if (k) moved.data[k] = message.data[k];
  moved.data.ParentFolderId = folder.id;
  removeEntity(mb, message);
  folder.add("Messages", moved);
  mb.store.root.record(mb.store, "created", moved);
  return moved;
}

/** Copies a message (new id) into a folder. */
export function copyMessage(mb: Mailbox, message: EntityNode, folder: EntityNode): EntityNode {
  const copy = cloneNode(mb, message);
  copy.data.ParentFolderId = folder.id;
  folder.add("Messages", copy);
  mb.store.root.record(mb.store, "created", copy);
  return copy;
}

/** Moves a folder below another folder (its id stays). */
export function moveFolder(mb: Mailbox, folder: EntityNode, destination: EntityNode): EntityNode {
  for (let cur: EntityNode | undefined = destination; cur; cur = cur.parent) {
    if (cur === folder)
      throw badRequest("ErrorMoveCopyFailed", "A folder cannot be moved into itself or one of its subfolders.");
  }
  const where = { parent: folder.parent, nav: folder.parentNav };
  folder.detach();
  mb.store.root.record(mb.store, "deleted", folder, where);
  folder.data.ParentFolderId = destination.id;
  destination.add("ChildFolders", folder);
  touch(mb, folder);
  mb.store.root.record(mb.store, "created", folder);
  return folder;
}

/** Copies a folder with its messages and subfolders below another folder. */
export function copyFolder(mb: Mailbox, folder: EntityNode, destination: EntityNode): EntityNode {
  const copy = cloneNode(mb, folder);
  const fix = (f: EntityNode, parentId: string): void => {
    f.data.ParentFolderId = parentId;
    for (const m of f.navs.get("Messages") ?? []) m.data.ParentFolderId = f.id;
    for (const c of f.navs.get("ChildFolders") ?? []) fix(c, f.id);
  };
  fix(copy, destination.id);
  destination.add("ChildFolders", copy);
  mb.store.root.record(mb.store, "created", copy);
  return copy;
}

function plainText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** The entity's properties as the service reports them, computed ones included. */
export function snapshot(mb: Mailbox, node: EntityNode): Record<string, unknown> {
  const s = mb.service;
  const d: Record<string, unknown> = { ...node.data };
  const t = node.type;
  if (t === mb.folderType) {
    const messages = node.navs.get("Messages") ?? [];
    d.ChildFolderCount = (node.navs.get("ChildFolders") ?? []).length;
    d.TotalItemCount = messages.length;
    d.UnreadItemCount = messages.filter((m) => m.data.IsRead === false).length;
  }
  if (s.hasProperty(t, "HasAttachments") && s.navigation(t, "Attachments")) {
    d.HasAttachments = (node.navs.get("Attachments") ?? []).some((a) => a.data.IsInline !== true);
  }
  if (s.hasProperty(t, "BodyPreview")) {
    const body = d.Body as { Content?: unknown; ContentType?: unknown } | null | undefined;
    const content = typeof body?.Content === "string" ? body.Content : "";
    d.BodyPreview = (body?.ContentType === "HTML" ? plainText(content) : content.replace(/\s+/g, " ").trim()).slice(
      0,
      255,
    );
  }
  if (s.hasProperty(t, "UniqueBody") && (d.UniqueBody === undefined || d.UniqueBody === null))
    d.UniqueBody = d.Body ?? null;
  if (s.hasProperty(t, "IsDefaultCalendar") && s.isA(t, `${NS}.Calendar`))
    d.IsDefaultCalendar = node === mb.defaultCalendar;
  return d;
}

/** The data every mailbox starts with: the well-known folders, a calendar, a contacts folder, tasks. */
export function seedMailbox(mb: Mailbox): void {
  const s = mb.service;
  const ids = mb.store.ids;
  const user = mb.node;
  const folderType = mb.folderType;
  const root = new EntityNode(folderType, {
    Id: ids.id(),
    DisplayName: "Top of Information Store",
    ParentFolderId: null,
  });
  put(s, folderType, root.data, "WellKnownName", "msgfolderroot");
  user.add("RootFolder", root);
  mb.rootFolder = root;
  for (const [wk, displayName] of Object.entries(WELL_KNOWN_FOLDERS)) {
    const f = new EntityNode(folderType, { Id: ids.id(), DisplayName: displayName, ParentFolderId: root.id });
    put(s, folderType, f.data, "WellKnownName", wk);
    root.add("ChildFolders", f);
    mb.wellKnown.set(wk, f);
  }

  const group = new EntityNode(`${NS}.CalendarGroup`, {
    Id: ids.id(),
    Name: "My Calendars",
    ClassId: ids.guid(),
    ChangeKey: ids.changeKey(),
  });
  user.add("CalendarGroups", group);
  mb.defaultCalendarGroup = group;
  const calendar = new EntityNode(`${NS}.Calendar`, {
    Id: ids.id(),
    Name: "Calendar",
    Color: "Auto",
    ChangeKey: ids.changeKey(),
  });
  put(s, calendar.type, calendar.data, "IsDefaultCalendar", true);
  calendar.hidden.group = group.id;
  user.add("Calendars", calendar);
  mb.defaultCalendar = calendar;

  const contacts = new EntityNode(`${NS}.ContactFolder`, {
    Id: ids.id(),
    DisplayName: "Contacts",
    ParentFolderId: root.id,
  });
  put(s, contacts.type, contacts.data, "WellKnownName", "contacts");
  user.add("$DefaultContactFolder", contacts);
  mb.defaultContactFolder = contacts;

  if (s.navigation(user.type, "TaskGroups")) {
    const tg = new EntityNode(`${NS}.TaskGroup`, {
      Id: ids.id(),
      Name: "My Tasks",
      IsDefaultGroup: true,
      GroupKey: ids.guid(),
      ChangeKey: ids.changeKey(),
    });
    user.add("TaskGroups", tg);
    const tf = new EntityNode(`${NS}.TaskFolder`, {
      Id: ids.id(),
      Name: "Tasks",
      IsDefaultFolder: true,
      ParentGroupKey: tg.data.GroupKey,
      ChangeKey: ids.changeKey(),
    });
    tg.add("TaskFolders", tf);
    mb.defaultTaskGroup = tg;
    mb.defaultTaskFolder = tf;
  }
  if (s.navigation(user.type, "InferenceClassification")) {
    user.add("InferenceClassification", new EntityNode(`${NS}.InferenceClassification`, { Id: ids.id() }));
  }
  if (s.hasProperty(user.type, "MailboxSettings")) {
    user.data.MailboxSettings = {
      AutomaticRepliesSetting: {
        Status: "Disabled",
        ExternalAudience: "All",
        ScheduledStartDateTime: null,
        ScheduledEndDateTime: null,
        InternalReplyMessage: "",
        ExternalReplyMessage: "",
      },
      TimeZone: "UTC",
      Language: { Locale: "en-US", DisplayName: "English (United States)" },
    };
  }
}
