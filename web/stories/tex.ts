/**
 * Formulas as MathML by KaTeX (`output: 'mathml'`): the browser typesets them itself, so the page
 * needs neither KaTeX's stylesheet nor its fonts.
 */
import katex from 'katex';

/** The MathML markup of a TeX formula, display style; a TeX error throws (the scenes are tested). */
export function renderTex(tex: string): string {
  return katex.renderToString(tex, { output: 'mathml', displayMode: true, throwOnError: true });
}
