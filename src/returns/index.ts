/** Returns stage: simple/log returns, alignment with a benchmark or a calendar, A-share price limits. */
export * from './types.ts';
export * from './returns.ts';
export * from './align.ts';
export * from './price-limits.ts';
