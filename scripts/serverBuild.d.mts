/** The folder holding package.json. */
export declare const projectRoot: string;
/** Where the compiled server and CLI live (dist/node). */
export declare const serverDir: string;
/** Builds dist/node when it is missing or out of date; resolves to whether it built. */
export declare function ensureServerBuilt(options?: { root?: string; quiet?: boolean }): Promise<boolean>;
