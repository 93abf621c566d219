/**
 * One Vega-Lite view on the page: compiled with vega-lite, drawn by a Vega View as SVG, with
 * buttons that save it as SVG and PNG (the View's own `toSVG` and `toImageURL`). A click on a
 * mark hands its datum to `onPick` (the phase diagram uses it).
 */
import { useEffect, useRef } from 'preact/hooks';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { download } from './download.js';

export interface ChartProps {
  readonly spec: TopLevelSpec;
  /** File name of the exports, without extension. */
  readonly name: string;
  /** What the chart shows, for screen readers. */
  readonly label: string;
  readonly onPick?: (datum: Record<string, unknown>) => void;
}

export function Chart({ spec, name, label, onPick }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<View | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    const el = host.current!;
    const v = new View(parse(compile(spec).spec), { renderer: 'svg', container: el, hover: true });
    v.addEventListener('click', (_event, item) => {
      const datum = (item as { datum?: Record<string, unknown> } | null | undefined)?.datum;
      if (datum !== undefined && pick.current !== undefined) pick.current(datum);
    });
    view.current = v;
    void v.runAsync().then(() => {
      const svg = el.querySelector('svg');
      svg?.setAttribute('role', 'img');
      svg?.setAttribute('aria-label', label);
    });
    return () => {
      v.finalize();
      if (view.current === v) view.current = null;
      el.replaceChildren();
    };
  }, [spec]);
  const save = async (kind: 'svg' | 'png') => {
    const v = view.current;
    if (v === null) return;
    const url = kind === 'svg' ? URL.createObjectURL(new Blob([await v.toSVG()], { type: 'image/svg+xml' })) : await v.toImageURL('png', 2);
    download(url, `${name}.${kind}`);
  };
  return (
    <figure class="chart">
      <div ref={host} class={onPick === undefined ? 'chart-view' : 'chart-view clickable'} />
      <figcaption class="chart-tools">
        <button type="button" class="small" onClick={() => void save('svg')} aria-label={`Save “${label}” as SVG`}>SVG</button>
        <button type="button" class="small" onClick={() => void save('png')} aria-label={`Save “${label}” as PNG`}>PNG</button>
      </figcaption>
    </figure>
  );
}
