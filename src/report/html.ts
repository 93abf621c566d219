/**
 * Writing the HTML reports to disk (the only Node part of the reports: the documents themselves
 * are built by browser-safe modules, ./lab.ts, ./experiment.ts, ./training.ts, ./theory.ts).
 */
import { writeFileSync } from 'node:fs';
import { fail } from '../errors.js';
import { labReportHtml, type ReportInput } from './lab.js';

export type { ReportInput } from './lab.js';

/** Writes HTML text to `path`; an unwritable path is an argument error of `--report`. */
export function writeHtml(path: string, html: string): void {
  try {
    writeFileSync(path, html);
  } catch (e) {
    fail('--report', path, `a writable file path (${(e as { code?: string }).code ?? 'unwritable'})`);
  }
}

/** Renders and writes the report of lab runs. */
export async function writeHtmlReport(path: string, input: ReportInput): Promise<void> {
  writeHtml(path, await labReportHtml(input));
}
