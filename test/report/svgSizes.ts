/** The width, height and viewBox of every <svg> element in an HTML or SVG text. */
export function svgSizes(html: string): { width: number; height: number; viewBox: number[] }[] {
  return [...html.matchAll(/<svg\b[^>]*>/g)].map(([tag]) => {
    const attr = (name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
    return { width: Number(attr('width')), height: Number(attr('height')), viewBox: (attr('viewBox') ?? '').split(/[\s,]+/).map(Number) };
  });
}

/** Every svg has a finite, positive size under `max` px and a viewBox of four finite numbers within it. */
export function saneSizes(html: string, max = 4000): string[] {
  const problems: string[] = [];
  svgSizes(html).forEach((s, i) => {
    const ok = (v: number) => Number.isFinite(v) && v > 0 && v < max;
    if (!ok(s.width) || !ok(s.height)) problems.push(`svg ${i}: ${s.width} x ${s.height}`);
    if (s.viewBox.length !== 4 || !s.viewBox.every((v) => Number.isFinite(v) && Math.abs(v) < max)) problems.push(`svg ${i}: viewBox ${s.viewBox.join(' ')}`);
  });
  return problems;
}
