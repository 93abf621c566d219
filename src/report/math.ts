/**
 * Formulas in the reports: TeX rendered by KaTeX to MathML, which browsers draw natively, so a
 * report needs neither KaTeX's CSS nor its fonts and stays one self-contained file.
 */
import katex from 'katex';

/** The MathML of a TeX formula (inline, or a display block). */
export function tex(source: string, display = false): string {
  return katex.renderToString(source, { output: 'mathml', displayMode: display, throwOnError: true });
}
