/**
 * Every A-share board gets its price limits wherever limits are shown or used (impact prices, the
 * claim checker, the event engine), decided by the code (aShareBoard), not by the exchange code:
 * a Beijing stock (.BJ, ±30%) is flagged like Shanghai and Shenzhen ones. Listing sessions are
 * recognised from a known listing date only: the bundled STAR stocks carry theirs (with the
 * listing announcement as the source) and `impact import --listing-date` records a user's.
 *
 * The series below are inline test samples (made-up prices on real exchange sessions), never data.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolders } from './helpers/tmp.ts';
import { buildCalendar } from '../src/calendar/calendar.ts';
import { checkClaim } from '../src/claims/check.ts';
import { openDataStore } from '../src/data/store.ts';
import { limitPrice, priceLimitFlags } from '../src/returns/price-limits.ts';
import { runEventStudy } from '../src/study/run.ts';
import { run } from './helpers/cli.ts';

const folder = tempFolders('mi-boards-');

/**
 * A made-up daily close series on the first `n` Shanghai sessions from `from`: small alternating
 * moves in whole cents, and on `jump` (a session index) the close `jumpClose(prev)`.
 */
function sample(from: string, n: number, jump: number, jumpClose: (prev: number) => number): { date: string; close: number }[] {
  const days = buildCalendar('XSHG').days.filter((d) => d >= from).slice(0, n);
  const out: { date: string; close: number }[] = [];
  let close = 10;
  days.forEach((date, i) => {
    if (i > 0) close = i === jump ? jumpClose(close) : Math.round(close * (i % 2 === 0 ? 1.01 : 0.992) * 100) / 100;
    out.push({ date, close });
  });
  return out;
}

function importSample(symbol: string, exchange: string, rows: { date: string; close: number }[], extra: string[] = []): Promise<{ code: number; out: string; err: string }> & { dir: string } {
  const dir = folder();
  const file = join(dir, `${symbol}.csv`);
  writeFileSync(file, `Date,Close\n${rows.map((r) => `${r.date},${r.close.toFixed(2)}`).join('\n')}\n`);
  const p = run('import', file, '--symbol', symbol, '--exchange', exchange, '--currency', 'CNY', '--time-zone', 'Asia/Shanghai', '--data-dir', join(dir, 'data'), ...extra) as ReturnType<typeof importSample>;
  p.dir = join(dir, 'data');
  return p;
}

describe('Beijing (.BJ, ±30%): flagged like the other A-share boards', () => {
  const rows = sample('2025-03-03', 40, 30, (prev) => limitPrice(prev, 0.3, 'up'));
  const limitDay = rows[30].date;
  const imported = importSample('830799.BJ', 'BJSE', rows);

  it('impact prices shows the limit column and flags the +30% close', async () => {
    expect((await imported).code).toBe(0);
    const r = await run('prices', '830799.BJ', '--from', rows[28].date, '--to', rows[31].date, '--data-dir', imported.dir, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out).rows as { date: string; limitUp?: boolean; returnPct: number }[];
    expect(out.map((x) => [x.date, x.limitUp])).toEqual([
      [rows[28].date, false],
      [rows[29].date, false],
      [limitDay, true],
      [rows[31].date, false],
    ]);
    expect(out[2].returnPct).toBeCloseTo(30, 1);
    const text = await run('prices', '830799.BJ', '--from', rows[28].date, '--to', rows[31].date, '--data-dir', imported.dir);
    expect(text.out).toMatch(new RegExp(`${limitDay} .* UP\\n`));
  });

  it('the claim checker: +30% is confirmed at the limit, +35% is contradicted by the ±30% limit', async () => {
    await imported;
    const ok = await checkClaim({ subject: '830799.BJ', reportedOn: limitDay, move: '+30%', lookback: 0 }, undefined, { dataDir: imported.dir });
    expect(ok.evidence[0].limitUp).toBe(true);
    expect(ok.evidence[0].limit).toBe(0.3);
    expect(ok.moveVerdict).toBe('confirmed');
    expect(ok.notes.some((n) => n.startsWith(`${limitDay} closed limit-up (±30% rule)`))).toBe(true);
    const impossible = await checkClaim({ subject: '830799.BJ', reportedOn: limitDay, move: '+35%', lookback: 0 }, undefined, { dataDir: imported.dir });
    expect(impossible.moveVerdict).toBe('contradicted');
  });

  it('the event engine flags the limit-up day in the AR rows', async () => {
    await imported;
    const r = await runEventStudy({
      events: [{ symbol: '830799.BJ', date: limitDay }],
      model: 'mean-adjusted',
      estimationWindow: [-25, -6],
      eventWindow: [-2, 2],
      carWindows: [[0, 0]],
      minEstimationReturns: 10,
      dataDir: imported.dir,
      bootstrap: false,
    });
    expect(r.skipped).toEqual([]);
    const e = r.events[0];
    expect(e.ar.filter((d) => d.limitUp).map((d) => d.date)).toEqual([limitDay]);
    expect(e.flags.limitUpDays).toEqual([limitDay]);
  });
});

describe('listing dates', () => {
  it('the bundled STAR stocks carry their listing date and its source; the first sessions have no limit', () => {
    const store = openDataStore({ dataDir: null });
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'data', 'manifest.json'), 'utf8'));
    for (const [symbol, date, host] of [
      ['688256.SS', '2020-07-20', 'paper.cnstock.com'],
      ['688041.SS', '2022-08-12', 'epaper.zqrb.cn'],
      ['688981.SS', '2020-07-16', 'epaper.zqrb.cn'],
    ]) {
      expect(store.resolveSymbol(symbol).listingDate).toBe(date);
      expect(manifest.symbols[symbol].listingSource).toContain(host);
      const series = store.loadSeries(symbol);
      expect(series.rows[0].date).toBe(date); // the bundled series start on the listing day
      const flags = priceLimitFlags(series);
      // Sessions 2-5 (flags start with session 2): no limit; session 6: the STAR ±20%.
      expect(flags.slice(0, 4).map((f) => f.limit)).toEqual([null, null, null, null]);
      expect(flags[4].limit).toBe(0.2);
    }
    expect(store.resolveSymbol('600519.SS').listingDate).toBeUndefined(); // no source found: none given
  });

  it('Cambricon 2020-07-21 (+29%, its second session) is not an impossible move', async () => {
    const c = await checkClaim({ subject: '688256.SS', reportedOn: '2020-07-21', move: '+29%', lookback: 0 });
    expect(c.evidence[0].limit).toBeNull();
    expect(c.moveVerdict).toBe('confirmed');
  });

  it('impact import --listing-date: recorded in the manifest, used for the listing sessions', async () => {
    // A STAR code whose third session closes +25%: impossible under ±20%, allowed in the first five.
    const rows = sample('2025-03-03', 12, 2, (prev) => Math.round(prev * 125) / 100);
    const without = importSample('688999.SS', 'XSHG', rows);
    expect((await without).code).toBe(0);
    const a = await checkClaim({ subject: '688999.SS', reportedOn: rows[2].date, move: '+25%', lookback: 0 }, undefined, { dataDir: without.dir });
    expect(a.evidence[0].limit).toBe(0.2); // the first row is never taken to be the listing day

    const withDate = importSample('688999.SS', 'XSHG', rows, ['--listing-date', rows[0].date]);
    const r = await withDate;
    expect(r.code).toBe(0);
    expect(r.out).toContain(`  listed   ${rows[0].date} (given on import (impact import --listing-date))`);
    const entry = JSON.parse(readFileSync(join(withDate.dir, 'manifest.json'), 'utf8')).symbols['688999.SS'];
    expect([entry.listingDate, entry.listingSource]).toEqual([rows[0].date, 'given on import (impact import --listing-date)']);
    const b = await checkClaim({ subject: '688999.SS', reportedOn: rows[2].date, move: '+25%', lookback: 0 }, undefined, { dataDir: withDate.dir });
    expect(b.security.listingDate).toBe(rows[0].date);
    expect(b.evidence[0].limit).toBeNull(); // session 3 after listing: no limit on STAR
    expect(b.moveVerdict).toBe('confirmed');
    // A claim beyond what any session allows stays contradicted only where a limit was in force.
    const c = await checkClaim({ subject: '688999.SS', reportedOn: rows[6].date, move: '+25%', lookback: 0 }, undefined, { dataDir: withDate.dir });
    expect([c.evidence[0].limit, c.moveVerdict]).toEqual([0.2, 'contradicted']);

    const bad = await importSample('688999.SS', 'XSHG', rows, ['--listing-date', '2025-02-30']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^impact: --listing-date '2025-02-30' is not a date \(YYYY-MM-DD\)\n$/);
  });
});
