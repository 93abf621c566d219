/**
 * The controls: one labelled field per `initlab propagate` option, each showing the message the
 * command line would give for its text. The weight initializer has a picker over the whole
 * catalog, grouped by framework namespace, beside its free-text spec.
 */
import type { ComponentChildren } from 'preact';
import { ACTIVATION_NAMES } from '../src/activations/index.js';
import { LOSSES } from '../src/lab/config.js';
import { entries } from '../src/catalog/registry.js';
import { DTYPES } from '../src/tensor.js';
import { PAGE_MAX_DEPTH, type FieldError, type Key, type State } from './state.js';

export interface ControlsProps {
  readonly state: State;
  readonly errors: readonly FieldError[];
  readonly onChange: (key: Key, value: string) => void;
}

/** The catalog's names by namespace, as the `--init` texts that name them (`torch:kaiming_uniform`). */
const CATALOG: readonly { framework: string; title: string; names: { spec: string; summary: string }[] }[] = (() => {
  const groups = new Map<string, { framework: string; title: string; names: { spec: string; summary: string }[] }>();
  for (const { namespace, definition } of entries()) {
    const fw = namespace.framework;
    if (!groups.has(fw)) groups.set(fw, { framework: fw, title: fw === 'initlab' ? 'initlab (framework-neutral)' : fw, names: [] });
    groups.get(fw)!.names.push({ spec: fw === 'initlab' ? definition.name : `${fw}:${definition.name}`, summary: definition.summary });
  }
  return [...groups.values()];
})();

const ACTIVATIONS_WITH_PARAM: Readonly<Record<string, string>> = { leaky_relu: 'negative slope (default 0.01)', elu: 'α (default 1)' };

function Field(props: { id: Key; label: string; hint?: string; error: string | undefined; children: ComponentChildren; wide?: boolean }) {
  const { id, label, hint, error, children, wide } = props;
  return (
    <div class={`field${wide === true ? ' wide' : ''}${error === undefined ? '' : ' invalid'}`}>
      <label for={`f-${id}`}>{label}</label>
      {children}
      {hint !== undefined && <small id={`h-${id}`} class="hint">{hint}</small>}
      {error !== undefined && <small id={`e-${id}`} class="error" role="alert" data-field={id}>{error}</small>}
    </div>
  );
}

export function Controls({ state, errors, onChange }: ControlsProps) {
  const errorOf = (k: Key) => errors.find((e) => e.key === k)?.message;
  const described = (k: Key, hint: boolean) => [hint ? `h-${k}` : '', errorOf(k) === undefined ? '' : `e-${k}`].filter(Boolean).join(' ') || undefined;
  const text = (k: Key, label: string, hint?: string, extra: Record<string, unknown> = {}) => (
    <Field id={k} label={label} hint={hint} error={errorOf(k)} wide={extra.wide === true}>
      <input
        id={`f-${k}`} name={k} type="text" value={state[k]} spellcheck={false} autocomplete="off"
        aria-invalid={errorOf(k) !== undefined} aria-describedby={described(k, hint !== undefined)}
        inputMode={extra.numeric === true ? 'numeric' : undefined}
        onInput={(e) => onChange(k, (e.currentTarget as HTMLInputElement).value)}
      />
    </Field>
  );
  const select = (k: Key, label: string, options: readonly string[], hint?: string) => (
    <Field id={k} label={label} hint={hint} error={errorOf(k)}>
      <select id={`f-${k}`} name={k} value={state[k]} aria-describedby={described(k, hint !== undefined)} onChange={(e) => onChange(k, (e.currentTarget as HTMLSelectElement).value)}>
        {!options.includes(state[k]) && <option value={state[k]}>{state[k]}</option>}
        {options.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
    </Field>
  );
  const check = (k: Key, label: string, hint: string) => (
    <div class="field check">
      <input id={`f-${k}`} name={k} type="checkbox" checked={state[k] === '1' || state[k] === 'true'} aria-describedby={`h-${k}`}
        onChange={(e) => onChange(k, (e.currentTarget as HTMLInputElement).checked ? '1' : '0')} />
      <label for={`f-${k}`}>{label}</label>
      <small id={`h-${k}`} class="hint">{hint}</small>
      {errorOf(k) !== undefined && <small class="error" role="alert" data-field={k}>{errorOf(k)}</small>}
    </div>
  );
  const picked = CATALOG.some((g) => g.names.some((n) => n.spec === state.init)) ? state.init : '';
  return (
    <form class="controls" onSubmit={(e) => e.preventDefault()} aria-label="Network and run settings">
      <fieldset>
        <legend>Network</legend>
        <Field id="depth" label="Depth (layers)" hint={`1 to ${PAGE_MAX_DEPTH}`} error={errorOf('depth')}>
          <div class="range-pair">
            <input type="range" min={1} max={PAGE_MAX_DEPTH} value={Number(state.depth) || 1} aria-label="Depth slider" tabIndex={-1}
              onInput={(e) => onChange('depth', (e.currentTarget as HTMLInputElement).value)} />
            <input id="f-depth" name="depth" type="text" inputMode="numeric" value={state.depth} aria-invalid={errorOf('depth') !== undefined}
              aria-describedby={described('depth', true)} onInput={(e) => onChange('depth', (e.currentTarget as HTMLInputElement).value)} />
          </div>
        </Field>
        {text('width', 'Width (units)', 'one number, or one per layer: 784,256,10', { numeric: true })}
        {text('input-size', 'Input features', 'empty: the first width', { numeric: true })}
        {select('activation', 'Activation φ', ACTIVATION_NAMES)}
        {text('param', 'Activation parameter', ACTIVATIONS_WITH_PARAM[state.activation] ?? 'leaky_relu slope or elu α; empty for the default')}
      </fieldset>
      <fieldset>
        <legend>Initialization</legend>
        <Field id="init" label="Weight initializer (spec)" hint='any spec: "normal(std=1)", he_uniform, keras:glorot_uniform, lsuv' error={errorOf('init')} wide>
          <input id="f-init" name="init" type="text" value={state.init} spellcheck={false} autocomplete="off" aria-invalid={errorOf('init') !== undefined}
            aria-describedby={described('init', true)} onInput={(e) => onChange('init', (e.currentTarget as HTMLInputElement).value)} />
        </Field>
        <div class="field wide">
          <label for="f-catalog">…or pick from the catalog</label>
          <select id="f-catalog" value={picked} onChange={(e) => {
            const v = (e.currentTarget as HTMLSelectElement).value;
            if (v !== '') onChange('init', v);
          }}>
            <option value="">(choose an initializer)</option>
            {CATALOG.map((g) => (
              <optgroup key={g.framework} label={g.title}>
                {g.names.map((n) => <option key={n.spec} value={n.spec} title={n.summary}>{n.spec}</option>)}
              </optgroup>
            ))}
          </select>
        </div>
        {text('bias', 'Bias initializer', 'default zeros; e.g. "normal(std=0.1)"')}
        {text('input', 'Input law', 'default normal = N(0, 1); e.g. "uniform(low=-1, high=1)"')}
      </fieldset>
      <fieldset>
        <legend>Run</legend>
        {text('batch', 'Batch (examples)', undefined, { numeric: true })}
        {text('seed', 'Seed', undefined, { numeric: true })}
        {text('seeds', 'Seeds (networks)', 'several: medians and 10-90% bands', { numeric: true })}
        {select('dtype', 'Data type', DTYPES)}
        {check('backward', 'Backward pass', 'back-propagate a gradient from the top')}
        {select('loss', 'Loss at the top', LOSSES, 'none: a N(0, 1) gradient; a loss turns the backward pass on')}
      </fieldset>
      <details class="more">
        <summary>More options</summary>
        {check('weight-grad', 'Weight-gradient statistics', 'one more product per layer')}
        {text('jacobian', 'Jacobian examples', "mean singular value of each layer's Jacobian (0: off)", { numeric: true })}
        {text('bins', 'Histogram bins', undefined, { numeric: true })}
        {text('memory-limit', 'Memory limit', 'bytes a run may hold, e.g. 512MB or 2GiB')}
      </details>
    </form>
  );
}
