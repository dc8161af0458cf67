/**
 * Plans `<version>/index.ts`, the version's entry: createClient and the standalone features from client.ts, the
 * runtime's errors and helpers, the extensions module's exports, every model and every node type.
 */
import { RUNTIME_MODULE, type PlannedFile, type Version } from "./context.js";
import { relativeSpecifier } from "./imports.js";
import { serviceProfile } from "./profiles.js";

export function planBarrel(v: Version, clientExports: readonly string[]): PlannedFile {
  const path = `${v.dir}index.ts`;
  const runtime = relativeSpecifier(path, RUNTIME_MODULE);
  const typeExports: { names: string; from: string }[] = [
    {
      names: "BatchOptions, BatchResult, ClientOptions, Flags, ODataCollection, ODataEntity, ODataValue, OperationNamespaces, PreferOptions, QueryOptions, RequestOptions, RetryOptions",
      from: runtime,
    },
    { names: "CollectionNode, EntityNode, FunctionCollectionNode, FunctionNode, MediaNode", from: runtime },
    {
      names: "ParsedNotification, StreamingEvent, StreamingOptions, SyncChange, SyncOptions, SyncRound, WebhookHandler, WebhookOptions",
      from: runtime,
    },
  ];
  const valueExports: { names: string; from: string }[] = [
    { names: [...clientExports].sort().join(", "), from: "./client.js" },
    {
      // Only Outlook answers MailboxNotEnabledForRESTAPI: the helper that recognises it is exported there alone.
      names: `${serviceProfile(v.input.model, v.input.label).mailboxErrors ? "isMailboxNotEnabledForRestApi, " : ""}isODataError, NetworkError, ODataError, preferenceApplied, RedirectError, RequestError, RequestPathError, TimeoutError`,
      from: runtime,
    },
    {
      names: "Batch, BatchErrorCodes, createWebhookHandler, JsonStreamError, parseNotification, StreamingReconnectError, SyncNotSupportedError",
      from: runtime,
    },
  ];
  const extensions = v.extensions;
  if (extensions) {
    typeExports.push({
      names: "DefinedExtendedProperty, DefinedExtension, ExtendedPropertyAccessor, ExtensionAccessor, MapiType, MapiValue, PropertyIdSpec",
      from: runtime,
    });
    valueExports.push({ names: "decodeMapiValue, encodeMapiValue, ExtendedPropertyError, formatPropertyId, parsePropertyId", from: runtime });
    for (const e of extensions.exports) (e.typeOnly ? typeExports : valueExports).push({ names: e.names.join(", "), from: "./extensions.js" });
  }
  return {
    path,
    template: "barrels/index",
    view: { header: v.header, label: v.input.label, typeExports, valueExports },
  };
}
