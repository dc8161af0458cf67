/** The programmatic API of codegen. */
export {
  generate,
  DEFAULT_PACKAGE_NAME,
  type GenerateOptions,
  type GenerateResult,
  type OutputMode,
  type PackageInfo,
  type ClientDefaults,
} from "./pipeline.js";
export { ForeignFilesError, OutputFolderError, type OutputChanges, type OutputFile, type OutputFolderCode } from "./write/write.js";
export { writeOutput, diffOutput, checkOutputFolder, InvalidArgumentError } from "./api-check.js";
export { formatDiagnostic, type Diagnostic } from "./diagnostics/diagnostic.js";
export type { MetadataInput } from "./load/load.js";
export {
  defineConfig,
  type CodegenConfig,
  type OutputConfig,
  type OutputOptionsConfig,
  type MetadataConfig,
  type MetadataSourceConfig,
  type PackageConfig,
  type ClientConfig,
  type ExtendedPropertyConfig,
  type ExtensionConfig,
  type ExtensionFieldType,
} from "./cli/config-types.js";
export type * from "./model/types.js";
export { loadModels } from "./pipeline.js";
export { buildMigrationMap, mapElements, migrationCoverage, type MigrationMapOptions, type MigrationCoverage } from "./diff/migration-map.js";
export type { MigrationMap, TypeMap, MemberMap, OperationMap, ParameterMap, RootMap } from "../templates/runtime/migration-map.js";
export { compareModels, diffModels, summarize, type ModelMatches, type NameMatch, type ModelChange, type ChangeKind, type ElementKind, type MatchRule, type RenameTable, type DiffOptions, type DiffSummary } from "./diff/model-diff.js";
export { jsonReport, markdownReport, type DiffSide } from "./diff/report.js";
export {
  translateRequest,
  translateResponse,
  translateExpression,
  type LegacyRequest,
  type RequestTranslation,
  type ExpressionTranslation,
  type ExpressionKind,
  type TranslationProblem,
  type TranslateOptions,
} from "../templates/runtime/migrate.js";
