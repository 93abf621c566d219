/**
 * The explorer: the controls, the run (in a worker, streamed layer by layer), and the views of
 * the result: the quantities over depth, the histograms, the phase diagram, pinned runs to
 * compare, the guided stories and the training playground. The URL holds the state.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { edgeConfig } from '../src/lab/experiments/edgeOfChaos.js';
import type { LabResult } from '../src/lab/propagate.js';
import type { PhaseDiagram } from '../src/lab/theory/phase.js';
import type { LayerRecord } from '../src/lab/types.js';
import { layerSelection } from '../src/report/format.js';
import type { ViewRun } from '../src/report/views/common.js';
import { depthView, type DepthQuantity, type DepthStatistic } from '../src/report/views/depth.js';
import { histogramLayerView, histogramView } from '../src/report/views/histogram.js';
import { phaseView } from '../src/report/views/phase.js';
import type { KernelInfo } from '../src/kernels/backend.js';
import { Chart } from './chart.js';
import { Controls } from './controls.js';
import { downloadText } from './download.js';
import { LabClient } from './labClient.js';
import type { PhaseRequest } from './phaseWorker.js';
import type { WorkerMessage } from './protocol.js';
import { commandOf, keyOf, parseState, queryOf, stateFromQuery, type FieldError, type Key, type Run, type State } from './state.js';
import { reportOf } from './report.js';
import { Summary } from './summary.js';
import { Extras, type Tab } from './extras.js';

/** A finished run with the state that produced it. */
export interface Finished {
  readonly state: State;
  readonly result: LabResult;
  readonly json: string;
  readonly ms: number;
  readonly label: string;
}

type RunState = 'running' | 'done' | 'error';

const MAX_PINNED = 4;
/** How long the page waits after a keystroke before it runs. */
const SETTLE_MS = 250;

function labelOf(state: State): string {
  return `${state.activation}${state.param === '' ? '' : `(${state.param})`} + ${state.init}${state.depth === '' ? '' : `, ${state.depth}×${state.width}`}`;
}

function viewRunOf(f: Finished): ViewRun {
  return { label: f.label, result: f.result };
}

function setRunState(s: RunState): void {
  document.documentElement.dataset.runState = s;
}

/** Chart width for the window: full width on a phone, two columns on a desktop. */
function chartWidth(): number {
  const w = window.innerWidth;
  if (w < 700) return Math.max(240, w - 90);
  if (w < 1200) return Math.min(560, w - 420);
  return Math.min(520, (w - 460) / 2 - 60);
}

/** Columns and panel width of the histograms' small multiples: across the two chart columns, or one on a phone. */
function smallMultiples(chart: number): { columns: number; width: number } {
  const total = window.innerWidth < 700 ? chart : 2 * chart + 40;
  const columns = total < 500 ? 2 : 4;
  return { columns, width: Math.floor(total / columns) - 75 };
}

export function App() {
  const [state, setState] = useState<State>(() => stateFromQuery(location.search));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [current, setCurrent] = useState<Finished | null>(null);
  const [stream, setStream] = useState<{ layers: readonly LayerRecord[]; done: number; total: number; seedIndex: number } | null>(null);
  const [runState, setRunStateView] = useState<RunState>('running');
  const [kernels, setKernels] = useState<{ info: KernelInfo; isolated: boolean } | null>(null);
  const [pinned, setPinned] = useState<Finished[]>([]);
  const [statistic, setStatistic] = useState<DepthStatistic>('variance');
  const [histTensor, setHistTensor] = useState<'act' | 'preact' | 'grad'>('act');
  const [layer, setLayer] = useState(1);
  const [width, setWidth] = useState(chartWidth);
  const [tab, setTab] = useState<Tab>('lab');
  const [copied, setCopied] = useState('');
  const pending = useRef<{ state: State; run: Run } | null>(null);
  /** The runs a comparison story still has to run and pin (null: no story in progress). */
  const story = useRef<State[] | null>(null);
  const client = useRef<LabClient | null>(null);

  const mark = (s: RunState) => {
    setRunState(s);
    setRunStateView(s);
  };

  const onMessage = (m: WorkerMessage) => {
    const job = pending.current;
    if (job === null) return;
    if (m.type === 'layers') {
      setStream({ layers: m.layers, done: m.done, total: m.total, seedIndex: m.seedIndex });
    } else if (m.type === 'done') {
      const finished: Finished = { state: job.state, result: m.result, json: m.json, ms: m.ms, label: labelOf(job.state) };
      pending.current = null;
      setStream(null);
      setCurrent(finished);
      if (story.current !== null) {
        // A story's comparison: pin each run, then run the next.
        setPinned((p) => [...p.filter((x) => x.label !== finished.label), finished].slice(-MAX_PINNED));
        const next = story.current.shift();
        if (next !== undefined) return change(next, true);
        story.current = null;
      }
      mark('done');
    } else if (m.type === 'error') {
      pending.current = null;
      setStream(null);
      setErrors([{ key: m.argument === undefined ? undefined : keyOf(m.argument), message: m.message }]);
      mark('error');
    }
  };
  const handler = useRef(onMessage);
  handler.current = onMessage;

  useEffect(() => {
    client.current = new LabClient(new URL('./worker.js', import.meta.url), {
      onKernels: (info, isolated) => setKernels({ info, isolated }),
      onMessage: (m) => handler.current(m),
    });
    const resize = () => setWidth(chartWidth());
    window.addEventListener('resize', resize);
    const back = () => change(stateFromQuery(location.search), true, false);
    window.addEventListener('popstate', back);
    change(state, true, false);
    return () => {
      window.removeEventListener('resize', resize);
      window.removeEventListener('popstate', back);
    };
  }, []);

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Takes a new state: URL, validation, and (after the typing settles) a run. */
  function change(next: State, now = false, push = true) {
    setState(next);
    const url = `${location.pathname}?${queryOf(next)}`;
    if (push && url !== `${location.pathname}${location.search}`) history.replaceState(null, '', url);
    clearTimeout(timer.current);
    const parsed = parseState(next);
    if ('errors' in parsed) {
      client.current?.cancel();
      pending.current = null;
      setStream(null);
      setErrors(parsed.errors);
      mark('error');
      return;
    }
    setErrors([]);
    const go = () => {
      pending.current = { state: next, run: parsed.run };
      setStream(null);
      mark('running');
      client.current!.start(parsed.run);
    };
    if (now) go();
    else timer.current = setTimeout(go, SETTLE_MS);
  }

  const edit = (key: Key, value: string) => {
    story.current = null;
    change({ ...state, [key]: value });
  };

  const result = current?.result ?? null;
  const depth = result?.config.depth ?? 1;
  useEffect(() => setLayer((l) => Math.min(Math.max(1, l), depth)), [depth]);

  // What the charts draw: the run streaming in (measured only), else the last good result; pinned runs overlaid.
  const live: ViewRun | null = useMemo(() => {
    if (stream !== null && pending.current !== null) {
      const c = pending.current.run.config;
      return { label: `${labelOf(pending.current.state)} (running)`, result: { config: { depth: c.depth, init: c.init, activation: c.activation, backward: c.backward ?? false }, layers: stream.layers as LayerRecord[], events: [] } };
    }
    return current === null ? null : viewRunOf(current);
  }, [stream, current]);
  const runs: ViewRun[] = useMemo(() => {
    const others = pinned.filter((p) => p.label !== current?.label || stream !== null).map(viewRunOf);
    return live === null ? others : [...others, live];
  }, [live, pinned, current, stream]);

  const backward = result?.config.backward === true || (pending.current?.run.config.backward ?? false);
  const quantities: DepthQuantity[] = backward ? ['preact', 'act', 'grad', 'weightGrad'] : ['preact', 'act'];
  const depthSpecs = useMemo(
    () => quantities.map((q) => ({ q, spec: depthView(runs, { quantity: q, statistic, width, height: Math.round(width * 0.5) }) })),
    [runs, statistic, width, backward],
  );
  const histLayers = useMemo(() => layerSelection(depth).slice(0, 8), [depth]);
  // Histograms of finished runs only: redrawing them while a run streams would take the CPU the run needs.
  const finishedRuns: ViewRun[] = useMemo(() => [...pinned.filter((p) => p.label !== current?.label), ...(current === null ? [] : [current])].map(viewRunOf), [pinned, current]);
  const histSpec = useMemo(() => (current === null ? null : histogramView([viewRunOf(current)], { tensor: histTensor, layers: histLayers, ...smallMultiples(width), height: 80 })), [current, histTensor, histLayers, width]);
  const layerSpec = useMemo(() => (finishedRuns.length === 0 ? null : histogramLayerView(finishedRuns, { tensor: histTensor, layer, width, height: Math.round(width * 0.4) })), [finishedRuns, histTensor, layer, width]);

  // The diagram of the last finished run's activation (computed after that run, not beside it).
  const phiKey = result === null ? null : `${result.config.activation}|${result.config.activationParam ?? ''}`;
  const [diagram, setDiagram] = useState<PhaseDiagram | null>(null);
  useEffect(() => {
    // The theory takes seconds: in its own worker, replaced when the activation changes.
    if (phiKey === null) return undefined;
    const [name, param] = phiKey.split('|');
    const worker = new Worker(new URL('./phase-worker.js', import.meta.url), { type: 'module', name: 'initlab-phase' });
    worker.onmessage = ({ data }: MessageEvent<PhaseDiagram>) => {
      setDiagram(data);
      worker.terminate();
    };
    const request: PhaseRequest = { activation: name, ...(param === '' ? {} : { param: Number(param) }) };
    worker.postMessage(request);
    return () => worker.terminate();
  }, [phiKey]);
  const phaseSpec = useMemo(() => {
    if (diagram === null) return null;
    const s = result?.summary;
    const inside = (w: number, b: number) => diagram.cells.some((c) => c.w0 <= w && w <= c.w1 && c.b0 <= b && b <= c.b1);
    const points = s?.sigmaW2 == null || s.sigmaB2 == null || !inside(s.sigmaW2, s.sigmaB2) ? [] : [{ sigmaW2: s.sigmaW2, sigmaB2: s.sigmaB2, label: 'this run' }];
    return phaseView(diagram, { width, height: Math.round(width * 0.55), points });
  }, [diagram, result, width]);

  const pickPhase = (d: Record<string, unknown>) => {
    if (typeof d.sigmaW2 !== 'number' || typeof d.sigmaB2 !== 'number') return;
    const fanIn = Number(state.width.split(',').at(-2) ?? state.width) || 512;
    const w2 = Number(d.sigmaW2.toPrecision(3));
    const b2 = Number(d.sigmaB2.toPrecision(3));
    const { init, bias } = edgeConfig(w2, b2, fanIn);
    change({ ...state, init, bias }, true);
  };

  const copy = async () => {
    const line = commandOf(state);
    try {
      await navigator.clipboard.writeText(line);
      setCopied('copied');
    } catch {
      setCopied('select the command below and copy it');
    }
    setTimeout(() => setCopied(''), 2500);
  };

  const pin = () => {
    if (current === null) return;
    setPinned((p) => [...p.filter((x) => x.label !== current.label), current].slice(-MAX_PINNED));
  };

  const applyQueries = (queries: readonly string[]) => {
    setPinned([]);
    const states = queries.map((q) => stateFromQuery(q));
    story.current = states.slice(1);
    setTab('lab');
    change(states[0], true);
  };

  const generalErrors = errors.filter((e) => e.key === undefined);
  return (
    <div class="page">
      <header class="top">
        <h1>initlab explorer</h1>
        <p class="lede">A deep random network, forward and backward, measured layer by layer beside the mean-field theory. Change any setting: the run starts again.</p>
        <nav class="tabs" role="tablist" aria-label="Sections">
          {(['lab', 'stories', 'playground'] as const).map((t) => (
            <button key={t} type="button" role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls={`panel-${t}`} class={tab === t ? 'tab active' : 'tab'} onClick={() => setTab(t)}>
              {t === 'lab' ? 'Lab' : t === 'stories' ? 'Stories' : 'Training playground'}
            </button>
          ))}
        </nav>
      </header>
      <div id="panel-lab" role="tabpanel" aria-labelledby="tab-lab" hidden={tab !== 'lab'} class="lab">
        <aside class="side">
          <Controls state={state} errors={errors} onChange={edit} />
          <div class="actions">
            <button type="button" onClick={() => void copy()}>Copy CLI command</button>
            <button type="button" disabled={current === null} onClick={() => current && downloadText(`${current.json}\n`, 'initlab-propagate.json', 'application/json')}>Download JSON</button>
            <Report current={current} pinned={pinned} />
            <span class="copied" role="status">{copied}</span>
          </div>
          <label class="cli-label" for="cli">Command line</label>
          <textarea id="cli" class="cli" readOnly rows={3} value={commandOf(state)} onFocus={(e) => (e.currentTarget as HTMLTextAreaElement).select()} />
        </aside>
        <main class="results" aria-live="off">
          <Summary runState={runState} current={current} stream={stream} errors={generalErrors} kernels={kernels} seeds={Number(state.seeds) || 1} />
          <section class="panel" aria-labelledby="h-depth">
            <div class="panel-head">
              <h2 id="h-depth">Over depth</h2>
              <div class="segmented" role="group" aria-label="Statistic">
                {(['variance', 'mean'] as const).map((s) => (
                  <button key={s} type="button" aria-pressed={statistic === s} class={statistic === s ? 'on' : ''} onClick={() => setStatistic(s)}>{s}</button>
                ))}
              </div>
            </div>
            <p class="explain">Solid: measured{Number(state.seeds) > 1 ? ' (median over seeds, band 10-90%)' : ''}. Dashed: the mean-field theory. A blow-up ends its line at a marker.</p>
            <div class="grid">
              {runs.length > 0 && depthSpecs.map(({ q, spec }) => <Chart key={q} spec={spec} name={`depth-${q}-${statistic}`} label={`${statistic} of ${q} over depth`} />)}
            </div>
          </section>
          <section class="panel" aria-labelledby="h-compare">
            <div class="panel-head">
              <h2 id="h-compare">Compare</h2>
              <button type="button" onClick={pin} disabled={current === null || pinned.length >= MAX_PINNED && !pinned.some((p) => p.label === current?.label)}>Pin this run</button>
            </div>
            <p class="explain">Pin up to {MAX_PINNED} runs: they stay on every chart above, each in its own colour, while you change the settings.</p>
            <ul class="pins" aria-label="Pinned runs">
              {pinned.map((p) => (
                <li key={p.label} data-pinned={p.label}>
                  <span>{p.label}</span>
                  <button type="button" class="small" onClick={() => change(p.state, true)} aria-label={`Load ${p.label}`}>load</button>
                  <button type="button" class="small" onClick={() => setPinned((x) => x.filter((y) => y !== p))} aria-label={`Unpin ${p.label}`}>unpin</button>
                </li>
              ))}
              {pinned.length === 0 && <li class="none">Nothing pinned.</li>}
            </ul>
          </section>
          <section class="panel" aria-labelledby="h-hist">
            <div class="panel-head">
              <h2 id="h-hist">Histograms per layer</h2>
              <label class="inline">
                <span>Tensor</span>
                <select value={histTensor} onChange={(e) => setHistTensor((e.currentTarget as HTMLSelectElement).value as 'act' | 'preact' | 'grad')}>
                  <option value="act">activations x</option>
                  <option value="preact">pre-activations z</option>
                  <option value="grad">gradients ∂ℓ/∂x</option>
                </select>
              </label>
            </div>
            {histSpec !== null && <Chart spec={histSpec} name={`histograms-${histTensor}`} label={`histograms of ${histTensor} at layers ${histLayers.join(', ')}`} />}
            <div class="slider">
              <label for="layer">Layer <output for="layer">{layer}</output> of {depth}</label>
              <input id="layer" type="range" min={1} max={depth} value={layer} onInput={(e) => setLayer(Number((e.currentTarget as HTMLInputElement).value))} />
            </div>
            {layerSpec !== null && <Chart spec={layerSpec} name={`histogram-${histTensor}-layer-${layer}`} label={`histogram of ${histTensor} at layer ${layer}`} />}
          </section>
          <section class="panel" aria-labelledby="h-phase">
            <h2 id="h-phase">Phase diagram ({result?.config.activation ?? state.activation})</h2>
            <p class="explain">Where the weight and bias variances put a deep network: ordered (signals fade), chaotic (they decorrelate), or on the edge between. Click a cell to run N(0, σw²/n) weights and N(0, σb²) biases there.</p>
            {phaseSpec === null
              ? <p class="stale" role="status">Computing the mean-field theory over the grid…</p>
              : <Chart spec={phaseSpec} name="phase-diagram" label="phase diagram of the mean-field theory" onPick={pickPhase} />}
          </section>
        </main>
      </div>
      <Extras tab={tab} onShowPlayground={() => setTab('playground')} onApply={(queries) => applyQueries(queries)} onApplyOne={(q) => {
        story.current = null;
        setTab('lab');
        change(stateFromQuery(q), true);
      }} />
      <footer class="foot">
        <p>initlab runs here in your browser, on the same WebAssembly kernels as the command line: the same seed gives the same numbers. Nothing leaves this page.</p>
      </footer>
    </div>
  );
}

/** "Download report": the self-contained HTML report of the current run and the pinned ones. */
function Report({ current, pinned }: { current: Finished | null; pinned: readonly Finished[] }) {
  return (
    <button type="button" disabled={current === null} onClick={() => {
      if (current !== null) void reportOf(current, pinned).then((html) => downloadText(html, 'initlab-report.html', 'text/html'));
    }}>Download report</button>
  );
}
