/**
 * Type-checks generated files in memory with ts-morph (which carries its own
 * TypeScript), under the strict settings the generated package promises.
 */
import { Project, ts } from "ts-morph";

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
