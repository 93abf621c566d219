/**
 * A one-line progress bar for long runs, drawn on a terminal's stderr with carriage returns and
 * redrawn at most every 100 ms; `done()` erases it. Callers create it only when stderr is a TTY and
 * the output is not machine-readable (--json, --csv).
 *
 * Example: `[##########··········]  50%  layer passes 100/200  3.1 s`
 */
export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

export function progressBar(write: (s: string) => void, label: string, width = 30): Progress {
  const start = Date.now();
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const f = total > 0 ? done / total : 1;
      const filled = Math.round(f * width);
      write(`\r[${'#'.repeat(filled)}${'·'.repeat(width - filled)}] ${String(Math.floor(f * 100)).padStart(3)}%  ${label} ${done}/${total}  ${((now - start) / 1000).toFixed(1)} s`);
    },
    done() {
      write('\r\x1b[K');
    },
  };
}
