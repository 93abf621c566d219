/**
 * The run in words and numbers: its state and progress, the kernels it ran on, the mean-field
 * summary (σ_w², q*, χ₁, the depth scales, the verdict), the events (blow-ups), the lab's notes,
 * and every layer's measured variances beside the theory's in a table.
 */
import type { KernelInfo } from '../src/kernels/backend.js';
import type { LayerRecord } from '../src/lab/types.js';
import type { Finished } from './app.js';
import type { FieldError } from './state.js';

/** 6 significant digits, as the command line prints measured values; a dash for missing. */
export function six(x: number | null | undefined): string {
  if (x === null || x === undefined) return '–';
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '∞' : '-∞';
  return String(Number(x.toPrecision(6)));
}

export interface SummaryProps {
  readonly runState: 'running' | 'done' | 'error';
  readonly current: Finished | null;
  readonly stream: { layers: readonly LayerRecord[]; done: number; total: number; seedIndex: number } | null;
  readonly errors: readonly FieldError[];
  readonly kernels: { info: KernelInfo; isolated: boolean } | null;
  readonly seeds: number;
}

const VERDICT: Readonly<Record<string, string>> = {
  ordered: 'ordered: correlations between inputs fade to one value with depth (χ₁ < 1)',
  chaotic: 'chaotic: nearby inputs decorrelate with depth (χ₁ > 1)',
  critical: 'critical: on the edge of chaos, signals travel deep (χ₁ ≈ 1)',
};

export function Summary({ runState, current, stream, errors, kernels, seeds }: SummaryProps) {
  const r = current?.result;
  const s = r?.summary;
  return (
    <section class="panel summary" aria-labelledby="h-run">
      <div class="panel-head">
        <h2 id="h-run">This run</h2>
        <span class={`state ${runState}`} role="status" id="run-status">
          {runState === 'running'
            ? stream === null ? 'starting…' : `running: ${stream.done} of ${stream.total} layer passes${seeds > 1 ? ` (seed ${stream.seedIndex + 1} of ${seeds})` : ''}`
            : runState === 'done' ? `done in ${((current?.ms ?? 0) / 1000).toFixed(2)} s` : 'not run: fix the setting marked in red'}
        </span>
      </div>
      {runState === 'running' && stream !== null && <progress max={stream.total} value={stream.done} aria-label="Run progress" />}
      {errors.map((e) => <p key={e.message} class="error" role="alert">{e.message}</p>)}
      {runState !== 'done' && current !== null && <p class="stale">Showing the last finished run until this one is done.</p>}
      {r !== undefined && s !== undefined && (
        <>
          <dl class="facts" id="summary">
            <div><dt>network</dt><dd>{r.config.depth} layers, {r.network.sizes.length > 2 && new Set(r.network.sizes.slice(1)).size === 1 ? `${r.network.sizes[1]} wide` : r.network.sizes.join('→')}, {r.config.activation}</dd></div>
            <div><dt>weights</dt><dd>{r.network.weightLaw[r.network.weightLaw.length - 1]}</dd></div>
            <div><dt>σw², σb²</dt><dd data-value="sigmaW2">{six(s.sigmaW2)}, {six(s.sigmaB2)}</dd></div>
            <div><dt>q* (fixed point)</dt><dd data-value="qStar">{s.marginal ? 'every q (marginal)' : six(s.qStar)}</dd></div>
            <div><dt>χ₁</dt><dd data-value="chi1">{six(s.chi1)}</dd></div>
            <div><dt>depth scales ξ_q, ξ_c</dt><dd>{six(s.xiQ)}, {six(s.xiC)}</dd></div>
            {s.verdict !== null && <div class="verdict"><dt>phase</dt><dd>{VERDICT[s.verdict] ?? s.verdict}</dd></div>}
          </dl>
          {r.events.length > 0 && (
            <ul class="events" aria-label="Events">
              {r.events.slice(0, 6).map((e, i) => <li key={i}>{e.seed === undefined ? '' : `seed ${e.seed}: `}{e.message}</li>)}
              {r.events.length > 6 && <li>… and {r.events.length - 6} more</li>}
            </ul>
          )}
          {r.notes.map((n) => <p key={n} class="note">{n}</p>)}
          <details class="numbers">
            <summary>Numbers per layer</summary>
            <LayerTable layers={r.layers} />
          </details>
        </>
      )}
      {kernels !== null && (
        <p class="kernels" id="kernels" data-threads={kernels.info.threads} data-isolated={String(kernels.isolated)}>
          Kernels: {kernels.info.backend}{kernels.info.simd ? ' SIMD' : ''}, {kernels.info.threads} thread{kernels.info.threads === 1 ? '' : 's'}
          {kernels.isolated ? ', cross-origin isolated (shared memory)' : ', not cross-origin isolated'}
          {kernels.info.note === undefined ? '' : ` (${kernels.info.note})`}
        </p>
      )}
    </section>
  );
}

function LayerTable({ layers }: { layers: readonly LayerRecord[] }) {
  return (
    <div class="table-wrap">
      <table id="layers">
        <caption>Variances per layer, measured and (in brackets) predicted</caption>
        <thead>
          <tr><th scope="col">layer</th><th scope="col">Var z</th><th scope="col">Var x</th><th scope="col">Var ∂ℓ/∂x</th><th scope="col">Var ∂ℓ/∂W</th></tr>
        </thead>
        <tbody>
          {layers.map((l) => (
            <tr key={l.index}>
              <th scope="row">{l.index}</th>
              <td>{six(l.preact?.variance)} <span class="theory">({six(l.theory?.preactVariance)})</span></td>
              <td>{six(l.act?.variance)} <span class="theory">({six(l.theory?.actVariance)})</span></td>
              <td>{six(l.grad?.variance)} <span class="theory">({six(l.theory?.gradVariance)})</span></td>
              <td>{six(l.weightGrad?.variance)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
