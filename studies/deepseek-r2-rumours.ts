// %% [markdown]
// # The DeepSeek R2 rumours of late April 2025: did Chinese AI-chip stocks react?
//
// **Question.** Around 28 April 2025 posts on Chinese investor forums claimed that DeepSeek's next
// model, R2, had 1.2 trillion parameters and was trained on Huawei Ascend chips. The rumour was never
// confirmed. Did Cambricon, Hygon and SMIC — the listed names most exposed to a "domestic chips"
// story — move abnormally? If nothing abnormal happened, this study says so.
//
// **Data.** The bundled snapshot: Cambricon (688256.SS), Hygon (688041.SS) and SMIC (688981.SS)
// daily bars, the STAR 50 index (000688.SS) as benchmark. See `data/SOURCES.md`.
//
// **Method.** Market model, estimation window [−250, −11], event window [−5, +5], CAR windows
// [−1, +1], [0, 0], [0, +1], [−5, +5]; day 0 = 2025-04-28 (a Monday, a normal Shanghai session;
// the May Day holiday closes the market from 1 May, which shortens the post-event days in calendar
// time but not in trading days). Full test battery across the three names.

// %%
import {
  batteryChart,
  eventArBars,
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
  pPhrase,
  arBarsDomain,
} from 'market-impact';

const rumour = getEvent('deepseek-r2-rumours-2025-04');
const CHIPS = ['688256.SS', '688041.SS', '688981.SS'];
const result = await runEventStudy({
  benchmark: '000688.SS',
  model: 'market',
  estimationWindow: [-250, -11],
  eventWindow: [-5, 5],
  carWindows: [[-1, 1], [0, 0], [0, 1], [-5, 5]],
  bootstrap: { replications: 9999, seed: 20250428 },
  events: CHIPS.map((symbol) => ({ id: `${symbol}@${rumour.date}`, symbol, date: rumour.date, timeZone: rumour.timeZone })),
});
markdown(`Event from the catalogue: **${rumour.title}** (${rumour.date}). ${rumour.what}`);

// %% [markdown]
// ## Per-stock abnormal returns

// %%
const percent = { percent: true, digits: 2 };
showTable(eventSummaryRows(result, ['[-1,+1]', '[-5,+5]']), {
  caption: `Day 0 = ${result.events[0]?.day0}, market model vs STAR 50`,
  format: { ret: percent, marketRet: percent, ar: percent, t: { digits: 2 }, p: formatPValue, 'CAR[-1,+1]': percent, 'p[-1,+1]': formatPValue, 'CAR[-5,+5]': percent, 'p[-5,+5]': formatPValue },
});
// One y-scale for the three stocks' AR charts, so equal bars look equal.
const arDomain = arBarsDomain(result.events);
for (const e of result.events) showChart(eventArBars(e, undefined, { yDomain: arDomain }), { name: `ar-bars-${e.symbol.replace('.', '-')}`, alt: `${e.symbol} daily abnormal returns around the R2 rumours` });

// %% [markdown]
// ## Panel tests

// %%
showChart(panelCaarChart(result, 'Chinese AI chips around the R2 rumours: CAR per stock and CAAR'), { name: 'caar-panel', alt: 'CAR of three Chinese AI-chip stocks and their average around 28 April 2025' });
for (const w of ['[0,0]', '[-1,+1]', '[-5,+5]']) {
  showTable(testRows(result, w), { caption: `Tests of CAAR${w} (N = ${result.events.length})`, format: { stat: { digits: 3 }, p: formatPValue } });
}
const battery = batteryChart(result, '[-1,+1]', 'Tests of CAAR[−1,+1] around the R2 rumours');
if (battery) showChart(battery, { name: 'test-battery', alt: 'Test statistics for the CAAR around the R2 rumours against their 5% critical values' });

// %% [markdown]
// ## Conclusion and caveats

// %%
const windows = ['[0,0]', '[-1,+1]', '[-5,+5]'];
const anyTest = windows.map((w) => ({ w, ...significantTests(result, w) }));
const rejecting = anyTest.filter((x) => x.rejecting.length > 0);
const perStock = result.events.filter((e) => e.car.some((c) => c.p < 0.05));
const caar = (w: string) => result.aggregate.find((a) => a.window === w)?.caar;
const conclusion: string = (
  rejecting.length === 0 && perStock.length === 0
    ? `Nothing abnormal happened. Across Cambricon, Hygon and SMIC the CAAR was ${pct(caar('[0,0]'))} on day 0, ${pct(caar('[-1,+1]'))} over [−1, +1] and ${pct(caar('[-5,+5]'))} over [−5, +5]; no test of the battery rejects "no effect" at 5% in any window, and no single stock has a significant CAR. The rumours left no trace in these prices beyond what the STAR 50 explains.`
    : `The evidence is mixed: CAAR ${pct(caar('[0,0]'))} on day 0, ${pct(caar('[-1,+1]'))} over [−1, +1], ${pct(caar('[-5,+5]'))} over [−5, +5]. ` +
        rejecting.map((x) => `In ${x.w}, ${x.rejecting.length} of ${x.computed} tests reject at 5% (${x.rejecting.join(', ')}).`).join(' ') +
        (perStock.length > 0 ? ` Per stock, ${perStock.map((e) => `${e.symbol} (${e.car.filter((c) => c.p < 0.05).map((c) => `${c.window} ${pct(c.car)}, ${pPhrase(c.p)}`).join('; ')})`).join(', ')} ${perStock.length === 1 ? 'is' : 'are'} significant at 5%.` : '') +
        ' With three names and an unconfirmed rumour, this is weak evidence of a reaction.'
);
markdown(conclusion);
markdown(['**Caveats.**', ...studyCaveats(result).map((c) => `- ${c}`), '- N = 3: the rank, sign and bootstrap tests have very little power; a null result is "no detectable effect", not proof of none.', '- The rumour spread on forums over several days; a single day 0 may miss its timing, which is why [−5, +5] is shown.'].join('\n'));
provenance({ summary: conclusion });
saveResults(result);
