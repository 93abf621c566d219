/** "Did you mean" suggestions for unknown names, by Damerau-free Levenshtein distance. */

/** Edit distance between two strings (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost));
    }
    prev = row;
  }
  return prev[t.length];
}

/**
 * The candidates closest to `name` (at most `limit`), if any is within a third of its length.
 * Separators (`_`, `-`) and case are ignored so `he_normal` finds `heNormal`.
 */
export function suggest(name: string, candidates: readonly string[], limit = 3): string[] {
  const norm = (x: string) => x.replace(/[_\-\s]/g, '').toLowerCase();
  const target = norm(name);
  const scored = candidates
    .map((c) => ({ c, d: editDistance(target, norm(c)) }))
    .filter(({ c, d }) => d <= Math.max(2, Math.ceil(norm(c).length / 3)))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c));
  return scored.slice(0, limit).map(({ c }) => c);
}
