// %% [markdown]
// # August 2025: GPT-5, Huawei UCM and DeepSeek V3.1 as one multi-event panel
//
// **Question.** Three AI announcements fell within two weeks: OpenAI launched GPT-5 (7 August,
// US), Huawei launched its UCM inference software (12 August, China) and DeepSeek announced V3.1
// with the UE8M0 FP8 format for domestic chips (21 August, China). Taken together, did the stocks
// each announcement concerns earn abnormal returns? Which announcement carried the effect?
//
// **Data.** The bundled snapshot: US names (MSFT, NVDA, GOOGL, META, AMD, AVGO) against SPY;
// Chinese AI-chip names (Cambricon 688256.SS, Hygon 688041.SS, SMIC 688981.SS) against the STAR 50
// (000688.SS). Events and the securities they concern come from `data/events.json`, each with a
// public source.
//
// **Method.** One panel of (event, security) pairs, each keyed by its own id, each with its own
// day 0 on its own exchange calendar (an announcement dated in another time zone maps to the security's
// own next session). Market model, estimation window [−250, −11], event window [−5, +5], the full
// test battery per CAR window, seeded bootstrap. Then the same panel split by announcement.

// %%
import {
  batteryChart,
  eventSummaryRows,
  getEvent,
  markdown,
  panelCaarChart,
  pct,
  provenance,
  runEventStudy,
  saveResults,
  showChart,
  showTable,
  significantTests,
  studyCaveats,
  testRows,
  formatPValue,
} from 'market-impact';

const US = ['MSFT', 'NVDA', 'GOOGL', 'META', 'AMD', 'AVGO'];
const CN = ['688256.SS', '688041.SS', '688981.SS'];
const plan = [
  { key: 'gpt5', event: getEvent('openai-gpt5-launch'), securities: US, benchmark: 'SPY' },
  { key: 'ucm', event: getEvent('huawei-ucm-launch'), securities: CN, benchmark: '000688.SS' },
  { key: 'v3.1', event: getEvent('deepseek-v3-1-release'), securities: CN, benchmark: '000688.SS' },
];
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
markdown(plan.map(({ key, event, securities }) => `- \`${key}\` **${event.date} ${event.title}** (${event.timeZone}; catalogue id \`${event.id}\`) — ${securities.join(', ')}`).join('\n'));

// %% [markdown]
// ## Every (event, security) pair

// %%
const percent = { percent: true, digits: 2 };
showTable(eventSummaryRows(panel), {
  caption: `${panel.events.length} event-security pairs, market model`,
  format: { ret: percent, marketRet: percent, ar: percent, t: { digits: 2 }, p: formatPValue, 'CAR[-1,+1]': percent, 'p[-1,+1]': formatPValue },
});
if (panel.skipped.length > 0) showTable(panel.skipped.map((s) => ({ ...s })), { caption: 'Events that could not be studied' });

// %% [markdown]
// ## The whole panel: CAAR and the full test battery

// %%
showChart(panelCaarChart(panel, 'August 2025 AI announcements: CAR per event-security pair and CAAR'), { name: 'caar-panel', alt: 'Cumulative abnormal returns of every event-security pair and their average' });
for (const w of ['[0,0]', '[-1,+1]', '[-5,+5]']) showTable(testRows(panel, w), { caption: `Tests of CAAR${w}, N = ${panel.aggregate.find((a) => a.window === w)?.N}`, format: { stat: { digits: 3 }, p: formatPValue } });
const battery = batteryChart(panel, '[-1,+1]', 'Tests of CAAR[−1,+1], August 2025 panel');
if (battery) showChart(battery, { name: 'test-battery', alt: 'Test statistics of the August 2025 panel against their 5% critical values' });

// %% [markdown]
// ## Split by announcement

// %%
const byEvent = [];
for (const { key, event, securities, benchmark } of plan) {
  const sub = await runEventStudy({ ...options, benchmark, events: events.filter((e) => e.id.startsWith(`${key}:`)) });
  const agg = sub.aggregate.find((a) => a.window === '[-1,+1]');
  const sig = significantTests(sub, '[-1,+1]');
  byEvent.push({ announcement: event.title, date: event.date, day0: sub.events[0]?.day0 ?? null, N: agg?.N ?? 0, 'CAAR[-1,+1]': agg?.caar ?? null, testsRejecting: `${sig.rejecting.length} of ${sig.computed}`, securities: securities.join(' ') });
}
showTable(byEvent, { caption: 'CAAR[−1,+1] per announcement (tests rejecting at 5%)', format: { 'CAAR[-1,+1]': percent } });

// %% [markdown]
// ## Conclusion and caveats

// %%
const whole = significantTests(panel, '[-1,+1]');
const aggAll = panel.aggregate.find((a) => a.window === '[-1,+1]');
const strongest = [...byEvent].sort((a, b) => Math.abs(b['CAAR[-1,+1]'] ?? 0) - Math.abs(a['CAAR[-1,+1]'] ?? 0))[0];
const conclusion: string = (
  `Over the whole panel (N = ${aggAll?.N}) the CAAR over [−1, +1] was ${pct(aggAll?.caar)}, and ${whole.rejecting.length} of ${whole.computed} tests reject "no effect" at 5%. ` +
    `Split by announcement, the largest average move came with **${strongest.announcement}** (${pct(strongest['CAAR[-1,+1]'])} over [−1, +1], ${strongest.testsRejecting} tests rejecting), ` +
    `${byEvent.filter((b) => b !== strongest).map((b) => `against ${pct(b['CAAR[-1,+1]'])} for ${b.announcement}`).join(' and ')}. ` +
    'A pooled panel mixes announcements of different sign and markets; the split is the reading to quote.'
);
markdown(conclusion);
markdown(['**Caveats.**', ...studyCaveats(panel).map((c) => `- ${c}`), '- The Chinese names appear in two events (Huawei UCM and DeepSeek V3.1) whose event windows overlap: the two are not independent observations.'].join('\n'));
provenance({ summary: conclusion });
saveResults({ panel, byEvent });
