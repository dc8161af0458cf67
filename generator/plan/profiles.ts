/**
 * What the generator knows about particular services beyond their metadata:
 * where they live and which Outlook conventions apply. Keyed by the schema
 * namespace; anything unknown gets no default base URL and none of the
 * Outlook-only helpers.
 */
import { keyAsSegmentSupported } from "../model/annotations.js";
import type { ServiceModel } from "../model/types.js";

export interface ServiceProfile {
  /** Default service root for this version label; empty when unknown. */
  readonly baseUrl: string;
  /** Send x-AnchorMailbox (an Outlook routing hint). */
  readonly sendAnchorMailbox: boolean;
  /** The entity set whose key names a mailbox, for x-AnchorMailbox. */
  readonly anchorUsersSet?: string;
  /**
   * Export `isMailboxNotEnabledForRestApi`: Outlook answers MailboxNotEnabledForRESTAPI /
   * MailboxNotSupportedForRESTAPI for mailboxes its REST API cannot serve; no other service does.
   */
  readonly mailboxErrors: boolean;
  /**
   * How keys go in URLs by default, when the metadata does not say (Capabilities.KeyAsSegmentSupported): Graph's
   * documentation writes every key as a segment (`/users/{id}/messages/{id}`).
   */
  readonly keyStyle?: "segment";
  /** What the service's documentation says of its $batch: the defaults of startBatch's options. */
  readonly batch?: BatchProfile;
  /**
   * Call functions without parameters without parentheses by default (OData 4.01 allows either): Graph's
   * documentation writes `GET /me/contacts/delta`. Other services keep `delta()`, which OData 4.0 requires.
   */
  readonly bareFunctions?: true;
  /**
   * Query options a service needs that its metadata does not declare: each entry's navigations (wire names, matched
   * without regard to case) take them as typed, required options of their reads, and so do the functions it names
   * when called on them (Graph's calendarView/delta).
   */
  readonly requiredOptions?: readonly RequiredOptions[];
  /**
   * Capabilities the documented service has where its metadata says otherwise, keyed by version label, then by target
   * as the config's `capabilities` names it. The config's overrides apply after these.
   */
  readonly capabilities?: Readonly<Record<string, Readonly<Record<string, CapabilityOverride>>>>;
  /**
   * The shipped migration map of this version (a file of generator/diff/maps/), generated into the package as
   * `<version>/migration.ts` unless the config's `migration` says otherwise.
   */
  readonly migrationMap?: string;
}

/** A service's $batch: its wire format, endpoint (relative to the service root), request limit and part URL form. */
export interface BatchProfile {
  readonly format: "multipart" | "json";
  readonly path?: string;
  readonly maxPartsPerRequest: number;
  readonly partUrls: "service" | "relative" | "absolute";
}

/** Required custom query options of some navigations (see ServiceProfile.requiredOptions). */
export interface RequiredOptions {
  readonly navigations: readonly string[];
  /** The entity types (names without namespace, matched without regard to case) the navigations must target. */
  readonly types: readonly string[];
  /** Functions bound to the navigation's collection that need the options too. */
  readonly functions: readonly string[];
  /** Option name → TypeScript type. */
  readonly options: Readonly<Record<string, string>>;
}

/** The capabilities an override may set: true offers the verbs, false takes them out of the types. */
export interface CapabilityOverride {
  readonly changeTracking?: boolean;
  readonly countable?: boolean;
  readonly deletable?: boolean;
  readonly insertable?: boolean;
  readonly readable?: boolean;
  readonly updatable?: boolean;
}

/** The calendar window Outlook and Graph need on calendarView and an event's instances (ISO 8601 date-times). */
const WINDOW = { startDateTime: "string | Date", endDateTime: "string | Date" };

/** The file name of the map shipped for an Outlook version (generator/diff/maps/), to Microsoft Graph v1.0. */
export function shippedMapName(label: string): string {
  return `outlook-${label}-to-graph-v1.0.map.json`;
}

export function serviceProfile(model: ServiceModel, label: string): ServiceProfile {
  const namespaces = new Set(model.schemas.map((s) => s.namespace));
  if (namespaces.has("Microsoft.OutlookServices")) {
    return {
      baseUrl: `https://outlook.office.com/api/${label}`,
      sendAnchorMailbox: true,
      anchorUsersSet: "Users",
      mailboxErrors: true,
      batch: outlookBatch(label),
      requiredOptions: [{ navigations: ["CalendarView", "Instances"], types: ["Event"], functions: [], options: WINDOW }],
      // v2.0's metadata (mid-2016) marks MailFolder.Messages ChangeTracking false, from when syncing messages was
      // beta only; the later v2.0 reference documents "Synchronize messages" on a folder's messages, and the service
      // answers it with Preference-Applied: odata.track-changes. The documented service wins; a config can undo it.
      capabilities: { "v2.0": { "MailFolder/Messages": { changeTracking: true } } },
      // Each Outlook version's names in Microsoft Graph v1.0, the service that replaced it.
      ...(OUTLOOK_VERSIONS.includes(label) ? { migrationMap: shippedMapName(label) } : {}),
    };
  }
  if (namespaces.has("microsoft.graph")) {
    const version = /^(v\d+\.\d+|beta)$/.test(label) ? label : "v1.0";
    return {
      baseUrl: `https://graph.microsoft.com/${version}`,
      sendAnchorMailbox: false,
      mailboxErrors: false,
      keyStyle: "segment",
      bareFunctions: true,
      batch: GRAPH_BATCH,
      requiredOptions: [
        { navigations: ["calendarView"], types: ["event"], functions: ["delta"], options: WINDOW },
        { navigations: ["instances"], types: ["event"], functions: [], options: WINDOW },
      ],
    };
  }
  return { baseUrl: "", sendAnchorMailbox: false, mailboxErrors: false };
}

/**
 * Microsoft Graph's JSON batching: `POST /{version}/$batch`, at most 20 requests, each `url` relative to the version
 * root after a slash (`"url": "/me"`); Graph has no multipart batch.
 */
const GRAPH_BATCH: BatchProfile = { format: "json", path: "$batch", maxPartsPerRequest: 20, partUrls: "service" };

/**
 * The Outlook REST API's batching: multipart only, at most 20 requests, each request line with the absolute path
 * (`GET /api/v2.0/me/events HTTP/1.1`). The v2.0 and beta pages document the endpoint `{root}/me/$batch` (every part
 * addresses one mailbox); v1.0 documents no batching at all, so it keeps OData's `{root}/$batch`.
 */
function outlookBatch(label: string): BatchProfile {
  const base = { format: "multipart", maxPartsPerRequest: 20, partUrls: "absolute" } as const;
  return label === "v2.0" || label === "beta" ? { ...base, path: "me/$batch" } : base;
}

/** The Outlook REST API's versions: the default service root ends in one of them. */
const OUTLOOK_VERSIONS = ["v1.0", "v2.0", "beta"];

/**
 * Why the default service root this label gives is likely wrong, or undefined. Outlook's default root ends in the
 * label, so a label that is not one of its versions (`v2` for v2.0) names an endpoint that never existed.
 */
export function defaultBaseUrlProblem(model: ServiceModel, label: string): string | undefined {
  const profile = serviceProfile(model, label);
  if (!profile.mailboxErrors || OUTLOOK_VERSIONS.includes(label)) return undefined;
  return `version label ${label} is not an Outlook REST API version (${OUTLOOK_VERSIONS.join(", ")}), so the client's default service root ${profile.baseUrl} does not exist; label the document with its version, or give a baseUrl`;
}

/**
 * The key style a version's client starts with: the config's, else the one the metadata announces
 * (Capabilities.KeyAsSegmentSupported on the container), else the service profile's; undefined means the runtime's
 * default, parentheses.
 */
export function defaultKeyStyle(
  model: ServiceModel,
  label: string,
  client: { readonly keyStyle?: "parentheses" | "segment" } | undefined,
): "parentheses" | "segment" | undefined {
  if (client?.keyStyle !== undefined) return client.keyStyle;
  const container = model.schemas.find((s) => s.container)?.container;
  const announced = container === undefined ? undefined : keyAsSegmentSupported(container.annotations);
  return announced === true ? "segment" : announced === false ? undefined : serviceProfile(model, label).keyStyle;
}
