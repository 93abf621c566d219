/**
 * `initlab theory`: the mean-field quantities of a configuration (φ, σ_w², σ_b²) without running
 * a network: q*, χ₁, c*, χ_c, ξ_q, ξ_c, the verdict, and the critical σ_w² at this σ_b²;
 * `--report` adds the phase diagram.
 *
 * Example: `initlab theory --activation tanh --sigma-w2 1.5 --sigma-b2 0.05 --json`.
 */
import type { Command } from 'commander';
import { ACTIVATION_NAMES, activation } from '../../activations/index.js';
import { criticalSigmaW2 } from '../../lab/theory/critical.js';
import { meanField } from '../../lab/theory/summary.js';
import { renderTheoryText, theoryHtml, theoryJson, type TheoryResult } from '../../report/theory.js';
import { nonNegative } from '../../validate.js';
import { number, text } from '../args.js';
import { writeHtml } from '../../report/html.js';
import { print, printJson, type Io } from '../output.js';

interface TheoryOptions {
  activation?: string;
  param?: number;
  sigmaW2?: number;
  sigmaB2?: number;
  json?: boolean;
  report?: string;
}

export function theory(name: string, param: number | undefined, sigmaW2: number, sigmaB2: number): TheoryResult {
  nonNegative('--sigma-w2', sigmaW2);
  nonNegative('--sigma-b2', sigmaB2);
  const phi = activation(name, param);
  return { activation: phi.name, ...(phi.param === undefined ? {} : { param: phi.param }), ...meanField(phi, sigmaW2, sigmaB2), criticalSigmaW2: criticalSigmaW2(phi, sigmaB2) };
}

export function theoryCommand(program: Command, io: Io): void {
  program
    .command('theory')
    .summary('mean-field theory of a configuration: q*, χ₁, c*, depth scales, the edge of chaos')
    .description('Mean-field signal propagation (Poole et al. 2016, Schoenholz et al. 2017) for W ~ (0, σw²/n), b ~ (0, σb²), by numerical integration; no network is run.')
    .option('--activation <name>', `${ACTIVATION_NAMES.join(', ')} (default tanh)`, text('--activation'))
    .option('--param <x>', 'activation parameter: leaky_relu slope, elu alpha', number('--param'))
    .option('--sigma-w2 <x>', 'σw² = n·Var(W) (default 1)', number('--sigma-w2'))
    .option('--sigma-b2 <x>', 'σb² = Var(b) (default 0)', number('--sigma-b2'))
    .option('--json', 'print one JSON object (qStar, chi1, cStar, chiC, xiQ, xiC, verdict, criticalSigmaW2; infinite depth scales are null)')
    .option('--report <file.html>', 'write an HTML page with the phase diagram', text('--report'))
    .action(async (options: TheoryOptions) => {
      const name = options.activation ?? 'tanh';
      const t = theory(name, options.param, options.sigmaW2 ?? 1, options.sigmaB2 ?? 0);
      if (options.report !== undefined) {
        const html = await theoryHtml(t, activation(name, options.param));
        writeHtml(options.report, html);
      }
      if (options.json === true) printJson(io, theoryJson(t));
      else print(io, [...renderTheoryText(t), ...(options.report === undefined ? [] : ['', `report: ${options.report}`])]);
    });
}
