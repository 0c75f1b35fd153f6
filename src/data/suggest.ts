/** "Did you mean" support shared by symbol, event-id and command lookups. */

/**
 * Levenshtein distance, for suggestions among a few dozen short words.
 * @example editDistance('NVDAA', 'NVDA') // 1
 */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** Candidates within edit distance max(2, len/3) of `word`, closest first (prefix matches count as 1). */
export function closestMatches(word: string, candidates: readonly string[], limit = 3): string[] {
  const w = word.toLowerCase();
  const limitDistance = Math.max(2, Math.floor(w.length / 3));
  return candidates
    .map((c) => ({ c, d: c.toLowerCase().startsWith(w) ? 1 : editDistance(w, c.toLowerCase()) }))
    .filter((x) => x.d <= limitDistance)
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1))
    .slice(0, limit)
    .map((x) => x.c);
}
