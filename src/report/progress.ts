/**
 * A one-line progress bar for long runs, drawn on a terminal's stderr with carriage returns and
 * redrawn at most every 100 ms; `done()` erases it. Callers create it only when stderr is a TTY and
 * the output is not machine-readable (--json, --csv).
 *
 * Example: `[##########··········]  50%  layer passes 100/200  3.1 s`, or with a detail
 * `[###···]  10%  updates 100/1000  0.2 s  512 updates/s  loss 0.693`.
 */
export interface Progress {
  /** Redraws with `done` of `total` and an optional detail after the time. */
  update(done: number, total: number, detail?: string): void;
  done(): void;
}

export function progressBar(write: (s: string) => void, label: string, width = 30): Progress {
  const start = Date.now();
  let last = 0;
  return {
    update(done, total, detail) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const f = total > 0 ? done / total : 1;
      const filled = Math.round(f * width);
      write(`\r[${'#'.repeat(filled)}${'·'.repeat(width - filled)}] ${String(Math.floor(f * 100)).padStart(3)}%  ${label} ${done}/${total}  ${((now - start) / 1000).toFixed(1)} s${detail === undefined ? '' : `  ${detail}`}\x1b[K`);
    },
    done() {
      write('\r\x1b[K');
    },
  };
}
