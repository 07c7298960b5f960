// Types of bench/gen.mjs for the tests that reuse its generators.
export declare const GENERATED: string;
export declare const SIZES: number[];
export declare const CFN_MAX_BYTES: number;
export type Format = 'yaml' | 'json';
export declare function toYaml(template: unknown): string;
export declare function toJson(template: unknown): string;
/** The template text of n resources, ~510 bytes per resource. */
export declare function generateTemplate(n: number, format: Format): string;
/** 40 (or `depth`) chained conditions, each using the previous one twice, and 40-deep Fn::If values. */
export declare function generateChainedIf(format: Format, depth?: number): string;
/** Writes a repository of `files` files into dir (replacing it). */
export declare function generateRepo(dir: string, files?: number): void;
export interface Generated {
  templates: { n: number; format: Format; file: string }[];
  chained: { format: Format; file: string }[];
  repo: string;
}
export declare function generateAll(out?: string): Generated;
