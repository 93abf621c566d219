import { describe, expect, it } from 'vitest';
import { propagate } from '../../src/lab/propagate.js';
import { seedSpread } from '../../src/report/spread.js';

const relu = (init: string, extra: Record<string, unknown> = {}, seeds = 1) =>
  propagate({ depth: 20, width: 64, batch: 8, activation: 'relu', init, ...extra }, { seeds });

describe('the spread of one seed of a deep ReLU net', () => {
  it('one seed: the log-normal 10-90% range with Var[ln] = 5·Σ1/n (Hanin & Nica 2019)', () => {
    const fiveBeta = (5 * 20) / 64;
    const f = (z: number) => Math.round(100 * (Math.exp(-fiveBeta / 2 + z * Math.sqrt(fiveBeta)) - 1));
    expect(seedSpread(relu('he_normal'))).toEqual({ text: `${f(-1.2815515655446004)}% to +${f(1.2815515655446004)}%`, measured: false });
    // The seeds' network, 100 layers of 512: -83% to +118%.
    const seeds = relu('he_normal', { depth: 100, width: 512, batch: 2 });
    expect(seedSpread(seeds)?.text).toBe('-83% to +118%');
  });
  it('ReLU without bias scales with the weights: Glorot gets the same range; tanh and blow-ups get none', () => {
    expect(seedSpread(relu('glorot_normal'))?.text).toBe(seedSpread(relu('he_normal'))?.text);
    expect(seedSpread(relu('glorot_normal', { activation: 'tanh' }))).toBeNull();
    expect(seedSpread(relu('normal(std=1)', { depth: 40, width: 512 }))).toBeNull();
  });
  it('several seeds: the measured band around the theory', () => {
    const s = seedSpread(relu('he_normal', {}, 4));
    expect(s?.measured).toBe(true);
    expect(s?.text).toMatch(/^[-+]\d+% to [-+]\d+% \(4 seeds\)$/);
  });
});
