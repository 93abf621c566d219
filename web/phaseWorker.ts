/**
 * The phase diagram's theory off the page's thread: ξ_c on a grid of (σ_w², σ_b²) and the critical
 * line for one activation (../src/lab/theory/phase.ts), which takes seconds.
 */
import { activation } from '../src/activations/index.js';
import { phaseDiagram, type PhaseDiagram } from '../src/lab/theory/phase.js';

export interface PhaseRequest {
  readonly activation: string;
  readonly param?: number;
}

/** The window the page draws: around the critical points of the usual activations (tanh 1, ReLU 2). */
const WINDOW = { sigmaW2: [0.25, 4], sigmaB2: [0, 0.5], nw: 24, nb: 12 } as const;

const scope = self as unknown as {
  postMessage(message: PhaseDiagram): void;
  onmessage: ((event: MessageEvent<PhaseRequest>) => void) | null;
};

scope.onmessage = ({ data }) => scope.postMessage(phaseDiagram(activation(data.activation, data.param), WINDOW));
