// The programmatic API for plain JavaScript callers: the bundled generator when it is up to date, else the
// TypeScript sources through tsx.
import { load } from "./cli/entry.mjs";

const api = await load("api.mjs", "index.ts");

export const { generate, writeOutput, diffOutput, ForeignFilesError, formatDiagnostic, DEFAULT_PACKAGE_NAME } = api;
