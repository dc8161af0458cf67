/**
 * Capability overrides: what a service profile or the config says an entity set, singleton or navigation allows
 * where the metadata's Capabilities annotations say otherwise. They act only in the types (nodes.ts,
 * restrictedType): the runtime sends whatever a node is asked to.
 *
 * A target is named as the metadata names it: an entity set or singleton by its name (`Users`, `me`), a navigation
 * as `<entity type>/<navigation>`, the type being the one that declares the navigation, by its name or its qualified
 * name (`MailFolder/Messages`, `microsoft.graph.user/calendar`). Names are case-sensitive, as in the metadata.
 */
import type { Capabilities, EntityType, ServiceModel } from "../model/types.js";
import { serviceProfile, type CapabilityOverride } from "./profiles.js";

export type { CapabilityOverride } from "./profiles.js";

/** Overrides by version label, then by target. */
export type CapabilityOverrides = Readonly<Record<string, Readonly<Record<string, CapabilityOverride>>>>;

/** The capability names an override may set. */
export const CAPABILITY_NAMES = ["changeTracking", "countable", "deletable", "insertable", "readable", "updatable"] as const;

/** What a model offers as targets: every name a target may take, to its canonical key. */
function targetsOf(model: ServiceModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const schema of model.schemas) {
    const container = schema.container;
    for (const s of container?.entitySets ?? []) out.set(s.name, s.name);
    for (const s of container?.singletons ?? []) out.set(s.name, s.name);
    for (const t of schema.entityTypes) {
      for (const n of t.navigationProperties) {
        const key = `${t.qualifiedName}/${n.name}`;
        out.set(key, key);
        if (!out.has(`${t.name}/${n.name}`)) out.set(`${t.name}/${n.name}`, key);
      }
    }
  }
  return out;
}

/**
 * Problems with one version's overrides: an unknown target, with the nearest known one (`suggest` picks it). A short
 * `Type/navigation` names the first schema's type of that name; the qualified name tells two schemas' types apart.
 */
export function checkCapabilityOverrides(
  model: ServiceModel,
  label: string,
  overrides: Readonly<Record<string, CapabilityOverride>>,
  suggest: (name: string, known: readonly string[]) => string | undefined,
): string[] {
  const targets = targetsOf(model);
  const problems: string[] = [];
  for (const target of Object.keys(overrides)) {
    if (targets.has(target)) continue;
    const guess = suggest(target, [...targets.keys()]);
    problems.push(
      `capabilities["${label}"]: no entity set, singleton or navigation "${target}" in version ${label}` +
        (guess !== undefined ? `; did you mean "${guess}"?` : "") +
        ` (name an entity set or singleton, or a navigation as "<entity type>/<navigation>")`,
    );
  }
  return problems;
}

/** One version's overrides, the profile's first and the config's over them, by canonical target key. */
export function resolveOverrides(
  model: ServiceModel,
  label: string,
  fromConfig: Readonly<Record<string, CapabilityOverride>> | undefined,
): ReadonlyMap<string, CapabilityOverride> {
  const targets = targetsOf(model);
  const out = new Map<string, CapabilityOverride>();
  const add = (all: Readonly<Record<string, CapabilityOverride>> | undefined): void => {
    for (const [target, override] of Object.entries(all ?? {})) {
      const key = targets.get(target);
      if (key !== undefined) out.set(key, { ...out.get(key), ...override });
    }
  };
  const profile = serviceProfile(model, label).capabilities;
  add(profile !== undefined && Object.hasOwn(profile, label) ? profile[label] : undefined);
  add(fromConfig);
  return out;
}

/** A navigation's capabilities with its override applied (by its declaring type). */
export function navigationCapabilities(overrides: ReadonlyMap<string, CapabilityOverride>, declaring: EntityType, navigation: string, c: Capabilities): Capabilities {
  const o = overrides.get(`${declaring.qualifiedName}/${navigation}`);
  return o === undefined ? c : { ...c, ...o };
}

/** An entity set's or singleton's capabilities with its override applied. */
export function containerCapabilities(overrides: ReadonlyMap<string, CapabilityOverride>, name: string, c: Capabilities): Capabilities {
  const o = overrides.get(name);
  return o === undefined ? c : { ...c, ...o };
}
