/**
 * `impact new-study NAME`: a study script to start from, with no hand-typed facts in it. The
 * events are variables at the top (symbol, peers, benchmark, date, an optional reported move);
 * everything the report then states — title, captions, conclusion, footer — is built from the run
 * by the library's sentence builders, the run log and the data layer's record of what was read.
 */
import { existsSync, linkSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { InputError } from '../../errors.ts';
import { findProjectRoot } from '../../report/provenance.ts';
import { parseCommandArgs, parseDateOption } from '../args.ts';
import type { Command } from '../io.ts';

const usage = `Usage: impact new-study NAME [--out DIR] [--symbol SYMBOL] [--market SYMBOL] [--date YYYY-MM-DD]

Writes studies/NAME.ts (or DIR/NAME.ts): a percent-cell study script that runs as it is, with the
events defined in one place at its top (symbol, peers, benchmark, date, an optional reported move
to check). Its title, captions and conclusion are built from the results, and the report footer
lists the data files read and the library calls made, so editing those lines is all it takes to
study another stock. Run it with: impact report DIR/NAME.ts

NAME is a file name: letters, digits, '.', '_' and '-', starting with a letter or digit (a
trailing .ts is allowed). An existing file is never overwritten.

Options:
  --out DIR        folder to write into (default: studies/ under the project root)
  --symbol SYMBOL  the stock to study (default NVDA)
  --market SYMBOL  its benchmark (default SPY)
  --date DATE      the announcement date (default 2025-01-27)
  -h, --help       this text
`;

/** A study NAME that makes one safe file name (and report folder) and nothing else. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * The file name a NAME gives, or an InputError naming the problem.
 * @example studyFileName('nvda-deepseek') // 'nvda-deepseek.ts'
 */
export function studyFileName(name: string): string {
  const base = name.endsWith('.ts') ? name.slice(0, -3) : name;
  if (!SAFE_NAME.test(base) || base.includes('..')) {
    throw new InputError(`study name '${name}' is not a safe file name: use letters, digits, '.', '_' and '-', starting with a letter or digit, no '..' or slashes (e.g. nvda-deepseek)`);
  }
  return `${base}.ts`;
}

/** The events a new study starts with. */
export interface StudyTemplateEvents {
  symbol: string;
  benchmark: string;
  date: string;
}

/**
 * The text of a new study. The event values are written as JSON string literals, so any symbol is
 * safe to embed; everything else is fixed text with no fact in it.
 */
export function studyTemplate(events: StudyTemplateEvents): string {
  const q = (s: string) => JSON.stringify(s);
  return `// %% [markdown]
// **Question.** _Write the question here in general words, e.g. "Was the stock's move on the
// announcement day abnormal, or just the market?". The facts — which stock, which day, how large
// the move, what the tests say — are printed from the run below, never typed here._
//
// **Method.** Market model fitted on an estimation window before day 0, abnormal returns over the
// event window, and the test battery across the events when there are several. The windows, tests
// and seeds are printed below; the report's footer lists them with every data file read.

// %%
import {
  checkClaim,
  claimChart,
  claimSubject,
  claimVerdictSentence,
  day0Sentence,
  eventArBars,
  eventPricePath,
  eventSummaryRows,
  formatPValue,
  listText,
  loadSnapshotSeries,
  markdown,
  methodSentence,
  panelCaarChart,
  panelTestsSentence,
  provenance,
  runEventStudy,
  saveResults,
  securityLabel,
  shortName,
  showChart,
  showTable,
  smallPanelNote,
  studyCaption,
  studyCaveats,
  symbolLabel,
  testRows,
} from 'market-impact';

// The events, in one place: every fact the report states comes from these lines and the data.
const SYMBOL = ${q(events.symbol)}; // the stock the study is about
const PEERS: string[] = []; // other stocks studied on the same day (the panel tests need several)
const BENCHMARK = ${q(events.benchmark)}; // the market model's index
const DATE = ${q(events.date)}; // the announcement date (exchange-local; a holiday moves day 0 to the next session)
const CLAIMED_MOVE: string | null = null; // a reported move to check against the tape, e.g. '-17%'; null for none
const SEED = 1; // bootstrap seed

const STOCKS = [SYMBOL, ...PEERS];
const result = await runEventStudy({
  benchmark: BENCHMARK,
  model: 'market',
  estimationWindow: [-250, -11],
  eventWindow: [-5, 5],
  carWindows: [[-1, 1], [0, 0], [0, 1], [-5, 5]],
  bootstrap: { replications: 9999, seed: SEED },
  events: STOCKS.map((symbol) => ({ symbol, date: DATE })),
});
const focus = result.events.find((e) => e.symbol === SYMBOL);
const focusName = focus ? shortName(focus.name) : SYMBOL;
markdown([\`# \${focusName} on \${DATE}: an event study against \${symbolLabel(BENCHMARK)}\`, '', \`**Method as run.** \${methodSentence(result)}\`].join('\\n'));

// %% [markdown]
// ## Abnormal returns around day 0

// %%
const percent = { percent: true, digits: 2 };
showTable(eventSummaryRows(result), { caption: studyCaption(result), format: { ret: percent, marketRet: percent, ar: percent, t: { digits: 2 }, p: formatPValue, pHolm: formatPValue, pBH: formatPValue, 'CAR[-1,+1]': percent, 'p[-1,+1]': formatPValue, 'pHolm[-1,+1]': formatPValue, 'pBH[-1,+1]': formatPValue } });
if (result.skipped.length > 0) showTable(result.skipped.map((s) => ({ ...s })), { caption: 'Events that could not be studied' });
if (focus) {
  const series = loadSnapshotSeries(SYMBOL);
  showChart(eventPricePath(focus, series.rows, { currency: series.info.currency }), { name: 'price-path', alt: \`\${securityLabel(focus)} close price around \${focus.day0} with the market-model counterfactual\` });
  showChart(eventArBars(focus), { name: 'ar-bars', alt: \`\${securityLabel(focus)} daily abnormal returns around \${focus.day0} with the 95% prediction band\` });
  markdown(day0Sentence(focus));
}

// %% [markdown]
// ## Tests across the events

// %%
if (result.events.length > 1) {
  const names = listText(result.events.map((e) => shortName(e.name)));
  showChart(panelCaarChart(result, \`\${names} around \${DATE}: CAR per stock and CAAR\`), { name: 'caar-panel', alt: \`CAR of \${names} and their average around \${DATE}\` });
  showTable(testRows(result, '[0,0]'), { caption: \`Tests of CAAR[0,0]: \${studyCaption(result)}, N = \${result.events.length}\`, format: { stat: { digits: 3 }, p: formatPValue, pHolm: formatPValue, pBH: formatPValue } });
  markdown(panelTestsSentence(result, '[0,0]'));
} else {
  markdown('One event: the tests across events need several (add stocks to PEERS at the top).');
}

// %% [markdown]
// ## A reported move, checked against the tape

// %%
const claim = CLAIMED_MOVE === null ? null : await checkClaim({ subject: SYMBOL, reportedOn: DATE, move: CLAIMED_MOVE, basis: 'close', benchmark: BENCHMARK });
if (claim) {
  showChart(claimChart(claim), { name: 'claim', alt: \`\${claimSubject(claim)} daily returns up to \${DATE} against the reported move\` });
  markdown(claimVerdictSentence(claim));
} else {
  markdown('No reported move to check (set CLAIMED_MOVE at the top).');
}

// %% [markdown]
// ## Conclusion and caveats

// %%
const conclusion: string = [
  ...(claim ? [claimVerdictSentence(claim)] : focus ? [day0Sentence(focus)] : []),
  ...(result.events.length > 1 ? [panelTestsSentence(result, '[0,0]'), smallPanelNote(result)] : []),
]
  .filter((s): s is string => s !== null)
  .join(' ') || \`No event could be studied: \${result.skipped.map((s) => \`\${s.id}: \${s.reason}\`).join('; ')}\`;
markdown(conclusion);
const caveats = studyCaveats(result);
markdown(caveats.length > 0 ? ['**Caveats.**', ...caveats.map((c) => \`- \${c}\`)].join('\\n') : '**Caveats.** None from the data: no limit days, overlapping events, missing days or thin estimation windows.');
provenance({ summary: conclusion });
saveResults({ result, claim });
`;
}

/**
 * Writes `text` to `path` only if no file is there: a temporary file beside it is hard-linked into
 * place (atomic, and refused when the name exists), so nothing half-written or overwritten is left.
 */
function writeNewFile(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  try {
    linkSync(temp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new InputError(`${path} already exists; choose another name (an existing study is never overwritten)`);
    throw e;
  } finally {
    rmSync(temp, { force: true });
  }
}

export const newStudyCommand: Command = {
  name: 'new-study',
  summary: 'write a study script to start from (events at the top, conclusion built from the results)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      out: { type: 'string' },
      symbol: { type: 'string' },
      market: { type: 'string' },
      date: { type: 'string' },
    });
    if (positionals.length !== 1) throw new InputError(positionals.length === 0 ? 'new-study needs a NAME (e.g. impact new-study nvda-deepseek)' : `new-study takes one NAME, got ${positionals.length}: ${positionals.join(' ')}`);
    const file = studyFileName(positionals[0]);
    const symbol = values.symbol ?? 'NVDA';
    const benchmark = values.market ?? 'SPY';
    for (const [flag, v] of [['--symbol', symbol], ['--market', benchmark]] as const) {
      if (v.trim() === '' || /[\s\u0000-\u001f]/.test(v)) throw new InputError(`${flag} '${v}' is not a symbol`);
    }
    const date = values.date === undefined ? '2025-01-27' : parseDateOption('--date', values.date);
    const dir = values.out === undefined ? join(findProjectRoot(process.cwd()), 'studies') : resolve(values.out);
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new InputError(`${relative(process.cwd(), dir) || dir} is not a folder`);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, file);
    writeNewFile(path, studyTemplate({ symbol, benchmark, date }));
    const rel = relative(process.cwd(), path);
    const shown = rel !== '' && !rel.startsWith('..') ? rel : path;
    io.stdout(`wrote ${shown}\nrun it: impact report ${shown}\n`);
    return 0;
  },
};
