/**
 * Colours for runs: colour-blind-safe hues (Okabe & Ito 2008, "Color Universal Design"), one hue
 * per family of initializers (Glorot, He, LeCun, orthogonal, plain fixed-scale laws, constants),
 * and within a family a darker and a lighter shade of that hue, so that related runs read as
 * related and every run still has its own colour.
 */

/** The family of an initializer spec (a string like `glorot_normal` or `normal(std=1)`, or an object). */
export function initFamily(init: unknown): string {
  const name = (typeof init === 'string' ? init : typeof init === 'object' && init !== null && 'name' in init ? String((init as { name: unknown }).name) : '')
    .toLowerCase().replace(/^[a-z]+:/, '');
  if (/glorot|xavier/.test(name)) return 'Glorot';
  if (/^he|kaiming/.test(name)) return 'He';
  if (/lecun/.test(name)) return 'LeCun';
  if (/orthogonal|identity|delta/.test(name)) return 'orthogonal';
  if (/lsuv/.test(name)) return 'LSUV';
  if (/zeros|ones|constant/.test(name)) return 'constant';
  return 'fixed scale';
}

/** Okabe-Ito hues, each with a darker and a lighter shade (shades checked for contrast on white). */
const HUES: readonly (readonly string[])[] = [
  ['#0072B2', '#56B4E9', '#004C7A'], // blue, sky blue
  ['#D55E00', '#E69F00', '#8F3F00'], // vermillion, orange
  ['#009E73', '#5CC9A7', '#006B4E'], // bluish green
  ['#CC79A7', '#8E4478', '#E3A9C9'], // reddish purple
  ['#000000', '#6E6E6E', '#ABABAB'], // black, greys
  ['#B89B00', '#7A6700', '#D9C75A'], // a darkened Okabe-Ito yellow (the original is unreadable as a line on white)
];

/** Fixed hue per well-known family, so Glorot is blue and He vermillion in every chart. */
const FAMILY_HUE: Readonly<Record<string, number>> = { Glorot: 0, He: 1, 'fixed scale': 3, constant: 4, LeCun: 2, orthogonal: 5, LSUV: 2 };

/**
 * One colour per run, runs given by their family: a family takes its own hue when no other family
 * holds it (else the next free hue), and its runs take that hue's shades in order; a fourth run of
 * a family, or a seventh family, starts on the next free hue (any hue once all are taken).
 */
export function runColours(families: readonly string[]): string[] {
  const taken = new Map<number, string>();
  const shadesUsed = new Map<number, number>();
  const current = new Map<string, number>();
  const freeHue = (from: number) => {
    for (let k = 0; k < HUES.length; k++) if (!taken.has((from + k) % HUES.length)) return (from + k) % HUES.length;
    return from % HUES.length;
  };
  return families.map((family) => {
    let hue = current.get(family);
    if (hue === undefined || (shadesUsed.get(hue) ?? 0) >= HUES[hue].length) {
      const preferred = FAMILY_HUE[family] ?? 0;
      hue = hue === undefined && !taken.has(preferred) ? preferred : freeHue(hue === undefined ? preferred : hue + 1);
      taken.set(hue, family);
      current.set(family, hue);
    }
    const shade = shadesUsed.get(hue) ?? 0;
    shadesUsed.set(hue, shade + 1);
    return HUES[hue][shade % HUES[hue].length];
  });
}
