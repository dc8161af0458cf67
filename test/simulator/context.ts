/** The per-request state every handler gets. */
import type { SimRequest } from "./http.js";
import type { ServiceInfo, Version } from "./model.js";
import type { Presentation } from "./serialize.js";
import type { Store, UserRecord, VersionStore } from "./store.js";
import type { ParsedQuery, Segment } from "./url.js";

export interface RequestContext {
  readonly req: SimRequest;
  readonly method: string;
  readonly version: Version;
  readonly service: ServiceInfo;
  readonly store: Store;
  readonly vstore: VersionStore;
  /** The user the bearer token stands for (`Me`). */
  readonly me: UserRecord;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `http://127.0.0.1:<port>/api/<version>` */
  readonly serviceRoot: string;
  /** Segments after the service root, decoded. */
  readonly segments: readonly Segment[];
  /** The raw path after the service root (still percent-encoded), for next links. */
  readonly rawPath: string;
  readonly query: ParsedQuery;
  /** Prefer preferences, lower-case names. */
  readonly prefer: ReadonlyMap<string, string | true>;
  /** Preference-Applied entries the handlers add. */
  readonly applied: string[];
  readonly presentation: Presentation;
  /** The server's default page size (SimulatorOptions.pageSize). */
  readonly pageSize: number;
}
