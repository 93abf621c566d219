import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { histogram } from '../../src/stats/histogram.js';

describe('histogram', () => {
  it('closes the last bin on the right, like numpy.histogram', () => {
    expect(histogram([0, 1, 1, 2], { bins: 2 })).toEqual({ edges: [0, 1, 2], counts: [1, 3], underflow: 0, overflow: 0, nonFinite: 0 });
  });

  it('matches numpy.histogram with and without a range', () => {
    const data = [-1.2, -0.3, 0, 0.1, 0.5, 0.5, 0.99, 1.0, 1.5, 2.4999, 2.5, 3.0, 0.7, 1.75];
    const ranged = histogram(data, { bins: 7, range: [-1, 2.5] });
    expect(ranged.counts).toEqual([0, 1, 2, 4, 1, 2, 2]);
    expect(ranged.edges).toEqual([-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5]);
    expect([ranged.underflow, ranged.overflow, ranged.nonFinite]).toEqual([1, 1, 0]);
    const auto = histogram(data, { bins: 5 });
    expect(auto.counts).toEqual([1, 3, 5, 2, 3]);
    expect(auto.edges).toEqual([-1.2, -0.3599999999999999, 0.4800000000000002, 1.3200000000000005, 2.16, 3.0]);
  });

  it('counts values outside the range and non-finite values apart', () => {
    const h = histogram(new Float64Array([-1, 0, 0.5, 1, 2, NaN, Infinity, -Infinity]), { bins: 4, range: [0, 1] });
    expect(h).toEqual({ edges: [0, 0.25, 0.5, 0.75, 1], counts: [1, 0, 1, 1], underflow: 1, overflow: 1, nonFinite: 3 });
  });

  it('defaults to 50 bins over the finite min and max', () => {
    const h = histogram([NaN, 3, -2, 0.5]);
    expect(h.edges).toHaveLength(51);
    expect(h.edges[0]).toBe(-2);
    expect(h.edges[50]).toBe(3);
    expect(h.counts.reduce((a, b) => a + b)).toBe(3);
    expect(h.nonFinite).toBe(1);
  });

  it('widens a degenerate range by 0.5 and uses [0, 1] with no finite value, as NumPy', () => {
    expect(histogram([5, 5, 5], { bins: 1 })).toEqual({ edges: [4.5, 5.5], counts: [3], underflow: 0, overflow: 0, nonFinite: 0 });
    expect(histogram([NaN], { bins: 2 })).toEqual({ edges: [0, 0.5, 1], counts: [0, 0], underflow: 0, overflow: 0, nonFinite: 1 });
    expect(histogram([], { bins: 2 }).counts).toEqual([0, 0]);
  });

  it('puts every value in the bin its edges say (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e3, max: 1e3 }), fc.constantFrom(0.1, 0.3, 0.7)), { maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        fc.option(fc.tuple(fc.double({ min: -5, max: 0, noNaN: true }), fc.double({ min: 0.001, max: 5, noNaN: true }))),
        (data, bins, range) => {
          const h = histogram(data, range === null ? { bins } : { bins, range });
          const { edges } = h;
          const expected = new Array<number>(bins).fill(0);
          let under = 0;
          let over = 0;
          let bad = 0;
          for (const x of data) {
            if (!Number.isFinite(x)) bad++;
            else if (x < edges[0]) under++;
            else if (x > edges[bins]) over++;
            else {
              let b = 0;
              while (b < bins - 1 && x >= edges[b + 1]) b++;
              expected[b]++;
            }
          }
          expect(h).toEqual({ edges, counts: expected, underflow: under, overflow: over, nonFinite: bad });
          for (let i = 1; i <= bins; i++) expect(edges[i]).toBeGreaterThan(edges[i - 1]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects bad options', () => {
    expect(() => histogram([1], { bins: 0 })).toThrow('bins=0, expected an integer in [1, 100000000]');
    expect(() => histogram([1], { range: [1, 1] })).toThrow('range=[1,1], expected lo < hi');
    expect(() => histogram([1], { range: [0, NaN] })).toThrow('range[1]=NaN, expected a finite number');
    expect(() => histogram([1], { range: [0] as unknown as [number, number] })).toThrow('range=[0], expected a pair [lo, hi]');
    expect(() => histogram(null as unknown as number[])).toThrow('data=null');
    expect(() => histogram([-Number.MAX_VALUE, Number.MAX_VALUE])).toThrow('pass options.range');
  });
});
