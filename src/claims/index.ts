/**
 * Claims stage: checks a reported move ("Cambricon jumped 20%", "NVIDIA lost 17% on DeepSeek
 * day") against the prices, the market model and the exchange's price limits, with the market
 * value where a share count is known. See check.ts for the method.
 */
export * from './types.ts';
export * from './parse.ts';
export { checkClaim, checkClaimWith, claimWindow, classifyMatch, combineVerdicts, priceLimitBound, capStatus, defaultBenchmark, impliedFloat, CLAIM_ESTIMATION_WINDOW, MIN_ESTIMATION_DAYS, APPROXIMATE_PP, LIMIT_MATCH_PP, DEFAULT_CAP_TOLERANCE, CAP_APPROXIMATE_FACTOR, DEFAULT_MAX_STRETCH, type CheckClaimOptions } from './check.ts';
export { explainCheck, formatMoney, formatP, shortName, relativeToReport } from './explain.ts';
export { evidenceRows, formatClaimCheck, type EvidenceTableRow } from './format.ts';
export { checkClaimList, parseClaimsJson, claimInputFromEntry, claimLabel, type ClaimListEntry } from './list.ts';
export { snapshotClaimData } from './data-access.ts';
export * from './conclusions.ts';
