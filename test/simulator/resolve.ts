/**
 * Resource path resolution: `/api/<version>/…` segments → the addressed resource, using the
 * model for every name (singleton Me, entity sets, navigation properties, properties, type
 * casts, bound operations; all case-insensitive) and the store for every key (case-sensitive).
 * Keys come as `('id')`, `(Id='id')` or as a segment (`/id`).
 */
import type { Capabilities, NavigationProperty, Operation, Property, TypeRef } from "../../generator/model/types.js";
import type { RequestContext } from "./context.js";
import { notFound, segmentNotFound, ServiceError, badRequest } from "./errors.js";
import { NS } from "./model.js";
import { EntityNode, type Mailbox, mailboxOf } from "./store.js";
import { parseCallArgs, parseKey, type Segment } from "./url.js";
import { collectionView, type CollectionView, singleView } from "./views.js";

interface Located {
  readonly mailbox: Mailbox | undefined;
  /** The path below the service root as addressed (canonical names; keys as given), for @odata.context. */
  readonly path: string;
}

export interface CollectionRes extends Located {
  readonly kind: "collection";
  readonly view: CollectionView;
  /** The element type the navigation or entity set declares. */
  readonly declaredType: string;
  /** After any cast segment. */
  readonly type: string;
  readonly nav: NavigationProperty | undefined;
  readonly caps: Capabilities;
  readonly owner: EntityNode | undefined;
}

export interface EntityRes extends Located {
  readonly kind: "entity";
  readonly node: EntityNode;
  readonly declaredType: string;
  readonly type: string;
  readonly nav: NavigationProperty | undefined;
  readonly caps: Capabilities;
  /** The @odata.context fragment: `Me`, `Users/$entity`, `Me/Messages/$entity`, … */
  readonly context: string;
}

export interface PropertyRes extends Located {
  readonly kind: "property";
  readonly entity: EntityRes;
  readonly props: readonly Property[];
  readonly type: TypeRef;
}

export interface CountRes {
  readonly kind: "count";
  readonly of: CollectionRes;
}

export interface ValueRes {
  readonly kind: "value";
  readonly of: EntityRes | PropertyRes;
}

export interface OperationRes {
  readonly kind: "operation";
  readonly op: Operation;
  readonly binding: EntityRes | CollectionRes;
  /** Inline function parameters. */
  readonly args: Map<string, unknown>;
  readonly mailbox: Mailbox | undefined;
}

export type Resource =
  | { readonly kind: "service" }
  | { readonly kind: "metadata" }
  | CollectionRes
  | EntityRes
  | PropertyRes
  | CountRes
  | ValueRes
  | OperationRes;

const q = (key: string): string => `('${key.replace(/'/g, "''")}')`;

/** The mailbox behind a user node; refuses mailboxes that are not enabled for REST. */
function openMailbox(ctx: RequestContext, user: string): Mailbox {
  const mb = ctx.vstore.mailbox(user);
  if (!mb)
    throw new ServiceError(
      404,
      "ErrorNonExistentMailbox",
      `The SMTP address '${user}' has no mailbox associated with it.`,
    );
  if (!mb.user.restEnabled) {
    throw new ServiceError(404, "MailboxNotEnabledForRESTAPI", "The REST API is not yet supported for this mailbox.");
  }
  return mb;
}

function usersCollection(ctx: RequestContext): CollectionRes {
  const set = ctx.service.entitySets.get("users");
  const view: CollectionView = {
    list: () => ctx.store.users.filter((u) => u.restEnabled).map((u) => openMailbox(ctx, u.upn).node),
    find: (key) => {
      // v1.0 addresses users by SMTP address only (fact sheet §2.1).
      const user = ctx.store.user(key);
      if (!user || (ctx.version === "v1.0" && user.upn.toLowerCase() !== key.toLowerCase())) {
        throw new ServiceError(
          404,
          "ErrorNonExistentMailbox",
          `The SMTP address '${key}' has no mailbox associated with it.`,
        );
      }
      return openMailbox(ctx, key).node;
    },
  };
  return {
    kind: "collection",
    view,
    declaredType: set?.entityType ?? `${NS}.User`,
    type: set?.entityType ?? `${NS}.User`,
    nav: undefined,
    caps: set?.capabilities ?? {},
    owner: undefined,
    mailbox: undefined,
    path: set?.name ?? "Users",
  };
}

function groupsCollection(ctx: RequestContext, name: string): CollectionRes {
  const set = ctx.service.entitySets.get("groups");
  if (!set) throw segmentNotFound(name);
  const groups = ctx.vstore.groups;
  return {
    kind: "collection",
    view: { list: () => [...groups], find: (k) => groups.find((g) => g.id === k) },
    declaredType: set.entityType,
    type: set.entityType,
    nav: undefined,
    caps: set.capabilities,
    owner: undefined,
    mailbox: undefined,
    path: set.name,
  };
}

function keyed(ctx: RequestContext, c: CollectionRes, key: string): EntityRes {
  const node = c.view.find(key, ctx.query.custom);
  if (!node) throw notFound();
  if (!ctx.service.isA(node.type, c.type)) throw notFound();
  const mailbox = node.hidden.mailbox !== undefined ? (node.hidden.mailbox as Mailbox) : c.mailbox;
  return {
    kind: "entity",
    node,
    declaredType: c.declaredType,
    type: c.type === c.declaredType ? node.type : c.type,
    nav: c.nav,
    caps: c.caps,
    mailbox,
    path: `${c.path}${q(key)}`,
    context: `${c.path}/$entity`,
  };
}

export function resolve(ctx: RequestContext, segments: readonly Segment[]): Resource {
  const s = ctx.service;
  const first = segments[0];
  if (!first) return { kind: "service" };
  if (first.text.toLowerCase() === "$metadata" && segments.length === 1) return { kind: "metadata" };

  let current: Resource;
  const firstName = first.name.toLowerCase();
  const singleton = s.singletons.get(firstName);
  if (singleton) {
    if (first.args !== undefined) throw segmentNotFound(first.text);
    const mb = openMailbox(ctx, ctx.me.upn);
    current = {
      kind: "entity",
      node: mb.node,
      declaredType: singleton.type,
      type: singleton.type,
      nav: undefined,
      caps: singleton.capabilities,
      mailbox: mb,
      path: singleton.name,
      context: singleton.name,
    };
  } else if (firstName === "users" && s.entitySets.has("users")) {
    current = usersCollection(ctx);
    if (first.args !== undefined) current = keyed(ctx, current, parseKey(first.args, "Id"));
  } else if (firstName === "groups" && s.entitySets.has("groups")) {
    current = groupsCollection(ctx, first.text);
    if (first.args !== undefined) current = keyed(ctx, current, parseKey(first.args, "Id"));
  } else {
    throw segmentNotFound(first.text);
  }

  for (let i = 1; i < segments.length; i++) {
    const seg = segments[i] as Segment;
    current = step(ctx, current, seg, i === segments.length - 1);
  }
  return current;
}

function step(ctx: RequestContext, current: Resource, seg: Segment, last: boolean): Resource {
  const s = ctx.service;
  const lower = seg.name.toLowerCase();
  switch (current.kind) {
    case "collection": {
      if (seg.text === "$count" || seg.text.toLowerCase() === "$count") {
        if (!last) throw segmentNotFound(seg.text);
        return { kind: "count", of: current };
      }
      if (seg.args === undefined && seg.text.includes(".")) {
        const cast = s.typeName(seg.text);
        if (cast && s.struct(cast)?.kind === "entity") {
          if (!s.isA(cast, current.declaredType)) throw segmentNotFound(seg.text);
          return { ...current, type: cast, path: `${current.path}/${cast}` };
        }
      }
      const op = s.boundOperation(current.type, seg.name, true);
      if (op) return operation(ctx, op, current, seg);
      // Key as a segment: the whole (decoded) segment is the key value.
      return keyed(ctx, current, seg.text);
    }
    case "entity":
      return entityStep(ctx, current, seg);
    case "property": {
      if (seg.text === "$value") {
        if (!last) throw segmentNotFound(seg.text);
        return { kind: "value", of: current };
      }
      const info = s.struct(current.type.name);
      const p = info?.properties.get(lower);
      if (!p || current.type.collection || seg.args !== undefined) throw segmentNotFound(seg.text);
      return { ...current, props: [...current.props, p], type: p.type, path: `${current.path}/${p.name}` };
    }
    case "operation":
    case "count":
    case "value":
    case "service":
    case "metadata":
      throw segmentNotFound(seg.text);
  }
}

function entityStep(ctx: RequestContext, current: EntityRes, seg: Segment): Resource {
  const s = ctx.service;
  const node = current.node;
  if (seg.text === "$value") {
    if (!s.entity(node.type).hasStream)
      throw badRequest("ErrorInvalidRequest", `The entity of type ${node.type} has no media stream.`);
    return { kind: "value", of: current };
  }
  const typeForNames = current.type;
  const nav = s.navigation(typeForNames, seg.name);
  if (nav) {
    const mb = current.mailbox ?? mailboxOf(node);
    if (!mb) throw new ServiceError(501, "ErrorNotImplemented", `Navigation below ${node.type} is not simulated.`);
    const path = `${current.path}/${nav.name}`;
    if (nav.type.collection) {
      const coll: CollectionRes = {
        kind: "collection",
        view: collectionView(mb, node, nav),
        declaredType: nav.type.name,
        type: nav.type.name,
        nav,
        caps: nav.capabilities,
        owner: node,
        mailbox: mb,
        path,
      };
      return seg.args !== undefined
        ? keyed(ctx, coll, parseKey(seg.args, s.entity(nav.type.name).key[0] ?? "Id"))
        : coll;
    }
    if (seg.args !== undefined) throw segmentNotFound(seg.text);
    const target = singleView(mb, node, nav);
    if (!target) throw notFound();
    return {
      kind: "entity",
      node: target,
      declaredType: nav.type.name,
      type: target.type,
      nav,
      caps: nav.capabilities,
      mailbox: mb,
      path,
      context: `${path}/$entity`,
    };
  }
  const p = s.property(typeForNames, seg.name);
  if (p) {
    if (seg.args !== undefined) throw segmentNotFound(seg.text);
    return {
      kind: "property",
      entity: current,
      props: [p],
      type: p.type,
      mailbox: current.mailbox,
      path: `${current.path}/${p.name}`,
    };
  }
  if (seg.args === undefined && seg.text.includes(".")) {
    const cast = s.typeName(seg.text);
    if (cast && s.struct(cast)?.kind === "entity") {
      if (!s.isA(node.type, cast)) throw notFound();
      return {
        ...current,
        type: cast,
        path: `${current.path}/${cast}`,
        context: `${current.context.replace(/\/\$entity$/, "")}/${cast}/$entity`,
      };
    }
  }
  const op = s.boundOperation(node.type, seg.name, false);
  if (op) return operation(ctx, op, current, seg);
  throw segmentNotFound(seg.text);
}

function operation(ctx: RequestContext, op: Operation, binding: EntityRes | CollectionRes, seg: Segment): OperationRes {
  const aliases = new Map([...ctx.query.custom].filter(([k]) => k.startsWith("@")));
  if (op.kind === "action" && seg.args !== undefined && seg.args.trim() !== "") throw segmentNotFound(seg.text);
  const args = seg.args === undefined ? new Map<string, unknown>() : parseCallArgs(seg.args, aliases);
  return { kind: "operation", op, binding, args, mailbox: binding.mailbox };
}
