/**
 * The simulator's data: per API version, one mailbox per simulated user, held as a tree of
 * entity nodes that mirrors the model's containment (User → MailFolders → Messages →
 * Attachments, …). Each version has its own copy of every mailbox, built from its own model
 * (v1.0 has Folders and DateTimeCreated where v2.0 has MailFolders and CreatedDateTime).
 *
 * Every mutation is appended to a change log and announced to listeners, for the modules
 * that come later (sync, subscriptions, streaming).
 */
import { IdSource } from "./ids.js";
import { NS, serviceInfo, type ServiceInfo, type Version } from "./model.js";
import { createEntity, seedMailbox } from "./entities.js";

export interface UserInit {
  readonly upn: string;
  /** AAD `userId@tenantId` */
  readonly id: string;
  readonly displayName: string;
  /** false: the mailbox answers 404 MailboxNotEnabledForRESTAPI (fact sheet §2.4). Default true. */
  readonly restEnabled?: boolean;
}

export interface UserRecord {
  readonly upn: string;
  readonly id: string;
  readonly displayName: string;
  restEnabled: boolean;
}

export const DEFAULT_USERS: readonly UserInit[] = [
  {
    upn: "alice@contoso.com",
    id: "9d1b2f5e-4c3a-4e0b-8f6d-1a2b3c4d5e6f@72f988bf-86f1-41af-91ab-2d7cd011db47",
    displayName: "Alice Adams",
  },
  {
    upn: "bob@contoso.com",
    id: "0f4e3d2c-1b0a-4f9e-8d7c-6b5a49382716@72f988bf-86f1-41af-91ab-2d7cd011db47",
    displayName: "Bob Brown",
  },
];

/** One entity instance. `data` holds its structural properties under their canonical names. */
export class EntityNode {
  type: string;
  data: Record<string, unknown>;
  /** Contained children per canonical navigation name (single-valued navigations hold at most one). */
  readonly navs = new Map<string, EntityNode[]>();
  parent: EntityNode | undefined;
  parentNav: string | undefined;
  /** Simulator-only state (calendar group of a calendar, snoozed reminder, photo bytes, …). */
  readonly hidden: Record<string, unknown> = {};
  /** Bumped on every change; the etag of types without ChangeKey. */
  revision = 1;
  /** Synthesized on the fly (an occurrence of a series, a placeholder photo): not in the tree. */
  virtual = false;
  readonly keyName: string;

  constructor(type: string, data: Record<string, unknown>, keyName = "Id") {
    this.type = type;
    this.data = data;
    this.keyName = keyName;
  }

  get id(): string {
    return String(this.data[this.keyName] ?? "");
  }

  /** The physical list of children under `nav` (created on first use). */
  children(nav: string): EntityNode[] {
    let list = this.navs.get(nav);
    if (!list) {
      list = [];
      this.navs.set(nav, list);
    }
    return list;
  }

  add(nav: string, child: EntityNode): EntityNode {
    child.parent = this;
    child.parentNav = nav;
    this.children(nav).push(child);
    return child;
  }

  /** Detaches the node from its parent. */
  detach(): void {
    const list = this.parent && this.parentNav ? this.parent.navs.get(this.parentNav) : undefined;
    if (list) {
      const i = list.indexOf(this);
      if (i >= 0) list.splice(i, 1);
    }
    this.parent = undefined;
    this.parentNav = undefined;
  }

  /** Every node below this one, depth first. */
  *descendants(): Generator<EntityNode> {
    for (const list of this.navs.values()) {
      for (const c of list) {
        yield c;
        yield* c.descendants();
      }
    }
  }

  /** Nearest ancestor (or self) of the given type family. */
  ancestor(test: (n: EntityNode) => boolean): EntityNode | undefined {
    for (let cur: EntityNode | undefined = this; cur; cur = cur.parent) if (test(cur)) return cur;
    return undefined;
  }
}

export type ChangeKind = "created" | "updated" | "deleted";

export interface ChangeRecord {
  readonly seq: number;
  readonly version: Version;
  readonly mailbox: Mailbox;
  readonly kind: ChangeKind;
  readonly node: EntityNode;
  /** Where the node lived when the change happened. */
  readonly parent: EntityNode | undefined;
  readonly nav: string | undefined;
}

export type ChangeListener = (change: ChangeRecord) => void;

/** The well-known mail folders (fact sheet §3.1) and their display names. */
export const WELL_KNOWN_FOLDERS: Readonly<Record<string, string>> = {
  inbox: "Inbox",
  drafts: "Drafts",
  sentitems: "Sent Items",
  deleteditems: "Deleted Items",
};

export interface PhotoData {
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly etag: string;
  readonly width: number;
  readonly height: number;
}

/** One user's mailbox in one API version. */
export class Mailbox {
  readonly store: VersionStore;
  readonly user: UserRecord;
  readonly node: EntityNode;
  /** The folder tree root (msgfolderroot); its ChildFolders are the top-level folders. */
  rootFolder!: EntityNode;
  defaultCalendar!: EntityNode;
  defaultCalendarGroup!: EntityNode;
  defaultContactFolder!: EntityNode;
  defaultTaskGroup: EntityNode | undefined;
  defaultTaskFolder: EntityNode | undefined;
  readonly wellKnown = new Map<string, EntityNode>();

  constructor(store: VersionStore, user: UserRecord) {
    this.store = store;
    this.user = user;
    const s = store.service;
    const data: Record<string, unknown> = {
      Id: user.id,
      DisplayName: user.displayName,
      Alias: user.upn.split("@")[0] ?? user.upn,
    };
    if (s.hasProperty(`${NS}.User`, "EmailAddress")) data.EmailAddress = user.upn;
    if (s.hasProperty(`${NS}.User`, "MailboxGuid")) data.MailboxGuid = store.ids.guid();
    this.node = new EntityNode(`${NS}.User`, data);
    this.node.hidden.mailbox = this;
    seedMailbox(this);
  }

  get version(): Version {
    return this.store.version;
  }

  get service(): ServiceInfo {
    return this.store.service;
  }

  /** `Folders` in v1.0, `MailFolders` later. */
  get folderNav(): string {
    return this.service.navigation(`${NS}.User`, "MailFolders") ? "MailFolders" : "Folders";
  }

  get folderType(): string {
    return this.service.has(`${NS}.MailFolder`) ? `${NS}.MailFolder` : `${NS}.Folder`;
  }

  isFolder(n: EntityNode): boolean {
    return n.type === this.folderType;
  }

  /** A mail folder by id or well-known name (any case); the root also answers to `msgfolderroot`. */
  folder(idOrName: string): EntityNode | undefined {
    const wk = this.wellKnown.get(idOrName.toLowerCase());
    if (wk) return wk;
    if (idOrName.toLowerCase() === "msgfolderroot" || idOrName === this.rootFolder.id) return this.rootFolder;
    return this.allFolders().find((f) => f.id === idOrName);
  }

  allFolders(): EntityNode[] {
    const out: EntityNode[] = [];
    const walk = (f: EntityNode): void => {
      for (const c of f.navs.get("ChildFolders") ?? []) {
        out.push(c);
        walk(c);
      }
    };
    walk(this.rootFolder);
    return out;
  }

  /** Messages of every folder, except (by default) Deleted Items and what lies below it. */
  allMessages(includeDeleted = false): EntityNode[] {
    const deleted = this.wellKnown.get("deleteditems");
    const out: EntityNode[] = [];
    const walk = (f: EntityNode): void => {
      if (!includeDeleted && f === deleted) return;
      out.push(...(f.navs.get("Messages") ?? []));
      for (const c of f.navs.get("ChildFolders") ?? []) walk(c);
    };
    walk(this.rootFolder);
    return out;
  }

  messagesIn(folder: string): EntityNode[] {
    return [...(this.folder(folder)?.navs.get("Messages") ?? [])];
  }

  calendars(): EntityNode[] {
    return [...(this.node.navs.get("Calendars") ?? [])];
  }

  /** Stored events (single instances and series masters) of every calendar. */
  allEvents(): EntityNode[] {
    return this.calendars().flatMap((c) => c.navs.get("Events") ?? []);
  }

  contactFolders(): EntityNode[] {
    const out: EntityNode[] = [this.defaultContactFolder];
    for (let i = 0; i < out.length; i++) out.push(...(out[i]?.navs.get("ChildFolders") ?? []));
    return out;
  }

  allContacts(): EntityNode[] {
    return this.contactFolders().flatMap((f) => f.navs.get("Contacts") ?? []);
  }

  taskFolders(): EntityNode[] {
    return (this.node.navs.get("TaskGroups") ?? []).flatMap((g) => g.navs.get("TaskFolders") ?? []);
  }

  allTasks(): EntityNode[] {
    return this.taskFolders().flatMap((f) => f.navs.get("Tasks") ?? []);
  }

  get photo(): PhotoData | undefined {
    return this.node.hidden.photo as PhotoData | undefined;
  }

  /** Any node of the mailbox by key (first match, depth first). */
  find(id: string, test: (n: EntityNode) => boolean = () => true): EntityNode | undefined {
    for (const n of this.node.descendants()) if (n.id === id && test(n)) return n;
    return undefined;
  }

  // ---- seeding helpers for tests -------------------------------------------------------------

  /**
   * Adds a received message to a folder (id or well-known name), as delivered mail:
   * IsDraft false, IsRead false unless given. `data` uses the version's property names.
   */
  addMessage(
    folder: string,
    data: Record<string, unknown> = {},
    options: { readonly draft?: boolean } = {},
  ): EntityNode {
    const target = this.folder(folder);
    if (!target) throw new Error(`simulator: no folder ${folder}`);
    const draft = options.draft ?? false;
    const s = this.service;
    const type = `${NS}.Message`;
    const base: Record<string, unknown> = { IsDraft: draft, IsRead: draft };
    if (!draft) {
      const stamp = this.store.root
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z");
      base.From = { EmailAddress: { Name: "Contoso Sender", Address: "sender@contoso.com" } };
      base.Sender = base.From;
      base.ToRecipients = [{ EmailAddress: { Name: this.user.displayName, Address: this.user.upn } }];
      base[s.hasProperty(type, "SentDateTime") ? "SentDateTime" : "DateTimeSent"] = stamp;
      base[s.hasProperty(type, "ReceivedDateTime") ? "ReceivedDateTime" : "DateTimeReceived"] = stamp;
    }
    return createEntity(this, target, "Messages", type, { ...base, ...data }, { seed: true });
  }

  /** Adds a mail folder below the root (or below `parent`, an id or well-known name). */
  addFolder(displayName: string, parent?: string): EntityNode {
    const target = parent === undefined ? this.rootFolder : this.folder(parent);
    if (!target) throw new Error(`simulator: no folder ${String(parent)}`);
    return createEntity(this, target, "ChildFolders", this.folderType, { DisplayName: displayName }, { seed: true });
  }

  addEvent(data: Record<string, unknown>, calendar: EntityNode = this.defaultCalendar): EntityNode {
    return createEntity(this, calendar, "Events", `${NS}.Event`, data, { seed: true });
  }

  addContact(data: Record<string, unknown>, folder: EntityNode = this.defaultContactFolder): EntityNode {
    return createEntity(this, folder, "Contacts", `${NS}.Contact`, data, { seed: true });
  }

  addTask(data: Record<string, unknown>): EntityNode {
    if (!this.defaultTaskFolder) throw new Error(`simulator: ${this.version} has no tasks`);
    return createEntity(this, this.defaultTaskFolder, "Tasks", `${NS}.Task`, data, { seed: true });
  }

  setPhoto(bytes: Buffer, contentType: string): void {
    this.store.setPhoto(this.node, bytes, contentType);
  }
}

/** The data of one API version. */
export class VersionStore {
  readonly root: Store;
  readonly version: Version;
  readonly service: ServiceInfo;
  readonly mailboxes = new Map<string, Mailbox>();
  /** Members of the Groups entity set (v2.0, beta); empty unless seeded. */
  readonly groups: EntityNode[] = [];

  constructor(root: Store, version: Version) {
    this.root = root;
    this.version = version;
    this.service = serviceInfo(version);
  }

  get ids(): IdSource {
    return this.root.ids;
  }

  /** The mailbox of a user given by upn (any case) or AAD id; created on first use. */
  mailbox(user: string): Mailbox | undefined {
    const record = this.root.user(user);
    if (!record) return undefined;
    let mb = this.mailboxes.get(record.id);
    if (!mb) {
      mb = new Mailbox(this, record);
      this.mailboxes.set(record.id, mb);
    }
    return mb;
  }

  setPhoto(owner: EntityNode, bytes: Buffer, contentType: string): void {
    const { width, height } = imageSize(bytes);
    const photo: PhotoData = { bytes, contentType, etag: `"${this.ids.changeKey()}"`, width, height };
    owner.hidden.photo = photo;
    this.root.record(this, "updated", owner);
  }
}

export class Store {
  readonly ids = new IdSource();
  readonly users: UserRecord[] = [];
  readonly changes: ChangeRecord[] = [];
  private readonly listeners = new Set<ChangeListener>();
  private readonly versions = new Map<Version, VersionStore>();
  private seq = 0;
  /** The simulator's clock; tests may replace it. */
  now: () => Date = () => new Date();

  constructor(users: readonly UserInit[] = DEFAULT_USERS) {
    for (const u of users) this.addUser(u);
  }

  addUser(u: UserInit): UserRecord {
    const record: UserRecord = { upn: u.upn, id: u.id, displayName: u.displayName, restEnabled: u.restEnabled ?? true };
    this.users.push(record);
    return record;
  }

  /** A user by upn/SMTP address (any case) or AAD `userId@tenantId`. */
  user(key: string): UserRecord | undefined {
    const lower = key.toLowerCase();
    return this.users.find((u) => u.upn.toLowerCase() === lower || u.id.toLowerCase() === lower);
  }

  setRestEnabled(user: string, enabled: boolean): void {
    const record = this.user(user);
    if (!record) throw new Error(`simulator: no user ${user}`);
    record.restEnabled = enabled;
  }

  version(v: Version): VersionStore {
    let vs = this.versions.get(v);
    if (!vs) {
      vs = new VersionStore(this, v);
      this.versions.set(v, vs);
    }
    return vs;
  }

  /** Shortcut: `store.mailbox("alice@contoso.com", "v2.0")`. */
  mailbox(user: string, version: Version = "v2.0"): Mailbox {
    const mb = this.version(version).mailbox(user);
    if (!mb) throw new Error(`simulator: no user ${user}`);
    return mb;
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Appends to the change log (called by every mutation). */
  record(
    vs: VersionStore,
    kind: ChangeKind,
    node: EntityNode,
    where?: { parent: EntityNode | undefined; nav: string | undefined },
  ): void {
    // A deleted node is already detached: find its mailbox through the parent it had.
    const mailbox = mailboxOf(node) ?? (where?.parent ? mailboxOf(where.parent) : undefined);
    if (!mailbox) return;
    const change: ChangeRecord = {
      seq: ++this.seq,
      version: vs.version,
      mailbox,
      kind,
      node,
      parent: where ? where.parent : node.parent,
      nav: where ? where.nav : node.parentNav,
    };
    this.changes.push(change);
    for (const l of this.listeners) l(change);
  }
}

/** The mailbox a node belongs to (through its User ancestor). */
export function mailboxOf(node: EntityNode): Mailbox | undefined {
  const user = node.ancestor((n) => n.hidden.mailbox !== undefined);
  return user?.hidden.mailbox as Mailbox | undefined;
}

/** Width and height of a PNG, GIF or JPEG image; 0×0 when unknown. */
export function imageSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47)
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (bytes.length >= 10 && bytes.toString("latin1", 0, 3) === "GIF")
    return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = bytes[i + 1] ?? 0;
      const len = bytes.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
      }
      i += 2 + len;
    }
  }
  return { width: 0, height: 0 };
}
