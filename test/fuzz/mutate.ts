/**
 * The mutator: a mutant is a pure function of (seed, iteration). It picks a seed document, applies one to three
 * mutations at the structure level (names, duplicates, inherited members, keys, targets, aliases, versions,
 * containers, nesting, hostile texts) and/or the text level (truncate, delete, duplicate, swap, insert hostile
 * snippets), then chooses the bytes' encoding. Every mutation is named, so a failure says how its input was made.
 */
import { createRng, type Rng } from "./prng.js";
import { escapeAttr, scan, type Span } from "./scan.js";

export type Encoding =
  | "utf8"
  | "utf8-bom"
  | "utf16le-bom"
  | "utf16be-bom"
  | "latin1-declared"
  | "utf8-declared-latin1"
  | "declared-unknown"
  | "invalid-utf8";

export interface Mutant {
  readonly seedName: string;
  readonly text: string;
  readonly encoding: Encoding;
  /** The mutations applied, in order, e.g. `duplicate Parameter[id] in Action[Send]`. */
  readonly ops: readonly string[];
  /** Generate as a package (the default) or as sources. */
  readonly mode: "package" | "sources";
  /** Valid CSDL by construction (a valid seed, only mutations that keep it valid, UTF-8): it must generate. */
  readonly valid: boolean;
}

/** Seeds that are valid CSDL and generate without error. */
const VALID_SEEDS = new Set(["metadata/v1.0.xml", "metadata/v2.0.xml", "metadata/beta.xml", "test/fixtures/travel.xml"]);
/** Mutations whose result is valid CSDL when their input is. */
const VALID_PRESERVING = new Set(["operationSharesTypeName"]);

export interface Seed {
  readonly name: string;
  readonly text: string;
  /** Relative weight of this seed in the draw. */
  readonly weight: number;
}

/** Names a user or a server could put in metadata that have broken generators before. */
export const HOSTILE_NAMES: readonly string[] = [
  "",
  " ",
  ".",
  "..",
  "a.b",
  "a/b",
  "..\\x",
  "\u202Eevil\u202C",
  "a\u200Bb",
  "\u2066x\u2069",
  "\uFEFFname",
  "x".repeat(252),
  "Y".repeat(253),
  "Z".repeat(255),
  "W".repeat(1000),
  "toString",
  "__proto__",
  "constructor",
  "then",
  "valueOf",
  "hasOwnProperty",
  "prototype",
  "__defineGetter__",
  "default",
  "class",
  "delete",
  "new",
  "function",
  "await",
  "enum",
  "arguments",
  "eval",
  "1st",
  "a-b",
  "a b",
  'a"b',
  "a'b",
  "a<b>",
  "a&b",
  "*/",
  "/*",
  "${x}",
  "`",
  "\\",
  "CON",
  "nul",
  "index",
  "runtime",
  "node_modules",
  "package",
  "client",
  "models",
  "Édouard",
  "日本語",
  "🙂",
  "$",
  "_",
  "a\tb",
  "a\nb",
  "Object",
  "Promise",
  "Date",
  "Error",
  "String",
  "Array",
  "Record",
  "Partial",
  "undefined",
  "null",
  "NaN",
  "$metadata",
  "@odata.type",
  "odata",
  "Edm",
];

/** Texts for descriptions and string annotations. */
const HOSTILE_TEXTS: readonly string[] = [
  "\u202E}; alert(1); //\u202C",
  "zero\u200Bwidth\u200Djoin\u2060",
  "\u2066isolate\u2069 \u2067rtl\u2069",
  "*/ export const pwned = 1; /*",
  "`${process.exit(1)}`",
  "</script><script>alert(1)</script>",
  "line\nbreak\r\nand\u2028separator\u2029",
  "\\u0027; \\",
  "'\"`",
  "@ts-ignore",
  "// @ts-expect-error",
  "x".repeat(5000),
  "\u0000nul",
  "tab\there",
];

const HOSTILE_SNIPPETS: readonly string[] = [
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
  "&a;",
  "&#0;",
  "&#x110000;",
  "&#xD800;",
  "<![CDATA[<EntityType Name=\"X\"/>]]>",
  "<!-- <!DOCTYPE x> -->",
  '<?xml version="1.0"?>',
  "<?pi data?>",
  "</Schema>",
  "</edmx:Edmx>",
  '<EntityType Name="Orphan">',
  '<EntityType Name="Z"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/></EntityType>',
  '<Property Name="Extra" Type="Edm.String"/>',
  '<Annotation Term="Org.OData.Core.V1.Description" String="\u202Eevil"/>',
  "\u0000",
  "\u0007",
  "\uFFFE",
  "\uD800",
  '"',
  "'",
  "<",
  ">",
  "&",
  "<a:b:c/>",
  "<__proto__/>",
  "<constructor/>",
  '<x xmlns="urn:evil"/>',
  "]]>",
];

const PRIMITIVES = ["Edm.String", "Edm.Int32", "Edm.Guid", "Edm.Stream", "Edm.GeographyPoint", "Edm.Binary", "Edm.Double", "Edm.DateTimeOffset", "Edm.Untyped", "Edm.PrimitiveType", "Edm.Nope"];

/** A seed document parsed for the structural mutations. */
class Doc {
  readonly spans: Span[];
  constructor(readonly text: string) {
    this.spans = scan(text);
  }
  of(...names: string[]): Span[] {
    return this.spans.filter((s) => names.includes(s.name));
  }
  schemaOf(s: Span): Span | undefined {
    for (let p = s.parent; p >= 0; p = this.spans[p]!.parent) if (this.spans[p]!.name === "Schema") return this.spans[p];
    return undefined;
  }
  qualified(s: Span): string {
    const ns = this.schemaOf(s)?.attrs.get("Namespace") ?? "";
    return `${ns}.${s.attrs.get("Name") ?? ""}`;
  }
  /** Schema-level definitions of these kinds, qualified. */
  defs(...kinds: string[]): string[] {
    return this.of(...kinds)
      .filter((s) => s.parent >= 0 && this.spans[s.parent]!.name === "Schema")
      .map((s) => this.qualified(s));
  }
  childrenOf(s: Span, ...names: string[]): Span[] {
    return s.children.map((i) => this.spans[i]!).filter((c) => names.length === 0 || names.includes(c.name));
  }
  label(s: Span): string {
    const n = s.attrs.get("Name");
    return n === undefined ? s.name : `${s.name}[${short(n)}]`;
  }
}

function short(name: string): string {
  const shown = name.length > 24 ? `${name.slice(0, 12)}…(${name.length})` : name;
  return JSON.stringify(shown).slice(1, -1);
}

function splice(text: string, from: number, to: number, insert: string): string {
  return text.slice(0, from) + insert + text.slice(to);
}

/** The start tag with one attribute set (added when absent). */
function setAttr(text: string, s: Span, name: string, value: string): string {
  const open = text.slice(s.start, s.openEnd);
  const re = new RegExp(`(\\s${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*=\\s*)("[^"]*"|'[^']*')`);
  const escaped = `"${escapeAttr(value)}"`;
  const next = re.test(open) ? open.replace(re, (_m, pre: string) => `${pre}${escaped}`) : open.replace(/\s*(\/?)>$/, (_m, slash: string) => ` ${name}=${escaped}${slash}>`);
  return splice(text, s.start, s.openEnd, next);
}

function removeAttr(text: string, s: Span, name: string): string {
  const open = text.slice(s.start, s.openEnd);
  const re = new RegExp(`\\s${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*=\\s*("[^"]*"|'[^']*')`);
  return splice(text, s.start, s.openEnd, open.replace(re, ""));
}

/** The element with a child added at its end. */
function insertChild(text: string, s: Span, snippet: string): string {
  if (s.selfClosing) {
    const open = text.slice(s.start, s.openEnd).replace(/\s*\/>$/, ">");
    return splice(text, s.start, s.openEnd, `${open}${snippet}</${s.tag}>`);
  }
  return splice(text, s.closeStart, s.closeStart, snippet);
}

function elementText(text: string, s: Span): string {
  return text.slice(s.start, s.end);
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

type Mutation = (doc: Doc, rng: Rng) => { text: string; op: string } | undefined;

const NAMED = ["EntityType", "ComplexType", "EnumType", "Property", "NavigationProperty", "Member", "Action", "Function", "Parameter", "EntitySet", "Singleton", "ActionImport", "FunctionImport", "EntityContainer", "TypeDefinition", "Term"];

const structural: Readonly<Record<string, Mutation>> = {
  /** A definition renamed to a hostile name; references keep the old one. */
  renameDefinition(doc, rng) {
    const targets = doc.of(...NAMED);
    if (targets.length === 0) return undefined;
    const s = rng.pick(targets);
    const name = rng.pick(HOSTILE_NAMES);
    return { text: setAttr(doc.text, s, "Name", name), op: `rename ${doc.label(s)} to ${JSON.stringify(short(name))}` };
  },
  /** A type, operation or set renamed everywhere, so the document stays consistent. */
  renameEverywhere(doc, rng) {
    const targets = doc.of("EntityType", "ComplexType", "EnumType", "Action", "Function", "EntitySet", "Singleton", "TypeDefinition").filter((s) => s.attrs.has("Name"));
    if (targets.length === 0) return undefined;
    const s = rng.pick(targets);
    const old = s.attrs.get("Name")!;
    const name = rng.pick(HOSTILE_NAMES);
    const schema = doc.schemaOf(s);
    const prefixes = [schema?.attrs.get("Namespace"), schema?.attrs.get("Alias")].filter((p): p is string => p !== undefined && p !== "");
    let text = setAttr(doc.text, s, "Name", name);
    const esc = escapeAttr(name);
    if (s.name === "EntitySet" || s.name === "Singleton") {
      text = text.replace(new RegExp(`((?:Target|EntitySet)=")${escapeRe(old)}(")`, "g"), `$1${esc}$2`);
    } else {
      for (const p of prefixes) text = text.replace(new RegExp(`${escapeRe(p)}\\.${escapeRe(old)}(?![\\w.])`, "g"), `${p}.${esc}`);
    }
    return { text, op: `rename ${doc.label(s)} to ${JSON.stringify(short(name))} everywhere` };
  },
  /** Two members, parameters, sets or types of one name. */
  duplicate(doc, rng) {
    const targets = doc.of("Parameter", "Property", "NavigationProperty", "Member", "EntitySet", "Singleton", "EntityType", "ComplexType", "Action", "Function", "ActionImport", "FunctionImport", "EnumType", "PropertyRef", "Key", "NavigationPropertyBinding", "ReturnType");
    if (targets.length === 0) return undefined;
    const s = rng.pick(targets);
    const copy = elementText(doc.text, s);
    return { text: splice(doc.text, s.end, s.end, copy), op: `duplicate ${doc.label(s)}` };
  },
  /** A copy whose name differs only in case (file names on case-insensitive disks, JS members). */
  caseClash(doc, rng) {
    const targets = doc.of("EntityType", "ComplexType", "EnumType", "Property", "Parameter", "EntitySet", "Action", "Function").filter((s) => /[a-z]/i.test(s.attrs.get("Name") ?? ""));
    if (targets.length === 0) return undefined;
    const s = rng.pick(targets);
    const name = s.attrs.get("Name")!;
    const flipped = name[0] === name[0]!.toUpperCase() ? name[0]!.toLowerCase() + name.slice(1) : name[0]!.toUpperCase() + name.slice(1);
    if (flipped === name) return undefined;
    const copyDoc = new Doc(elementText(doc.text, s));
    const copy = setAttr(copyDoc.text, copyDoc.spans[0]!, "Name", flipped);
    return { text: splice(doc.text, s.end, s.end, copy), op: `add ${s.name}[${short(flipped)}] beside ${doc.label(s)}` };
  },
  /** A derived type redeclares a member of its base type. */
  redeclareInherited(doc, rng) {
    const derived = doc.of("EntityType", "ComplexType").filter((s) => s.attrs.has("BaseType"));
    const options: { d: Span; m: Span }[] = [];
    for (const d of derived) {
      const baseLocal = d.attrs.get("BaseType")!.split(".").pop();
      const base = doc.of(d.name).find((b) => b.attrs.get("Name") === baseLocal);
      if (base) for (const m of doc.childrenOf(base, "Property", "NavigationProperty")) options.push({ d, m });
    }
    if (options.length === 0) return undefined;
    const { d, m } = rng.pick(options);
    let member = elementText(doc.text, m);
    if (rng.chance(0.4)) member = member.replace(/Type="[^"]*"/, `Type="${rng.pick(["Edm.Int64", "Edm.Boolean", "Collection(Edm.String)"])}"`);
    return { text: insertChild(doc.text, d, member), op: `redeclare inherited ${doc.label(m)} in ${doc.label(d)}` };
  },
  /** Key rules: key properties of the wrong type or nullable, missing or foreign refs, key aliases, keys on derived types. */
  changeKey(doc, rng) {
    const keyed = doc.of("EntityType").filter((s) => doc.childrenOf(s, "Key").length > 0);
    if (keyed.length === 0) return undefined;
    const t = rng.pick(keyed);
    const key = doc.childrenOf(t, "Key")[0]!;
    const ref = doc.childrenOf(key, "PropertyRef")[0];
    const keyName = ref?.attrs.get("Name");
    const prop = doc.childrenOf(t, "Property").find((p) => p.attrs.get("Name") === keyName);
    const complexes = doc.defs("ComplexType");
    const enums = doc.defs("EnumType");
    const variant = rng.int(9);
    if (variant === 0 && prop) {
      const type = rng.pick(["Edm.Stream", "Edm.GeographyPoint", "Edm.Double", "Edm.Binary", "Collection(Edm.String)", "Edm.Untyped", ...complexes.slice(0, 3), ...enums.slice(0, 2)]);
      return { text: setAttr(doc.text, prop, "Type", type), op: `key property ${doc.label(prop)} of ${doc.label(t)} typed ${type}` };
    }
    if (variant === 1 && prop) return { text: setAttr(doc.text, prop, "Nullable", "true"), op: `key property ${doc.label(prop)} of ${doc.label(t)} nullable` };
    if (variant === 2 && ref) {
      const others = doc.childrenOf(t, "NavigationProperty", "Property").map((p) => p.attrs.get("Name") ?? "");
      const name = rng.pick([...others, "Nope", "", "a/b", "Id/Sub"]);
      return { text: setAttr(doc.text, ref, "Name", name), op: `key of ${doc.label(t)} refers to ${JSON.stringify(short(name))}` };
    }
    if (variant === 3) {
      // A CSDL 4.01 key alias over a complex property's member.
      const complex = doc.of("ComplexType").find((c) => doc.childrenOf(c, "Property").some((p) => (p.attrs.get("Type") ?? "").startsWith("Edm.")));
      if (!complex) return undefined;
      const sub = doc.childrenOf(complex, "Property").find((p) => (p.attrs.get("Type") ?? "").startsWith("Edm."))!;
      const subName = sub.attrs.get("Name")!;
      const alias = rng.pick([subName, "KeyAlias", "toString", ""]);
      let text = splice(doc.text, key.start, key.end, `<Key><PropertyRef Name="KeyHolder/${escapeAttr(subName)}" Alias="${escapeAttr(alias)}"/></Key>`);
      const t2 = new Doc(text).of("EntityType").find((s) => s.start === t.start)!;
      text = insertChild(text, t2, `<Property Name="KeyHolder" Type="${escapeAttr(doc.qualified(complex))}" Nullable="false"/>`);
      return { text, op: `key alias ${JSON.stringify(short(alias))} for KeyHolder/${short(subName)} in ${doc.label(t)}` };
    }
    if (variant === 4) {
      const derived = doc.of("EntityType").filter((s) => s.attrs.has("BaseType"));
      if (derived.length === 0) return undefined;
      const d = rng.pick(derived);
      const prop1 = doc.childrenOf(d, "Property")[0];
      const name = prop1?.attrs.get("Name") ?? "Id";
      return { text: splice(doc.text, d.openEnd, d.openEnd, `<Key><PropertyRef Name="${escapeAttr(name)}"/></Key>`), op: `derived ${doc.label(d)} declares its own Key` };
    }
    if (variant === 5) return { text: splice(doc.text, key.start, key.end, ""), op: `remove Key of ${doc.label(t)}` };
    if (variant === 6) {
      const props = doc.childrenOf(t, "Property").map((p) => p.attrs.get("Name") ?? "");
      if (props.length === 0) return undefined;
      return { text: insertChild(doc.text, key, `<PropertyRef Name="${escapeAttr(rng.pick(props))}"/>`), op: `composite key in ${doc.label(t)}` };
    }
    if (variant === 7) return { text: insertChild(doc.text, key, `<PropertyRef Name="${escapeAttr(keyName ?? "Id")}" Alias="${escapeAttr(rng.pick(HOSTILE_NAMES))}"/>`), op: `key ref with alias in ${doc.label(t)}` };
    return { text: splice(doc.text, key.start, key.end, "<Key/>"), op: `empty Key in ${doc.label(t)}` };
  },
  /** A reference to a target of the wrong kind. */
  retarget(doc, rng) {
    const entities = doc.defs("EntityType");
    const complexes = doc.defs("ComplexType");
    const enums = doc.defs("EnumType");
    const actions = doc.defs("Action");
    const functions = doc.defs("Function");
    const sets = doc.of("EntitySet", "Singleton").map((s) => s.attrs.get("Name") ?? "");
    const some = <T>(l: readonly T[]): T[] => (l.length > 0 ? [rng.pick(l)] : []);
    const kinds: { names: string[]; attr: string; choices: string[] }[] = [
      { names: ["NavigationProperty"], attr: "Type", choices: ["Edm.String", "Collection(Edm.Int32)", ...some(complexes), ...some(enums), "NS.Missing", ...some(complexes.map((c) => `Collection(${c})`))] },
      { names: ["EntitySet"], attr: "EntityType", choices: [...some(complexes), ...some(enums), "Edm.String", "Missing.Type"] },
      { names: ["Singleton"], attr: "Type", choices: [...some(complexes), "Edm.Int32", ...some(entities.map((e) => `Collection(${e})`))] },
      { names: ["ActionImport"], attr: "Action", choices: [...some(functions), ...some(entities), "Missing.Op"] },
      { names: ["FunctionImport"], attr: "Function", choices: [...some(actions), ...some(complexes), "Missing.Op"] },
      { names: ["FunctionImport", "ActionImport"], attr: "EntitySet", choices: [...some(sets), "Missing", ""] },
      { names: ["EntityType"], attr: "BaseType", choices: [...some(complexes), "Edm.String", ...some(entities)] },
      { names: ["ComplexType"], attr: "BaseType", choices: [...some(entities), ...some(complexes)] },
      { names: ["Property"], attr: "Type", choices: [...some(entities), ...some(entities.map((e) => `Collection(${e})`)), "Collection(Collection(Edm.String))", "Collection()", ...PRIMITIVES] },
      { names: ["Parameter", "ReturnType"], attr: "Type", choices: [...some(entities), ...some(complexes), "Missing.T", "Edm.Stream", "Collection(Edm.Untyped)"] },
      { names: ["NavigationPropertyBinding"], attr: "Target", choices: [...sets.slice(0, 1), "Missing", "a/b/c", ""] },
      { names: ["NavigationPropertyBinding"], attr: "Path", choices: ["Missing", "", "a/b", "Id"] },
      { names: ["EnumType"], attr: "UnderlyingType", choices: ["Edm.String", "Edm.Int64", "Edm.Byte", "Edm.Nope"] },
    ];
    const kind = rng.pick(kinds);
    const targets = doc.of(...kind.names);
    if (targets.length === 0 || kind.choices.length === 0) return undefined;
    const s = rng.pick(targets);
    const value = rng.pick(kind.choices);
    // Retargeting a type may need it to exist under itself: BaseType to itself makes a cycle.
    const v = kind.attr === "BaseType" && rng.chance(0.2) ? doc.qualified(s) : value;
    return { text: setAttr(doc.text, s, kind.attr, v), op: `${doc.label(s)} ${kind.attr}=${short(v)}` };
  },
  /** Aliases that clash with namespaces, and schemas of one namespace. */
  aliasClash(doc, rng) {
    const schemas = doc.of("Schema");
    if (schemas.length === 0) return undefined;
    const first = schemas[0]!;
    const ns = first.attrs.get("Namespace") ?? "NS";
    const variant = rng.int(5);
    if (variant === 0 || schemas.length === 1) {
      // A second schema whose alias is the first's namespace: its names rebind that namespace's.
      const alias = variant === 0 ? ns : rng.pick(["Edm", "odata", "Core", ns.split(".")[0]!, ""]);
      const other = `<Schema Namespace="Other.Ns" Alias="${escapeAttr(alias)}" xmlns="http://docs.oasis-open.org/odata/ns/edm"><ComplexType Name="Extra"><Property Name="P" Type="Edm.String"/></ComplexType></Schema>`;
      return { text: splice(doc.text, first.end, first.end, other), op: `second schema Other.Ns with Alias=${JSON.stringify(short(alias))}` };
    }
    if (variant === 1) return { text: setAttr(doc.text, first, "Alias", schemas[1]!.attrs.get("Namespace") ?? ""), op: `alias of ${ns} = another schema's namespace` };
    if (variant === 2) return { text: splice(doc.text, first.end, first.end, elementText(doc.text, first)), op: `schema ${ns} twice` };
    if (variant === 3) return { text: setAttr(doc.text, first, "Alias", ns), op: `alias of ${ns} = its own namespace` };
    return { text: setAttr(doc.text, rng.pick(schemas), "Namespace", rng.pick(["", "..", "a..b", "Edm", "1x", "a.toString", "__proto__", "\u202Ens", "x".repeat(300), "Org.OData.Core.V1"])), op: "schema namespace changed" };
  },
  /** The Edmx Version attribute. */
  version(doc, rng) {
    const edmx = doc.of("Edmx")[0];
    if (!edmx) return undefined;
    const v = rng.pick(["2.0", "3.0", "4.01", "1.0", "", "4.0.0", "40", "v4", "4.0 "]);
    if (rng.chance(0.15)) return { text: removeAttr(doc.text, edmx, "Version"), op: "no Edmx Version" };
    return { text: setAttr(doc.text, edmx, "Version", v), op: `Edmx Version=${JSON.stringify(v)}` };
  },
  /** A second entity container, or one in a second schema. */
  secondContainer(doc, rng) {
    const container = doc.of("EntityContainer")[0];
    if (!container) return undefined;
    const copyDoc = new Doc(elementText(doc.text, container));
    const name = rng.pick(["Second", container.attrs.get("Name") ?? "C", ""]);
    const copy = rng.chance(0.5) ? setAttr(copyDoc.text, copyDoc.spans[0]!, "Name", name) : `<EntityContainer Name="${escapeAttr(name)}"/>`;
    return { text: splice(doc.text, container.end, container.end, copy), op: `second EntityContainer ${JSON.stringify(short(name))}` };
  },
  /** Deep nesting inside an element. */
  deepNest(doc, rng) {
    const targets = doc.of("EntityType", "ComplexType", "Property", "Schema", "EntityContainer");
    if (targets.length === 0) return undefined;
    const s = rng.pick(targets);
    const depth = rng.pick([50, 99, 100, 101, 150, 500, 2000]);
    const tag = rng.pick(["Annotation", "Record", "Collection", "Nest", "EntityType"]);
    const open = tag === "Annotation" ? '<Annotation Term="Core.Description">' : `<${tag}>`;
    const nest = open.repeat(depth) + `</${tag}>`.repeat(depth);
    return { text: insertChild(doc.text, s, nest), op: `nest ${depth} ${tag} in ${doc.label(s)}` };
  },
  /** Descriptions and string annotations carrying hostile text. */
  hostileText(doc, rng) {
    const targets = doc.of("EntityType", "ComplexType", "Property", "NavigationProperty", "Action", "Function", "EntitySet", "Parameter", "EnumType", "Member", "Singleton");
    if (targets.length === 0) return undefined;
    const s = rng.pick(targets);
    const text = rng.pick(HOSTILE_TEXTS);
    const term = rng.pick(["Org.OData.Core.V1.Description", "Org.OData.Core.V1.LongDescription", "Core.Description", "Org.OData.Core.V1.Permissions"]);
    const ann =
      rng.chance(0.7)
        ? `<Annotation Term="${term}" String="${escapeAttr(text)}"/>`
        : `<Annotation Term="${term}"><String>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</String></Annotation>`;
    return { text: insertChild(doc.text, s, ann), op: `hostile ${short(term)} on ${doc.label(s)}` };
  },
  /** A required attribute removed. */
  removeAttribute(doc, rng) {
    const pairs: [string, string][] = [
      ["Name", "Property"],
      ["Type", "Property"],
      ["Type", "NavigationProperty"],
      ["Namespace", "Schema"],
      ["EntityType", "EntitySet"],
      ["Action", "ActionImport"],
      ["Function", "FunctionImport"],
      ["Name", "EntityType"],
      ["Name", "Parameter"],
      ["Type", "Parameter"],
      ["Name", "PropertyRef"],
      ["Term", "Annotation"],
      ["Target", "Annotations"],
      ["Name", "Member"],
      ["Value", "Member"],
      ["Type", "ReturnType"],
      ["IsBound", "Action"],
    ];
    const [attr, el] = rng.pick(pairs);
    const targets = doc.of(el).filter((s) => s.attrs.has(attr));
    if (targets.length === 0) return undefined;
    const s = rng.pick(targets);
    return { text: removeAttr(doc.text, s, attr), op: `remove ${attr} of ${doc.label(s)}` };
  },
  /** Attribute values outside their facet's domain. */
  badValue(doc, rng) {
    const pairs: [string, string, string[]][] = [
      ["Property", "Nullable", ["maybe", "", "TRUE", "1"]],
      ["Action", "IsBound", ["yes", "true", ""]],
      ["Function", "IsBound", ["true", "false", "1"]],
      ["Function", "IsComposable", ["x", "true"]],
      ["EnumType", "IsFlags", ["true", "maybe"]],
      ["Member", "Value", ["abc", "99999999999999999999", "-1", "1.5", "0x10", ""]],
      ["Property", "MaxLength", ["-1", "max", "abc", "1e400"]],
      ["Property", "Precision", ["-3", "x"]],
      ["Property", "Scale", ["variable", "floating", "-1"]],
      ["EntityType", "Abstract", ["true", "perhaps"]],
      ["EntityType", "OpenType", ["true", "x"]],
      ["EntityType", "HasStream", ["true", "x"]],
      ["NavigationProperty", "ContainsTarget", ["true", "x"]],
      ["NavigationProperty", "Partner", ["Missing", "", "a/b"]],
      ["Property", "DefaultValue", ["'", "\u202E", "${x}", "*/"]],
      ["Property", "SRID", ["variable", "-1"]],
    ];
    const [el, attr, values] = rng.pick(pairs);
    const targets = doc.of(el);
    if (targets.length === 0) return undefined;
    const s = rng.pick(targets);
    const v = rng.pick(values);
    return { text: setAttr(doc.text, s, attr, v), op: `${doc.label(s)} ${attr}=${JSON.stringify(short(v))}` };
  },
  /** Operation overloads and binding parameters. */
  overload(doc, rng) {
    const ops = doc.of("Action", "Function");
    if (ops.length === 0) return undefined;
    const s = rng.pick(ops);
    const variant = rng.int(4);
    if (variant === 0) {
      // The same signature twice, with a different return type.
      const copy = elementText(doc.text, s).replace(/(<ReturnType[^>]*Type=")[^"]*"/, '$1Edm.Boolean"');
      return { text: splice(doc.text, s.end, s.end, copy), op: `overload ${doc.label(s)} with the same parameters` };
    }
    if (variant === 1) {
      const params = doc.childrenOf(s, "Parameter");
      if (params.length === 0) return { text: setAttr(doc.text, s, "IsBound", "true"), op: `bound ${doc.label(s)} without parameters` };
      return { text: splice(doc.text, params[0]!.start, params[0]!.end, ""), op: `remove first parameter of ${doc.label(s)}` };
    }
    if (variant === 2) {
      const p = doc.childrenOf(s, "Parameter")[0];
      if (!p) return undefined;
      return { text: setAttr(doc.text, p, "Name", rng.pick(HOSTILE_NAMES)), op: `rename a parameter of ${doc.label(s)}` };
    }
    return { text: insertChild(doc.text, s, `<Parameter Name="${escapeAttr(rng.pick(["bindingParameter", "body", "options", "signal", "headers", "toString", "__proto__", "then"]))}" Type="Edm.String"/>`), op: `add a parameter to ${doc.label(s)}` };
  },
  /** An element's tag renamed (both tags), including names with meaning to JavaScript objects. */
  elementName(doc, rng) {
    const targets = doc.spans.filter((s) => s.depth >= 2);
    if (targets.length === 0) return undefined;
    const s = rng.pick(targets);
    const tag = rng.pick(["__proto__", "constructor", "toString", "hasOwnProperty", "Unknown", "edm:EntityType", "Property", "EntityType", "Annotations"]);
    let text = doc.text;
    if (!s.selfClosing && s.closeStart < s.end) text = splice(text, s.closeStart, s.end, `</${tag}>`);
    text = splice(text, s.start + 1, s.start + 1 + s.tag.length, tag);
    return { text, op: `element ${doc.label(s)} renamed <${tag}>` };
  },
  /** An element moved where it does not belong. */
  move(doc, rng) {
    const movable = doc.spans.filter((x) => x.depth >= 2);
    if (movable.length === 0) return undefined;
    const s = rng.pick(movable);
    const hosts = doc.spans.filter((x) => x.depth >= 1 && x.end <= s.start || (x.depth >= 1 && x.start >= s.end));
    if (hosts.length === 0) return undefined;
    const into = rng.pick(hosts);
    const piece = elementText(doc.text, s);
    const removed = splice(doc.text, s.start, s.end, "");
    const target = new Doc(removed).spans.find((x) => x.start === (into.start > s.start ? into.start - piece.length : into.start));
    if (!target) return undefined;
    return { text: insertChild(removed, target, piece), op: `move ${doc.label(s)} into ${doc.label(into)}` };
  },
  /** Enum members: duplicate values, names and flags. */
  enumMembers(doc, rng) {
    const enums = doc.of("EnumType");
    if (enums.length === 0) return undefined;
    const e = rng.pick(enums);
    const members = doc.childrenOf(e, "Member");
    const v = rng.int(3);
    if (v === 0 && members[0]) return { text: insertChild(doc.text, e, `<Member Name="Other" Value="${escapeAttr(members[0].attrs.get("Value") ?? "0")}"/>`), op: `duplicate value in ${doc.label(e)}` };
    if (v === 1) return { text: splice(doc.text, e.openEnd, e.closeStart, ""), op: `${doc.label(e)} with no members` };
    return { text: insertChild(doc.text, e, `<Member Name="${escapeAttr(rng.pick(HOSTILE_NAMES))}"/>`), op: `hostile member in ${doc.label(e)}` };
  },
  /** Attributes with meaning to JavaScript objects, and namespace URIs changed. */
  oddAttributes(doc, rng) {
    if (doc.spans.length === 0) return undefined;
    const s = rng.pick(doc.spans);
    const v = rng.int(3);
    if (v === 0) return { text: setAttr(doc.text, s, rng.pick(["__proto__", "constructor", "toString", "hasOwnProperty"]), "x"), op: `odd attribute on ${doc.label(s)}` };
    if (v === 1) return { text: doc.text.replace(/xmlns="http:\/\/docs\.oasis-open\.org\/odata\/ns\/edm"/, 'xmlns="urn:wrong"'), op: "wrong edm namespace URI" };
    return { text: doc.text.replace(/xmlns:edmx="[^"]*"/, 'xmlns:edmx="urn:wrong"'), op: "wrong edmx namespace URI" };
  },
  /** An operation named as a type, with an import in the container (Microsoft Graph has this). */
  operationSharesTypeName(doc, rng) {
    // Not twice for one name: two imports of one name, or two operations of one signature, are invalid.
    const taken = new Set(doc.of("Action", "Function", "ActionImport", "FunctionImport", "EntitySet", "Singleton").map((s) => s.attrs.get("Name")));
    const types = doc.of("EntityType", "ComplexType", "EnumType").filter((s) => s.attrs.has("Name") && !taken.has(s.attrs.get("Name")) && doc.schemaOf(s));
    if (types.length === 0) return undefined;
    const t = rng.pick(types);
    const schema = doc.schemaOf(t)!;
    const name = t.attrs.get("Name")!;
    const qualified = doc.qualified(t);
    const isAction = rng.chance(0.5);
    const op = isAction
      ? `<Action Name="${escapeAttr(name)}"><Parameter Name="value" Type="Edm.String"/></Action>`
      : `<Function Name="${escapeAttr(name)}"><ReturnType Type="Edm.String"/></Function>`;
    let text = insertChild(doc.text, schema, op);
    const container = new Doc(text).of("EntityContainer")[0];
    if (container) {
      const imp = isAction ? `<ActionImport Name="${escapeAttr(name)}" Action="${escapeAttr(qualified)}"/>` : `<FunctionImport Name="${escapeAttr(name)}" Function="${escapeAttr(qualified)}"/>`;
      text = insertChild(text, container, imp);
    }
    return { text, op: `${isAction ? "Action" : "Function"} and import named as ${doc.label(t)}` };
  },
  /** References to other documents and their includes. */
  reference(doc, rng) {
    const edmx = doc.of("Edmx")[0];
    if (!edmx) return undefined;
    const ns = doc.of("Schema")[0]?.attrs.get("Namespace") ?? "NS";
    const include = rng.pick([`Namespace="${escapeAttr(ns)}"`, `Namespace="Org.OData.Core.V1" Alias="${escapeAttr(ns)}"`, 'Namespace="Org.OData.Core.V1" Alias="Edm"', 'Namespace=""', 'Namespace="Ext" Alias="Core"']);
    const ref = `<edmx:Reference Uri="${rng.pick(["https://example.com/$metadata", "", "file:///etc/passwd", "javascript:alert(1)"])}"><edmx:Include ${include}/></edmx:Reference>`;
    return { text: splice(doc.text, edmx.openEnd, edmx.openEnd, ref), op: `reference including ${include}` };
  },
};

const textual: Readonly<Record<string, (text: string, rng: Rng) => { text: string; op: string }>> = {
  truncate(text, rng) {
    const at = rng.int(text.length);
    return { text: text.slice(0, at), op: `truncate at ${at}` };
  },
  deleteRange(text, rng) {
    const a = rng.int(text.length);
    const len = rng.pick([1, 2, 5, 20, 200, 2000]);
    return { text: splice(text, a, a + len, ""), op: `delete ${len} at ${a}` };
  },
  duplicateRange(text, rng) {
    const a = rng.int(text.length);
    const len = rng.pick([1, 5, 40, 400, 4000]);
    return { text: splice(text, a, a, text.slice(a, a + len)), op: `duplicate ${len} at ${a}` };
  },
  swapRanges(text, rng) {
    const len = rng.pick([3, 30, 300]);
    const a = rng.int(Math.max(1, text.length - len));
    const b = rng.int(Math.max(1, text.length - len));
    const [x, y] = a < b ? [a, b] : [b, a];
    if (y < x + len) return { text, op: "swap (overlapping, none)" };
    return { text: text.slice(0, x) + text.slice(y, y + len) + text.slice(x + len, y) + text.slice(x, x + len) + text.slice(y + len), op: `swap ${len} at ${x} and ${y}` };
  },
  insertSnippet(text, rng) {
    // At a tag boundary most of the time: that is where a snippet changes the structure rather than one token.
    const boundaries: number[] = [];
    for (let i = text.indexOf(">"); i >= 0 && boundaries.length < 5000; i = text.indexOf(">", i + 1)) boundaries.push(i + 1);
    const at = rng.chance(0.7) && boundaries.length > 0 ? rng.pick(boundaries) : rng.int(text.length + 1);
    const snippet = rng.pick(HOSTILE_SNIPPETS);
    return { text: splice(text, at, at, snippet), op: `insert ${JSON.stringify(snippet.slice(0, 30))} at ${at}` };
  },
  flipChar(text, rng) {
    const at = rng.int(text.length);
    const c = rng.pick(["<", ">", '"', "=", "/", "&", " ", "\u0000", "é", "\uFFFD"]);
    return { text: splice(text, at, at + 1, c), op: `replace char at ${at} with ${JSON.stringify(c)}` };
  },
};

export const STRUCTURAL_OPS = Object.keys(structural);
export const TEXT_OPS = Object.keys(textual);

/** What mutations threw in this process (empty unless the mutator has a bug); harness.test.ts asserts it stays empty. */
export const mutatorErrors: string[] = [];

const ENCODINGS: readonly Encoding[] = ["utf8-bom", "utf16le-bom", "utf16be-bom", "latin1-declared", "utf8-declared-latin1", "declared-unknown", "invalid-utf8"];

/** One mutant of (seed, iteration). */
export function makeMutant(seeds: readonly Seed[], seed: number, iteration: number): Mutant {
  const rng = createRng(seed, "mutant", iteration);
  const total = seeds.reduce((n, s) => n + s.weight, 0);
  let draw = rng.next() * total;
  let base = seeds[seeds.length - 1]!;
  for (const s of seeds) {
    draw -= s.weight;
    if (draw < 0) {
      base = s;
      break;
    }
  }
  let text = base.text;
  const ops: string[] = [];
  let valid = VALID_SEEDS.has(base.name);
  const style = rng.next();
  const structuralCount = style < 0.75 ? rng.range(1, 3) : style < 0.9 ? rng.range(0, 1) : 0;
  const textCount = style < 0.75 ? (rng.chance(0.1) ? 1 : 0) : style < 0.9 ? 1 : rng.range(1, 2);
  for (let i = 0, tries = 0; i < structuralCount && tries < 20; tries++) {
    const name = rng.pick(STRUCTURAL_OPS);
    let got: ReturnType<Mutation>;
    try {
      got = structural[name]!(new Doc(text), rng);
    } catch (e) {
      // A mutation that does not fit this document (a bug of the mutator): it counts as not applicable, so the
      // run goes on; the mutator's own test (harness.test.ts) makes many mutants and would show it.
      got = undefined;
      mutatorErrors.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (got) {
      text = got.text;
      ops.push(got.op);
      if (!VALID_PRESERVING.has(name)) valid = false;
      i++;
    }
  }
  if (textCount > 0) valid = false;
  for (let i = 0; i < textCount; i++) {
    const got = textual[rng.pick(TEXT_OPS)]!(text, rng);
    text = got.text;
    ops.push(got.op);
  }
  const encoding: Encoding = rng.chance(0.08) ? rng.pick(ENCODINGS) : "utf8";
  if (encoding !== "utf8") ops.push(`encoding ${encoding}`);
  return { seedName: base.name, text, encoding, ops, mode: rng.chance(0.25) ? "sources" : "package", valid: valid && ops.length > 0 && encoding === "utf8" };
}

/** The XML declaration set (or added) with an encoding. */
function declare(text: string, encoding: string): string {
  const decl = `<?xml version="1.0" encoding="${encoding}"?>`;
  return /^<\?xml[^>]*\?>/.test(text) ? text.replace(/^<\?xml[^>]*\?>/, decl) : decl + "\n" + text;
}

/** The mutant's bytes, in its encoding. */
export function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case "utf8":
      return Buffer.from(text, "utf8");
    case "utf8-bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "utf16le-bom":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(declare(text, "UTF-16"), "utf16le")]);
    case "utf16be-bom":
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(declare(text, "UTF-16"), "utf16le").swap16()]);
    case "latin1-declared":
      // A Latin-1 document: characters beyond Latin-1 become character references, as an encoder would write them.
      return Buffer.from(declare(text, "ISO-8859-1").replace(/[^\u0000-\u00ff]/gu, (c) => `&#${c.codePointAt(0)};`) + "<!-- Café -->", "latin1");
    case "utf8-declared-latin1":
      return Buffer.from(declare(text, "ISO-8859-1") + "<!-- Café -->", "utf8");
    case "declared-unknown":
      return Buffer.from(declare(text, "EBCDIC-XYZ"), "utf8");
    case "invalid-utf8": {
      const b = Buffer.from(text, "utf8");
      const at = Math.floor(b.length / 2);
      return Buffer.concat([b.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), b.subarray(at)]);
    }
  }
}
