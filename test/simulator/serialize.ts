/**
 * Entities to JSON in OData minimal metadata (fact sheet §2.1): `@odata.id`, `@odata.etag`,
 * `@odata.type` when the instance's type differs from the declared one, every declared
 * property (null when unset), `$select`/`$expand` applied, and the Prefer headers
 * `outlook.timezone` and `outlook.body-content-type` (v2.0 and beta) honoured.
 */
import { eventEnd, eventStart, occurrenceOf } from "./calendar.js";
import { snapshot } from "./entities.js";
import { NS, type ServiceInfo, type Version } from "./model.js";
import { applyExpand, type ExpandItem } from "./query.js";
import { type EntityNode, type Mailbox, mailboxOf, type PhotoData } from "./store.js";
import { dateTimeTimeZone } from "./time.js";

export interface Presentation {
  readonly service: ServiceInfo;
  readonly version: Version;
  /** `http://127.0.0.1:<port>/api/<version>` */
  readonly serviceRoot: string;
  /** Prefer: outlook.timezone (v2.0+) */
  readonly timeZone: string | undefined;
  /** Prefer: outlook.body-content-type (v2.0+) */
  readonly bodyType: "text" | "html" | undefined;
}

/** An OData string key in a URL: quotes doubled, percent-encoded like a path segment. */
export function keyLiteral(key: string): string {
  return `('${encodeURIComponent(key.replace(/'/g, "''")).replace(/%(24|3A|40)/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))}')`;
}

/** The user's key in canonical URLs: the AAD id in v2.0 and beta, the SMTP address in v1.0 (fact sheet §2.1). */
export function userKey(version: Version, mb: Mailbox): string {
  return version === "v1.0" ? mb.user.upn : mb.user.id;
}

/** User-level collections that address their members wherever they live in the tree. */
const CANONICAL: ReadonlyArray<readonly [string, string]> = [
  ["Message", "Messages"],
  ["Event", "Events"],
  ["Contact", "Contacts"],
  ["ContactFolder", "ContactFolders"],
  ["Calendar", "Calendars"],
  ["CalendarGroup", "CalendarGroups"],
  ["Task", "Tasks"],
  ["TaskFolder", "TaskFolders"],
  ["TaskGroup", "TaskGroups"],
];

/** The canonical path of an entity below the service root, e.g. `Users('…')/Messages('…')`. */
export function canonicalPath(p: Presentation, node: EntityNode): string {
  const mb = mailboxOf(node);
  if (node.hidden.mailbox !== undefined && mb) return `Users${keyLiteral(userKey(p.version, mb))}`;
  if (!mb)
    return node.parent
      ? `${canonicalPath(p, node.parent)}/${node.parentNav ?? ""}${keyLiteral(node.id)}`
      : `Groups${keyLiteral(node.id)}`;
  const user = `Users${keyLiteral(userKey(p.version, mb))}`;
  const s = p.service;
  if (node.type === mb.folderType) {
    if (node === mb.rootFolder) return `${user}/RootFolder`;
    return `${user}/${mb.folderNav}${keyLiteral(node.id)}`;
  }
  for (const [type, nav] of CANONICAL) {
    if (s.has(`${NS}.${type}`) && s.isA(node.type, `${NS}.${type}`) && s.navigation(`${NS}.User`, nav)) {
      return `${user}/${nav}${keyLiteral(node.id)}`;
    }
  }
  const photoOwner = node.hidden.photoOwner as EntityNode | undefined;
  if (photoOwner) {
    const size = node.hidden.photoSize as string | undefined;
    return `${canonicalPath(p, photoOwner)}/${size ? `Photos${keyLiteral(size)}` : "Photo"}`;
  }
  if (!node.parent) return `${user}/${node.parentNav ?? ""}${keyLiteral(node.id)}`;
  const parentPath = canonicalPath(p, node.parent);
  const nav = s.navigation(node.parent.type, node.parentNav ?? "");
  return nav && !nav.type.collection
    ? `${parentPath}/${nav.name}`
    : `${parentPath}/${node.parentNav ?? ""}${keyLiteral(node.id)}`;
}

export function etagOf(service: ServiceInfo, node: EntityNode): string {
  if (typeof node.data.ChangeKey === "string" && service.hasProperty(node.type, "ChangeKey"))
    return `W/"${node.data.ChangeKey}"`;
  const occ = occurrenceOf(node);
  const rev = occ ? `${occ.master.revision}.${occ.date}` : String(node.revision);
  return `W/"${Buffer.from(`${node.id}#${rev}`).toString("base64")}"`;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function convertBody(body: unknown, to: "text" | "html"): unknown {
  if (!body || typeof body !== "object") return body;
  const b = body as { ContentType?: unknown; Content?: unknown };
  const content = typeof b.Content === "string" ? b.Content : "";
  const isHtml = String(b.ContentType).toLowerCase() === "html";
  if (to === "text" && isHtml) {
    const text = content
      .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, "")
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<[^>]+>/g, "")
      .replace(/&nbsp;/g, " ")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&")
      .trim();
    return { ContentType: "Text", Content: text };
  }
  if (to === "html" && !isHtml) {
    return { ContentType: "HTML", Content: `<html><body>${escapeHtml(content).replace(/\n/g, "<br>")}</body></html>` };
  }
  return body;
}

export interface EntityJsonOptions {
  readonly select?: readonly string[] | undefined;
  readonly expand?: readonly ExpandItem[];
  /** Type the context declares (the collection's or navigation's); `@odata.type` is written when it differs. */
  readonly declaredType: string;
  /** Adds `@odata.context` first. */
  readonly context?: string;
}

/** One entity as JSON. */
export function entityJson(p: Presentation, node: EntityNode, o: EntityJsonOptions): Record<string, unknown> {
  const s = p.service;
  const mb = mailboxOf(node) ?? (node.hidden.photoOwner ? mailboxOf(node.hidden.photoOwner as EntityNode) : undefined);
  const data = mb ? snapshot(mb, node) : { ...node.data };
  const info = s.entity(node.type);
  const out: Record<string, unknown> = {};
  if (o.context !== undefined) out["@odata.context"] = o.context;
  const keyed = node.keyName === "Id";
  if (keyed) {
    out["@odata.id"] = `${p.serviceRoot}/${canonicalPath(p, node)}`;
    out["@odata.etag"] = etagOf(s, node);
  }
  if (node.type !== o.declaredType) out["@odata.type"] = `#${node.type}`;
  const media = node.hidden.media as PhotoData | undefined;
  if (info.hasStream && media) {
    out["@odata.mediaContentType"] = media.contentType;
    out["@odata.mediaEtag"] = media.etag;
  }
  if (p.version !== "v1.0" && s.isA(node.type, `${NS}.Event`) && p.timeZone !== undefined) {
    if (data.Start && typeof data.Start === "object") data.Start = dateTimeTimeZone(eventStart(data), p.timeZone);
    if (data.End && typeof data.End === "object") data.End = dateTimeTimeZone(eventEnd(data), p.timeZone);
  }
  if (p.version !== "v1.0" && p.bodyType !== undefined) {
    for (const k of ["Body", "UniqueBody"])
      if (k in data && s.hasProperty(node.type, k)) data[k] = convertBody(data[k], p.bodyType);
  }
  const selected = o.select === undefined ? undefined : new Set([...o.select, ...info.key]);
  for (const prop of info.properties.values()) {
    if (selected && !selected.has(prop.name)) continue;
    const v = data[prop.name];
    out[prop.name] = v === undefined ? null : v;
  }
  if (info.open) {
    for (const [k, v] of Object.entries(data)) {
      if (k in out || info.properties.has(k.toLowerCase())) continue;
      if (selected && !selected.has(k)) continue;
      out[k] = v;
    }
  }
  for (const item of o.expand ?? []) {
    const nav = s.navigation(node.type, item.nav.name);
    if (!nav) continue;
    const children = node.navs.get(nav.name) ?? [];
    if (nav.type.collection) {
      const list = applyExpand(mb, s, children, item.options);
      out[nav.name] = list.map((c) =>
        entityJson(p, c, { declaredType: nav.type.name, select: item.options.select, expand: item.options.expand }),
      );
    } else {
      const c = children[0];
      out[nav.name] = c
        ? entityJson(p, c, { declaredType: nav.type.name, select: item.options.select, expand: item.options.expand })
        : null;
    }
  }
  return out;
}

/** `…/$metadata#<path>` */
export function contextUrl(p: Presentation, fragment: string): string {
  return `${p.serviceRoot}/$metadata#${fragment}`;
}
