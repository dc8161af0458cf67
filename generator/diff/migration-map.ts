/**
 * The migration map (templates/runtime/migration-map.ts): for every named thing of a `--from` model (types, their
 * members, enum members, bound operations and their parameters, entity sets, singletons, operation imports), its name in
 * a `--to` model, or `null` and why there is none. Built from what the model diff paired (compareModels), so the map
 * and `codegen diff` never disagree. Pure and deterministic: keys are sorted, so the same two models and table always
 * give the same JSON, byte for byte.
 *
 * `none` gives the reasons, keyed by the diff's `fromPath` of the removed element (the `none` list of a rename table's
 * *.notes.json). An element with no counterpart and no reason gets a generic one; the test over the shipped maps fails
 * on those.
 */
import type { MemberMap, MigrationMap, OperationMap, ParameterMap, RootMap, TypeMap } from "../../templates/runtime/migration-map.js";
import type { ComplexType, EntityType, EnumType, Operation, ServiceModel, TypeDefinition } from "../model/types.js";
import { compareModels, type NameMatch, type RenameTable } from "./model-diff.js";

export interface MigrationMapOptions {
  /** The labels of the two sides (`v2.0`, `graph-v1.0`). */
  readonly fromLabel: string;
  readonly toLabel: string;
  readonly renames?: RenameTable;
  /** Why `--to` has no counterpart, by the diff's `fromPath` (`EntityType[Task]`, `EntityType[User]/NavigationProperty[Tasks]`). */
  readonly none?: Readonly<Record<string, string>>;
}

/** The generic reason, for an element that has no counterpart and no reviewed one; the shipped maps have none of these. */
export const UNREVIEWED = "no counterpart found (no name matched and the rename table has no entry)";

type Named = EntityType | ComplexType | EnumType | TypeDefinition;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sorted = <T>(entries: Iterable<readonly [string, T]>): Record<string, T> =>
  Object.fromEntries([...entries].sort(([x], [y]) => cmp(x, y)));
const localName = (qualified: string): string => qualified.slice(qualified.lastIndexOf(".") + 1);
const TAG: Readonly<Record<Named["kind"], string>> = {
  entityType: "EntityType",
  complexType: "ComplexType",
  enumType: "EnumType",
  typeDefinition: "TypeDefinition",
};

/** The namespace holding the most types: the one the diff's paths leave out. */
function mainNamespace(model: ServiceModel): string {
  let main = { ns: "", count: -1 };
  for (const s of model.schemas) {
    const count = s.entityTypes.length + s.complexTypes.length + s.enumTypes.length + s.typeDefinitions.length;
    if (count > main.count) main = { ns: s.namespace, count };
  }
  return main.ns;
}

export function buildMigrationMap(from: ServiceModel, to: ServiceModel, options: MigrationMapOptions): MigrationMap {
  const { matches } = compareModels(from, to, options.renames !== undefined ? { renames: options.renames } : {});
  const none = options.none ?? {};
  const reason = (path: string, fallback = UNREVIEWED): string => (Object.hasOwn(none, path) ? none[path]! : fallback);
  const main = mainNamespace(from);
  const typePath = (t: Named): string => (t.namespace === main ? "" : `Schema[${t.namespace}]/`) + `${TAG[t.kind]}[${t.name}]`;

  // Graph syncs a collection through a `delta` function bound to it.
  const deltaTypes = new Set<string>();
  for (const s of to.schemas) {
    for (const op of s.operations) {
      if (op.kind === "function" && op.name === "delta" && op.isBound && op.bindingParameter?.type.collection) deltaTypes.add(op.bindingParameter.type.name);
    }
  }

  const typesA = new Map<string, EntityType | ComplexType>();
  for (const s of from.schemas) for (const t of [...s.entityTypes, ...s.complexTypes]) typesA.set(t.qualifiedName, t);
  const types: [string, TypeMap][] = [];
  for (const s of from.schemas) {
    for (const t of [...s.entityTypes, ...s.complexTypes, ...s.enumTypes, ...s.typeDefinitions] as Named[]) {
      const pair = matches.types.get(t.qualifiedName);
      const path = typePath(t);
      const head = {
        to: pair?.to ?? null,
        kind: t.kind,
        ...(t.kind === "entityType" || t.kind === "complexType" ? (t.baseType !== undefined ? { base: t.baseType } : {}) : {}),
        ...(pair !== undefined && t.kind === "entityType" && deltaTypes.has(pair.to) ? { delta: true as const } : {}),
        ...(pair === undefined ? { why: reason(path) } : {}),
      };
      if (t.kind === "enumType") {
        const m = matches.enumMembers.get(t.qualifiedName);
        const missing = t.members.filter((x) => m?.get(x.name) === undefined);
        const why = (x: { name: string }): string => (pair === undefined ? `${t.name} has no counterpart` : reason(`${path}/Member[${x.name}]`));
        types.push([
          t.qualifiedName,
          {
            ...head,
            enumMembers: sorted(t.members.map((x) => [x.name, m?.get(x.name)?.to ?? null] as const)),
            ...(missing.length > 0 ? { enumMembersWhy: sorted(missing.map((x) => [x.name, why(x)] as const)) } : {}),
          },
        ]);
        continue;
      }
      if (t.kind === "typeDefinition") {
        types.push([t.qualifiedName, head]);
        continue;
      }
      const m = matches.members.get(t.qualifiedName);
      const members: [string, MemberMap][] = [];
      // Its own members, and those inherited from a base type that has no counterpart (Outlook's abstract
      // Subscription gives PushSubscription its Resource, which Graph's subscription has): the translators find a
      // member on the nearest type that declares it, so these are answered here.
      const own = [...t.properties, ...t.navigationProperties];
      const lifted: typeof own = [];
      if (pair !== undefined) {
        const seen = new Set([t.qualifiedName]);
        for (let b = typesA.get(t.baseType ?? ""); b !== undefined && !seen.has(b.qualifiedName); b = typesA.get(b.baseType ?? "")) {
          seen.add(b.qualifiedName);
          if (matches.types.has(b.qualifiedName)) continue;
          for (const x of [...b.properties, ...b.navigationProperties]) if (![...own, ...lifted].some((y) => y.name === x.name)) lifted.push(x);
        }
      }
      for (const x of [...own, ...lifted]) {
        const target: NameMatch | undefined = m?.get(x.name);
        const memberPath = `${path}/${x.kind === "property" ? "Property" : "NavigationProperty"}[${x.name}]`;
        const why = pair === undefined ? `${localName(t.qualifiedName)} has no counterpart` : reason(memberPath);
        members.push([
          x.name,
          {
            to: target?.to ?? null,
            kind: x.kind,
            type: x.type.name,
            ...(x.type.collection ? { collection: true as const } : {}),
            ...(x.kind === "navigationProperty" && x.containsTarget ? { contained: true as const } : {}),
            ...(target === undefined ? { why } : {}),
          },
        ]);
      }
      types.push([t.qualifiedName, { ...head, members: sorted(members) }]);
    }
  }

  // Operations: bound ones by their binding type, as written in --from; unbound ones through their imports.
  const opPairs = new Map(matches.operations.map((p) => [p.from, p]));
  const overloads = new Map<string, number>();
  const bindingOf = (op: Operation): string => {
    const p = op.bindingParameter;
    if (!op.isBound || p === undefined) return "";
    return p.type.collection ? `Collection(${p.type.name})` : p.type.name;
  };
  const allOps = from.schemas.flatMap((s) => s.operations);
  for (const op of allOps) overloads.set(`${op.qualifiedName}\0${bindingOf(op)}`, (overloads.get(`${op.qualifiedName}\0${bindingOf(op)}`) ?? 0) + 1);
  const opPath = (op: Operation): string => {
    const binding = op.bindingParameter;
    const shown = !op.isBound || binding === undefined ? "" : binding.type.collection ? `Collection(${localName(binding.type.name)})` : localName(binding.type.name);
    const overload = (overloads.get(`${op.qualifiedName}\0${bindingOf(op)}`) ?? 0) > 1 ? `/Overload[${op.parameters.map((p) => p.name).join(",")}]` : "";
    return `${op.namespace === main ? "" : `Schema[${op.namespace}]/`}${op.kind === "action" ? "Action" : "Function"}[${op.name}(${shown})]${overload}`;
  };
  const operationMap = (op: Operation): OperationMap => {
    const pair = opPairs.get(op);
    const path = opPath(op);
    const bindingName = op.bindingParameter?.name;
    const parameters: [string, ParameterMap][] = op.parameters
      .filter((p) => !(op.isBound && p.name === bindingName))
      .map((p) => {
        const target = pair?.parameters.get(p.name);
        const why = pair === undefined ? `${op.name} has no counterpart` : reason(`${path}/Parameter[${p.name}]`);
        return [p.name, { to: target?.to ?? null, type: p.type.name, ...(p.type.collection ? { collection: true as const } : {}), ...(target === undefined ? { why } : {}) }];
      });
    return {
      to: pair?.to.name ?? null,
      kind: op.kind,
      parameters: sorted(parameters),
      ...(op.returnType !== undefined ? { returns: { type: op.returnType.type.name, ...(op.returnType.type.collection ? { collection: true as const } : {}) } } : {}),
      ...(pair === undefined ? { why: reason(path) } : {}),
    };
  };
  const bound = new Map<string, [string, OperationMap][]>();
  for (const op of allOps) {
    if (!op.isBound) continue;
    const key = bindingOf(op);
    // An overload keeps the first (in document order); the translators look operations up by name.
    if ((bound.get(key) ?? []).some(([n]) => n === op.name)) continue;
    bound.set(key, [...(bound.get(key) ?? []), [op.name, operationMap(op)]]);
  }

  const roots: [string, RootMap][] = [];
  const imports: [string, OperationMap][] = [];
  for (const s of from.schemas) {
    const c = s.container;
    if (c === undefined) continue;
    for (const x of c.entitySets) {
      const p = matches.entitySets.get(x.name);
      roots.push([x.name, { to: p?.to ?? null, kind: "entitySet", type: x.entityType, ...(p === undefined ? { why: reason(`EntitySet[${x.name}]`) } : {}) }]);
    }
    for (const x of c.singletons) {
      const p = matches.singletons.get(x.name);
      roots.push([x.name, { to: p?.to ?? null, kind: "singleton", type: x.type, ...(p === undefined ? { why: reason(`Singleton[${x.name}]`) } : {}) }]);
    }
    for (const x of c.operationImports) {
      const op = allOps.find((o) => o.qualifiedName === x.operation && !o.isBound);
      const p = matches.imports.get(x.name);
      const tag = x.kind === "actionImport" ? "ActionImport" : "FunctionImport";
      const base: OperationMap = op !== undefined ? operationMap(op) : { to: null, kind: x.kind === "actionImport" ? "action" : "function", parameters: {} };
      imports.push([x.name, { ...base, to: p?.to ?? null, ...(p === undefined ? { why: reason(`${tag}[${x.name}]`) } : {}) }]);
    }
  }

  const ns = (m: ServiceModel): string => mainNamespace(m);
  return {
    from: { label: options.fromLabel, namespace: ns(from) },
    to: { label: options.toLabel, namespace: ns(to) },
    roots: sorted(roots),
    types: sorted(types),
    operations: sorted([...bound].map(([k, ops]) => [k, sorted(ops)] as const)),
    imports: sorted(imports),
  };
}

/** Counts for a report: one-to-one (the same name, up to case), renamed, and without a counterpart. */
export interface MigrationCoverage {
  readonly oneToOne: number;
  readonly renamed: number;
  readonly none: number;
}

/** Every element of a map, with its `--to` name (null for none): types, members, enum members, operations, parameters, roots, imports. */
export function mapElements(map: MigrationMap): readonly { readonly element: string; readonly from: string; readonly to: string | null; readonly why?: string }[] {
  const out: { element: string; from: string; to: string | null; why?: string }[] = [];
  const add = (element: string, from: string, to: string | null, why?: string): void => void out.push({ element, from, to, ...(why !== undefined ? { why } : {}) });
  for (const [name, r] of Object.entries(map.roots)) add(r.kind, name, r.to, r.why);
  for (const [q, t] of Object.entries(map.types)) {
    add(t.kind, q, t.to, t.why);
    for (const [n, m] of Object.entries(t.members ?? {})) add(m.kind, `${q}/${n}`, m.to, m.why);
    for (const [n, to] of Object.entries(t.enumMembers ?? {})) add("enumMember", `${q}/${n}`, to, t.enumMembersWhy?.[n]);
  }
  const operation = (prefix: string, name: string, op: OperationMap): void => {
    add(op.kind, `${prefix}${name}`, op.to, op.why);
    for (const [n, p] of Object.entries(op.parameters)) add("parameter", `${prefix}${name}/${n}`, p.to, p.why);
  };
  for (const [binding, ops] of Object.entries(map.operations)) for (const [n, op] of Object.entries(ops)) operation(`${binding}/`, n, op);
  for (const [n, op] of Object.entries(map.imports)) operation("", n, op);
  return out;
}

export function migrationCoverage(map: MigrationMap): MigrationCoverage {
  let oneToOne = 0;
  let renamed = 0;
  let none = 0;
  for (const e of mapElements(map)) {
    if (e.to === null) none++;
    else if (localName(e.to).toLowerCase() === localName(e.from.slice(e.from.lastIndexOf("/") + 1)).toLowerCase()) oneToOne++;
    else renamed++;
  }
  return { oneToOne, renamed, none };
}
