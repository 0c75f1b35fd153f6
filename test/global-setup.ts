/**
 * Before the suites: rebuild dist/ when it is older than src/ (or missing), so the tests that run
 * `node bin/impact.js` exercise the current code, as CI does after `npm ci` (which builds through
 * `prepare`). The in-process tests import src/ directly and need no build.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildState } from '../bin/build-state.mjs';

export default function setup(): void {
  const root = join(import.meta.dirname, '..');
  if (buildState(root) !== 'fresh') {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  }
}
