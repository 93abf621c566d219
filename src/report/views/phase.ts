/**
 * The mean-field phase diagram over (σ_w², σ_b²) (Poole et al. 2016 Fig. 2; Schoenholz et al.
 * 2017 Fig. 1): the correlation depth scale ξ_c as a heat map (how many layers a network can pass
 * information through; it diverges on the critical line), the order-to-chaos line χ₁ = 1, and the
 * current initializations as points. The cells come from ../../lab/theory/phase.ts.
 *
 * Every cell and point carries `sigmaW2` and `sigmaB2`; the selection parameter `pick` holds them
 * for the clicked cell, and the Vega scales `x` (σ_w²) and `y` (σ_b²) invert a pixel position, so
 * the page can turn a click into a normal initialization with those values.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { PhaseDiagram } from '../../lab/theory/phase.js';
import { CONFIG, SCHEMA, type ViewSize } from './common.js';

export interface PhasePointLabel {
  readonly sigmaW2: number;
  readonly sigmaB2: number;
  readonly label: string;
}

export interface PhaseViewOptions extends ViewSize {
  /** Initializations to mark (the current one, an experiment's grid). */
  readonly points?: readonly PhasePointLabel[];
}

const centroid = (cells: PhaseDiagram['cells']) => ({
  sigmaW2: cells.reduce((a, c) => a + c.sigmaW2, 0) / cells.length,
  sigmaB2: cells.reduce((a, c) => a + c.sigmaB2, 0) / cells.length,
});

/** The heat map of ξ_c with the critical line (white) and the points (vermillion). */
export function phaseView(diagram: PhaseDiagram, options: PhaseViewOptions = {}): TopLevelSpec {
  const { width = 520, height = 300, points = [] } = options;
  const title = options.title ?? `Phase diagram: depth scale ξ_c (capped at ${diagram.cap}), critical line χ₁ = 1 in white`;
  const x = { field: 'sigmaW2', type: 'quantitative' as const, title: 'σw² (weight variance × fan-in)' };
  const y = { field: 'sigmaB2', type: 'quantitative' as const, title: 'σb² (bias variance)' };
  const cells = diagram.cells;
  const w: [number, number] = [Math.min(...cells.map((c) => c.w0)), Math.max(...cells.map((c) => c.w1))];
  const b: [number, number] = [Math.min(...cells.map((c) => c.b0)), Math.max(...cells.map((c) => c.b1))];
  const scaleX = { domain: w, nice: false, zero: false };
  const scaleY = { domain: b, nice: false, zero: false };
  const regions = (['ordered', 'chaotic'] as const).flatMap((verdict) => {
    const mine = cells.filter((c) => c.verdict === verdict);
    return mine.length < 4 ? [] : [{ ...centroid(mine), text: verdict === 'ordered' ? 'ordered (χ₁ < 1)' : 'chaotic (χ₁ > 1)' }];
  });
  return {
    $schema: SCHEMA,
    title,
    width,
    height,
    config: CONFIG,
    layer: [
      {
        data: { values: cells },
        params: [{ name: 'pick', select: { type: 'point', on: 'click', fields: ['sigmaW2', 'sigmaB2'] } }],
        mark: { type: 'rect' },
        encoding: {
          x: { ...x, field: 'w0', scale: scaleX },
          x2: { field: 'w1' },
          y: { ...y, field: 'b0', scale: scaleY },
          y2: { field: 'b1' },
          color: { field: 'value', type: 'quantitative', title: 'ξ_c (layers)', scale: { scheme: 'viridis', domainMin: 0 } },
          tooltip: [
            { field: 'sigmaW2', type: 'quantitative', format: '.3f', title: 'σw²' },
            { field: 'sigmaB2', type: 'quantitative', format: '.3f', title: 'σb²' },
            { field: 'value', type: 'quantitative', format: '.1f', title: 'ξ_c' },
            { field: 'chi1', type: 'quantitative', format: '.3f', title: 'χ₁' },
            { field: 'verdict', type: 'nominal' },
          ],
        },
      },
      {
        data: { values: regions },
        mark: { type: 'text', color: 'white', fontSize: 13, fontWeight: 'bold' },
        encoding: { x: { ...x, scale: scaleX }, y: { ...y, scale: scaleY }, text: { field: 'text', type: 'nominal' } },
      },
      {
        data: { values: diagram.line },
        mark: { type: 'line', color: 'white', strokeWidth: 2.5, clip: true },
        encoding: { x: { ...x, scale: scaleX }, y: { ...y, scale: scaleY }, order: { field: 'sigmaB2', type: 'quantitative' } },
      },
      ...(points.length > 0 ? [{
        data: { values: points as PhasePointLabel[] },
        mark: { type: 'point' as const, color: '#D55E00', filled: true, size: 80, stroke: 'white', strokeWidth: 1, opacity: 1, clip: true },
        encoding: {
          x: { ...x, scale: scaleX }, y: { ...y, scale: scaleY },
          tooltip: [{ field: 'label', type: 'nominal' as const }, { field: 'sigmaW2', type: 'quantitative' as const, title: 'σw²' }, { field: 'sigmaB2', type: 'quantitative' as const, title: 'σb²' }],
        },
      }] : []),
    ],
  } as TopLevelSpec;
}
