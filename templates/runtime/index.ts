// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
export type {
  Flags,
  MaybeTagged,
  ODataAnnotations,
  ODataCollection,
  ODataEntity,
  ODataValue,
  OrderBy,
  QueryOptions,
  QueryShape,
  RequestBody,
  RequestOptions,
  StreamBody,
  StreamOptions,
  Tagged,
  UploadOptions,
} from "./types.js";
export type { ClientContext, ClientOptions, KeyStyle, OperationNamespaces } from "./context.js";
export { createContext } from "./context.js";
export type { CallParam, KeyType, KeyValue, Segment } from "./path.js";
export { Path } from "./path.js";
export type {
  Accepts,
  ActionNode,
  BareActionNode,
  Bind,
  Binds,
  CollectionNode,
  CollectionPropertyNode,
  ComplexPropertyNode,
  CountNode,
  CountQuery,
  EntityNode,
  EntityNodeOf,
  EntityRef,
  FunctionCollectionNode,
  FunctionNode,
  LinkCollection,
  Linked,
  MediaNode,
  NodeState,
  NoQuery,
  OptionalActionNode,
  PrimitivePropertyNode,
  PropertyNode,
  PropertyNodes,
  QueryWith,
  ReadsWith,
  RefCollectionNode,
  RefMemberNode,
  RefNode,
  Restrict,
  RestrictedCollection,
  SingleLink,
  StreamNode,
  Syncable,
  WireTable,
  WithRequired,
} from "./node.js";
export { namespacedRootNode, NODE_VERBS, nodeState, rootNode } from "./node.js";
export { buildUrl, encodePathSegment, formatLiteral, renderPath } from "./url.js";
export { encodeQueryComponent, formatQueryString, serializeQuery } from "./query.js";
export type { ODataErrorInit } from "./errors.js";
export {
  BatchFormatError,
  errorFromResponse,
  InvalidHeaderError,
  isMailboxNotEnabledForRestApi,
  isODataError,
  MailboxErrorCodes,
  NetworkError,
  ODataError,
  RedirectError,
  RequestError,
  ResponseTooLargeError,
} from "./errors.js";
export type { HttpRequest } from "./http.js";
export {
  countEntities,
  createEntity,
  deleteEntity,
  getEntity,
  getStream,
  invokeAction,
  invokeFunction,
  listAll,
  listEntities,
  listPages,
  putBody,
  putStream,
  replaceEntity,
  preferenceApplied,
  send,
  updateEntity,
} from "./http.js";
export { backoffDelay, isIdempotent, isRetriable, nextRetryDelay, parseRetryAfter, TimeoutError } from "./retry.js";
export type { RetryOptions, RetryPolicy } from "./retry.js";
export type { PreferOptions } from "./types.js";
export type { MapiArrayType, MapiScalarType, MapiScalarValues, MapiType, MapiValue, PropertyIdSpec } from "./mapi.js";
export {
  decodeMapiValue,
  encodeMapiValue,
  ExtendedPropertyError,
  formatPropertyId,
  isMapiType,
  isMultiValueType,
  parsePropertyId,
} from "./mapi.js";
export type {
  DefinedExtendedProperty,
  DefinedExtension,
  ExtendedPropertyAccessor,
  ExtendedPropertyEntry,
  ExtendedPropertyNav,
  ExtendedPropertyItem,
  ExtendedPropertyShape,
  ExtensionAccessor,
  ExtensionItem,
  ExtensionAnnotations,
  ExtensionShape,
  InlineExtension,
} from "./extensions.js";
export {
  createExtendedProperty,
  createExtension,
  expandExtendedProperties,
  extendedProperty,
  extendedPropertyAccessor,
  extendedPropertyValues,
  extension,
  extensionAccessor,
  validateExtensionName,
} from "./extensions.js";
export type { BatchAddOptions, BatchDefaults, BatchOptions, BatchPartUrls, BatchResult } from "./batch.js";
export { Batch, BatchErrorCodes, createBatch } from "./batch.js";
export type { ServiceRequest } from "./request.js";
export { request, RequestPathError } from "./request.js";
export type { SyncChange, SyncOptions, SyncRound } from "./sync.js";
export { sync, SyncNotSupportedError, syncRound } from "./sync.js";
export { bind } from "./refs.js";
export type {
  GapInfo,
  GraphNotification,
  NodeLikeRequest,
  NodeLikeResponse,
  OutlookNotification,
  ParsedNotification,
  RawNotification,
  WebhookHandler,
  WebhookOptions,
} from "./notifications.js";
export { createWebhookHandler, parseNotification } from "./notifications.js";
export type { JsonStreamLimits, StreamingEvent, StreamingOptions } from "./streaming.js";
export {
  JsonStreamError,
  JsonStreamLimitError,
  parseJsonArrayStream,
  StreamingReconnectError,
  streamNotifications,
} from "./streaming.js";
