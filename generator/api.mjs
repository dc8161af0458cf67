// The programmatic API for plain JavaScript callers: registers tsx, then loads the TypeScript sources.
import { register } from "tsx/esm/api";

register();
const api = await import("./index.ts");

export const { generate, writeOutput, diffOutput, formatDiagnostic, DEFAULT_PACKAGE_NAME } = api;
