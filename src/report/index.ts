/** Report stage: display API for studies, the percent-format runner, and the HTML/Markdown/notebook writers. */
export { CAPTURE_ENV, OUT_DIR_ENV } from './capture.ts';
export type { CaptureRecord, ProvenanceInput, TableCell } from './capture.ts';
export {
  show,
  showTable,
  showChart,
  markdown,
  provenance,
  saveResults,
  toPlainTable,
  toTableCell,
  formatTableText,
  formatNumber,
  formatCell,
  isTableLike,
  isNumericCell,
  isNumericColumn,
} from './display.ts';
export type { ChartOptions, ColumnFormat, PlainTable, TableLike, TableOptions } from './display.ts';
export { studyTitle, studyConclusion, oneLine, mergeStreams } from './document.ts';
export type { DocumentCell, Output, StudyDocument } from './document.ts';
export { escapeHtml, markdownToHtml, inlineToHtml, createSlugger, isSafeUrl } from './markdown.ts';
export type { HeadingInfo, MarkdownOptions } from './markdown.ts';
export { renderHtmlReport, writeHtmlReport, tableToHtml, isInlineSafeSvg, prefixSvgIds, REPORT_CSS } from './html.ts';
export { renderMarkdownReport, writeMarkdownReport, tableToMarkdown, escapeTableCell, neutraliseHtml, provenanceToMarkdown } from './markdown-report.ts';
export { toNotebook, toNotebookOutput, toNotebookSource, writeNotebook } from './notebook.ts';
export {
  collectProvenance,
  dataFilesFor,
  findProjectRoot,
  gitState,
  mergeProvenanceInputs,
  provenanceLines,
  readManifest,
  toolInfo,
} from './provenance.ts';
export type { DataFileUsed, DataManifest, GitState, ReportProvenance } from './provenance.ts';
export { parsePercentScript, instrumentScript, runStudy, studyIdFromPath, failureMessage } from './runner.ts';
export type { Cell, RunStudyOptions, StudyRun } from './runner.ts';
export { writeStudyReports, writeDocumentReports, writeReportsIndex, renderReportsIndex } from './reports.ts';
export type { ReportIndexEntry, StudyReports } from './reports.ts';
export { writeFileAtomic } from './fs.ts';
