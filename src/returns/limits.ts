/** Alias module (the CLI loads price-limit flags lazily from this path); see price-limits.ts. */
export * from './price-limits.ts';
