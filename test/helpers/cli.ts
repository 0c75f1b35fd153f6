/** Running the CLI in-process with captured output, and the shape every bad-input error must have. */
import { expect } from 'vitest';
import { main } from '../../src/cli/main.ts';

/** Runs `impact ...argv` in-process; returns the exit code and what was printed. */
export async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

/** Bad input: exit 1, exactly one stderr line 'impact: ...' matching `pattern`, no stack trace. */
export function expectOneLineError(r: { code: number; err: string }, pattern: RegExp): void {
  expect(r.code).toBe(1);
  const lines = r.err.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^impact: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.err).not.toMatch(/\n\s+at /);
}
