/**
 * "Download report": the self-contained HTML report (../src/report/lab.ts, the report
 * `initlab propagate --report` writes) of the current run, with the pinned runs beside it.
 */
import { labReportHtml, propagateReportHtml } from '../src/report/lab.js';
import type { Finished } from './app.js';

export function reportOf(current: Finished, pinned: readonly Finished[]): Promise<string> {
  const runs = [...pinned.filter((p) => p.label !== current.label), current];
  if (runs.length === 1) return propagateReportHtml(current.result, current.label);
  return labReportHtml({
    title: 'initlab explorer: runs compared',
    kind: 'propagate',
    description: `${runs.length} runs, each one network forward and backward, measured beside the mean-field theory.`,
    results: runs.map((r) => ({ label: r.label, result: r.result })),
  });
}
