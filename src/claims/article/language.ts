/** Which of the six languages an article is in: Chinese by its script, the others by their commonest words. */
import type { ArticleLanguage } from './types.ts';

const STOPWORDS: Record<Exclude<ArticleLanguage, 'zh'>, readonly string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'shares', 'said', 'was', 'its', 'on', 'with', 'that', 'for'],
  fr: ['le', 'la', 'les', 'des', 'et', 'du', 'une', 'est', 'à', 'sur', 'dans', 'au', 'a', 'pour'],
  it: ['il', 'che', 'di', 'e', 'del', 'della', 'sono', 'è', 'per', 'gli', 'nel', 'lo', 'ha', 'delle'],
  de: ['der', 'die', 'das', 'und', 'ist', 'von', 'mit', 'den', 'auf', 'sich', 'im', 'um', 'zu', 'eine'],
  es: ['el', 'los', 'las', 'que', 'y', 'en', 'un', 'del', 'por', 'se', 'con', 'una', 'su', 'al'],
};

/**
 * The article's language: 'zh' when a fifth or more of its letters are Han characters, else the
 * language whose common words occur most often (ties: en).
 * @example detectLanguage('Nvidia a chuté de 17 % lundi à la Bourse de New York') // 'fr'
 */
export function detectLanguage(text: string): ArticleLanguage {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  if (letters > 0 && han / letters >= 0.2) return 'zh';
  const words = (text.toLowerCase().match(/\p{L}+/gu) ?? []) as string[];
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best: ArticleLanguage = 'en';
  let bestScore = -1;
  for (const [lang, list] of Object.entries(STOPWORDS) as [ArticleLanguage, readonly string[]][]) {
    const score = list.reduce((s, w) => s + (counts.get(w) ?? 0), 0);
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  return best;
}
