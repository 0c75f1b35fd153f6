// %% [markdown]
// # Did Cambricon really jump 20%? The August 2025 limit-up days
//
// **Question.** An article dated 13 August 2025 reported that "Cambricon shares jumped 20%" and
// gave its market capitalisation as "355 billion yuan (≈ 49.7 billion dollars)". Did that move
// happen, on which session, and is the market value right? Nine sessions later, on 22 August, after
// DeepSeek said its V3.1 model used the UE8M0 FP8 format for domestic chips, Cambricon closed at
// the +20% limit again. Were these moves abnormal given the STAR market's own rally, and did the
// other Chinese AI-chip names (Hygon, SMIC) move with it?
//
// **Data.** The bundled snapshot: Cambricon (688256.SS), Hygon (688041.SS) and SMIC (688981.SS)
// daily bars from Eastmoney, the STAR 50 (000688.SS) and CSI 300 (000300.SS) indices; total
// shares from company announcements; USD/CNY from the Fed's H.10 rate (FRED DEXCHUS). Sources and
// hashes: `data/SOURCES.md`.
//
// **Method.** The claim checker looks at the five sessions up to the report date on the Shanghai
// calendar, with close-to-close and intraday moves, the market-model AR with its t, and the
// STAR board's ±20% price limit. The event study uses the market model (estimation [−250, −11],
// event window [−5, +5]) against the STAR 50 and, for robustness, the CSI 300.
//
// **Caveat that runs through this study.** On a limit-up day the close is capped at +20%: the
// observed return, and so the abnormal return, is censored from above. The true shock was at
// least that large, and part of it may show up the next session.

// %%
import {
  batteryChart,
  checkClaim,
  claimChart,
  eventArBars,
  eventPricePath,
  eventSummaryRows,
  loadSnapshotSeries,
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
  num,
} from 'market-impact';

const CHIPS = ['688256.SS', '688041.SS', '688981.SS'];
const REPORTED = '2025-08-13';
const percent = { percent: true, digits: 2 };

const jump = await checkClaim({ id: 'jumped-20pct', subject: '688256.SS', reportedOn: REPORTED, move: '+20%', basis: 'close', benchmark: '000688.SS' });
const cap = await checkClaim({
  id: 'market-cap-355bn',
  subject: '688256.SS',
  reportedOn: REPORTED,
  move: '+20%',
  basis: 'close',
  benchmark: '000688.SS',
  marketCap: [{ value: 355e9, currency: 'CNY' }, { value: 49.7e9, currency: 'USD' }],
});

// %% [markdown]
// ## Claim 1: "Cambricon shares jumped 20%" (article dated 2025-08-13)

// %%
showTable(
  jump.evidence.map((d) => ({
    date: d.date,
    close: d.close,
    return: d.closeReturn,
    high: d.intradayHigh,
    star50: d.marketReturn,
    ar: d.abnormal?.ar ?? null,
    t: d.abnormal?.t ?? null,
    limitUp: d.limitUp,
  })),
  { caption: `Cambricon sessions ${jump.window.from}..${jump.window.to} (benchmark STAR 50)`, format: { return: percent, high: percent, star50: percent, ar: percent, t: { digits: 2 } } },
);
showChart(claimChart(jump), { name: 'claim-cambricon-20pct', alt: 'Cambricon daily returns before the 13 August 2025 article against the claimed 20% jump and the STAR limit' });
markdown(`**Verdict: ${jump.verdict}.** ${jump.explanation}`);

// %% [markdown]
// ## Claim 2: "a market capitalisation of 355 billion yuan (≈ 49.7 billion dollars)"

// %%
const mc = cap.marketCap;
if (mc && mc.status !== 'unavailable') {
  showTable(
    mc.comparisons.map((c) => ({
      claimed: `${(c.claimed.value / 1e9).toFixed(1)} bn ${c.claimed.currency}`,
      computed: `${(c.computed / 1e9).toFixed(2)} bn ${c.claimed.currency}`,
      difference: c.difference,
      fx: c.fx ? `${c.fx.rate} CNY per USD (${c.fx.date})` : 'none needed',
    })),
    { caption: `Market cap on ${mc.date}: close ${mc.price} × ${mc.shares?.toLocaleString('en-US')} shares`, format: { difference: percent } },
  );
}
markdown(`**Market-cap check: ${mc?.status ?? 'unavailable'}.** ${mc?.note ?? 'No share count available.'}`);

// %% [markdown]
// ## The two limit-up days as events: Cambricon, Hygon and SMIC vs the STAR 50

// %%
const run = (date: string, benchmark: string) =>
  runEventStudy({
    benchmark,
    model: 'market',
    estimationWindow: [-250, -11],
    eventWindow: [-5, 5],
    carWindows: [[-1, 1], [0, 0], [0, 1], [-5, 5]],
    bootstrap: { replications: 9999, seed: 20250812 },
    events: CHIPS.map((symbol) => ({ id: `${symbol}@${date}`, symbol, date })),
  });
const aug12 = await run('2025-08-12', '000688.SS');
const aug22 = await run('2025-08-22', '000688.SS');
const aug22Csi = await run('2025-08-22', '000300.SS');
const fmt = { ret: percent, marketRet: percent, ar: percent, t: { digits: 2 }, p: formatPValue, 'CAR[-1,+1]': percent, 'p[-1,+1]': formatPValue };
showTable(eventSummaryRows(aug12), { caption: 'Day 0 = 2025-08-12 (Huawei UCM launch day), vs STAR 50', format: fmt });
showTable(eventSummaryRows(aug22), { caption: 'Day 0 = 2025-08-22 (after DeepSeek V3.1), vs STAR 50', format: fmt });
showTable(eventSummaryRows(aug22Csi), { caption: 'Day 0 = 2025-08-22, vs CSI 300 (robustness)', format: fmt });

// %%
const cambricon22 = aug22.events.find((e) => e.symbol === '688256.SS')!;
showChart(eventPricePath(cambricon22, loadSnapshotSeries('688256.SS').rows, { currency: 'CNY', padDays: 25 }), { name: 'cambricon-price-path', alt: 'Cambricon close price in August 2025 with the market-model counterfactual' });
showChart(eventArBars(cambricon22), { name: 'cambricon-ar-bars', alt: 'Cambricon daily abnormal returns around 22 August 2025, limit-up days marked' });
showChart(panelCaarChart(aug22, 'Chinese AI chips around 22 August 2025: CAR per stock and CAAR'), { name: 'caar-panel', alt: 'CAR of Cambricon, Hygon and SMIC and their average around 22 August 2025' });
showTable(testRows(aug22, '[0,0]'), { caption: 'Tests of CAAR[0,0] on 2025-08-22 (N = 3, vs STAR 50)', format: { stat: { digits: 3 }, p: formatPValue } });
const battery = batteryChart(aug22, '[0,0]', 'Tests of CAAR[0,0], 22 August 2025 (vs STAR 50)');
if (battery) showChart(battery, { name: 'test-battery', alt: 'Test statistics for the Chinese AI-chip CAAR on 22 August 2025' });

// %% [markdown]
// ## Conclusion and caveats

// %%
const c12 = aug12.events.find((e) => e.symbol === '688256.SS')!;
const ar = (e: typeof c12) => e.ar.find((d) => d.rel === 0);
const t0 = (e: typeof c12) => e.car.find((c) => c.window === '[0,0]');
const sig22 = significantTests(aug22, '[0,0]');
const usd = mc?.comparisons.find((c) => c.claimed.currency === 'USD');
const conclusion: string = (
  [
    `The "jumped 20%" claim is **${jump.verdict}**: ${jump.explanation} `,
    mc && mc.computed
      ? `At that close Cambricon was worth ${(mc.computed.value / 1e9).toFixed(1)} bn yuan${usd ? ` (${(usd.computed / 1e9).toFixed(1)} bn dollars at ${usd.fx?.rate} CNY per USD)` : ''}, so the article's "355 billion yuan" is ${mc.status}. `
      : 'The market-cap check could not be made. ',
    `Against the STAR 50 the 12 August move was an abnormal ${pct(ar(c12)?.ar)} (t = ${num(t0(c12)?.t)}), `,
    `and 22 August an abnormal ${pct(ar(cambricon22)?.ar)} (t = ${num(t0(cambricon22)?.t)}) while the STAR 50 itself rose ${pct(ar(cambricon22)?.marketRet)}. `,
    `Across the three chip names, ${sig22.rejecting.length} of ${sig22.computed} tests reject "no effect" on 22 August at 5% — with N = 3 the rank and sign tests have little power, so the per-stock t statistics carry the evidence.`,
  ].join('')
);
markdown(conclusion);
markdown(['**Caveats.**', ...[...new Set([...studyCaveats(aug12), ...studyCaveats(aug22)])].map((c) => `- ${c}`), '- Cambricon, Hygon and SMIC are large STAR 50 constituents: part of the index move is their own, which biases their ARs towards zero (the CSI 300 run is the check).'].join('\n'));
provenance({ summary: conclusion });
saveResults({ claims: [jump, cap], aug12, aug22, aug22Csi });
