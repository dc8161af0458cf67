/**
 * Type-level test: the hand-written config interfaces (what defineConfig takes, as the .d.ts shows them) are the
 * very types the zod schema accepts. Checked by `npm run typecheck` and by config.test.ts (TypeScript's API over
 * this file). A field added to one and not the other breaks the build.
 */
import type { z } from "zod";
import type { CodegenConfig, OutputConfig, MetadataSourceConfig } from "../../generator/cli/config.js";
import type { configSchema } from "../../generator/cli/config-schema.js";

/** True only when A and B are the same type (not merely assignable: optional keys count). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Assignable both ways. */
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type Input = z.input<typeof configSchema>;
type Outputs = NonNullable<Input["outputs"]>[number];
type Source = Exclude<NonNullable<Input["metadata"]>[number], string>;

export const configMatches: [Equals<CodegenConfig, Input>, Mutual<CodegenConfig, Input>] = [true, true];
export const outputMatches: [Equals<OutputConfig, Outputs>, Mutual<OutputConfig, Outputs>] = [true, true];
export const sourceMatches: [Equals<MetadataSourceConfig, Source>, Mutual<MetadataSourceConfig, Source>] = [true, true];
