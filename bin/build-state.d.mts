/** 'fresh' when dist/cli/main.js exists and is newer than every file in src/; see build-state.mjs. */
export function buildState(root: string): 'fresh' | 'stale' | 'missing';
