/**
 * The simulator's view of one API version: the generator's own parse and model stages turn
 * `metadata/<version>.xml` into a ServiceModel, indexed here for the lookups the server needs
 * (types with inherited members, derived types, navigation capabilities, bound operations).
 * Names are looked up case-insensitively (fact sheet §2.1); what is returned is canonical.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildModel } from "../../generator/model/build.js";
import type {
  Capabilities,
  ComplexType,
  EntitySet,
  EntityType,
  EnumType,
  NavigationProperty,
  Operation,
  Property,
  ServiceModel,
  Singleton,
  TypeDefinition,
} from "../../generator/model/types.js";
import { parseXml } from "../../generator/parse/xml.js";

export const VERSIONS = ["v1.0", "v2.0", "beta"] as const;
export type Version = (typeof VERSIONS)[number];

export const NS = "Microsoft.OutlookServices";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const METADATA_DIR = join(REPO, "metadata");

/** A structured type with everything it inherits, members keyed by lower-case name. */
export interface StructInfo {
  readonly kind: "entity" | "complex";
  readonly name: string;
  readonly qualifiedName: string;
  readonly baseType: string | undefined;
  readonly abstract: boolean;
  readonly open: boolean;
  readonly hasStream: boolean;
  readonly key: readonly string[];
  readonly properties: ReadonlyMap<string, Property>;
  readonly navigations: ReadonlyMap<string, NavigationProperty>;
  /** Qualified names of this type and every type derived from it (transitively). */
  readonly family: readonly string[];
}

export class ServiceInfo {
  readonly version: Version;
  readonly model: ServiceModel;
  readonly metadataXml: string;
  private readonly structs = new Map<string, StructInfo>();
  private readonly lowerNames = new Map<string, string>();
  private readonly enums = new Map<string, EnumType>();
  private readonly typeDefs = new Map<string, TypeDefinition>();
  private readonly operations: Operation[] = [];
  readonly entitySets = new Map<string, EntitySet>();
  readonly singletons = new Map<string, Singleton>();

  constructor(version: Version, xml: string) {
    this.version = version;
    this.metadataXml = xml;
    const file = `${version}.xml`;
    const parsed = parseXml(xml, file);
    if (!parsed.root)
      throw new Error(`simulator: cannot parse ${file}: ${parsed.diagnostics.map((d) => d.message).join("; ")}`);
    const built = buildModel(parsed.root, file, version);
    if (!built.model) throw new Error(`simulator: cannot build the model of ${file}`);
    this.model = built.model;

    const raw = new Map<string, EntityType | ComplexType>();
    for (const s of this.model.schemas) {
      for (const t of [...s.entityTypes, ...s.complexTypes]) raw.set(t.qualifiedName, t);
      for (const e of s.enumTypes) this.enums.set(e.qualifiedName, e);
      for (const d of s.typeDefinitions) this.typeDefs.set(d.qualifiedName, d);
      this.operations.push(...s.operations);
      for (const set of s.container?.entitySets ?? []) this.entitySets.set(set.name.toLowerCase(), set);
      for (const one of s.container?.singletons ?? []) this.singletons.set(one.name.toLowerCase(), one);
    }
    for (const name of [...raw.keys(), ...this.enums.keys(), ...this.typeDefs.keys()])
      this.lowerNames.set(name.toLowerCase(), name);

    const chain = (t: EntityType | ComplexType): (EntityType | ComplexType)[] => {
      const out: (EntityType | ComplexType)[] = [];
      for (
        let cur: EntityType | ComplexType | undefined = t;
        cur;
        cur = cur.baseType ? raw.get(cur.baseType) : undefined
      ) {
        if (out.includes(cur)) break;
        out.unshift(cur);
      }
      return out;
    };
    const children = new Map<string, string[]>();
    for (const t of raw.values()) {
      if (t.baseType) children.set(t.baseType, [...(children.get(t.baseType) ?? []), t.qualifiedName]);
    }
    const family = (qn: string): string[] => {
      const out = [qn];
      for (let i = 0; i < out.length; i++)
        for (const c of children.get(out[i] ?? "") ?? []) if (!out.includes(c)) out.push(c);
      return out;
    };
    for (const t of raw.values()) {
      const properties = new Map<string, Property>();
      const navigations = new Map<string, NavigationProperty>();
      let key: readonly string[] = [];
      let hasStream = false;
      let open = false;
      for (const c of chain(t)) {
        for (const p of c.properties) properties.set(p.name.toLowerCase(), p);
        for (const n of c.navigationProperties) navigations.set(n.name.toLowerCase(), n);
        if (c.kind === "entityType") {
          if (c.key.length > 0) key = c.key;
          hasStream ||= c.hasStream;
        }
        open ||= c.openType;
      }
      this.structs.set(t.qualifiedName, {
        kind: t.kind === "entityType" ? "entity" : "complex",
        name: t.name,
        qualifiedName: t.qualifiedName,
        baseType: t.baseType,
        abstract: t.abstract,
        open,
        hasStream,
        key,
        properties,
        navigations,
        family: family(t.qualifiedName),
      });
    }
  }

  /** Canonical qualified name for `Microsoft.OutlookServices.X`, `#…`, or (when `bare`) `X`; any case. */
  typeName(name: string, bare = false): string | undefined {
    const n = name.startsWith("#") ? name.slice(1) : name;
    return this.lowerNames.get(n.toLowerCase()) ?? (bare ? this.lowerNames.get(`${NS}.${n}`.toLowerCase()) : undefined);
  }

  struct(qualifiedName: string): StructInfo | undefined {
    return this.structs.get(qualifiedName);
  }

  entity(qualifiedName: string): StructInfo {
    const s = this.structs.get(qualifiedName);
    if (!s || s.kind !== "entity")
      throw new Error(`simulator: ${qualifiedName} is not an entity type of ${this.version}`);
    return s;
  }

  has(qualifiedName: string): boolean {
    return this.structs.has(qualifiedName);
  }

  enumType(qualifiedName: string): EnumType | undefined {
    return this.enums.get(qualifiedName);
  }

  typeDefinition(qualifiedName: string): TypeDefinition | undefined {
    return this.typeDefs.get(qualifiedName);
  }

  /** Whether `type` is `base` or derives from it. */
  isA(type: string, base: string): boolean {
    return this.structs.get(base)?.family.includes(type) ?? false;
  }

  property(type: string, name: string): Property | undefined {
    return this.structs.get(type)?.properties.get(name.toLowerCase());
  }

  navigation(type: string, name: string): NavigationProperty | undefined {
    return this.structs.get(type)?.navigations.get(name.toLowerCase());
  }

  /** A property declared on the type or on any type derived from it (for $select / $filter on abstract types). */
  propertyInFamily(type: string, name: string): Property | undefined {
    for (const t of this.structs.get(type)?.family ?? []) {
      const p = this.property(t, name);
      if (p) return p;
    }
    return undefined;
  }

  navigationInFamily(type: string, name: string): NavigationProperty | undefined {
    for (const t of this.structs.get(type)?.family ?? []) {
      const n = this.navigation(t, name);
      if (n) return n;
    }
    return undefined;
  }

  /** Whether the version's type has a property of this exact (canonical) name. */
  hasProperty(type: string, name: string): boolean {
    return this.structs.get(type)?.properties.get(name.toLowerCase())?.name === name;
  }

  /**
   * The bound operation named `name` (bare or namespace-qualified, any case) whose binding
   * parameter accepts `type` (itself or a base type); the most specific overload wins.
   */
  boundOperation(type: string, name: string, collection: boolean): Operation | undefined {
    const lower = name.toLowerCase();
    const candidates = this.operations.filter(
      (o) =>
        o.isBound &&
        (o.name.toLowerCase() === lower || o.qualifiedName.toLowerCase() === lower) &&
        o.bindingParameter !== undefined &&
        o.bindingParameter.type.collection === collection &&
        this.isA(type, o.bindingParameter.type.name),
    );
    const depth = (qn: string): number => {
      let d = 0;
      for (let cur = this.structs.get(qn); cur?.baseType; cur = this.structs.get(cur.baseType)) d++;
      return d;
    };
    return candidates.sort(
      (a, b) => depth(b.bindingParameter?.type.name ?? "") - depth(a.bindingParameter?.type.name ?? ""),
    )[0];
  }

  capabilities(nav: NavigationProperty | undefined): Capabilities {
    return nav?.capabilities ?? {};
  }
}

const cache = new Map<Version, ServiceInfo>();

/** The model of a version, built once per process from `metadata/<version>.xml`. */
export function serviceInfo(version: Version): ServiceInfo {
  let info = cache.get(version);
  if (!info) {
    info = new ServiceInfo(version, readFileSync(join(METADATA_DIR, `${version}.xml`), "utf8"));
    cache.set(version, info);
  }
  return info;
}

export function isVersion(v: string): v is Version {
  return (VERSIONS as readonly string[]).includes(v);
}

/** `Microsoft.OutlookServices.Message` → `Message`. */
export function localName(qualifiedName: string): string {
  const dot = qualifiedName.lastIndexOf(".");
  return dot < 0 ? qualifiedName : qualifiedName.slice(dot + 1);
}
