/**
 * Every bundled file is listed and hash-checked: the Fama–French daily factors (data/factors) and
 * the events catalogue (data/events.json) are aux entries of data/manifest.json written by the
 * importer, described in data/SOURCES.md, verified by `impact data verify`, and checked on every
 * read (a changed byte stops the read, naming the file), with the read recorded for the footer.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolders } from './helpers/tmp.ts';
import { IntegrityError } from '../src/errors.ts';
import { loadEvents } from '../src/data/events.ts';
import { loadBundledFrenchDaily } from '../src/data/french.ts';
import { readManifest, sha256OfBytes } from '../src/data/manifest.ts';
import { processDataReads } from '../src/data/verified.ts';
import { verifySnapshot } from '../src/data/verify.ts';
import { run } from './helpers/cli.ts';

const DATA = resolve(import.meta.dirname, '..', 'data');
const folder = tempFolders('mi-provenance-');
/** A copy of the bundled data folder to damage. */
const copy = () => {
  const d = folder();
  cpSync(DATA, join(d, 'data'), { recursive: true });
  return join(d, 'data');
};

describe('the manifest lists the factors and the events catalogue', () => {
  const m = readManifest(DATA);
  const byFile = Object.fromEntries(Object.values(m.aux).map((a) => [a.file, a]));

  it('with the sha256 of the bytes on disk, their rows and range, and where they come from', () => {
    const ff = byFile['factors/F-F_Research_Data_Factors_daily.csv'];
    expect(ff.sha256).toBe(sha256OfBytes(readFileSync(join(DATA, ff.file))));
    expect([ff.rows, ff.first, ff.last]).toEqual([1258, '2020-01-02', '2024-12-31']);
    expect(ff.raw.map((r) => [r.file, r.repo, r.commit])).toEqual([['ff/F-F_Research_Data_Factors_daily.CSV', 'github.com/EMK6025/letf-mean-reversion', 'bfb05773f499e90eafeef3ac84a11d1b07134094']]);
    expect(m.rawFiles?.['ff/F-F_Research_Data_Factors_daily.CSV']).toBe(ff.raw[0].sha256);

    const ev = byFile['events.json'];
    expect(ev.sha256).toBe(sha256OfBytes(readFileSync(join(DATA, 'events.json'))));
    const events = loadEvents();
    expect([ev.rows, ev.first, ev.last]).toEqual([events.length, events[0].date, events.at(-1)!.date]);
    expect(ev.notes[0]).toMatch(/EVENTS-SOURCES\.md/);
  });

  it('data/SOURCES.md describes both; no separate PROVENANCE.json is left to disagree with the manifest', () => {
    const sources = readFileSync(join(DATA, 'SOURCES.md'), 'utf8');
    expect(sources).toContain('- **FF3daily** `factors/F-F_Research_Data_Factors_daily.csv`: 1258 rows');
    expect(sources).toMatch(/- \*\*events\*\* `events\.json`: \d+ rows/);
    expect(() => readFileSync(join(DATA, 'factors', 'PROVENANCE.json'))).toThrow(/ENOENT/);
  });

  it('impact data verify checks them', async () => {
    const r = await run('data', 'verify');
    expect(r.code).toBe(0);
    // 23 price files + USD/CNY, share counts, factors and events.
    expect(r.out).toMatch(/all 27 files match data\/manifest\.json\n$/);
    const report = verifySnapshot({ dataDir: DATA });
    expect(report.aux.filter((a) => a.file === 'events.json' || a.file.startsWith('factors/')).map((a) => [a.file, a.ok])).toEqual([
      ['factors/F-F_Research_Data_Factors_daily.csv', true],
      ['events.json', true],
    ]);
  });
});

describe('a changed byte stops the read, naming the file', () => {
  it('factors: loadBundledFrenchDaily and data verify refuse an edited value', () => {
    const dir = copy();
    const p = join(dir, 'factors', 'F-F_Research_Data_Factors_daily.csv');
    writeFileSync(p, readFileSync(p, 'utf8').replace('20200102,    0.86', '20200102,    0.96'));
    expect(() => loadBundledFrenchDaily(dir)).toThrow(IntegrityError);
    expect(() => loadBundledFrenchDaily(dir)).toThrow(/factors\/F-F_Research_Data_Factors_daily\.csv: sha256 [0-9a-f]{12}… does not match its manifest's/);
    const report = verifySnapshot({ dataDir: dir });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.stringMatching(/factors\/F-F_Research_Data_Factors_daily\.csv \(FF3daily\): sha256/)]);
  });

  it('events: an edited date in the catalogue is refused by loadEvents and data verify', () => {
    const dir = copy();
    const p = join(dir, 'events.json');
    expect(loadEvents(p).length).toBe(readManifest(dir).aux.events.rows); // the intact copy reads
    writeFileSync(p, readFileSync(p, 'utf8').replace('"2025-01-27"', '"2025-01-28"'));
    expect(() => loadEvents(p)).toThrow(/events\.json: sha256 [0-9a-f]{12}… does not match its manifest's/);
    expect(verifySnapshot({ dataDir: dir }).problems).toEqual([expect.stringMatching(/events\.json \(events\): sha256/)]);
  });

  it('a catalogue outside a data folder is validated only (a user file)', () => {
    const p = join(folder(), 'my-events.json');
    writeFileSync(p, readFileSync(join(DATA, 'events.json')));
    expect(loadEvents(p).length).toBeGreaterThan(0);
  });
});

describe('the reads are recorded for the report footer', () => {
  it('events catalogue and factors appear among the process reads with the hash of the bytes read', () => {
    loadEvents();
    loadBundledFrenchDaily();
    const reads = processDataReads();
    const ev = reads.find((r) => r.kind === 'events')!;
    const ff = reads.find((r) => r.kind === 'factors')!;
    expect(ev.file).toMatch(/data\/events\.json$/);
    expect(ev.sha256).toBe(sha256OfBytes(readFileSync(join(DATA, 'events.json'))));
    expect(ff.source).toBe('github.com/EMK6025/letf-mean-reversion F-F_Research_Data_Factors_daily.CSV @ bfb05773f4');
  });
});
