/**
 * The article reader: news text in six languages (en, fr, it, de, es, zh) to a verdict for every
 * market claim in it (checkArticle), and the small pure parts it is made of.
 */
export * from './types.ts';
export { splitSentences } from './sentences.ts';
export { findNumbers, parseLocalizedNumber, parseChineseNumeral } from './numbers.ts';
export { findArticleDate, findDayMentions, resolveDayMention } from './dates.ts';
export { buildAliasTable, compileCompanyFinder, parseAliasFile, EXTRA_ALIASES, UNLISTED_COMPANIES, LISTED_NOT_IN_DATA, NOT_LISTED, NOT_IN_DATA, type AliasEntry, type CompanyFinder } from './companies.ts';
export { detectLanguage } from './language.ts';
export { classifySentence, REASON, type SentenceReading } from './classify.ts';
export { extractArticle, articleDate, type ExtractOptions, type ExtractedArticle } from './extract.ts';
export { checkArticle, checkArticleWith, checkCommandFor, capVerdict, moveVerdict, type CheckArticleOptions } from './check.ts';
export { formatArticleCheck, claimedText } from './format.ts';
