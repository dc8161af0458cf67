/**
 * The intermediate model: what a CSDL document says, resolved and checked.
 *
 * Plain readonly data, discriminated by `kind`. Every type reference is a fully
 * qualified name (aliases are resolved); nothing here is a TypeScript name. The
 * `origin` of a node says where it was declared, for diagnostics only: two
 * documents stating the same facts in different layouts give models that are
 * equal once `origin` is ignored.
 */

/** Where a node was declared: file, 1-based line and column, and its CSDL path. */
export interface Origin {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** e.g. `Schema[Microsoft.OutlookServices]/EntityType[Message]/Property[Subject]` */
  readonly path: string;
}

export interface Documentation {
  /** Org.OData.Core.V1.Description */
  readonly description?: string;
  /** Org.OData.Core.V1.LongDescription */
  readonly longDescription?: string;
}

/**
 * What a collection or entity allows, from the Org.OData.Capabilities.V1 terms.
 * `undefined` means the metadata does not say (the default is "allowed").
 */
export interface Capabilities {
  readonly insertable?: boolean;
  readonly updatable?: boolean;
  readonly deletable?: boolean;
  readonly readable?: boolean;
  readonly changeTracking?: boolean;
  readonly searchable?: boolean;
  readonly expandable?: boolean;
  readonly filterable?: boolean;
  readonly sortable?: boolean;
  readonly countable?: boolean;
  readonly topSupported?: boolean;
  readonly skipSupported?: boolean;
}

/** An annotation value, kept generically for terms the generator does not interpret. */
export type AnnotationValue =
  | { readonly kind: "constant"; readonly type: string; readonly value: string }
  | { readonly kind: "path"; readonly type: string; readonly value: string }
  | { readonly kind: "record"; readonly type?: string; readonly properties: readonly AnnotationProperty[] }
  | { readonly kind: "collection"; readonly items: readonly AnnotationValue[] }
  | { readonly kind: "empty" };

export interface AnnotationProperty {
  readonly name: string;
  readonly value: AnnotationValue;
}

export interface Annotation {
  readonly kind: "annotation";
  /** Qualified term name, aliases resolved, e.g. `Org.OData.Core.V1.Description`. */
  readonly term: string;
  readonly qualifier?: string;
  readonly value: AnnotationValue;
}

/** What every annotatable node carries. */
export interface Annotated {
  readonly annotations: readonly Annotation[];
  readonly docs: Documentation;
  readonly origin: Origin;
}

/** A reference to a type: `Edm.String`, `Microsoft.OutlookServices.Message`, … */
export interface TypeRef {
  readonly kind: "typeRef";
  /** Fully qualified name of the element type. */
  readonly name: string;
  readonly collection: boolean;
}

export interface Facets {
  readonly maxLength?: string;
  readonly precision?: number;
  readonly scale?: string;
  readonly srid?: string;
  readonly unicode?: boolean;
}

export interface Property extends Annotated {
  readonly kind: "property";
  readonly name: string;
  readonly type: TypeRef;
  readonly nullable: boolean;
  readonly facets: Facets;
  readonly defaultValue?: string;
}

export interface NavigationProperty extends Annotated {
  readonly kind: "navigationProperty";
  readonly name: string;
  readonly type: TypeRef;
  readonly nullable: boolean;
  readonly containsTarget: boolean;
  readonly partner?: string;
  readonly capabilities: Capabilities;
}

interface StructuredTypeBase extends Annotated {
  readonly name: string;
  readonly namespace: string;
  readonly qualifiedName: string;
  readonly baseType?: string;
  readonly abstract: boolean;
  readonly openType: boolean;
  readonly properties: readonly Property[];
  readonly navigationProperties: readonly NavigationProperty[];
}

export interface EntityType extends StructuredTypeBase {
  readonly kind: "entityType";
  /** Key property names (paths for keys on complex members), as declared; empty when inherited. */
  readonly key: readonly string[];
  /**
   * The aliases of key parts (CSDL 4.01 `<PropertyRef Name="Address/City" Alias="City"/>`), when any has one: the
   * key predicate of a URL names such a part by its alias (`Set(City='x')`).
   */
  readonly keyAliases?: readonly KeyAlias[];
  readonly hasStream: boolean;
}

export interface KeyAlias {
  /** The `Name` of the PropertyRef: a path through complex properties. */
  readonly path: string;
  readonly alias: string;
}

export interface ComplexType extends StructuredTypeBase {
  readonly kind: "complexType";
}

export interface EnumMember extends Annotated {
  readonly kind: "enumMember";
  readonly name: string;
  /** The member's value as a decimal string (Int64 values do not fit a number). */
  readonly value: string;
}

export interface EnumType extends Annotated {
  readonly kind: "enumType";
  readonly name: string;
  readonly namespace: string;
  readonly qualifiedName: string;
  readonly isFlags: boolean;
  readonly underlyingType: string;
  readonly members: readonly EnumMember[];
}

export interface TypeDefinition extends Annotated {
  readonly kind: "typeDefinition";
  readonly name: string;
  readonly namespace: string;
  readonly qualifiedName: string;
  readonly underlyingType: string;
  readonly facets: Facets;
}

export interface Parameter extends Annotated {
  readonly kind: "parameter";
  readonly name: string;
  readonly type: TypeRef;
  readonly nullable: boolean;
  readonly facets: Facets;
  /** Org.OData.Core.V1.OptionalParameter */
  readonly optional: boolean;
}

export interface ReturnType {
  readonly type: TypeRef;
  readonly nullable: boolean;
}

export interface Operation extends Annotated {
  readonly kind: "action" | "function";
  readonly name: string;
  readonly namespace: string;
  readonly qualifiedName: string;
  readonly isBound: boolean;
  /** The first parameter of a bound operation, whatever its name. */
  readonly bindingParameter?: Parameter;
  /** The parameters after the binding parameter. */
  readonly parameters: readonly Parameter[];
  readonly returnType?: ReturnType;
  readonly isComposable: boolean;
  readonly entitySetPath?: string;
}

export interface Term extends Annotated {
  readonly kind: "term";
  readonly name: string;
  readonly namespace: string;
  readonly qualifiedName: string;
  readonly type: TypeRef;
  readonly nullable: boolean;
  readonly baseTerm?: string;
  readonly appliesTo: readonly string[];
  readonly defaultValue?: string;
}

export interface NavigationPropertyBinding {
  /** e.g. `Messages`, or a path `microsoft.graph.user/manager` */
  readonly path: string;
  /** e.g. `Users`, or a path `Container/Set/Nav` as declared (aliases resolved) */
  readonly target: string;
}

export interface EntitySet extends Annotated {
  readonly kind: "entitySet";
  readonly name: string;
  readonly entityType: string;
  readonly includeInServiceDocument: boolean;
  readonly navigationBindings: readonly NavigationPropertyBinding[];
  readonly capabilities: Capabilities;
}

export interface Singleton extends Annotated {
  readonly kind: "singleton";
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
  readonly navigationBindings: readonly NavigationPropertyBinding[];
  readonly capabilities: Capabilities;
}

export interface OperationImport extends Annotated {
  readonly kind: "actionImport" | "functionImport";
  readonly name: string;
  /** Qualified name of the action or function (all overloads of it). */
  readonly operation: string;
  readonly entitySet?: string;
  readonly includeInServiceDocument: boolean;
}

export interface EntityContainer extends Annotated {
  readonly kind: "entityContainer";
  readonly name: string;
  readonly namespace: string;
  readonly qualifiedName: string;
  readonly entitySets: readonly EntitySet[];
  readonly singletons: readonly Singleton[];
  readonly operationImports: readonly OperationImport[];
}

export type SchemaType = EntityType | ComplexType | EnumType | TypeDefinition;

export interface Schema extends Annotated {
  readonly kind: "schema";
  readonly namespace: string;
  readonly alias?: string;
  readonly entityTypes: readonly EntityType[];
  readonly complexTypes: readonly ComplexType[];
  readonly enumTypes: readonly EnumType[];
  readonly typeDefinitions: readonly TypeDefinition[];
  /** Actions and functions in declaration order; overloads share a name. */
  readonly operations: readonly Operation[];
  readonly terms: readonly Term[];
  readonly container?: EntityContainer;
}

export interface ReferenceInclude {
  readonly namespace: string;
  readonly alias?: string;
}

export interface Reference {
  readonly kind: "reference";
  readonly uri: string;
  readonly includes: readonly ReferenceInclude[];
}

/** One service: everything its `$metadata` document states. */
export interface ServiceModel {
  readonly kind: "serviceModel";
  readonly version: string;
  readonly references: readonly Reference[];
  readonly schemas: readonly Schema[];
}
