/**
 * One self-contained HTML document from blocks: headings, paragraphs (HTML, formulas included as
 * MathML from ./math.ts), tables as HTML tables, and charts rendered from Vega-Lite specs to inline
 * SVG (./svg.ts). No script, no network, no Node: the page builds the same document in the
 * browser for "Download report". A view that states a fact instead of a chart (./views) becomes
 * a sentence. The layout follows the width of the window, down to a phone's.
 */
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './svg.js';
import { factOf } from './views/common.js';

/** A table: header cells, rows of cells (text), an optional caption and a note under it. */
export interface Table {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly caption?: string;
  readonly note?: string;
}

export type Block =
  | { readonly kind: 'h2' | 'h3'; readonly text: string; readonly id?: string }
  /** Trusted HTML: build it with {@link escape} and ./math.ts. */
  | { readonly kind: 'html'; readonly html: string }
  | { readonly kind: 'chart'; readonly spec: TopLevelSpec }
  | { readonly kind: 'table'; readonly table: Table };

/** Text made safe for HTML. */
export function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A paragraph block of trusted HTML. */
export const para = (html: string): Block => ({ kind: 'html', html: `<p>${html}</p>` });

/** Cells that read as numbers are right-aligned. */
const NUMERIC = /^[-+−]?(\d|inf|NaN|×)|^-$|%$/;

export function htmlTable(t: Table): string {
  const head = t.head.map((h) => `<th>${escape(h)}</th>`).join('');
  const rows = t.rows.map((r) => `<tr>${r.map((c, i) => `<td${i > 0 && NUMERIC.test(c) ? ' class="n"' : ''}>${escape(c)}</td>`).join('')}</tr>`).join('\n');
  return `<div class="table"><table>${t.caption === undefined ? '' : `<caption>${escape(t.caption)}</caption>`}<thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div>`
    + (t.note === undefined ? '' : `<p class="note">${escape(t.note)}</p>`);
}

/**
 * The SVG's element ids (Vega names its clip paths clip1, clip2, ... in every chart) prefixed with
 * the figure's number, so that charts inlined in one document do not borrow each other's clips.
 */
function uniqueIds(svg: string, figure: number): string {
  return svg.replace(/\bid="([^"]+)"/g, `id="f${figure}-$1"`).replace(/url\(#([^)]+)\)/g, `url(#f${figure}-$1)`);
}

async function chartHtml(spec: TopLevelSpec, figure: number): Promise<string> {
  const fact = factOf(spec);
  if (fact !== undefined) {
    const title = typeof spec.title === 'string' ? spec.title : (spec.title as { text?: string } | undefined)?.text ?? '';
    return `<p class="fact"><strong>${escape(String(title))}</strong>: ${escape(fact)}.</p>`;
  }
  return `<figure>${uniqueIds(await renderSvg(spec), figure)}</figure>`;
}

const STYLE = `body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;padding:1.2em;max-width:1100px;color:#1f2328}
h1{font-size:1.6em;margin:.3em 0}h2{font-size:1.3em;margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}h3{font-size:1.1em;margin-top:1.5em}
p{max-width:46em}p.lead{font-size:1.05em}p.note{font-size:.85em;color:#555;margin-top:.3em}p.fact{background:#f6f8fa;border-left:3px solid #888;padding:.5em .8em}
figure{margin:1em 0;overflow-x:auto}figure svg{max-width:100%;height:auto}
.table{overflow-x:auto;margin:.8em 0}table{border-collapse:collapse;font-size:13px;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.3em 0}th,td{padding:.25em .6em;border-bottom:1px solid #e5e5e5;text-align:left;white-space:nowrap}
th{background:#f6f8fa;position:sticky;top:0}td.n{text-align:right}
math{font-size:1.05em}math[display=block]{margin:.6em 0;overflow-x:auto;max-width:100%}
.formulas{background:#fafbfc;border:1px solid #eee;padding:.3em 1em;margin:1em 0}
@media (max-width:600px){body{padding:.6em;font-size:14px}h1{font-size:1.3em}figure svg{max-width:160vw}}`;

/** The HTML document of the blocks. */
export async function htmlDocument(title: string, blocks: readonly Block[]): Promise<string> {
  const body: string[] = [];
  let figure = 0;
  for (const b of blocks) {
    if (b.kind === 'h2' || b.kind === 'h3') body.push(`<${b.kind}${b.id === undefined ? '' : ` id="${escape(b.id)}"`}>${escape(b.text)}</${b.kind}>`);
    else if (b.kind === 'html') body.push(b.html);
    else if (b.kind === 'table') body.push(htmlTable(b.table));
    else if (b.kind === 'chart') body.push(await chartHtml(b.spec, ++figure));
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head><body>
<h1>${escape(title)}</h1>
${body.join('\n')}
<p class="note">Written by initlab. Charts drawn with Vega-Lite as inline SVG, formulas with KaTeX as MathML; the file needs no network.</p>
</body></html>
`;
}
