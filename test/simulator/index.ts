/** The Outlook REST API simulator: `startSimulator()` and the types around it. */
export { startSimulator, type SeenRequest, type Simulator, type SimulatorOptions } from "./server.js";
export type { SimRequest, SimResponse } from "./http.js";
export type { RequestContext } from "./context.js";
export type { Resource } from "./resolve.js";
export { Router, type PathRoute, type Route } from "./routes.js";
export {
  EntityNode,
  Mailbox,
  Store,
  VersionStore,
  type ChangeRecord,
  type UserInit,
  type UserRecord,
} from "./store.js";
export { VERSIONS, type Version } from "./model.js";
