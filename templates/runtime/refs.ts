// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
//
// References between entities (OData 4.01 URL conventions §4.4, protocol §11.4.6): `bind(node)` gives the URL a
// reference or an `@odata.bind` names; sendRef runs the verbs of a `$ref` node.
import type { ClientContext } from "./context.js";
import { sendJson } from "./http.js";
import { nodeState, type Bind, type ENTITY } from "./node.js";
import type { Path } from "./path.js";
import type { RequestOptions } from "./types.js";
import { buildUrl } from "./url.js";

/**
 * The absolute URL of the entity a node addresses, for a reference (`group.owners.$ref.post(bind(user))`) or an
 * `@odata.bind` in a create or update body. Typed by the node's entity type, so that a navigation refuses a node of
 * another type. A TypeError for anything but a node of a generated client that addresses one entity.
 */
export function bind<N extends string>(node: { readonly [ENTITY]: { readonly name: N } }): Bind<N> {
  const { ctx, path } = nodeState(node);
  if (
    path.segments.length === 0 ||
    path.segments.some((s) => s.kind === "call" || s.kind === "operation" || (s.kind === "name" && s.name[0] === "$"))
  )
    throw new TypeError(
      `bind() takes a node that addresses one entity, e.g. client.users.byId(id); got ${String(node)}`,
    );
  return buildUrl(ctx, path) as Bind<N>;
}

/**
 * The verbs of a `$ref` node: POST adds a reference and PUT sets one (body `{"@odata.id": ref}`); DELETE removes the
 * reference the node names, or with a `ref` the one to that entity (`?$id=ref`). Never an entity. A reference must
 * address an entity of the same service (its URL starts with the service root): else, and for a node that is no
 * `$ref`, a TypeError and nothing sent.
 */
export function sendRef(
  { ctx, path, wire }: { readonly ctx: ClientContext; readonly path: Path; readonly wire?: string | undefined },
  method: "POST" | "PUT" | "DELETE",
  a: unknown[],
): Promise<void> {
  const ref = typeof a[0] == "string" ? (a.shift() as string) : undefined;
  const remove = method == "DELETE";
  return wire != "$ref" || (ref ? !ref.startsWith(ctx.baseUrl + "/") : !remove)
    ? Promise.reject(new TypeError("Not a reference of this service: " + ref))
    : sendJson(
        ctx,
        method,
        path,
        ref && remove ? { params: { $id: ref } } : undefined,
        remove ? undefined : { "@odata.id": ref },
        a[0] as RequestOptions | undefined,
      );
}
