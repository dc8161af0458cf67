/** The primitive and abstract types of the Edm namespace (CSDL v4.01 §4.4). */
export const EDM_PRIMITIVES: ReadonlySet<string> = new Set(
  [
    "Binary", "Boolean", "Byte", "Date", "DateTimeOffset", "Decimal", "Double", "Duration", "Guid",
    "Int16", "Int32", "Int64", "SByte", "Single", "Stream", "String", "TimeOfDay",
    "Geography", "GeographyPoint", "GeographyLineString", "GeographyPolygon", "GeographyMultiPoint",
    "GeographyMultiLineString", "GeographyMultiPolygon", "GeographyCollection",
    "Geometry", "GeometryPoint", "GeometryLineString", "GeometryPolygon", "GeometryMultiPoint",
    "GeometryMultiLineString", "GeometryMultiPolygon", "GeometryCollection",
    "Untyped", "PrimitiveType", "ComplexType", "EntityType", "AnnotationPath", "PropertyPath",
    "NavigationPropertyPath", "AnyPropertyPath", "ModelElementPath",
  ].map((n) => `Edm.${n}`),
);

export const CORE = "Org.OData.Core.V1";
export const CAPABILITIES = "Org.OData.Capabilities.V1";
