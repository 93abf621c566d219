/** "Download report": the self-contained HTML report of the current run and the pinned ones. */
import type { Finished } from './app.js';

export function reportOf(current: Finished, pinned: readonly Finished[]): string {
  return `<!doctype html><meta charset="utf-8"><title>initlab report</title><pre>${[current, ...pinned].map((f) => f.label).join('\n')}</pre>`;
}
