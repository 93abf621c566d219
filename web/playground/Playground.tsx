/**
 * The training playground: a small network learning a 2-D toy set live, in its own worker
 * (./worker.ts). Play, pause, step and reset; the decision boundary over the points, the loss and
 * test error, and every layer's statistics over training (activation std, weight-gradient std,
 * distinct units), so zero initialization's symmetry (one distinct unit per layer, forever) and a
 * deep network's stall (gradients near zero, the loss flat at ln 2) are seen as they happen.
 */
import type { InputHTMLAttributes, JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ACTIVATION_NAMES } from '../../src/activations/registry.js';
import { TOY_SETS } from '../../src/data/toy.js';
import { ArgumentError } from '../../src/errors.js';
import type { Snapshot } from '../../src/train/session.js';
import { parseField, PLAYGROUND_DEFAULTS, PLAYGROUND_MAX, sessionConfig, trainCommand, type PlaygroundConfig } from './config.js';
import { CLASS_COLOURS, drawBoundary, drawLineChart, layerColour } from './draw.js';
import { History } from './history.js';
import type { PlaygroundMessage, PlaygroundRequest } from './protocol.js';
import './playground.css';

export interface PlaygroundProps {
  /** Initial settings over PLAYGROUND_DEFAULTS; when this prop changes, the playground resets to it. */
  readonly config?: Partial<PlaygroundConfig>;
  /** Called with the settings whenever the user changes one (and the new session started). */
  readonly onConfigChange?: (config: PlaygroundConfig) => void;
  /** Start training as soon as a session is ready (default false). */
  readonly autoplay?: boolean;
  /** The bundled ./worker.ts (default: playground-worker.js beside the page's script). */
  readonly workerUrl?: string | URL;
}

type Key = keyof PlaygroundConfig;

/** Initializers offered in the init field's list (any lab spec may be typed). */
const INIT_PRESETS = [
  'zeros', 'constant(value=0.1)', 'normal(std=0.01)', 'normal(std=1)', 'glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal', 'lecun_normal', 'orthogonal', 'lsuv',
];

/** Milliseconds of training per frame while playing. */
const FRAME_MS = 60;

const texts = (c: PlaygroundConfig): Record<Key, string> => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, String(v)])) as Record<Key, string>;

/** Which control an argument named by the trainer belongs to. */
function keyOf(argument: string | undefined): Key | undefined {
  const name = (argument ?? '').replace(/^--/, '').replace(/\[\d+\]$/, '');
  if (name === 'activationParam') return 'activation';
  if (['tol', 'max_iter', 'spec', 'gain', 'std', 'mean', 'value', 'low', 'high', 'scale', 'mode', 'distribution'].includes(name)) return 'init';
  return (Object.keys(PLAYGROUND_DEFAULTS) as string[]).includes(name) ? (name as Key) : undefined;
}

function startWorker(url: string | URL): Worker {
  return new Worker(url, { type: 'module', name: 'initlab-playground' });
}

export function Playground({ config: initial, onConfigChange, autoplay = false, workerUrl }: PlaygroundProps) {
  const url = useMemo(() => workerUrl ?? new URL('./playground-worker.js', import.meta.url), [workerUrl]);
  const merged = useMemo(() => ({ ...PLAYGROUND_DEFAULTS, ...initial }), [JSON.stringify(initial ?? {})]);
  /** The settings of the session on screen. */
  const [config, setConfig] = useState<PlaygroundConfig>(merged);
  const shown = useRef<PlaygroundConfig>(merged);
  /** What each field holds, possibly invalid while being edited. */
  const [fields, setFields] = useState<Record<Key, string>>(texts(merged));
  const [errors, setErrors] = useState<Partial<Record<Key | 'run', string>>>({});
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [playing, setPlaying] = useState(false);
  const [msPerUpdate, setMsPerUpdate] = useState<number | null>(null);
  const [copied, setCopied] = useState(false);
  const worker = useRef<Worker | null>(null);
  /** The worker of the latest settings, until its first snapshot makes it `worker`. */
  const pending = useRef<Worker | null>(null);
  /** The settings last asked for (edits build on them, even before their session is up). */
  const target = useRef<PlaygroundConfig>(merged);
  const history = useRef(new History());
  /** Whether training should run: what the buttons last asked for, also while a new session starts. */
  const wantPlay = useRef(false);

  const send = (w: Worker | null, request: PlaygroundRequest) => w?.postMessage(request);

  /**
   * Starts a session of `next` in a fresh worker; the one on screen stays until the new one has
   * its first snapshot, and stays for good if the new settings are refused.
   */
  const start = (next: PlaygroundConfig, play: boolean) => {
    wantPlay.current = play;
    target.current = next;
    // Settings changed again before the last ones started: those are dropped.
    if (pending.current !== null && pending.current !== worker.current) pending.current.terminate();
    const w = startWorker(url);
    pending.current = w;
    let first = true;
    w.onmessage = ({ data: message }: MessageEvent<PlaygroundMessage>) => {
      if (message.type === 'error') {
        const key = keyOf(message.argument);
        setErrors((e) => ({ ...e, [key ?? 'run']: message.message }));
        if (first) {
          w.terminate();
          if (pending.current === w) target.current = shown.current;
        } else {
          wantPlay.current = false;
          setPlaying(false);
        }
        return;
      }
      if (first) {
        first = false;
        if (pending.current !== w) return void w.terminate();
        worker.current?.terminate();
        worker.current = w;
        shown.current = next;
        history.current = new History();
        setConfig(next);
        setErrors({});
        onConfigChange?.(next);
        if (wantPlay.current) send(w, { type: 'play', frameMs: FRAME_MS });
        setPlaying(wantPlay.current);
      }
      if (worker.current !== w) return;
      if (message.points !== undefined) history.current.points = message.points;
      history.current.add(message.snapshot);
      setSnapshot(message.snapshot);
      setMsPerUpdate(message.msPerUpdate);
      if (!message.playing && message.snapshot.divergedAt !== undefined) {
        wantPlay.current = false;
        setPlaying(false);
      }
    };
    w.onerror = (event) => {
      setErrors((e) => ({ ...e, run: `the training worker failed: ${event.message}` }));
      w.terminate();
    };
    send(w, { type: 'start', config: sessionConfig(next) });
  };

  // A new `config` prop (a story's scene) resets the playground to it.
  useEffect(() => {
    setFields(texts(merged));
    start(merged, autoplay);
  }, [merged]);
  useEffect(() => () => {
    worker.current?.terminate();
    pending.current?.terminate();
  }, []);

  const edit = (key: Key, value: string) => {
    setFields((f) => ({ ...f, [key]: value }));
    try {
      const parsed = parseField(key, value);
      setErrors((e) => ({ ...e, [key]: undefined, run: undefined }));
      if (parsed !== target.current[key]) start({ ...target.current, [key]: parsed }, wantPlay.current);
    } catch (e) {
      if (!(e instanceof ArgumentError)) throw e;
      setErrors((x) => ({ ...x, [key]: e.message }));
    }
  };

  const play = () => {
    wantPlay.current = true;
    send(worker.current, { type: 'play', frameMs: FRAME_MS });
    setPlaying(true);
  };
  const pause = () => {
    wantPlay.current = false;
    send(worker.current, { type: 'pause' });
    setPlaying(false);
  };
  const step = (n: number) => {
    wantPlay.current = false;
    send(worker.current, { type: 'step', n });
    setPlaying(false);
  };
  const reset = () => start(shown.current, false);

  // Pictures.
  const boundary = useRef<HTMLCanvasElement>(null);
  const curve = useRef<HTMLCanvasElement>(null);
  const actChart = useRef<HTMLCanvasElement>(null);
  const gradChart = useRef<HTMLCanvasElement>(null);
  const unitChart = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (snapshot === null) return;
    const h = history.current;
    if (boundary.current !== null) drawBoundary(boundary.current, snapshot.boundary, h.points ?? { inputs: new Float32Array(0), labels: new Int32Array(0) });
    if (curve.current !== null) {
      drawLineChart(curve.current, {
        x: h.update, xLabel: 'updates', yLabel: 'loss, error', yRange: [0, 1],
        series: [
          { label: 'training loss', colour: '#0072B2', y: h.loss },
          { label: 'test error', colour: '#D55E00', y: h.testError, dashed: true },
        ],
      });
    }
    const count = h.layers.length;
    /** One series per layer (the output layer's only where `output`), coloured by depth. */
    const perLayer = (pick: (l: number) => readonly number[], output: boolean) => h.layers.slice(0, output ? count : count - 1)
      .map((_, i) => ({ label: `layer ${i + 1}`, colour: layerColour(i + 1, count), y: pick(i) }));
    if (actChart.current !== null) drawLineChart(actChart.current, { x: h.update, xLabel: 'updates', yLabel: 'activation std', series: perLayer((i) => h.layers[i].actStd, false) });
    if (gradChart.current !== null) drawLineChart(gradChart.current, { x: h.update, xLabel: 'updates', yLabel: 'weight-gradient std', log: true, emptyText: 'every weight gradient is exactly 0', series: perLayer((i) => h.layers[i].gradStd, true) });
    if (unitChart.current !== null) drawLineChart(unitChart.current, { x: h.update, xLabel: 'updates', yLabel: 'distinct units', yRange: [0, config.width], series: perLayer((i) => h.units[i] ?? [], false) });
  }, [snapshot]);

  const copy = async () => {
    if (snapshot === null) return;
    await navigator.clipboard?.writeText(trainCommand(config, snapshot.update));
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };

  const field = (key: Key, label: string, control: JSX.Element, hint?: string) => (
    <div class={errors[key] === undefined ? 'pg-field' : 'pg-field pg-invalid'}>
      <label for={`pg-${key}`}>{label}</label>
      {control}
      {hint !== undefined && errors[key] === undefined ? <span class="pg-hint">{hint}</span> : null}
      {errors[key] !== undefined ? <span class="pg-error" role="alert">{errors[key]}</span> : null}
    </div>
  );
  const input = (key: Key, props: Readonly<Record<string, string | number>> = {}) => {
    const attrs = {
      id: `pg-${key}`, type: 'text', value: fields[key], 'aria-invalid': errors[key] !== undefined,
      onChange: (e: Event) => edit(key, (e.currentTarget as HTMLInputElement).value), ...props,
    };
    return <input {...(attrs as unknown as InputHTMLAttributes<HTMLInputElement>)} />;
  };
  const select = (key: Key, options: readonly string[]) => (
    <select id={`pg-${key}`} value={fields[key]} onChange={(e) => edit(key, e.currentTarget.value)}>
      {options.map((o) => <option key={o} value={o}>{o}</option>)}
    </select>
  );

  const units = snapshot?.distinctUnits ?? [];
  const symmetric = units.length > 0 && units.every((u) => u === 1) && config.width > 1;
  const lastLayer = snapshot?.layers.length ?? 0;

  return (
    <div class="pg">
      <form class="pg-controls" onSubmit={(e) => e.preventDefault()} aria-label="Playground settings">
        {field('data', 'Data set', select('data', TOY_SETS))}
        {field('depth', 'Hidden layers', input('depth', { type: 'number', min: 1, max: PLAYGROUND_MAX.depth }))}
        {field('width', 'Units per layer', input('width', { type: 'number', min: 1, max: PLAYGROUND_MAX.width }))}
        {field('activation', 'Activation', select('activation', ACTIVATION_NAMES))}
        {field('init', 'Weight initializer', <>{input('init', { list: 'pg-init-presets', spellcheck: 'false' })}<datalist id="pg-init-presets">{INIT_PRESETS.map((p) => <option key={p} value={p} />)}</datalist></>, 'any lab spec, e.g. normal(std=0.1)')}
        {field('lr', 'Learning rate', input('lr', { inputmode: 'decimal' }))}
        {field('batch', 'Batch', input('batch', { type: 'number', min: 1 }))}
        {field('seed', 'Seed', input('seed', { type: 'number', min: 0 }))}
      </form>
      <div class="pg-main">
        <div class="pg-buttons" role="group" aria-label="Training">
          {playing ? <button type="button" class="pg-primary" onClick={pause}>Pause</button> : <button type="button" class="pg-primary" onClick={play} disabled={snapshot?.divergedAt !== undefined}>Play</button>}
          <button type="button" onClick={() => step(1)}>Step</button>
          <button type="button" onClick={() => step(100)}>+100</button>
          <button type="button" onClick={reset}>Reset</button>
          <button type="button" onClick={copy} disabled={snapshot === null} title="The initlab train command that trains this network for as many updates">{copied ? 'Copied' : 'Copy CLI command'}</button>
        </div>
        {errors.run !== undefined ? <p class="pg-error" role="alert">{errors.run}</p> : null}
        <p class="pg-status" aria-live="polite">
          {snapshot === null ? 'Starting…' : (
            <>
              update <strong>{snapshot.update.toLocaleString('en')}</strong> · training loss <strong>{snapshot.loss.toFixed(4)}</strong> · test error <strong>{(100 * snapshot.testError).toFixed(1)}%</strong>
              {msPerUpdate !== null ? ` · ${msPerUpdate.toFixed(2)} ms per update` : ''}
              {snapshot.divergedAt !== undefined ? <strong class="pg-bad"> · diverged at update {snapshot.divergedAt} (the loss is not finite)</strong> : null}
            </>
          )}
        </p>
        <div class="pg-figures">
          <figure class="pg-figure">
            <canvas ref={boundary} class="pg-boundary" role="img" aria-label="Decision boundary: class probabilities over the plane, with the training points" />
            <figcaption>
              Decision boundary and training points ({config.data}):{' '}
              {CLASS_COLOURS.slice(0, snapshot?.boundary.classes ?? 2).map((c, i) => <span key={c} class="pg-swatch" style={{ background: c }} title={`class ${i}`} />)} colour = class, paler = less sure.
            </figcaption>
          </figure>
          <figure class="pg-figure">
            <canvas ref={curve} class="pg-chart" role="img" aria-label="Training loss and test error over the updates" />
            <figcaption><span class="pg-key" style={{ background: '#0072B2' }} /> training loss (mean over the last frame's batches) · <span class="pg-key pg-dashed" style={{ borderColor: '#D55E00' }} /> test error</figcaption>
          </figure>
          <figure class="pg-figure">
            <canvas ref={actChart} class="pg-chart" role="img" aria-label="Standard deviation of each layer's activations over training" />
            <figcaption>Activation std of each hidden layer, from <span style={{ color: layerColour(1, 2) }}>layer 1</span> to <span style={{ color: layerColour(2, 2) }}>the top</span></figcaption>
          </figure>
          <figure class="pg-figure">
            <canvas ref={gradChart} class="pg-chart" role="img" aria-label="Standard deviation of each layer's weight gradient over training, log scale" />
            <figcaption>Weight-gradient std of each layer, output included (log scale); a layer at exactly zero leaves the chart</figcaption>
          </figure>
          <figure class="pg-figure">
            <canvas ref={unitChart} class="pg-chart" role="img" aria-label="Distinct units of each hidden layer over training" />
            <figcaption>Distinct units of each hidden layer (units with the same weights and bias count once)</figcaption>
          </figure>
        </div>
        {snapshot === null ? null : (
          <div class="pg-table-wrap">
            <p class={symmetric ? 'pg-note pg-bad' : 'pg-note'}>
              Distinct units per hidden layer: {units.join(', ')} (of {config.width}).
              {symmetric ? ' Every unit of a layer is the same: the layer acts as one unit, and gradient descent cannot tell them apart.' : ''}
            </p>
            <table class="pg-table">
              <caption>Every layer now, measured on 200 test points</caption>
              <thead>
                <tr><th scope="col">layer</th><th scope="col">activation mean</th><th scope="col">activation std</th><th scope="col">weight-gradient std</th><th scope="col">distinct units</th></tr>
              </thead>
              <tbody>
                {snapshot.layers.map((l) => (
                  <tr key={l.layer}>
                    <th scope="row">{l.layer === lastLayer ? `${l.layer} (output)` : l.layer}</th>
                    <td>{l.actMean.toPrecision(3)}</td>
                    <td>{l.actStd.toPrecision(3)}</td>
                    <td>{l.weightGradStd.toPrecision(3)}</td>
                    <td>{l.layer === lastLayer ? '' : `${units[l.layer - 1]} / ${config.width}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
