/**
 * Gauss-Legendre quadrature on [-1, 1]: nodes are the roots of the Legendre polynomial P_n, found
 * by Newton's method from the Tricomi initial guesses, weights 2 / ((1 - x²) P_n'(x)²)
 * (Golub & Welsch 1969 give the same rule). Exact for polynomials of degree <= 2n - 1.
 */
export interface Rule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

const cache = new Map<number, Rule>();

export function gaussLegendre(n: number): Rule {
  const hit = cache.get(n);
  if (hit) return hit;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      // P_n'(x) from P_n and P_{n-1}.
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}
