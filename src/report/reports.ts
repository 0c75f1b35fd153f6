/**
 * One call per study: run it, then write index.html, report.md (+ charts/) and study.ipynb into
 * reports/<study-id>/. Plus the reports index linking every study.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { oneLine, studyConclusion } from './document.ts';
import type { StudyDocument } from './document.ts';
import { writeFileAtomic } from './fs.ts';
import { REPORT_CSS, writeHtmlReport } from './html.ts';
import { escapeHtml } from './markdown.ts';
import { writeMarkdownReport } from './markdown-report.ts';
import { writeNotebook } from './notebook.ts';
import { findProjectRoot } from './provenance.ts';
import { runStudy, studyIdFromPath } from './runner.ts';
import type { RunStudyOptions, StudyRun } from './runner.ts';

/** What {@link writeStudyReports} did. Paths are absent when the study failed (nothing written). */
export interface StudyReports {
  run: StudyRun;
  outDir: string;
  html?: string;
  markdown?: string;
  notebook?: string;
  /** results.json, when the study wrote one (left untouched). */
  results?: string;
}

/** Writes the three reports of an already-run document into `outDir`. */
export function writeDocumentReports(doc: StudyDocument, outDir: string): { html: string; markdown: string; notebook: string } {
  return { html: writeHtmlReport(doc, outDir), markdown: writeMarkdownReport(doc, outDir), notebook: writeNotebook(doc, outDir) };
}

/**
 * Runs a study and writes its reports to `outDir` (default `<project>/reports/<study-id>`).
 * A failing study writes nothing (an earlier good report stays) and returns `run.ok === false`
 * with `run.failedCell` and `run.error`, unless `writeOnFailure` is set.
 */
export async function writeStudyReports(
  studyPath: string,
  outDir?: string,
  options: RunStudyOptions & { writeOnFailure?: boolean } = {},
): Promise<StudyReports> {
  const dir = resolve(outDir ?? join(options.rootDir ?? findProjectRoot(resolve(studyPath, '..')), 'reports', studyIdFromPath(studyPath)));
  const run = await runStudy(studyPath, { ...options, outDir: dir });
  const result: StudyReports = { run, outDir: dir };
  const resultsPath = join(dir, 'results.json');
  if (existsSync(resultsPath)) result.results = resultsPath;
  if (!run.ok && !options.writeOnFailure) return result;
  return { ...result, ...writeDocumentReports(run.document, dir) };
}

/** One line of the reports index. */
export interface ReportIndexEntry {
  id: string;
  title: string;
  /** One-line conclusion (markdown allowed; shown as plain text). */
  conclusion?: string;
  /** False marks a study whose last run failed. */
  ok?: boolean;
}

function toEntry(s: ReportIndexEntry | StudyDocument | StudyRun): ReportIndexEntry {
  if ('document' in s) return { ...toEntry(s.document), ok: s.ok };
  if ('cells' in s) {
    const conclusion = studyConclusion(s);
    return conclusion === undefined ? { id: s.id, title: s.title } : { id: s.id, title: s.title, conclusion };
  }
  return s;
}

/** The reports index page (pure). Links are relative, so the folder can be moved or served. */
export function renderReportsIndex(studies: readonly (ReportIndexEntry | StudyDocument | StudyRun)[]): string {
  const entries = studies.map(toEntry);
  const items = entries.map((e) => {
    const base = encodeURIComponent(e.id);
    const conclusion = e.conclusion === undefined ? '' : `<p>${escapeHtml(oneLine(e.conclusion))}</p>`;
    const failed = e.ok === false ? ' <strong class="failed">(last run failed)</strong>' : '';
    return `<li><h2><a href="${base}/index.html">${escapeHtml(e.title)}</a>${failed}</h2>${conclusion}<p class="links"><a href="${base}/index.html">HTML</a> · <a href="${base}/report.md">Markdown</a> · <a href="${base}/study.ipynb">Notebook</a> · <code>${escapeHtml(e.id)}</code></p></li>`;
  });
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Event study reports</title>',
    `<style>\n${REPORT_CSS}\nul.studies { list-style: none; padding: 0; } ul.studies li { border-bottom: 1px solid var(--line); padding: .4rem 0 .8rem; } ul.studies h2 { font-size: 1.2rem; margin: .6rem 0 .2rem; } p.links { font-size: .9rem; color: var(--muted); margin: .2rem 0; } .failed { color: #cf222e; font-size: .9rem; }\n</style>`,
    '</head>',
    '<body>',
    '<div class="page">',
    '<header class="study"><h1>Event study reports</h1></header>',
    entries.length === 0 ? '<p>No studies yet.</p>' : `<ul class="studies">\n${items.join('\n')}\n</ul>`,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Writes `reportsDir/index.html` linking each study's HTML, Markdown and notebook. */
export function writeReportsIndex(reportsDir: string, studies: readonly (ReportIndexEntry | StudyDocument | StudyRun)[]): string {
  const path = join(reportsDir, 'index.html');
  writeFileAtomic(path, renderReportsIndex(studies));
  return path;
}
