/** `impact calendar-time`: calendar-time portfolio of post-event windows regressed on CAPM or Fama–French factors. */
import { InputError } from '../../errors.ts';
import { parseIsoDate } from '../../calendar/dates.ts';
import { resolveSymbol } from '../../data/symbols.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../io.ts';

const usage = `Usage: impact calendar-time <symbol[,symbol...]> --date D[,D...] [options]
       impact calendar-time --events events.csv [options]

Each day, an equal- (or value-) weighted portfolio of the securities in their [0, H] post-event
window (sessions day 0..H); its return minus the risk-free rate is regressed on the market excess
return (CAPM) or the Fama-French three factors. The intercept is the daily abnormal return, with
a Newey-West t (the classical t beside it). Prints the number of securities per day and the days
with none. Factors and the risk-free rate come from Ken French's daily file: the bundled copy
(data/factors, 2020-2024) or --factors FILE in the library's own layout or a one-header-row copy;
a file that does not cover the study is refused with the missing dates.

Options:
  --date D[,D...]     event dates; every symbol gets an event on every date
  --events FILE       CSV with columns symbol,date (and optional time,tz,id; other columns ignored)
  --horizon H         post-event sessions held, day 0..H (default 20)
  --model M           ff3 (default) | capm
  --weights W         equal (default) | value (needs share counts; the US names have none)
  --factors FILE      Ken French factor CSV (default: the bundled daily three factors)
  --lags L            Newey-West lags (default floor(4(T/100)^(2/9)))
  --json              print the result object (per-day members and returns included)
  -h, --help          this text

Examples:
  impact calendar-time NVDA,AMD,AVGO,TSM,MSFT,META,GOOGL --date 2024-02-21,2024-05-22,2024-08-28,2024-11-20
  impact calendar-time --events panel-2024.csv --horizon 10 --model capm
`;

function wholeNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new InputError(`${name} must be a whole number >= 0, not '${text}'`);
  return Number(text);
}

export const calendarTimeCommand: Command = {
  name: 'calendar-time',
  summary: 'calendar-time portfolio of post-event windows: CAPM / Fama-French intercept with its t',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      date: { type: 'string' },
      events: { type: 'string' },
      horizon: { type: 'string' },
      model: { type: 'string' },
      weights: { type: 'string' },
      factors: { type: 'string' },
      lags: { type: 'string' },
      json: { type: 'boolean' },
    });
    const horizon = wholeNumber('--horizon', values.horizon, 20);
    const lags = values.lags === undefined ? undefined : wholeNumber('--lags', values.lags, 0);
    const model = values.model ?? 'ff3';
    if (model !== 'ff3' && model !== 'capm') throw new InputError(`--model must be ff3 or capm, not '${model}'`);
    const weighting = values.weights ?? 'equal';
    if (weighting !== 'equal' && weighting !== 'value') throw new InputError(`--weights must be equal or value, not '${weighting}'`);
    let specs: { id?: string; symbol: string; date: string; time?: string; timeZone?: string }[];
    if (values.events) {
      if (positionals.length > 0 || values.date) throw new InputError('give either --events FILE or <symbols> --date D, not both');
      const { readFileSync } = await import('node:fs');
      const { parseEventsCsv } = await import('../../study/events-file.ts');
      let text: string;
      try {
        text = readFileSync(values.events, 'utf8');
      } catch {
        throw new InputError(`events file ${values.events} cannot be read (does it exist?)`);
      }
      // Keep the columns the events parser knows; characteristic columns play no part here.
      const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
      const header = (lines[0] ?? '').split(',').map((s) => s.trim().toLowerCase());
      const keep = header.map((h) => ['symbol', 'date', 'market', 'time', 'tz', 'id', 'label'].includes(h));
      const known = lines.map((l) => (l.trim() === '' ? l : l.split(',').filter((_, j) => keep[j]).join(','))).join('\n');
      specs = parseEventsCsv(known, values.events).map((e) => ({ id: e.id, symbol: e.symbol, date: e.date!, time: e.time, timeZone: e.timeZone }));
    } else {
      if (positionals.length !== 1) throw new InputError('calendar-time needs one argument: a comma-separated list of symbols (or --events FILE); see impact calendar-time --help');
      if (!values.date) throw new InputError('missing --date YYYY-MM-DD[,YYYY-MM-DD...]');
      const dates = values.date.split(',').map((d) => parseIsoDate(d.trim(), '--date'));
      const symbols = positionals[0].split(',').map((s) => s.trim()).filter(Boolean);
      specs = dates.flatMap((date) => symbols.map((symbol) => ({ symbol, date })));
    }
    for (const s of specs) s.symbol = resolveSymbol(s.symbol).symbol;
    const { readFrenchFactors, loadBundledFrenchDaily } = await import('../../data/french.ts');
    const factors = values.factors ? readFrenchFactors(values.factors) : loadBundledFrenchDaily();
    const { calendarTimeData, calendarTimePortfolio } = await import('../../study/calendar-time.ts');
    const { formatCalendarTime } = await import('../../study/calendar-time-format.ts');
    const data = await calendarTimeData(specs);
    let marketValue: ((symbol: string, date: string) => number | null) | undefined;
    if (weighting === 'value') {
      const { sharesOutstanding } = await import('../../data/fundamentals.ts');
      const { loadSnapshotSeries } = await import('../../data/snapshot.ts');
      marketValue = (symbol, date) => {
        const rows = loadSnapshotSeries(symbol).rows;
        let i = rows.findIndex((r) => r.date >= date) - 1;
        if (i < -1) i = rows.length - 1;
        if (i < 0) return null;
        const shares = sharesOutstanding(symbol, rows[i].date);
        return shares ? shares.totalShares * rows[i].close : null;
      };
    }
    const result = calendarTimePortfolio({ ...data, horizon, factors, model, weighting, marketValue, neweyWestLags: lags });
    result.skipped.unshift(...data.skipped);
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else io.stdout(`${formatCalendarTime(result)}\n`);
    return 0;
  },
};
