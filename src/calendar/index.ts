/** Calendar stage: exchanges, holidays, trading-day arithmetic, time zones, day 0. */
export * from './dates.ts';
export * from './holidays.ts';
export * from './exchanges.ts';
export * from './timezone.ts';
export * from './calendar.ts';
export * from './day0.ts';
