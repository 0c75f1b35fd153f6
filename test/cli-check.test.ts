/**
 * `impact check` end to end: argument handling on any machine, and the "done when"
 * commands on the bundled snapshot (skipped when data/ is absent).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, expectOneLineError } from './helpers/cli.ts';
import { joinSignedValues } from '../src/cli/args.ts';

const SIGNED = new Set(['--move', '--lookback', '--tolerance']);
import { commands } from '../src/cli/commands/index.ts';

const ROOT = join(import.meta.dirname, '..');
const haveSnapshot = existsSync(join(ROOT, 'data/manifest.json'));
const SEED = join(ROOT, 'test/fixtures/claims/seed.json');



describe('impact check: arguments', () => {
  it('is registered and has help', async () => {
    expect(commands.some((c) => c.name === 'check')).toBe(true);
    const r = await run('check', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: impact check <symbol> --move \+20% --reported YYYY-MM-DD/);
    expect(r.out).toContain('--claims FILE');
    expect(r.out).toMatch(/--strict +exit 3 when the verdict is not-found, contradicted or inconsistent/);
    expect(r.out).toMatch(/Exit codes: .*\n.*3 with --strict/);
  });

  it('keeps a negative move as the option value', () => {
    expect(joinSignedValues(['NVDA', '--move', '-17%', '--json'], SIGNED)).toEqual(['NVDA', '--move=-17%', '--json']);
    expect(joinSignedValues(['--move', '\u221217%'], SIGNED)).toEqual(['--move=\u221217%']);
    expect(joinSignedValues(['--market', '-x'], SIGNED)).toEqual(['--market', '-x']);
  });

  it('refuses missing or contradictory arguments in one line', async () => {
    expectOneLineError(await run('check'), /missing <symbol>/);
    expectOneLineError(await run('check', 'NVDA', '--reported', '2025-01-27'), /missing --move/);
    expectOneLineError(await run('check', 'NVDA', '--move', '20%'), /missing --reported/);
    expectOneLineError(await run('check', 'NVDA', '--move', '20%', '--reported', '2025-02-30'), /--reported '2025-02-30'/);
    expectOneLineError(await run('check', 'NVDA', '--claims', SEED), /--claims takes the claims from the file; drop NVDA/);
    expectOneLineError(await run('check', '--claims', 'no/such.json'), /claims file no\/such\.json does not exist/);
    expectOneLineError(await run('check', 'NVDA', '--move', '20%', '--reported', '2025-01-27', '--tolerance', 'x'), /--tolerance/);
    expectOneLineError(await run('check', 'NVDA', '--move', '20%', '--reported', '2025-01-27', '--bogus'), /bogus/);
  });
});

describe.skipIf(!haveSnapshot)('impact check on the snapshot (issue 5 "done when")', () => {
  it('688256.SS +20% reported 2025-08-13 with a 355e9 cap: confirmed on 2025-08-12, cap within a few percent', async () => {
    const r = await run('check', '688256.SS', '--move', '+20%', '--reported', '2025-08-13', '--market-cap', '355e9', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    expect(c.verdict).toBe('confirmed');
    expect(c.matchedDate).toBe('2025-08-12');
    const day = c.evidence.find((d: { date: string }) => d.date === '2025-08-12');
    expect(day.close).toBe(848.88);
    expect(day.prevClose).toBe(707.4);
    expect(day.closeReturn).toBeCloseTo(848.88 / 707.4 - 1, 10);
    expect(day.limitUp).toBe(true);
    expect(day.limit).toBe(0.2);
    expect(c.benchmark.symbol).toBe('000688.SS');
    expect(day.abnormal.M).toBeGreaterThanOrEqual(120);
    // 848.88 × 418,350,224 shares = 355.13 bn yuan (independently known share count).
    expect(c.marketCap.status).toBe('consistent');
    expect(c.marketCap.computed.value).toBeCloseTo(848.88 * 418350224, 0);
    expect(Math.abs(c.marketCap.comparisons[0].difference)).toBeLessThan(0.01);
    expect(c.explanation).toMatch(/^Cambricon \(688256\.SS\) closed up 20\.00% on 2025-08-12, a limit-up day, the day before the report/);
  });

  it('NVDA -17% reported 2025-01-27: confirmed (118.42 vs 142.62, -16.97%)', async () => {
    const r = await run('check', 'NVDA', '--move', '-17%', '--reported', '2025-01-27', '--json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    expect(c.verdict).toBe('confirmed');
    expect(c.matchedDate).toBe('2025-01-27');
    expect(c.matchedMove * 100).toBeCloseTo(118.42 / 142.62 * 100 - 100, 1);
    const day = c.evidence.find((d: { date: string }) => d.date === '2025-01-27');
    expect(day.close).toBeCloseTo(118.42, 2);
    expect(day.prevClose).toBeCloseTo(142.62, 2);
    expect(c.benchmark.symbol).toBe('SPY');
    expect(day.abnormal.ar).toBeLessThan(-0.1);
    expect(day.abnormal.p).toBeLessThan(0.001);
  });

  it('NVDA +20% reported 2025-01-27: not-found, with the closest day', async () => {
    const r = await run('check', 'NVDA', '--move', '+20%', '--reported', '2025-01-27', '--json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    expect(c.verdict).toBe('not-found');
    expect(c.matchRule).toBe('closest');
    expect(c.matchedMove).toBeLessThan(0.15);
    expect(c.explanation).toMatch(/^No close-to-close move of \+20\.00% in NVIDIA \(NVDA\)/);
  });

  it('prints a readable table without --json', async () => {
    const r = await run('check', 'cambricon', '--move', '0.2', '--reported', '2025-08-13', '--market-cap', '355 billion yuan', '--market-cap', '$49.7bn');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^CONFIRMED {2}688256\.SS/);
    expect(r.out).toMatch(/\* {2}2025-08-12 .* UP /);
    expect(r.out).toMatch(/USD\/CNY [\d.]+ of 2025-08-\d\d/);
    expect(r.out).not.toMatch(/NaN|undefined/);
  });

  it('checks a claims file, names the bad entries and exits 1', async () => {
    const r = await run('check', '--claims', SEED, '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(doc.results.map((e: { result: { verdict: string } | null }) => e.result?.verdict ?? null)).toEqual(['confirmed', 'confirmed', 'not-found', null, null]);
    const errLines = r.err.trimEnd().split('\n');
    expect(errLines).toHaveLength(2);
    expect(errLines[0]).toMatch(/^impact: claims\[3\] \(id 'bare-number'\): move '20' is ambiguous/);
    expect(errLines[1]).toMatch(/^impact: claims\[4\] \(id 'unknown-subject'\): unknown symbol 'nvidai'; did you mean NVDA\?/);
    const usd = doc.results[0].result.marketCap.comparisons.find((x: { claimed: { currency: string } }) => x.claimed.currency === 'USD');
    expect(usd.fx.rate).toBeGreaterThan(6.5);
    expect(Math.abs(usd.difference)).toBeLessThan(0.03);
  });

  it('the issue 11 case: +25% on a ±20% board with a value 29% off is contradicted, and --strict exits 3', async () => {
    const args = ['check', '688256.SS', '--move', '+25%', '--reported', '2025-08-13', '--market-cap', '500e9'];
    const r = await run(...args, '--json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    expect(c.verdict).toBe('contradicted');
    expect(c.moveVerdict).toBe('contradicted');
    expect(c.priceLimitBound.limit).toBe(0.2);
    expect(c.marketCap.status).toBe('inconsistent');
    expect(c.marketCap.comparisons[0].difference).toBeCloseTo(-0.29, 2);
    const text = await run(...args);
    expect(text.out).not.toMatch(/^(CONFIRMED|APPROXIMATE)/);
    expect(text.out).toMatch(/^CONTRADICTED {2}688256\.SS/);
    expect(text.out).toContain('move: contradicted (beyond the ±20% daily price limit); market cap: inconsistent; verdict: contradicted');
    expect((await run(...args, '--strict')).code).toBe(3);
    // A right move with a wrong value: inconsistent, also exit 3 under --strict.
    const value = await run('check', '688256.SS', '--move', '+20%', '--reported', '2025-08-13', '--market-cap', '500e9', '--strict', '--json');
    expect(value.code).toBe(3);
    expect(JSON.parse(value.out)).toMatchObject({ verdict: 'inconsistent', moveVerdict: 'confirmed' });
    // A confirmed claim exits 0 under --strict; not-found exits 3.
    expect((await run('check', '688256.SS', '--move', '+20%', '--reported', '2025-08-13', '--market-cap', '355e9', '--strict')).code).toBe(0);
    expect((await run('check', 'NVDA', '--move', '+20%', '--reported', '2025-01-27', '--strict')).code).toBe(3);
  });

  it('--strict on a claims file: exit 1 for a bad entry outranks exit 3', async () => {
    expect((await run('check', '--claims', SEED, '--strict', '--json')).code).toBe(1);
  });

  it('refuses a date the data does not reach', async () => {
    expectOneLineError(await run('check', 'NVDA', '--move', '-17%', '--reported', '2019-01-28'), /no trading data for NVDA around 2019-01-28: the data covers/);
  });
});
