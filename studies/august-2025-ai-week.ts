// %% [markdown]
// **Question.** Several AI announcements fall within a few weeks of each other, each concerning a
// different set of stocks on a different exchange. Taken together, did the stocks each
// announcement concerns earn abnormal returns? Which announcement carried the effect?
//
// **Data.** Daily prices of the stocks and of their benchmarks, read through the data store; the
// announcements, their dates and time zones come from the catalogue (`data/events.json`, each
// with a public source). The footer lists every file read, with its source and the sha256 of the
// bytes read.
//
// **Method.** One panel of (announcement, security) pairs, each keyed by its own id, each with its
// own day 0 on its own exchange calendar (an announcement dated in another time zone maps to the
// security's own next session). Market model, the full test battery per CAR window, seeded
// bootstrap. Then the same panel split by announcement. The windows, tests and seeds are printed
// below and listed in the footer.

// %%
import {
  batteryChart,
  compareGroupsSentence,
  eventSummaryRows,
  formatPValue,
  getEvent,
  listText,
  markdown,
  methodSentence,
  panelCaarChart,
  panelTestsSentence,
  provenance,
  runEventStudy,
  saveResults,
  showChart,
  showTable,
  significantTests,
  studyCaveats,
  symbolLabel,
  testRows,
  windowText,
} from 'market-impact';

// The announcements and the stocks they concern, in one place: edit these lines for another panel.
const US = ['MSFT', 'NVDA', 'GOOGL', 'META', 'AMD', 'AVGO'];
const CN = ['688256.SS', '688041.SS', '688981.SS'];
const plan = [
  { key: 'gpt5', event: getEvent('openai-gpt5-launch'), securities: US, benchmark: 'SPY' },
  { key: 'ucm', event: getEvent('huawei-ucm-launch'), securities: CN, benchmark: '000688.SS' },
  { key: 'v3.1', event: getEvent('deepseek-v3-1-release'), securities: CN, benchmark: '000688.SS' },
];
const WINDOW = '[-1,+1]'; // the CAR window the comparison reads
// Short ids ('gpt5:NVDA') keep the tables narrow; each names the announcement and the security.
const events = plan.flatMap(({ key, event, securities, benchmark }) =>
  securities.map((symbol) => ({ id: `${key}:${symbol}`, symbol, benchmark, date: event.date, timeZone: event.timeZone, label: event.title })),
);
const options = {
  model: 'market' as const,
  estimationWindow: [-250, -11] as [number, number],
  eventWindow: [-5, 5] as [number, number],
  carWindows: [[-1, 1], [0, 0], [0, 1], [-5, 5]] as [number, number][],
  bootstrap: { replications: 9999, seed: 20250807 },
};
const panel = await runEventStudy({ ...options, events });
const dates = plan.map((p) => p.event.date).sort();
markdown(
  [
    `# ${plan.length} announcements from ${dates[0]} to ${dates[dates.length - 1]} as one multi-event panel`,
    '',
    ...plan.map(({ key, event, securities, benchmark }) => `- \`${key}\` **${event.date} ${event.title}** (${event.timeZone}; catalogue id \`${event.id}\`) — ${securities.join(', ')} vs ${symbolLabel(benchmark)}`),
    '',
    `**Method as run.** ${methodSentence(panel)}`,
  ].join('\n'),
);

// %% [markdown]
// ## Every (event, security) pair

// %%
const percent = { percent: true, digits: 2 };
showTable(eventSummaryRows(panel), {
  caption: `${panel.events.length} event-security pairs, ${panel.parameters.model} model`,
  format: { ret: percent, marketRet: percent, ar: percent, t: { digits: 2 }, p: formatPValue, pHolm: formatPValue, pBH: formatPValue, 'CAR[-1,+1]': percent, 'p[-1,+1]': formatPValue, 'pHolm[-1,+1]': formatPValue, 'pBH[-1,+1]': formatPValue },
});
if (panel.skipped.length > 0) showTable(panel.skipped.map((s) => ({ ...s })), { caption: 'Events that could not be studied' });

// %% [markdown]
// ## The whole panel: CAAR and the full test battery

// %%
const titles = listText(plan.map((p) => p.event.title));
showChart(panelCaarChart(panel, `${titles}: CAR per event-security pair and CAAR`), { name: 'caar-panel', alt: `Cumulative abnormal returns of every event-security pair and their average (${titles})` });
for (const w of ['[0,0]', '[-1,+1]', '[-5,+5]']) showTable(testRows(panel, w), { caption: `Tests of CAAR${windowText(w)}, N = ${panel.aggregate.find((a) => a.window === w)?.N}`, format: { stat: { digits: 3 }, p: formatPValue, pHolm: formatPValue, pBH: formatPValue } });
const battery = batteryChart(panel, WINDOW, `Tests of CAAR${windowText(WINDOW)}, the whole panel`);
if (battery) showChart(battery, { name: 'test-battery', alt: `Test statistics of the whole panel over ${windowText(WINDOW)} against their 5% critical values` });

// %% [markdown]
// ## Split by announcement

// %%
const groups = [];
const byEvent = [];
for (const { key, event, securities, benchmark } of plan) {
  const sub = await runEventStudy({ ...options, benchmark, events: events.filter((e) => e.id.startsWith(`${key}:`)) });
  const agg = sub.aggregate.find((a) => a.window === WINDOW);
  const sig = significantTests(sub, WINDOW);
  groups.push({ label: event.title, result: sub });
  byEvent.push({ announcement: event.title, date: event.date, day0: sub.events[0]?.day0 ?? null, N: agg?.N ?? 0, [`CAAR${WINDOW}`]: agg?.caar ?? null, testsRejecting: `${sig.rejecting.length} of ${sig.computed}`, securities: securities.join(' ') });
}
showTable(byEvent, { caption: `CAAR${windowText(WINDOW)} per announcement (tests rejecting at 5%)`, format: { [`CAAR${WINDOW}`]: percent } });

// %% [markdown]
// ## Conclusion and caveats

// %%
const caars = groups.map((g) => g.result.aggregate.find((a) => a.window === WINDOW)?.caar ?? 0);
const mixedSigns = caars.some((c) => c > 0) && caars.some((c) => c < 0);
const conclusion: string = [
  panelTestsSentence(panel, WINDOW),
  compareGroupsSentence(groups, WINDOW, { by: 'announcement' }),
  mixedSigns
    ? 'The announcements moved their stocks in opposite directions on average, so the pooled CAAR mixes them: the split is the reading to quote.'
    : 'A pooled panel mixes announcements and markets: the split is the reading to quote.',
].join(' ');
markdown(conclusion);
// Securities concerned by two announcements whose event windows overlap in calendar time.
const shared = plan.flatMap((a, i) =>
  plan.slice(i + 1).flatMap((b) => {
    const both = a.securities.filter((s) => b.securities.includes(s));
    const spanOf = (key: string) => panel.events.filter((e) => e.id.startsWith(`${key}:`)).flatMap((e) => [e.ar[0]?.date, e.ar[e.ar.length - 1]?.date]).filter((d): d is string => d !== undefined).sort();
    const [sa, sb] = [spanOf(a.key), spanOf(b.key)];
    const overlap = both.length > 0 && sa.length > 0 && sb.length > 0 && sa[0] <= sb[sb.length - 1] && sb[0] <= sa[sa.length - 1];
    return overlap ? [`- ${listText(both.map((s) => symbolLabel(s)))} appear in both ${a.event.title} and ${b.event.title}, whose event windows overlap (${sa[0]}..${sa[sa.length - 1]} and ${sb[0]}..${sb[sb.length - 1]}): the two are not independent observations.`] : [];
  }),
);
markdown(['**Caveats.**', ...studyCaveats(panel).map((c) => `- ${c}`), ...shared].join('\n'));
provenance({ summary: conclusion });
saveResults({ panel, byEvent });
