/**
 * A tiny seeded RNG for tests (mulberry32 + Box-Muller), independent of the code under test
 * (src/stats/random.ts), so naive twins do not share a generator with what they check.
 */

/** mulberry32: a 32-bit seeded uniform generator on [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One standard normal draw (Box-Muller, cosine branch). */
export function normal(rand: () => number): number {
  const u = 1 - rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** n normal draws with standard deviation sd. */
export function normals(rand: () => number, n: number, sd = 1): number[] {
  const out: number[] = [];
  while (out.length < n) out.push(sd * normal(rand));
  return out;
}
