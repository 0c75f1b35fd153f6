#!/usr/bin/env node
// The published entry point. Runs the precompiled CLI in dist/ (tsc output, built by `npm run build`,
// which `npm ci` runs through `prepare`), so no TypeScript is transpiled per call. When dist/ is
// missing, or older than a file in src/ (a stale build must never run silently), it runs the
// TypeScript sources through tsx instead, and says so on stderr when the build is stale.
// IMPACT_FROM_SOURCE=1 forces the sources.
import { fileURLToPath } from 'node:url';
import { buildState } from './build-state.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const state = process.env.IMPACT_FROM_SOURCE === '1' ? 'forced' : buildState(root);
let main;
if (state === 'fresh') {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  if (state === 'stale') process.stderr.write('impact: dist/ is older than src/ (run npm run build); running the TypeScript sources instead (slower start)\n');
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
