// Types of scripts/build.mjs for the TypeScript that imports it (tests, the benchmark runner).
export declare const root: string;
/** Node's flags for the serving process; package.json's `start` passes the same (a test compares). */
export declare const serveNodeArgs: string[];
/** Builds `entry` into `outfile` (both relative to the repository) and answers the bundle's absolute path. */
export declare function build(entry?: string, outfile?: string): Promise<string>;
