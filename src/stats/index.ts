/**
 * The statistics stage: reference distributions, seeded random numbers and the multi-event test
 * battery of STATISTICS.md, one function per test.
 */
export * from './types.ts';
export * from './distributions.ts';
export * from './random.ts';
export * from './tests/parametric.ts';
export * from './tests/rank.ts';
export * from './tests/sign.ts';
export * from './tests/bootstrap.ts';
export * from './tests/correlation.ts';
export * from './rbar.ts';
export * from './event.ts';
export * from './battery.ts';
