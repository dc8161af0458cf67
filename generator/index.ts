/** The programmatic API of codegen. */
export { generate, DEFAULT_PACKAGE_NAME, type GenerateOptions, type GenerateResult } from "./pipeline.js";
export type { ClientDefaults, PackageInfo } from "./pipeline.js";
export { writeOutput, diffOutput, ForeignFilesError, type OutputChanges, type OutputFile } from "./write/write.js";
export { formatDiagnostic, type Diagnostic } from "./diagnostics/diagnostic.js";
export type { MetadataInput } from "./load/load.js";
export type * from "./model/types.js";
