/**
 * Start-up: `impact --help`, a command's --help and argument errors must not load the engine,
 * danfo or vega. Checked on the static import graph of the CLI entry (dynamic `import()` inside a
 * command's run() is how heavy stages are loaded on use), so the test is exact and fast.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, expectOneLineError } from './helpers/cli.ts';

const ROOT = join(import.meta.dirname, '..');

/** Static (non-type) import specifiers of a TypeScript source. */
function staticImports(source: string): string[] {
  const out: string[] = [];
  const re = /^\s*(import|export)\s+(?!type\b)([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(re)) {
    // `import { type A, type B } from` imports nothing at run time.
    const clause = m[2] ?? '';
    const braces = /\{([^}]*)\}/.exec(clause);
    if (braces && !/^\s*[A-Za-z_$*]/.test(clause.replace(/\{[^}]*\}/, '').replace(/from\s+$/, '').trim() || '')) {
      const names = braces[1].split(',').map((s) => s.trim()).filter(Boolean);
      if (names.length > 0 && names.every((n) => n.startsWith('type '))) continue;
    }
    out.push(m[3]);
  }
  return out;
}

/** Every module reachable from `entry` through static imports: project files and bare packages. */
function staticClosure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [resolve(entry)];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (existsSync(target)) todo.push(target);
      } else if (!spec.startsWith('node:')) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
      }
    }
  }
  return { files, packages };
}

describe('cli start-up', () => {
  it('help and argument errors reach no engine, report, chart, danfo or vega module', () => {
    const { files, packages } = staticClosure(join(ROOT, 'src/cli/main.ts'));
    const rel = [...files].map((f) => relative(ROOT, f));
    const heavy = rel.filter((f) =>
      /^src\/(study\/run|study\/aggregate|stats\/|models\/(?!types\.ts)|report\/(?!provenance\.ts)|charts\/|claims\/check)/.test(f),
    );
    expect(heavy).toEqual([]);
    for (const p of ['danfojs-node', 'vega', 'vega-lite', '@resvg/resvg-js', 'yahoo-finance2', 'simple-statistics']) expect(packages.has(p)).toBe(false);
    // The closure really is the CLI: it includes every command module.
    expect(rel).toContain('src/cli/commands/event.ts');
  });

  it('an unknown option names the closest known one; a repeated option is refused', async () => {
    expectOneLineError(await run('event', 'NVDA', '--markt', 'SPY', '--date', '2025-01-27'), /unknown option '--markt'; did you mean --market\?/);
    expectOneLineError(await run('event', 'NVDA', '--market', 'SPY', '--market', 'QQQ', '--date', '2025-01-27'), /--market is given twice/);
    expectOneLineError(await run('event', 'NVDA', '--date', '2025-01-27', '--date=2025-01-28', '--market', 'SPY'), /--date is given twice/);
  });
});
