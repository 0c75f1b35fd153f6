/** `impact check <symbol> --move +20% --reported D`: is a reported move real? Also `--claims file.json`. */
import { readFileSync, existsSync } from 'node:fs';
import { InputError } from '../../errors.ts';
import { parseCommandArgs, parseDateOption, joinSignedValues, SOURCE_OPTIONS } from '../args.ts';
import { parseWindow } from '../../study/windows.ts';
import type { CliIO, Command } from '../io.ts';

const usage = `Usage: impact check <symbol> --move +20% --reported YYYY-MM-DD
                    [--basis close|intraday|cumulative] [--market-cap 355e9]...
                    [--lookback 5] [--market SYMBOL] [--tolerance 1.5] [--estimation -250:-11]
                    [--strict] [--json] [--data-dir DIR] [--source snapshot|yahoo] [--refresh]
       impact check --claims claims.json [--strict] [--json] [--data-dir DIR] [--source S]

Checks a reported move against the prices. It looks at the sessions from --lookback trading
days before the report date up to the report date itself (articles are often dated the day
after the move), on the security's own exchange calendar, and for each shows the close-to-close
return, the intraday high/low against the previous close, the market's return, the market-model
abnormal return with its t and p (estimation days -250..-11 before that day), and for China
A-shares whether the day closed at the daily price limit.

The move gets its own verdict: confirmed (a day within the tolerance, default ±1.5 percentage
points, or a close at the price limit when the claim cites the limit within 0.1 pp), approximate
(within ±5 pp, same direction), contradicted (impossible: every searched session had a daily
price limit and the claim exceeds it by more than the tolerance, e.g. +25% on a ±20% board),
not-found (the closest day is shown), no-data (no prices in the window). A claimed market value
is consistent within ±5% of close × shares, approximate within ±10%, inconsistent beyond.

The headline verdict weighs both: no-data, contradicted and not-found come from the move; a
confirmed or approximate move with an inconsistent market value is inconsistent; an approximate
move or value makes the claim approximate; otherwise confirmed. Both parts are printed.

<symbol> is a Yahoo symbol or an alias (NVDA, nvidia, 688256.SS, cambricon, 寒武纪).

Options:
  --move M          the claimed move: +20%, -17%, or a fraction such as 0.2 (a bare 20 is
                    refused as ambiguous). For a negative move you may write --move=-17%.
  --reported D      date of the report/article (exchange-local YYYY-MM-DD)
  --basis B         close (default: close-to-close), intraday (high or low vs previous close),
                    cumulative (the multi-day stretch ending in the window closest to the claim)
  --market-cap V    claimed market value, repeatable for several currencies: 355e9 (the
                    security's currency), '355 billion yuan', '$49.7bn', 49.7e9USD. Compared
                    with close × shares outstanding; other currencies via that day's USD/CNY rate
  --lookback N      sessions before the report date to search (default 5)
  --market SYMBOL   benchmark for the market model (default: SPY for US stocks, 000688.SS
                    STAR 50 for 688xxx, 000300.SS CSI 300 for other A-shares)
  --tolerance PP    tolerance for confirmed, percentage points (default 1.5)
  --estimation A:B  estimation window of the market model, sessions relative to the day measured
                    (default -250:-11)
  --claims FILE     check a JSON list of claims ({ id, subject, reportedOn, move, basis,
                    marketCap, lookback, benchmark }); bad entries are named, the rest checked,
                    exit code 1 if any entry failed
  --strict          exit 3 when the verdict is not-found, contradicted or inconsistent (with
                    --claims: when any claim's is), so scripts can act on it
  --json            JSON output (the full evidence)
  --data-dir DIR    a data folder (impact import / impact fetch) overlaying the bundled
                    snapshot: its symbols are found first; default $IMPACT_DATA_DIR. With
                    --source yahoo, the folder the prices are pinned in (default .cache/live)
  --source S        snapshot (default; $IMPACT_SOURCE) or yahoo: pull the security's daily prices
                    (and Yahoo's share count) from Yahoo Finance over the sessions the check reads,
                    then its benchmark (which depends on its exchange), pin them and check on the
                    pins; a later run reads the pins
  --refresh         with --source yahoo: pull again even where a pin covers the range
  -h, --help        this text

Exit codes: 0 checked (whatever the verdict, without --strict), 1 bad input or data,
2 internal error, 3 with --strict: the claim is not-found, contradicted or inconsistent.

Examples:
  impact check 688256.SS --move +20% --reported 2025-08-13 --market-cap 355e9
  impact check NVDA --move -17% --reported 2025-01-27 --json
  impact check 688256.SS --move +25% --reported 2025-08-13 --strict   # exit 3: contradicted
  impact check AAPL --move +6.4% --reported 2020-10-13 --source yahoo
`;

/** Exit code of `--strict` when a claim is not-found, contradicted or inconsistent. */
export const EXIT_CLAIM_FAILED = 3;

/** Options whose value may start with '-' (a negative move): '--move -17%' becomes '--move=-17%'. */
const SIGNED_OPTIONS = new Set(['--move', '--lookback', '--tolerance', '--estimation']);

function parseTolerance(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text.replace(/\s*(pp|%)$/i, ''));
  if (text.trim() === '' || !Number.isFinite(v) || v < 0 || v > 50) throw new InputError(`--tolerance must be a number of percentage points from 0 to 50, got '${text}'`);
  return v;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'check a reported move (and market value) against the prices',
  usage,
  async run(args, io: CliIO) {
    const { values, positionals } = parseCommandArgs(joinSignedValues(args, SIGNED_OPTIONS), {
      move: { type: 'string' },
      reported: { type: 'string' },
      basis: { type: 'string' },
      'market-cap': { type: 'string', multiple: true },
      lookback: { type: 'string' },
      market: { type: 'string' },
      tolerance: { type: 'string' },
      claims: { type: 'string' },
      strict: { type: 'boolean' },
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
      estimation: { type: 'string' },
      ...SOURCE_OPTIONS,
    });
    const estimationWindow = values.estimation === undefined ? undefined : parseWindow(values.estimation, '--estimation');
    const options = estimationWindow ? { estimationWindow } : {};
    // Loaded on use: `impact --help` should not pay for the claims stage.
    const claims = await import('../../claims/index.ts');
    const { live } = (await import('../../data/live-source.ts')).sourceFlags(values);
    // Live: the claims' securities, then their benchmarks, pinned from Yahoo before checking.
    const dataFor = async (inputs: import('../../claims/types.ts').ClaimInput[]) =>
      live
        ? (await import('../../claims/live-data.ts')).liveClaimData(inputs, { ...options, dataDir: values['data-dir'], refresh: values.refresh, onNotice: (m) => io.stderr(`impact: ${m}\n`) })
        : claims.snapshotClaimData({ dataDir: values['data-dir'] });
    const strictCode = (verdicts: readonly string[]) =>
      values.strict && verdicts.some((v) => (claims.FAILING_VERDICTS as readonly string[]).includes(v)) ? EXIT_CLAIM_FAILED : 0;

    if (values.claims !== undefined) {
      const single = ['move', 'reported', 'basis', 'market-cap', 'lookback', 'market', 'tolerance'] as const;
      const extra = single.filter((k) => values[k] !== undefined);
      if (positionals.length > 0 || extra.length > 0) {
        throw new InputError(`--claims takes the claims from the file; drop ${[...positionals, ...extra.map((k) => `--${k}`)].join(' ')}`);
      }
      const file = values.claims;
      if (!existsSync(file)) throw new InputError(`claims file ${file} does not exist`);
      const entries = claims.parseClaimsJson(readFileSync(file, 'utf8'), file);
      // Live: pin what the well-formed entries need (a bad entry is named by the check below).
      const inputs = live
        ? entries.flatMap((e) => {
            try {
              return [claims.claimInputFromEntry(e)];
            } catch {
              return [];
            }
          })
        : [];
      const data = await dataFor(inputs);
      const results = claims.checkClaimList(entries, data, options);
      if (values.json) {
        io.stdout(JSON.stringify({ file, results }, null, 2) + '\n');
      } else {
        const texts = results.filter((r) => r.result).map((r) => claims.formatClaimCheck(r.result!));
        io.stdout(texts.join('\n' + '='.repeat(72) + '\n\n'));
        const ok = results.filter((r) => r.result);
        io.stdout(`\n${ok.length} of ${results.length} claims checked: ${claims.CLAIM_VERDICTS.map((v) => `${ok.filter((r) => r.result!.verdict === v).length} ${v}`).join(', ')}\n`);
      }
      const failed = results.filter((r) => r.error);
      for (const f of failed) io.stderr(`impact: ${f.error}\n`);
      // A bad entry (exit 1) outranks a wrong claim (exit 3): the list was not fully checked.
      return failed.length > 0 ? 1 : strictCode(results.flatMap((r) => (r.result ? [r.result.verdict] : [])));
    }

    if (positionals.length === 0) throw new InputError('missing <symbol>; usage: impact check <symbol> --move +20% --reported YYYY-MM-DD (or --claims file.json)');
    if (positionals.length > 1) throw new InputError(`expected one symbol, got ${positionals.length}: ${positionals.join(' ')} (quote names with spaces)`);
    if (values.move === undefined) throw new InputError('missing --move (the claimed move, e.g. +20% or -17%)');
    const reportedOn = parseDateOption('--reported', values.reported);
    const input = {
      subject: positionals[0],
      reportedOn,
      move: values.move,
      ...(values.basis !== undefined ? { basis: values.basis as 'close' } : {}),
      ...(values['market-cap'] !== undefined ? { marketCap: values['market-cap'] } : {}),
      ...(values.lookback !== undefined ? { lookback: claims.parseLookback(values.lookback) } : {}),
      ...(values.market !== undefined ? { benchmark: values.market } : {}),
      ...(values.tolerance !== undefined ? { tolerancePp: parseTolerance(values.tolerance) } : {}),
    };
    const check = claims.checkClaimWith(input, await dataFor([input]), options);
    io.stdout(values.json ? JSON.stringify(check, null, 2) + '\n' : claims.formatClaimCheck(check));
    return strictCode([check.verdict]);
  },
};
