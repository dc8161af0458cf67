/**
 * The migration map: how each name of one service (Outlook REST, `Microsoft.OutlookServices`) is spelled in another
 * (Microsoft Graph, `microsoft.graph`). Plain JSON-shaped data, built by the generator from the model diff and a
 * reviewed rename table (generator/diff/migration-map.ts), generated into each version's package
 * (`<version>/migration.ts`), and read by the request and response translators and the codemod.
 *
 * Every key is a `--from` name; every `to` is the `--to` name, or `null` when the target service has no counterpart,
 * with `why` saying so. Types are keyed by qualified name; members by their bare name on the type that declares them
 * in `--from` (look up inherited ones through `base`).
 */
export interface MigrationMap {
  readonly from: { readonly label: string; readonly namespace: string };
  readonly to: { readonly label: string; readonly namespace: string };
  /** Entity sets and singletons of the `--from` container (`Me`, `Users`, `Groups`). */
  readonly roots: Readonly<Record<string, RootMap>>;
  /** Entity, complex and enum types and type definitions, by `--from` qualified name. */
  readonly types: Readonly<Record<string, TypeMap>>;
  /** Bound operations by `--from` binding type (qualified; `Collection(…)` when bound to a collection), then by name. */
  readonly operations: Readonly<Record<string, Readonly<Record<string, OperationMap>>>>;
  /** Unbound operation imports of the `--from` container, by name. */
  readonly imports: Readonly<Record<string, OperationMap>>;
}

/** An entity set or singleton. */
export interface RootMap {
  readonly to: string | null;
  readonly kind: "entitySet" | "singleton";
  /** Its `--from` entity type, qualified. */
  readonly type: string;
  readonly why?: string;
}

export interface TypeMap {
  /** The `--to` qualified name, or null. */
  readonly to: string | null;
  readonly kind: "entityType" | "complexType" | "enumType" | "typeDefinition";
  /** The `--from` base type, qualified. */
  readonly base?: string;
  /** Entity types: the `--to` service has a `delta` function bound to a collection of the `--to` type. */
  readonly delta?: true;
  readonly why?: string;
  /** Properties and navigations declared on this type in `--from`. */
  readonly members?: Readonly<Record<string, MemberMap>>;
  /** Enum types: member name → `--to` member name, or null. */
  readonly enumMembers?: Readonly<Record<string, string | null>>;
  /** Enum types: why a member has no counterpart, by member name. */
  readonly enumMembersWhy?: Readonly<Record<string, string>>;
}

export interface MemberMap {
  readonly to: string | null;
  readonly kind: "property" | "navigationProperty";
  /** Its `--from` type: `Edm.String`, or a qualified name. */
  readonly type: string;
  readonly collection?: true;
  /** Navigations: the target is contained. */
  readonly contained?: true;
  readonly why?: string;
}

export interface OperationMap {
  /** The `--to` name (bare, as it appears in a URL segment), or null. */
  readonly to: string | null;
  readonly kind: "action" | "function";
  /** Parameters (not the binding parameter) by `--from` name. */
  readonly parameters: Readonly<Record<string, ParameterMap>>;
  /** The `--from` return type, qualified or `Edm.…`. */
  readonly returns?: { readonly type: string; readonly collection?: true };
  readonly why?: string;
}

export interface ParameterMap {
  readonly to: string | null;
  readonly type: string;
  readonly collection?: true;
  readonly why?: string;
}

/** A member of a `--from` type, its own or inherited (nearest declaration wins), with the type that declares it. */
export function findMember(
  map: MigrationMap,
  type: string,
  name: string,
): { readonly owner: string; readonly member: MemberMap } | undefined {
  const seen = new Set<string>();
  for (let cur: string | undefined = type; cur !== undefined && !seen.has(cur); cur = map.types[cur]?.base) {
    seen.add(cur);
    const members = map.types[cur]?.members;
    if (members !== undefined && Object.hasOwn(members, name)) return { owner: cur, member: members[name]! };
  }
  return undefined;
}
