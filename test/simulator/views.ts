/**
 * What a navigation from an entity addresses. Most contained navigations are plain: the
 * children stored under the node. The mailbox-level ones are views over the tree
 * (`/Me/Messages` = the messages of every folder but Deleted Items; `/Me/Events` = the events of
 * every calendar; `/Me/CalendarView` = occurrences in a window; …), and keys may reach further
 * than the listing (`/Me/MailFolders('Inbox')`, `/Me/MailFolders('<id of a subfolder>')`).
 */
import type { NavigationProperty } from "../../generator/model/types.js";
import { calendarView, findEvent, occurrencesIn, windowOf } from "./calendar.js";
import { normalizePropertyId } from "./entities.js";
import { localName, NS } from "./model.js";
import { photoCollection, photoNode } from "./photo.js";
import type { EntityNode, Mailbox } from "./store.js";

export interface CollectionView {
  /** The members, in storage order. `query` carries custom query parameters (startDateTime, …). */
  list(query: ReadonlyMap<string, string>): EntityNode[];
  /** A member by key (may reach beyond `list`, e.g. a nested folder by id). */
  find(key: string, query: ReadonlyMap<string, string>): EntityNode | undefined;
  /** Where POST puts a new member; undefined: the collection takes no inserts. */
  readonly insert?: { readonly parent: EntityNode; readonly nav: string; readonly after?: (node: EntityNode) => void };
}

/** The plain contained collection `owner/nav`. */
export function storedView(owner: EntityNode, nav: string): CollectionView {
  return {
    list: () => [...(owner.navs.get(nav) ?? [])],
    find: (key) => (owner.navs.get(nav) ?? []).find((n) => n.id === key),
    insert: { parent: owner, nav },
  };
}

function fixed(
  list: () => EntityNode[],
  find?: (key: string) => EntityNode | undefined,
  insert?: CollectionView["insert"],
): CollectionView {
  return {
    list,
    find: find ?? ((key) => list().find((n) => n.id === key)),
    ...(insert ? { insert } : {}),
  };
}

/** The collection a navigation from `owner` addresses. */
export function collectionView(mb: Mailbox, owner: EntityNode, nav: NavigationProperty): CollectionView {
  const s = mb.service;
  const ownerType = localName(owner.type);
  const key = `${ownerType}.${nav.name}`;
  const isUser = owner === mb.node;
  if (nav.type.name === `${NS}.Photo`) return photoCollection(mb, owner);
  if (isUser) {
    switch (nav.name) {
      case "Messages":
        return fixed(
          () => mb.allMessages(),
          (k) => mb.find(k, (n) => s.isA(n.type, `${NS}.Message`) && n.parentNav === "Messages"),
          { parent: mb.wellKnown.get("drafts") ?? mb.rootFolder, nav: "Messages" },
        );
      case "MailFolders":
      case "Folders":
        return fixed(
          () => [...(mb.rootFolder.navs.get("ChildFolders") ?? [])],
          (k) => mb.folder(k),
          { parent: mb.rootFolder, nav: "ChildFolders" },
        );
      case "Events":
        return fixed(
          () => mb.allEvents(),
          (k) => findEvent(mb, k),
          { parent: mb.defaultCalendar, nav: "Events" },
        );
      case "CalendarView":
        return windowed(mb, () => mb.allEvents());
      case "Contacts":
        return fixed(
          () => [...(mb.defaultContactFolder.navs.get("Contacts") ?? [])],
          (k) => mb.allContacts().find((c) => c.id === k),
          { parent: mb.defaultContactFolder, nav: "Contacts" },
        );
      case "ContactFolders":
        return fixed(
          () => [...(mb.defaultContactFolder.navs.get("ChildFolders") ?? [])],
          (k) =>
            k.toLowerCase() === "contacts" ? mb.defaultContactFolder : mb.contactFolders().find((f) => f.id === k),
          { parent: mb.defaultContactFolder, nav: "ChildFolders" },
        );
      case "Tasks":
        return fixed(
          () => mb.allTasks(),
          undefined,
          mb.defaultTaskFolder ? { parent: mb.defaultTaskFolder, nav: "Tasks" } : undefined,
        );
      case "TaskFolders":
        return fixed(
          () => mb.taskFolders(),
          undefined,
          mb.defaultTaskGroup ? { parent: mb.defaultTaskGroup, nav: "TaskFolders" } : undefined,
        );
      default:
        break;
    }
  }
  switch (key) {
    case "CalendarGroup.Calendars":
      return fixed(() => mb.calendars().filter((c) => c.hidden.group === owner.id), undefined, {
        parent: mb.node,
        nav: "Calendars",
        after: (c) => (c.hidden.group = owner.id),
      });
    case "Calendar.Events":
      return fixed(
        () => [...(owner.navs.get("Events") ?? [])],
        (k) => findEvent(mb, k, owner.navs.get("Events") ?? []),
        {
          parent: owner,
          nav: "Events",
        },
      );
    case "Calendar.CalendarView":
      return windowed(mb, () => [...(owner.navs.get("Events") ?? [])]);
    case "Event.Instances":
      return {
        list: (q) => {
          const { from, to } = windowOf(q);
          return owner.data.Recurrence ? occurrencesIn(mb, owner, from, to) : [];
        },
        find: (k) => findEvent(mb, k),
      };
    default:
      break;
  }
  if (nav.name === "Extensions") {
    // By full id (`Microsoft.OutlookServices.OpenTypeExtension.<name>`) or by bare name (fact sheet §3.5).
    return fixed(
      () => [...(owner.navs.get("Extensions") ?? [])],
      (k) => (owner.navs.get("Extensions") ?? []).find((e) => e.id === k || e.data.ExtensionName === k),
      { parent: owner, nav: "Extensions" },
    );
  }
  if (nav.name === "SingleValueExtendedProperties" || nav.name === "MultiValueExtendedProperties") {
    return fixed(
      () => [...(owner.navs.get(nav.name) ?? [])],
      (k) => (owner.navs.get(nav.name) ?? []).find((p) => normalizePropertyId(p.id) === normalizePropertyId(k)),
      { parent: owner, nav: nav.name },
    );
  }
  return storedView(owner, nav.name);
}

/** A calendar view over some events: needs startDateTime and endDateTime. */
function windowed(mb: Mailbox, events: () => EntityNode[]): CollectionView {
  return {
    list: (q) => {
      const { from, to } = windowOf(q);
      return calendarView(mb, events(), from, to);
    },
    find: (k) => findEvent(mb, k, events()),
  };
}

/** The entity a single-valued navigation from `owner` addresses, or undefined. */
export function singleView(mb: Mailbox, owner: EntityNode, nav: NavigationProperty): EntityNode | undefined {
  if (nav.type.name === `${NS}.Photo`) return photoNode(mb, owner);
  if (owner === mb.node && nav.name === "Calendar") return mb.defaultCalendar;
  if (owner === mb.node && nav.name === "RootFolder") return mb.rootFolder;
  if (nav.name === "Calendar" && mb.service.isA(owner.type, `${NS}.Event`)) {
    return owner.ancestor((n) => mb.service.isA(n.type, `${NS}.Calendar`));
  }
  if (nav.name === "Event" && owner.hidden.event) return mb.allEvents().find((e) => e.id === owner.hidden.event);
  return owner.navs.get(nav.name)?.[0];
}
