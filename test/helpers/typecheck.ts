/**
 * Type-checks generated files in memory with ts-morph (which carries its own
 * TypeScript), under the strict settings the generated package promises.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { Project, ts } from "ts-morph";
import { REPO } from "./paths.js";

export function typecheckInMemory(files: readonly { readonly path: string; readonly text: string }[]): string[] {
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
      types: [],
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noImplicitOverride: true,
      verbatimModuleSyntax: true,
      noEmit: true,
    },
  });
  project.createSourceFile("/pkg/package.json", '{ "type": "module" }');
  for (const f of files) if (f.path.endsWith(".ts")) project.createSourceFile(`/pkg/${f.path}`, f.text);
  return project.getPreEmitDiagnostics().map((d) => {
    const file = d.getSourceFile()?.getFilePath() ?? "?";
    const message = ts.flattenDiagnosticMessageText(d.getMessageText() as string | ts.DiagnosticMessageChain, "\n");
    return `${file}:${d.getLineNumber() ?? 0}: ${message}`;
  });
}

/**
 * Runs a TypeScript compiler installed in the repository (`typescript` = 5.9, `typescript7` = 7) on a project's
 * tsconfig.json: "" when it reports nothing, else the first 4,000 characters of what it printed.
 */
export function tscProject(compiler: "typescript" | "typescript7", dir: string): string {
  try {
    execFileSync(process.execPath, [join(REPO, "node_modules", compiler, "bin", "tsc"), "-p", join(dir, "tsconfig.json"), "--pretty", "false"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
    return "";
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    return `${String(err.stdout ?? "")}${String(err.stderr ?? "")}`.slice(0, 4000) || "tsc failed";
  }
}
