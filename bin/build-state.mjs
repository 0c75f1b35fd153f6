// Whether the precompiled CLI in dist/ may run: it must exist and be newer than every file in src/.
// Plain JavaScript (no TypeScript, no dependencies): bin/impact.js asks this before loading anything.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time (ms) of the files under `dir`, or 0. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/**
 * 'fresh' when dist/cli/main.js exists and is newer than every file in src/ (tsc writes every
 * output on each build), 'stale' when it exists but some source is newer, 'missing' otherwise.
 * @param {string} root the project folder
 * @returns {'fresh' | 'stale' | 'missing'}
 */
export function buildState(root) {
  const main = join(root, 'dist', 'cli', 'main.js');
  if (!existsSync(main)) return 'missing';
  const src = join(root, 'src');
  if (!existsSync(src)) return 'fresh';
  return newestMtime(src) > statSync(main).mtimeMs ? 'stale' : 'fresh';
}
