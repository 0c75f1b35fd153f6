/**
 * Sentences of an article: Intl.Segmenter's sentence breaks, minus the breaks it makes after
 * abbreviations ("Mr.", "Corp.", "M.", "z.B.", "S.p.A.") and after German ordinal dates, plus a
 * break at every blank line (a dateline or a heading is its own paragraph).
 */
import type { ArticleLanguage, Sentence } from './types.ts';

/** Abbreviations after which a period does not end a sentence (compared lower-cased, with the dot). */
const ABBREVIATIONS = new Set(
  [
    'mr.', 'mrs.', 'ms.', 'dr.', 'prof.', 'st.', 'jr.', 'sr.', 'inc.', 'corp.', 'co.', 'ltd.', 'plc.', 'llc.', 'no.', 'vs.', 'etc.', 'e.g.', 'i.e.',
    'u.s.', 'u.k.', 'jan.', 'feb.', 'mar.', 'apr.', 'jun.', 'jul.', 'aug.', 'sep.', 'sept.', 'oct.', 'nov.', 'dec.', 'approx.', 'est.',
    'm.', 'mm.', 'mme.', 'mlle.', 'cie.', 'av.', 'env.', 'md.', 'mds.',
    'sig.', 'sigg.', 'dott.', 'ing.', 'avv.', 'spa.', 's.p.a.', 'mld.', 'mln.', 'ca.',
    'z.b.', 'd.h.', 'u.a.', 'bzw.', 'ggf.', 'vgl.', 'nr.', 'hr.', 'fr.', 'mrd.', 'mio.', 'gmbh.', 'ag.',
    'sr.', 'sra.', 'srta.', 'ud.', 'uds.', 'd.', 'dña.', 'núm.', 'pág.',
  ].map((s) => s.toLowerCase()),
);

/** The word (with its inner dots) just before position `end`, e.g. 'Corp.' or 'z.B.'. */
function wordBefore(text: string, end: number): string {
  const m = /(?:^|[\s(«"“'‘])([\p{L}.]+\.)$/u.exec(text.slice(Math.max(0, end - 24), end));
  return m ? m[1] : '';
}

/** True when a break at `at` (the start of the next piece) follows an abbreviation or splits a number. */
function isFalseBreak(text: string, at: number): boolean {
  // A period glued to what follows ('688256.SH', 'V3.1', 'S.p.A.') ends no sentence.
  if (text[at - 1] === '.' && at < text.length && !/\s/.test(text[at])) return true;
  const before = text.slice(0, at).replace(/\s+$/, '');
  if (!before.endsWith('.')) return false;
  const word = wordBefore(before, before.length);
  if (ABBREVIATIONS.has(word.toLowerCase())) return true;
  // A single capital initial ("J. Smith", "M. Li").
  if (/^\p{Lu}\.$/u.test(word)) return true;
  // "3. August" style ordinals in German dates: digit + dot followed by a month name or a lower-case word.
  if (/\d\.$/.test(before) && /^\s*(\p{Ll}|Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)/u.test(text.slice(at))) return true;
  return false;
}

/**
 * Splits an article into sentences with their offsets. Blank lines always end a sentence;
 * a single newline inside a paragraph does not.
 * @example splitSentences('Mr. Li said so. Shares fell 5%.', 'en').map((s) => s.text) // ['Mr. Li said so.', 'Shares fell 5%.']
 */
export function splitSentences(text: string, language: ArticleLanguage): Sentence[] {
  const out: Sentence[] = [];
  const segmenter = new Intl.Segmenter(language === 'zh' ? 'zh' : language, { granularity: 'sentence' });
  // Paragraphs: blank lines end a sentence; a single newline is a soft wrap (segmented as a space).
  const blocks: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g)) blocks.push({ start: m.index!, end: m.index! + m[0].length });
  for (const b of blocks) {
    const chunk = text.slice(b.start, b.end).replace(/\n/g, ' ');
    const pieces: { start: number; end: number }[] = [];
    for (const seg of segmenter.segment(chunk)) {
      const s = b.start + seg.index;
      const e = s + seg.segment.length;
      if (pieces.length > 0 && isFalseBreak(text, s)) pieces[pieces.length - 1].end = e;
      else pieces.push({ start: s, end: e });
    }
    for (const p of pieces) {
      // Trim whitespace, keep offsets exact.
      const raw = text.slice(p.start, p.end);
      const lead = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      if (trimmed === '') continue;
      out.push({ index: out.length, start: p.start + lead, end: p.start + lead + trimmed.length, text: trimmed });
    }
  }
  return out;
}
