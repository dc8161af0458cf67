/**
 * `codegen migrate-code`: rewrites TypeScript written against a generated Outlook REST client
 * (`outlook-rest-client/v2.0`, v1.0, beta, or a relative path to a generated `<version>/index.js`) into code against a
 * generated Microsoft Graph client, through the migration map (templates/runtime/migration-map.ts).
 *
 * Pure over the ts-morph Project it is given: it reads the user's files and the Outlook client through the project's
 * type checker and replaces the user's files' text in the project; the CLI (cli/migrate-code-command.ts) loads the
 * files and writes them. What to rename is found by the type checker, never by the look of a name: a property access,
 * an object literal key, a destructured key or a `select`/`orderby`/`expand` entry is renamed only when the declaration
 * it resolves to lies in the Outlook client (its nodes.ts, models.ts or runtime); the Outlook type is the one the value
 * is reached through (the receiver's or the contextual type), else the one that declares the member. A property path
 * (`me.emailAddress`) has no declaration (a mapped type renames it): its type is read off the node's `get()`. The only
 * strings read for their look are qualified Outlook type names (`"#Microsoft.OutlookServices.FileAttachment"`, a
 * cast's argument), and only those the map lists. `$filter` strings go through the request translator's
 * translateExpression (templates/runtime/migrate.ts).
 *
 * Where the map has no counterpart, a `// TODO(migrate): <why>` line goes above the statement (above its leading
 * comments, so that a `@ts-expect-error` keeps its line), and the summary lists it. Running the codemod on its own
 * output changes nothing: the output imports the Graph client, so nothing resolves into the Outlook client any more,
 * and a TODO already above a statement is not added twice.
 */
import { ts, type Project } from "ts-morph";
import { translateExpression } from "../../templates/runtime/migrate.js";
import { findMember, type MemberMap, type MigrationMap, type OperationMap } from "../../templates/runtime/migration-map.js";
import { propertyKey, renamedAt, stringLiteral, typeIdentifier, type MemberPlace } from "../plan/naming.js";

export type OutlookVersion = "v1.0" | "v2.0" | "beta";

export interface CodemodOptions {
  /** The migration map of the version the code uses (`outlook-<v>-to-graph-v1.0.map.json`). */
  readonly map: MigrationMap;
  /** The Outlook version whose imports are rewritten; imports of other versions are left alone and reported. */
  readonly from: OutlookVersion;
  /** The module specifier of the generated Graph client, e.g. `graph-client/v1.0`. */
  readonly graphImport: string;
  /** The files to rewrite, as the project names them (absolute paths). Other files of the project are only read. */
  readonly files: readonly string[];
  /**
   * The names the Graph client's index exports besides its models (`export { … }` lists), when known: an imported
   * runtime name it lacks gets a TODO. Without it, the Outlook-only exports the codemod knows of (OUTLOOK_ONLY) are.
   */
  readonly graphExports?: ReadonlySet<string>;
  /** The Graph service root that replaces an Outlook one in a `baseUrl`. Default: https://graph.microsoft.com/v1.0 */
  readonly graphBaseUrl?: string;
}

export type EditKind =
  | "import"
  | "importedName"
  | "root"
  | "navigation"
  | "operation"
  | "parameter"
  | "property"
  | "enumMember"
  | "select"
  | "orderby"
  | "expand"
  | "odataType"
  | "filter"
  | "baseUrl"
  | "todo";

export interface CodemodTodo {
  readonly file: string;
  /** 1-based line of the TODO comment in the rewritten file. */
  readonly line: number;
  readonly text: string;
}

export interface CodemodFileResult {
  readonly file: string;
  readonly changed: boolean;
  readonly edits: number;
  /** Calls on the Outlook client's nodes (verbs, functions, helpers), and those whose statement needs no TODO. */
  readonly calls: number;
  readonly callsMigrated: number;
  readonly todos: readonly CodemodTodo[];
  /** Imports of another Outlook version than --from, left alone. */
  readonly skipped: readonly string[];
}

export interface CodemodSummary {
  readonly files: readonly CodemodFileResult[];
  readonly edits: Readonly<Partial<Record<EditKind, number>>>;
  readonly calls: number;
  readonly callsMigrated: number;
  readonly todos: readonly CodemodTodo[];
}

/** Exports of the Outlook clients that a Graph client does not have, and what to do instead. */
export const OUTLOOK_ONLY: Readonly<Record<string, string>> = {
  isMailboxNotEnabledForRestApi:
    "isMailboxNotEnabledForRestApi is Outlook-only; Graph answers such a mailbox with an ODataError (isODataError(e) && e.code)",
  streamNotifications: "streaming notifications (beta) have no Graph equivalent; use change notifications (POST /subscriptions)",
  StreamingEvent: "streaming notifications (beta) have no Graph equivalent",
  StreamingOptions: "streaming notifications (beta) have no Graph equivalent",
  StreamingReconnectError: "streaming notifications (beta) have no Graph equivalent",
};

/**
 * The names a generated client's index.ts exports in its `export { … }` and `export type { … }` lists (its models
 * come through `export *` and are not listed): what CodemodOptions.graphExports takes.
 */
export function indexExportNames(text: string): Set<string> {
  const sf = ts.createSourceFile("index.ts", text, ts.ScriptTarget.ES2022, false);
  const names = new Set<string>();
  for (const statement of sf.statements) {
    if (!ts.isExportDeclaration(statement) || statement.exportClause === undefined || !ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) names.add(element.name.text);
  }
  return names;
}

const OUTLOOK_SPECIFIER = /^outlook-rest-client\/(v1\.0|v2\.0|beta)$/;
const RELATIVE_SPECIFIER = /^\.{1,2}\/(?:.*\/)?(v1\.0|v2\.0|beta)\/index\.js$/;
const OUTLOOK_ROOT = /^https:\/\/outlook\.office(?:365)?\.com\/api\/(?:v1\.0|v2\.0|beta)\/?$/;
const TODO_PREFIX = "// TODO(migrate): ";

/** Where a declaration of the Outlook client lies. */
type Place = "models" | "nodes" | "client" | "runtime";

interface Client {
  readonly dir: string;
  readonly runtime: string;
  /** TypeScript name of a model declaration (models.ts) → its qualified name. */
  readonly qualified: ReadonlyMap<string, string>;
}

interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly kind: EditKind;
}

/** Rewrites options.files in the project; returns what it did. */
export function migrateCode(project: Project, options: CodemodOptions): CodemodSummary {
  const program = project.getProgram().compilerObject;
  const checker = program.getTypeChecker();
  const results: CodemodFileResult[] = [];
  const edits: Partial<Record<EditKind, number>> = {};
  const rewrites: [string, string][] = [];
  const clients = clientsIn(program, options.map, options.from);
  for (const file of options.files) {
    const sf = program.getSourceFile(file);
    if (sf === undefined) throw new Error(`${file} is not in the project`);
    const { text, result, kinds } = migrateFile(sf, checker, clients, options);
    for (const [k, n] of Object.entries(kinds)) edits[k as EditKind] = (edits[k as EditKind] ?? 0) + n;
    results.push(result);
    if (result.changed) rewrites.push([file, text]);
  }
  // Replaced after every file was read: the program (and its checker) stays the one the edits were computed on.
  // replaceWithText writes line breaks as the project's manipulation settings say: a CRLF file keeps CRLF.
  const settings = project.manipulationSettings;
  const newLineKind = settings.getNewLineKind();
  try {
    for (const [file, text] of rewrites) {
      settings.set({ newLineKind: text.includes("\r\n") ? ts.NewLineKind.CarriageReturnLineFeed : ts.NewLineKind.LineFeed });
      project.getSourceFileOrThrow(file).replaceWithText(text);
    }
  } finally {
    settings.set({ newLineKind });
  }
  return {
    files: results,
    edits,
    calls: results.reduce((n, r) => n + r.calls, 0),
    callsMigrated: results.reduce((n, r) => n + r.callsMigrated, 0),
    todos: results.flatMap((r) => r.todos),
  };
}

function migrateFile(
  sf: ts.SourceFile,
  checker: ts.TypeChecker,
  clients: readonly Client[],
  options: CodemodOptions,
): { text: string; result: CodemodFileResult; kinds: Partial<Record<EditKind, number>> } {
  const { map } = options;
  const edits: TextEdit[] = [];
  /** Each statement that needs a TODO → the TODO texts to put above it. */
  const todos = new Map<ts.Statement, string[]>();
  const skipped: string[] = [];
  const callStatements: ts.Statement[] = [];

  const edit = (node: ts.Node, text: string, kind: EditKind): void => {
    if (node.getText(sf) === text) return;
    edits.push({ start: node.getStart(sf), end: node.getEnd(), text, kind });
  };
  const todo = (node: ts.Node, why: string): void => {
    const statement = statementOf(node);
    const list = todos.get(statement) ?? [];
    const line = why.replace(/\s+/g, " ").trim();
    if (!list.includes(line)) list.push(line);
    todos.set(statement, list);
  };

  // ---- The Outlook client(s) the file imports -------------------------------------------------------------------
  const outlookImports: (ts.ImportDeclaration | ts.ExportDeclaration)[] = [];
  for (const statement of sf.statements) {
    if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement))) continue;
    if (statement.moduleSpecifier === undefined || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const spec = statement.moduleSpecifier.text;
    const version = (OUTLOOK_SPECIFIER.exec(spec) ?? RELATIVE_SPECIFIER.exec(spec))?.[1];
    if (version === undefined) continue;
    if (version !== options.from) {
      skipped.push(`${spec} (--from is ${options.from})`);
      continue;
    }
    const dir = importedDir(statement, checker);
    if (dir !== undefined && clients.some((c) => c.dir === dir)) outlookImports.push(statement);
    else if (dir === undefined) skipped.push(`${spec} (it does not resolve: install the Outlook client, or give --tsconfig whose paths reach it)`);
    else skipped.push(`${spec} (it resolves to ${dir}, which is not a generated Outlook ${options.from} client the map describes)`);
  }

  const placeOf = (decl: ts.Node): { place: Place; client: Client } | undefined => {
    const file = normal(decl.getSourceFile().fileName);
    for (const client of clients) {
      if (file.startsWith(`${client.runtime}/`)) return { place: "runtime", client };
      if (!file.startsWith(`${client.dir}/`)) continue;
      const base = file.slice(client.dir.length + 1).replace(/\.d\.ts$|\.ts$/, "");
      return { place: base === "models" ? "models" : base === "nodes" ? "nodes" : "client", client };
    }
    return undefined;
  };
  const outlookDecl = (symbol: ts.Symbol | undefined): { decl: ts.Declaration; place: Place; client: Client } | undefined => {
    for (const decl of symbol?.declarations ?? []) {
      const where = placeOf(decl);
      if (where) return { decl, ...where };
    }
    return undefined;
  };

  if (clients.length > 0) {
    // ---- Imports -------------------------------------------------------------------------------------------------
    const renamedImports = new Map<ts.Symbol, string>();
    for (const decl of outlookImports) {
      const spec = decl.moduleSpecifier as ts.StringLiteral;
      edit(spec, quoteLike(spec.getText(sf), options.graphImport), "import");
      // Named imports and re-exports; a namespace import (`* as O`) keeps its qualified names (O.Message).
      const bindings = ts.isImportDeclaration(decl) ? decl.importClause?.namedBindings : decl.exportClause;
      if (bindings === undefined || ts.isNamespaceImport(bindings) || ts.isNamespaceExport(bindings)) continue;
      const reexport = ts.isExportDeclaration(decl);
      for (const element of bindings.elements) {
        const imported = (element.propertyName ?? element.name).text;
        const local = checker.getSymbolAtLocation(element.name);
        const target = local ? checker.getAliasedSymbol(local) : undefined;
        const where = outlookDecl(target);
        const renamed = importedName(imported, where, options);
        if (renamed === undefined) continue;
        if ("why" in renamed) {
          todo(decl, renamed.why);
          continue;
        }
        if (renamed.name === imported) continue;
        // A re-export keeps the name it gives its own importers: `export { Subscription as PushSubscription }`.
        if (reexport && element.propertyName === undefined) edit(element.name, `${renamed.name} as ${imported}`, "importedName");
        else edit(element.propertyName ?? element.name, renamed.name, "importedName");
        if (!reexport && element.propertyName === undefined && local) renamedImports.set(local, renamed.name);
      }
    }

    // ---- The file's code -------------------------------------------------------------------------------------------
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) || (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined)) return;
      if (ts.isIdentifier(node) && renamedImports.size > 0 && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
        const symbol = checker.getSymbolAtLocation(node);
        const name = symbol ? renamedImports.get(symbol) : undefined;
        if (name !== undefined && !(ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node)) edit(node, name, "importedName");
      }
      if (ts.isPropertyAccessExpression(node)) {
        if (!accessName(node.name, node.name.text, (text) => text, node.expression)) propertyNode(node);
      }
      if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
        const arg = node.argumentExpression;
        accessName(arg, arg.text, (text) => quoteLike(arg.getText(sf), text), node.expression);
      }
      if (ts.isObjectLiteralExpression(node)) objectLiteral(node);
      if (ts.isObjectBindingPattern(node)) bindingPattern(node);
      if (ts.isStringLiteralLike(node)) odataType(node);
      if (ts.isCallExpression(node)) call(node);
      ts.forEachChild(node, visit);
    };

    /** A member of a node, a model property, an enum member, reached by `.name` or `["name"]`; false if none. */
    const accessName = (nameNode: ts.Node, name: string, spell: (text: string) => string, receiver?: ts.Expression): boolean => {
      if (name.startsWith("@")) return true;
      const found = outlookDecl(checker.getSymbolAtLocation(nameNode));
      if (!found) return false;
      const { decl, place, client } = found;
      if (place === "nodes") {
        const r = nodeMember(decl, name, client, receiver);
        if (r === undefined) return true;
        if ("why" in r) todo(nameNode, r.why);
        else edit(nameNode, spell(r.name), r.kind);
      } else if (place === "models") {
        const r = modelMember(decl, name, client, receiver ? checker.getTypeAtLocation(receiver) : undefined);
        if (r === undefined) return true;
        if ("why" in r) todo(nameNode, r.why);
        else if (ts.isIdentifier(nameNode) && !isIdentifierName(r.name)) todo(nameNode, `${name} is ${r.name} in Graph: write ["${r.name}"]`);
        else edit(nameNode, spell(r.name), r.kind);
      }
      return true;
    };

    /**
     * A property path of an Outlook node (`client.me.emailAddress.get()`): its member is made by a mapped type that
     * renames the wire name (`EmailAddress` → `emailAddress`), so the checker keeps no declaration for it. The node's
     * model type is read off its `get()` verb (Promise<ODataEntity<T>>), and the member is T's property of that name.
     */
    const propertyNode = (node: ts.PropertyAccessExpression): void => {
      const symbol = checker.getSymbolAtLocation(node.name);
      if (symbol === undefined || (symbol.declarations?.length ?? 0) > 0) return;
      const owner = nodeModelType(checker.getTypeAtLocation(node.expression));
      if (owner === undefined) return;
      const member = findMemberCI(map, owner, node.name.text);
      if (member === undefined || member.key.length === 0 || member.key[0]!.toLowerCase() + member.key.slice(1) !== node.name.text) return;
      if (member.member.to === null) todo(node.name, `${shortName(member.owner)}.${member.key} has no Graph counterpart: ${member.member.why ?? "(no reason given)"}`);
      else edit(node.name, graphMember(member.member.to, "entity", false), "property");
    };

    /** The Outlook model type (qualified) of an entity or complex-property node, read off its `get()` verb. */
    const nodeModelType = (type: ts.Type): string | undefined => {
      const get = checker.getPropertyOfType(type, "get");
      const decl = get?.declarations?.[0];
      if (get === undefined || decl === undefined || placeOf(decl)?.place !== "runtime") return undefined;
      const signature = checker.getTypeOfSymbol(get).getCallSignatures()[0];
      let t: ts.Type | undefined = signature?.getReturnType();
      // Promise<ODataEntity<T>> → ODataEntity<T> → T.
      for (let i = 0; i < 2 && t !== undefined; i++) t = typeArguments(t, checker)[0];
      const symbol = t?.aliasSymbol ?? t?.getSymbol();
      const where = symbol?.declarations?.[0] ? placeOf(symbol.declarations[0]) : undefined;
      if (symbol === undefined || where?.place !== "models") return undefined;
      return where.client.qualified.get(symbol.name) ?? (symbol.name.startsWith("Any") ? where.client.qualified.get(symbol.name.slice(3)) : undefined);
    };

    /** The node member (navigation, operation, root) a declaration in nodes.ts stands for. */
    const nodeMember = (
      decl: ts.Declaration,
      name: string,
      client: Client,
      receiver?: ts.Expression,
    ): { name: string; kind: EditKind } | { why: string } | undefined => {
      const holder = decl.parent;
      if (!ts.isInterfaceDeclaration(holder)) return undefined;
      const owner = holder.name.text;
      if (owner === "ServiceClient") {
        const key = ciKey(map.roots, name);
        const root = key === undefined ? undefined : map.roots[key];
        if (root === undefined) return { why: `the map has no entity set or singleton ${name}` };
        if (root.to === null) return { why: `${key} has no Graph counterpart: ${root.why ?? "(no reason given)"}` };
        return { name: graphMember(root.to, "root", false), kind: "root" };
      }
      const collection = owner.endsWith("CollectionMembers");
      const base = owner.slice(0, owner.length - (collection ? "CollectionMembers" : "Members").length);
      const type = client.qualified.get(base);
      if (type === undefined || !owner.endsWith("Members")) return undefined;
      if (!collection) {
        // Through the node's own model type first (a subtype may answer an inherited member), then the declaring type.
        const through = receiver === undefined ? undefined : nodeModelType(checker.getTypeAtLocation(receiver));
        const member = (through !== undefined ? findMemberCI(map, through, name) : undefined) ?? findMemberCI(map, type, name);
        if (member) {
          if (member.member.to === null) return { why: `${shortName(member.owner)}.${member.key} has no Graph counterpart: ${member.member.why ?? "(no reason given)"}` };
          return { name: graphMember(member.member.to, "entity", false), kind: "navigation" };
        }
      }
      const op = findOperation(map, collection ? `Collection(${type})` : type, name);
      if (op === undefined) return { why: `the map has no member or operation ${name} of ${shortName(type)}` };
      if (op.op.to === null) return { why: `${op.key} of ${shortName(type)} has no Graph counterpart: ${op.op.why ?? "(no reason given)"}` };
      return { name: graphMember(op.op.to, collection ? "collection" : "entity", op.op.kind === "function"), kind: "operation" };
    };

    /** The Outlook model type (qualified) a value's type is: Message, ODataEntity<Message>, AnyAttachment, Tagged<FileAttachment, …>. */
    const modelTypeOf = (type: ts.Type, depth = 0): string | undefined => {
      if (depth > 4) return undefined;
      const t = checker.getNonNullableType(type);
      const alias = t.aliasSymbol;
      const aliasPlace = alias?.declarations?.[0] ? placeOf(alias.declarations[0]) : undefined;
      if (alias && aliasPlace?.place === "models") {
        const q = aliasPlace.client.qualified.get(alias.name) ?? (alias.name.startsWith("Any") ? aliasPlace.client.qualified.get(alias.name.slice(3)) : undefined);
        if (q !== undefined) return q;
      }
      if (alias && aliasPlace?.place === "runtime" && (alias.name === "Tagged" || alias.name === "ODataEntity") && t.aliasTypeArguments?.[0]) {
        return modelTypeOf(t.aliasTypeArguments[0], depth + 1);
      }
      const symbol = t.getSymbol();
      const where = symbol?.declarations?.[0] ? placeOf(symbol.declarations[0]) : undefined;
      if (symbol && where?.place === "models" && ts.isInterfaceDeclaration(symbol.declarations![0]!)) return where.client.qualified.get(symbol.name);
      if (t.isIntersection()) {
        for (const part of t.types) {
          const q = modelTypeOf(part, depth + 1);
          if (q !== undefined) return q;
        }
      }
      return undefined;
    };

    /** A model property (or property node), an enum member, or an `$expand` key, declared in models.ts. */
    const modelMember = (
      decl: ts.Declaration,
      name: string,
      client: Client,
      view?: ts.Type,
    ): { name: string; kind: EditKind } | { why: string } | undefined => {
      const top = topDeclaration(decl);
      if (top === undefined) return undefined;
      const tsName = top.name.text;
      if (ts.isVariableDeclaration(top)) {
        const type = client.qualified.get(tsName);
        const entry = type === undefined ? undefined : map.types[type];
        // The member of the enum's object: a property assignment in the client's sources, a property signature in its
        // declarations (an installed package's dist/*.d.ts).
        if (entry?.enumMembers === undefined || !(ts.isPropertyAssignment(decl) || ts.isPropertySignature(decl))) return undefined;
        const key = propertyName(decl.name);
        if (key === undefined || !Object.hasOwn(entry.enumMembers, key)) return { why: `the map has no member ${key ?? name} of ${shortName(type!)}` };
        const to = entry.enumMembers[key];
        if (to === null || to === undefined) return { why: `${shortName(type!)}.${key} has no Graph counterpart: ${entry.enumMembersWhy?.[key] ?? "(no reason given)"}` };
        return { name: to, kind: "enumMember" };
      }
      const type = client.qualified.get(tsName) ?? (tsName.endsWith("Query") ? client.qualified.get(tsName.slice(0, -"Query".length)) : undefined);
      if (type === undefined) return undefined;
      // The member as the type it is reached through sees it (the map answers a member inherited from a base without
      // counterpart on the subtype: PushSubscription's Resource), else as the type that declares it.
      const through = view === undefined ? undefined : modelTypeOf(view);
      const member = (through !== undefined ? findMemberCI(map, through, name) : undefined) ?? findMemberCI(map, type, name);
      if (member === undefined) return { why: `the map has no member ${name} of ${shortName(type)}` };
      if (member.member.to === null) return { why: `${shortName(member.owner)}.${member.key} has no Graph counterpart: ${member.member.why ?? "(no reason given)"}` };
      return { name: member.member.to, kind: "property" };
    };

    /** Keys of an object literal whose contextual type lies in the Outlook client. */
    const objectLiteral = (node: ts.ObjectLiteralExpression): void => {
      const contextual = checker.getContextualType(node);
      if (contextual === undefined) return;
      const query = queryOwner(contextual, checker, placeOf);
      for (const prop of node.properties) {
        if (!ts.isPropertyAssignment(prop) && !ts.isShorthandPropertyAssignment(prop)) continue;
        const key = propertyName(prop.name);
        if (key === undefined || key.startsWith("@")) continue;
        if (query !== undefined && (key === "select" || key === "orderby" || key === "expand" || key === "filter")) {
          // A shorthand `{ filter }` holds a variable: queryOption leaves a TODO for it.
          queryOption(key, ts.isPropertyAssignment(prop) ? prop.initializer : prop.name, query.type);
          continue;
        }
        const found = firstOutlookDecl(propertyDecls(checker, contextual, key), placeOf);
        if (!found) continue;
        const { decl, place, client } = found;
        let renamed: { name: string; kind: EditKind } | { why: string } | undefined;
        if (place === "models") renamed = modelMember(decl, key, client, contextual);
        else if (place === "nodes") renamed = parameter(decl, key, client);
        else if (place === "runtime" && ts.isPropertyAssignment(prop)) runtimeOption(key, prop.initializer, prop);
        if (renamed === undefined) continue;
        if ("why" in renamed) {
          todo(prop, renamed.why);
          continue;
        }
        if (ts.isShorthandPropertyAssignment(prop)) {
          if (renamed.name !== key) edit(prop, `${propertyKey(renamed.name)}: ${key}`, renamed.kind);
        } else {
          edit(prop.name, keyLike(prop.name, sf, renamed.name), renamed.kind);
          if (place === "models") enumValue(decl, prop.initializer, client);
        }
      }
    };

    /** `const { Subject, From: sender } = message`: the keys of a destructuring of an Outlook model. */
    const bindingPattern = (node: ts.ObjectBindingPattern): void => {
      const type = checker.getTypeAtLocation(node);
      for (const element of node.elements) {
        if (element.dotDotDotToken !== undefined) continue;
        const keyNode = element.propertyName ?? element.name;
        const key = propertyName(keyNode);
        if (key === undefined || key.startsWith("@")) continue;
        const found = firstOutlookDecl(propertyDecls(checker, type, key), placeOf);
        if (!found || found.place !== "models") continue;
        const renamed = modelMember(found.decl, key, found.client, type);
        if (renamed === undefined) continue;
        if ("why" in renamed) todo(node, renamed.why);
        else if (renamed.name === key) continue;
        else if (element.propertyName !== undefined) edit(element.propertyName, keyLike(element.propertyName, sf, renamed.name), renamed.kind);
        else edit(element.name, `${propertyKey(renamed.name)}: ${key}`, renamed.kind);
      }
    };

    /** A string literal given for an enum-typed property: `Importance: "High"` → `importance: "high"`. */
    const enumValue = (decl: ts.Declaration, value: ts.Expression, client: Client): void => {
      if (!ts.isStringLiteral(value)) return;
      const top = topDeclaration(decl);
      const type = top ? client.qualified.get(top.name.text) : undefined;
      const name = propertyName((decl as ts.PropertySignature).name);
      const member = type && name ? findMemberCI(map, type, name) : undefined;
      const enumType = member ? map.types[member.member.type] : undefined;
      if (enumType?.enumMembers === undefined) return;
      const key = ciKey(enumType.enumMembers, value.text);
      const to = key === undefined ? undefined : enumType.enumMembers[key];
      if (to === undefined || to === null) {
        const why = key === undefined ? "not a member of the enum" : (enumType.enumMembersWhy?.[key] ?? "(no reason given)");
        todo(value, `the value ${value.text} of ${shortName(member!.member.type)} has no Graph counterpart: ${why}`);
      }
      else edit(value, quoteLike(value.getText(sf), to), "enumMember");
    };

    /** A key of an operation's parameter object (nodes.ts): `reply.post({ Comment })`, `reminderView({ StartDateTime })`. */
    const parameter = (decl: ts.Declaration, key: string, client: Client): { name: string; kind: EditKind } | { why: string } | undefined => {
      let op: ts.Node = decl.parent;
      while (op.parent !== undefined && !ts.isInterfaceDeclaration(op.parent)) op = op.parent;
      const holder = op.parent;
      if (holder === undefined || !ts.isInterfaceDeclaration(holder) || op === decl) return undefined;
      if (!(ts.isPropertySignature(op) || ts.isMethodSignature(op)) || op.name === undefined) return undefined;
      const opName = propertyName(op.name);
      const owner = holder.name.text;
      const collection = owner.endsWith("CollectionMembers");
      const type = client.qualified.get(owner.slice(0, owner.length - (collection ? "CollectionMembers" : "Members").length));
      if (opName === undefined || type === undefined) return undefined;
      const found = findOperation(map, collection ? `Collection(${type})` : type, opName);
      if (found === undefined || found.op.to === null) return undefined; // The operation's own TODO says why.
      const pkey = ciKey(found.op.parameters, key);
      const p = pkey === undefined ? undefined : found.op.parameters[pkey];
      if (p === undefined) return { why: `the map has no parameter ${key} of ${found.key}` };
      if (p.to === null) return { why: `${found.key}(${key}) has no Graph counterpart: ${p.why ?? "(no reason given)"}` };
      return { name: p.to, kind: "parameter" };
    };

    /** A value the Outlook client's own helpers build (`referral.filter()`, `followUpCount.expand()`): migrated with them. */
    const builtByClient = (value: ts.Expression): boolean => {
      if (!ts.isCallExpression(value)) return false;
      const callee = value.expression;
      const symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
      return outlookDecl(symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol) !== undefined;
    };

    /**
     * `select`, `orderby`, `expand` (a list) and `filter` of a query on the Outlook type `type`. What is not written out
     * (a variable, a concatenation, a spread) cannot be read: it gets a TODO, unless the client's own helpers built it.
     */
    const queryOption = (key: string, value: ts.Expression, type: string): void => {
      if (builtByClient(value)) return;
      if (key === "filter") {
        if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) filter(value, type);
        else if (ts.isTemplateExpression(value)) todo(value, `a $filter built from a template: translate its property names by hand`);
        else todo(value, `a $filter not written as one string: translate its property names by hand`);
        return;
      }
      if (key === "expand" && ts.isObjectLiteralExpression(value)) {
        // The map form of expand: its keys are navigations of `type` (their nested options are visited on their own).
        for (const prop of value.properties) {
          if (!ts.isPropertyAssignment(prop) && !ts.isShorthandPropertyAssignment(prop)) continue;
          const name = propertyName(prop.name);
          if (name === undefined) continue;
          const path = translatePath(map, type, name);
          if ("why" in path) todo(prop, path.why);
          else if (ts.isShorthandPropertyAssignment(prop)) edit(prop, `${propertyKey(path.text)}: ${name}`, "expand");
          else edit(prop.name, keyLike(prop.name, sf, path.text), "expand");
        }
        return;
      }
      if (!ts.isArrayLiteralExpression(value)) {
        todo(value, `${key} not written as an array of strings: translate its property names by hand`);
        return;
      }
      for (const element of value.elements) {
        if (!ts.isStringLiteral(element) && !ts.isNoSubstitutionTemplateLiteral(element)) {
          if (!(ts.isSpreadElement(element) ? builtByClient(element.expression) : builtByClient(element))) todo(element, `a ${key} entry not written as a string: translate its property names by hand`);
          continue;
        }
        const text = element.text;
        if (key === "orderby") {
          const m = /^(\S+)(\s+(?:asc|desc))?$/i.exec(text.trim());
          const path = m ? translatePath(map, type, m[1]!) : { why: `cannot read the $orderby item "${text}"` };
          if ("why" in path) todo(element, path.why);
          else edit(element, quoteLike(element.getText(sf), `${path.text}${m![2] ?? ""}`), "orderby");
          continue;
        }
        const path = translatePath(map, type, text);
        if ("why" in path) todo(element, path.why);
        else edit(element, quoteLike(element.getText(sf), path.text), key === "select" ? "select" : "expand");
      }
    };

    const filter = (value: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, type: string): void => {
      const translated = translateFilterText(map, type, value.text);
      if ("error" in translated) todo(value, `$filter "${value.text}" on ${shortName(type)}: ${translated.error}`);
      else edit(value, quoteLike(value.getText(sf), translated.text), "filter");
    };

    /** Client options: the Outlook service root, the x-AnchorMailbox header. */
    const runtimeOption = (key: string, value: ts.Expression, prop: ts.PropertyAssignment): void => {
      if (key === "baseUrl" && ts.isStringLiteral(value) && OUTLOOK_ROOT.test(value.text)) {
        edit(value, quoteLike(value.getText(sf), options.graphBaseUrl ?? "https://graph.microsoft.com/v1.0"), "baseUrl");
      } else if (key === "anchorMailbox" || key === "sendAnchorMailbox") {
        todo(prop, `Graph routes by the URL and takes no x-AnchorMailbox header: drop ${key}`);
      }
    };

    /** `"#Microsoft.OutlookServices.FileAttachment"` (an @odata.type) and `"Microsoft.OutlookServices.FileAttachment"` (a cast). */
    const odataType = (node: ts.StringLiteralLike): void => {
      if (ts.isImportDeclaration(node.parent) || (ts.isCallExpression(node.parent) && node.parent.expression.kind === ts.SyntaxKind.ImportKeyword)) return;
      const hash = node.text.startsWith("#");
      const name = hash ? node.text.slice(1) : node.text;
      if (!name.startsWith(`${map.from.namespace}.`)) return;
      const entry = map.types[name];
      if (entry === undefined) return;
      if (entry.to === null) {
        todo(node, `${shortName(name)} has no Graph type: ${entry.why ?? "(no reason given)"}`);
        return;
      }
      edit(node, quoteLike(node.getText(sf), `${hash ? "#" : ""}${entry.to}`), "odataType");
    };

    /** Calls: counted when they reach the Outlook client; standalone features without a Graph form get a TODO. */
    const call = (node: ts.CallExpression): void => {
      const callee = node.expression;
      const symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
      const resolved = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const found = outlookDecl(resolved);
      if (!found) return;
      const file = normal(found.decl.getSourceFile().fileName);
      const name = resolved!.name;
      // Calls that send a request: a node's verbs (byId and cast only address), a function of the service, an
      // extension or extended-property accessor's verbs, sync, streamNotifications, request. Definitions and the
      // helpers that build query parts or bodies (`read`, `expand`, `set` of a definition) send nothing.
      const holder = found.decl.parent;
      const accessor = holder !== undefined && ts.isInterfaceDeclaration(holder) && holder.name.text.endsWith("Accessor");
      const sends =
        found.place === "nodes" ||
        (found.place === "runtime" &&
          ((/\/node\.(d\.)?ts$/.test(file) && name !== "byId" && name !== "cast") ||
            (/\/extensions\.(d\.)?ts$/.test(file) && accessor) ||
            name === "sync" ||
            name === "streamNotifications" ||
            name === "request"));
      if (!sends) return;
      callStatements.push(statementOf(node));
      if (ts.isIdentifier(callee) && name === "sync") {
        const arg = node.arguments[0];
        const elementType = arg ? collectionElementType(checker.getTypeAtLocation(arg), checker, placeOf) : undefined;
        const delta = elementType ? map.types[elementType]?.delta === true : false;
        todo(
          node,
          delta
            ? `Graph tracks changes with a delta function, not with sync() (Prefer: odata.track-changes on the collection): ${collectionText(arg!)}.delta().pages() follows @odata.nextLink to the @odata.deltaLink, whose $deltatoken resumes`
            : `sync(): ${elementType ? shortName(elementType) : "this collection"} has no delta function in Graph`,
        );
      } else if (ts.isIdentifier(callee) && name === "streamNotifications") {
        todo(node, OUTLOOK_ONLY.streamNotifications!);
      } else if (ts.isIdentifier(callee) && name === "request") {
        todo(node, `request() takes a raw Outlook path: translate it (codegen migrate-request) to Graph's path and names`);
      }
    };

    /** A collection expression as the TODO quotes it (the Outlook text; its names are migrated on the line below). */
    const collectionText = (node: ts.Expression): string => {
      const text = node.getText(sf).replace(/\s+/g, "");
      return text.length <= 80 ? `\`${text}\`` : "the collection";
    };

    ts.forEachChild(sf, visit);
  }

  // ---- Apply ---------------------------------------------------------------------------------------------------
  // A TODO line ends as the file's lines do.
  const newline = sf.text.includes("\r\n") ? "\r\n" : "\n";
  for (const [statement, lines] of todos) {
    const start = todoPosition(statement, sf);
    const indent = /^[ \t]*/.exec(sf.text.slice(sf.text.lastIndexOf("\n", start - 1) + 1, start + 200))?.[0] ?? "";
    const present = existingTodos(statement, sf);
    const fresh = lines.filter((l) => !present.has(`${TODO_PREFIX}${l}`));
    if (fresh.length === 0) continue;
    edits.push({ start, end: start, text: fresh.map((l) => `${TODO_PREFIX}${l}${newline}${indent}`).join(""), kind: "todo" });
  }
  const ordered = dedupe(edits);
  let out = "";
  let at = 0;
  const todoList: CodemodTodo[] = [];
  const kinds: Partial<Record<EditKind, number>> = {};
  for (const e of ordered) {
    out += sf.text.slice(at, e.start);
    if (e.kind === "todo") {
      const line = lineOf(out);
      e.text.split("\n").forEach((l, i) => {
        const t = l.trim();
        if (t.startsWith(TODO_PREFIX)) todoList.push({ file: sf.fileName, line: line + i, text: t.slice(TODO_PREFIX.length) });
      });
      kinds.todo = (kinds.todo ?? 0) + e.text.split(TODO_PREFIX).length - 1;
    } else kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
    out += e.text;
    at = e.end;
  }
  out += sf.text.slice(at);

  const marked = new Set(todos.keys());
  const calls = callStatements.length;
  const callsMigrated = callStatements.filter((s) => !marked.has(s)).length;
  return {
    text: out,
    kinds,
    result: {
      file: sf.fileName,
      changed: out !== sf.text,
      edits: ordered.length,
      calls,
      callsMigrated,
      todos: todoList,
      skipped,
    },
  };
}

// ---- The Outlook client ---------------------------------------------------------------------------------------------

/** The folder of the generated client an import or re-export resolves to (its `<version>/index.ts`), if any. */
function importedDir(decl: ts.ImportDeclaration | ts.ExportDeclaration, checker: ts.TypeChecker): string | undefined {
  if (decl.moduleSpecifier === undefined) return undefined;
  const moduleSymbol = checker.getSymbolAtLocation(decl.moduleSpecifier);
  const index = moduleSymbol?.declarations?.find(ts.isSourceFile);
  return index === undefined ? undefined : normal(index.fileName).replace(/\/[^/]+$/, "");
}

/**
 * The generated Outlook clients of version `from` in the program: each `<from>/index.ts` (or .d.ts) beside a
 * models and a nodes file whose types are the map's. Found in the whole program, so that code reaching the client
 * through a module of its own (`import { client } from "./mail.js"`) is migrated too.
 */
function clientsIn(program: ts.Program, map: MigrationMap, from: OutlookVersion): Client[] {
  const out: Client[] = [];
  for (const sf of program.getSourceFiles()) {
    const file = normal(sf.fileName);
    const m = /^(.*\/)([^/]+)\/index\.(?:d\.)?ts$/.exec(file);
    if (m === null || m[2] !== from) continue;
    const client = clientAt(`${m[1]}${m[2]}`, program, map);
    if (client !== undefined) out.push(client);
  }
  return out;
}

function clientAt(dir: string, program: ts.Program, map: MigrationMap): Client | undefined {
  const models = program.getSourceFile(`${dir}/models.ts`) ?? program.getSourceFile(`${dir}/models.d.ts`);
  const nodes = program.getSourceFile(`${dir}/nodes.ts`) ?? program.getSourceFile(`${dir}/nodes.d.ts`);
  if (models === undefined || nodes === undefined || !models.text.includes(`/** ${map.from.namespace}.`)) return undefined;
  const qualified = new Map<string, string>();
  for (const statement of models.statements) {
    const name =
      ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)
        ? statement.name.text
        : ts.isVariableStatement(statement) && ts.isIdentifier(statement.declarationList.declarations[0]!.name)
          ? statement.declarationList.declarations[0]!.name.text
          : undefined;
    if (name === undefined) continue;
    // Each declaration of a model type carries its qualified name as its doc's first line.
    const doc = /\/\*\*\s*(?:\*\s*)?([A-Za-z_][\w.]*\.[A-Za-z_]\w*)\b/.exec(models.text.slice(statement.pos, statement.getStart(models)))?.[1];
    if (doc !== undefined && Object.hasOwn(map.types, doc)) qualified.set(name, doc);
  }
  // Types whose doc does not lead with the name: named as the generator names them (plan/naming.ts).
  for (const q of Object.keys(map.types)) {
    const name = typeIdentifier(shortName(q));
    if (!qualified.has(name)) qualified.set(name, q);
  }
  return { dir, runtime: dir.replace(/\/[^/]+$/, "/runtime"), qualified };
}

/** The Graph name of an import from the Outlook client, or why it has none; undefined to leave it. */
function importedName(
  imported: string,
  where: { decl: ts.Declaration; place: Place; client: Client } | undefined,
  options: CodemodOptions,
): { name: string } | { why: string } | undefined {
  if (where === undefined) return undefined;
  if (where.place === "runtime" || where.place === "client") {
    if (options.graphExports ? !options.graphExports.has(imported) : Object.hasOwn(OUTLOOK_ONLY, imported)) {
      return { why: OUTLOOK_ONLY[imported] ?? `the Graph client exports no ${imported}` };
    }
    return { name: imported };
  }
  if (imported === "ServiceClient") return { name: imported };
  // A model type or one of its companions (AnyMessage, MessageQuery, MessageNode, MessageCollection, …).
  for (const [before, after] of COMPANIONS) {
    if (!imported.startsWith(before) || !imported.endsWith(after) || imported.length <= before.length + after.length) continue;
    const base = imported.slice(before.length, imported.length - after.length);
    const type = where.client.qualified.get(base);
    if (type === undefined) continue;
    const entry = options.map.types[type];
    if (entry === undefined) continue;
    if (entry.to === null) return { why: `${imported}: ${shortName(type)} has no Graph type: ${entry.why ?? "(no reason given)"}` };
    // The map is what says which model types Graph has; graphExports lists the index's own exports only.
    return { name: `${before}${typeIdentifier(shortName(entry.to))}${after}` };
  }
  return undefined;
}

/** The affixes of a type's companions (plan/naming.ts, COMPANION_AFFIXES), longest first; the bare name last. */
const COMPANIONS: readonly (readonly [string, string])[] = [
  ["", "CollectionMembers"],
  ["", "CollectionCasts"],
  ["", "Collection"],
  ["", "Members"],
  ["", "Casts"],
  ["", "Query"],
  ["", "Node"],
  ["Any", ""],
  ["", ""],
];

// ---- The map --------------------------------------------------------------------------------------------------------

function findMemberCI(map: MigrationMap, type: string, name: string): { owner: string; key: string; member: MemberMap } | undefined {
  const exact = findMember(map, type, name);
  if (exact) return { ...exact, key: name };
  const seen = new Set<string>();
  for (let cur: string | undefined = type; cur !== undefined && !seen.has(cur); cur = map.types[cur]?.base) {
    seen.add(cur);
    const members = map.types[cur]?.members;
    const key = members ? ciKey(members, name) : undefined;
    if (key !== undefined) return { owner: cur, key, member: members![key]! };
  }
  return undefined;
}

/** A bound operation by binding type (its own, then its base types'), matched case-insensitively. */
function findOperation(map: MigrationMap, binding: string, name: string): { key: string; op: OperationMap } | undefined {
  const collection = binding.startsWith("Collection(");
  const seen = new Set<string>();
  for (let cur: string | undefined = collection ? binding.slice(11, -1) : binding; cur !== undefined && !seen.has(cur); cur = map.types[cur]?.base) {
    seen.add(cur);
    const ops = map.operations[collection ? `Collection(${cur})` : cur];
    const key = ops ? ciKey(ops, name) : undefined;
    if (key !== undefined) return { key, op: ops![key]! };
  }
  return undefined;
}

/** `From/EmailAddress/Address` on an Outlook type → the Graph path, segment by segment. */
function translatePath(map: MigrationMap, type: string, path: string): { text: string } | { why: string } {
  const out: string[] = [];
  let cur: string | undefined = type;
  for (const segment of path.split("/")) {
    if (cur === undefined) return { why: `cannot follow "${path}" past ${out.join("/")}` };
    if (segment.startsWith(`${map.from.namespace}.`)) {
      // A type cast segment.
      const entry = map.types[segment];
      if (entry === undefined || entry.to === null) return { why: `${segment} has no Graph type${entry?.why ? `: ${entry.why}` : ""}` };
      out.push(entry.to);
      cur = segment;
      continue;
    }
    const member = findMemberCI(map, cur, segment);
    if (member === undefined) return { why: `the map has no member ${segment} of ${shortName(cur)}` };
    if (member.member.to === null) return { why: `${shortName(member.owner)}.${member.key} has no Graph counterpart: ${member.member.why ?? "(no reason given)"}` };
    out.push(member.member.to);
    cur = map.types[member.member.type] ? member.member.type : undefined;
  }
  return { text: out.join("/") };
}

/** The one place where `$filter` strings are translated: the request translator's (templates/runtime/migrate.ts). */
function translateFilterText(map: MigrationMap, type: string, text: string): { text: string } | { error: string } {
  const translated = translateExpression(map, type, text, "filter");
  if (translated.ok) return { text: translated.text };
  return { error: translated.problems.map((p) => `${p.where}: ${p.reason}`).join("; ") };
}

// ---- Types and declarations -----------------------------------------------------------------------------------------

/** The declarations of property `name` on a (contextual) type, through unions and intersections. */
function propertyDecls(checker: ts.TypeChecker, type: ts.Type, name: string): ts.Declaration[] {
  const out: ts.Declaration[] = [];
  const parts = type.isUnion() ? type.types : [type];
  for (const t of parts) {
    if (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.ESSymbolLike)) continue;
    const p = checker.getPropertyOfType(t, name);
    if (p?.declarations) out.push(...p.declarations);
  }
  return out;
}

function firstOutlookDecl<P>(decls: readonly ts.Declaration[], placeOf: (d: ts.Node) => P | undefined): ({ decl: ts.Declaration } & P) | undefined {
  for (const decl of decls) {
    const where = placeOf(decl);
    if (where) return { decl, ...where };
  }
  return undefined;
}

/** The Outlook type a `QueryOptions<XQuery>` (the contextual type of a query object) queries. */
function queryOwner(
  type: ts.Type,
  checker: ts.TypeChecker,
  placeOf: (d: ts.Node) => { place: Place; client: Client } | undefined,
): { type: string } | undefined {
  const parts = type.isUnion() || type.isIntersection() ? type.types : [type];
  for (const t of parts) {
    if (t.isIntersection()) {
      const inner = queryOwner(t, checker, placeOf);
      if (inner) return inner;
      continue;
    }
    const symbol = t.aliasSymbol ?? t.getSymbol();
    if (symbol?.name !== "QueryOptions" || !symbol.declarations?.some((d) => placeOf(d)?.place === "runtime")) continue;
    const args = t.aliasTypeArguments ?? ((t as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference ? checker.getTypeArguments(t as ts.TypeReference) : []);
    const q = args[0]?.aliasSymbol ?? args[0]?.getSymbol();
    const decl = q?.declarations?.[0];
    const where = decl ? placeOf(decl) : undefined;
    if (!q || where?.place !== "models" || !q.name.endsWith("Query")) continue;
    const owner = where.client.qualified.get(q.name.slice(0, -"Query".length));
    if (owner) return { type: owner };
  }
  return undefined;
}

/** The Outlook entity type of a collection node's members (CollectionNode<T, …>'s byId result), for sync(). */
function collectionElementType(
  type: ts.Type,
  checker: ts.TypeChecker,
  placeOf: (d: ts.Node) => { place: Place; client: Client } | undefined,
): string | undefined {
  const list = checker.getPropertyOfType(type, "list");
  if (list === undefined) return undefined;
  const listType = checker.getTypeOfSymbol(list);
  const signature = listType.getCallSignatures()[0];
  if (signature === undefined) return undefined;
  // Promise<ODataCollection<T>>: the first type argument of each reference down to T.
  let t: ts.Type | undefined = signature.getReturnType();
  for (let i = 0; i < 3 && t !== undefined; i++) {
    t = typeArguments(t, checker)[0];
    const symbol = t?.aliasSymbol ?? t?.getSymbol();
    const decl = symbol?.declarations?.[0];
    const where = decl ? placeOf(decl) : undefined;
    if (symbol && where?.place === "models") {
      const name = symbol.name.startsWith("Any") && !where.client.qualified.has(symbol.name) ? symbol.name.slice(3) : symbol.name;
      return where.client.qualified.get(name);
    }
  }
  return undefined;
}

/** A type's type arguments: an alias's (`ODataEntity<T>`), or a generic reference's (`Promise<T>`). */
function typeArguments(t: ts.Type, checker: ts.TypeChecker): readonly ts.Type[] {
  return t.aliasTypeArguments ?? ((t as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference ? checker.getTypeArguments(t as ts.TypeReference) : []);
}

/** The top-level declaration (interface, type alias, variable) a nested declaration lies in. */
function topDeclaration(decl: ts.Node): (ts.InterfaceDeclaration | ts.TypeAliasDeclaration | (ts.VariableDeclaration & { name: ts.Identifier })) | undefined {
  for (let n: ts.Node | undefined = decl; n !== undefined; n = n.parent) {
    if (ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n)) return n;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) return n as ts.VariableDeclaration & { name: ts.Identifier };
  }
  return undefined;
}

// ---- Text -----------------------------------------------------------------------------------------------------------

/** The statement a TODO goes above: the nearest ancestor that sits in a block, a case clause or the file. */
function statementOf(node: ts.Node): ts.Statement {
  let n: ts.Node = node;
  while (n.parent !== undefined && !(ts.isBlock(n.parent) || ts.isSourceFile(n.parent) || ts.isCaseClause(n.parent) || ts.isDefaultClause(n.parent) || ts.isModuleBlock(n.parent))) n = n.parent;
  return n as ts.Statement;
}

/** Where a statement's TODO goes: at the start of the line of its first leading comment, or of the statement. */
function todoPosition(statement: ts.Statement, sf: ts.SourceFile): number {
  const comments = ts.getLeadingCommentRanges(sf.text, statement.getFullStart()) ?? [];
  // A comment that shares its line with code before it (`foo(); // x`) belongs to that code.
  const own = comments.filter((c) => /^[ \t]*$/.test(sf.text.slice(sf.text.lastIndexOf("\n", c.pos - 1) + 1, c.pos)));
  const first = own[0]?.pos ?? statement.getStart(sf);
  return first;
}

/** The TODO lines among a statement's leading comments (for idempotence: never add one twice). */
function existingTodos(statement: ts.Statement, sf: ts.SourceFile): Set<string> {
  const found = new Set<string>();
  for (const c of ts.getLeadingCommentRanges(sf.text, statement.getFullStart()) ?? []) {
    const text = sf.text.slice(c.pos, c.end).trim();
    if (text.startsWith(TODO_PREFIX)) found.add(text);
  }
  return found;
}

function dedupe(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || (a.kind === "todo" ? -1 : b.kind === "todo" ? 1 : 0) || b.end - a.end);
  const out: TextEdit[] = [];
  let end = -1;
  for (const e of sorted) {
    if (e.kind === "todo") {
      out.push(e);
      continue;
    }
    if (e.start < end) continue;
    out.push(e);
    end = e.end;
  }
  return out;
}

function lineOf(text: string): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** A string literal with the quote character of `original`. */
function quoteLike(original: string, value: string): string {
  const q = original[0];
  if (q === "'") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (q === "`") return `\`${value.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${")}\``;
  return stringLiteral(value);
}

function propertyName(name: ts.PropertyName | ts.Node): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/** The text of a renamed key in the form of the original: `Subject` → `subject`, `"Subject"`, `["Subject"]`. */
function keyLike(original: ts.PropertyName, sf: ts.SourceFile, name: string): string {
  if (ts.isStringLiteral(original)) return quoteLike(original.getText(sf), name);
  if (ts.isComputedPropertyName(original) && ts.isStringLiteralLike(original.expression)) return `[${quoteLike(original.expression.getText(sf), name)}]`;
  return propertyKey(name);
}

function ciKey(record: Readonly<Record<string, unknown>>, name: string): string | undefined {
  if (Object.hasOwn(record, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(record).find((k) => k.toLowerCase() === lower);
}

/** The TypeScript name of a Graph node member (plan/naming.ts: camelCase; a verb's name where it clashes gets `_`). */
function graphMember(wire: string, place: MemberPlace, isFunction: boolean): string {
  const plain = wire.length === 0 ? wire : wire[0]!.toLowerCase() + wire.slice(1);
  return renamedAt(plain, { wire, place, function: isFunction }) ? `${plain}_` : plain;
}

const isIdentifierName = (s: string): boolean => /^[A-Za-z_$][\w$]*$/.test(s);
const shortName = (q: string): string => q.slice(q.lastIndexOf(".") + 1);
const normal = (path: string): string => path.replace(/\\/g, "/");
