// The worker's entry: loads worker.ts through tsx (a worker thread does not inherit the parent's loader).
import { tsImport } from "tsx/esm/api";

await tsImport("./worker.ts", import.meta.url);
