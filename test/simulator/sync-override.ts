/**
 * Sync on v2.0 folder messages (fact sheet §2.5): v2.0's metadata (M2) marks `MailFolder.Messages` ChangeTracking
 * false, from when syncing messages was beta only, while the later v2.0 reference lists "Synchronize messages" on a
 * folder. `enableV2MessageSync(sim)` makes the simulator the documented service: a sync request (track-changes, a
 * delta or skip token) on v2.0 `MailFolders('id')/Messages` is answered by the sync route as on beta. Without it the
 * simulator follows the metadata and applies no track-changes preference there.
 */
import type { CollectionRes } from "./resolve.js";
import type { Simulator } from "./server.js";
import { TRACK_CHANGES } from "./sync.js";

export function enableV2MessageSync(sim: Simulator): void {
  const { router } = sim;
  router.use(
    {
      name: "sync-v2-folder-messages",
      match: (ctx, r) =>
        r.kind === "collection" &&
        ctx.method === "GET" &&
        ctx.version === "v2.0" &&
        r.caps.changeTracking === false &&
        r.nav?.name === "Messages" &&
        /MailFolders\([^)]*\)\/Messages$/i.test(r.path) &&
        (ctx.prefer.has(TRACK_CHANGES) || ctx.query.system.has("$deltatoken") || ctx.query.system.has("$skiptoken")),
      // The same resource with change tracking allowed: this route no longer matches it, the sync route does.
      handle: (ctx, r) => {
        const c = r as CollectionRes;
        return router.dispatch(ctx, { ...c, caps: { ...c.caps, changeTracking: true } });
      },
    },
    "first",
  );
}
