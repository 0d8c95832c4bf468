/** The compiled server's entry point (dist/), built first when src/ changed since the last build. */
export function serverEntry(entry?: string): Promise<string>;
