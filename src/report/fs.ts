/** Atomic file writes for the report writers (the implementation lives in the data stage). */
export { writeFileAtomic } from '../data/atomic.ts';
