// `npm run build:web`: bundles the explorer (web/) with esbuild into dist/web: index.html,
// app.js and app.css (the page), worker.js (the lab, in a Web Worker), phase-worker.js (the phase
// diagram's theory) and playground-worker.js (the training playground). Formulas are KaTeX's
// MathML, which needs no fonts. Everything the page loads comes from its own origin.
// `buildWeb({ outdir })` is also what the page's tests call to build into a scratch folder.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

/** What only Node has: its built-in modules (`fs`, `node:fs`, `fs/promises`) and commander. */
const serverOnly = new Set(['commander', ...builtinModules]);

/**
 * Node's built-in modules and commander have no place in the page: the modules the page shares
 * with the command line (src/cli/args.ts, src/cli/size.ts, src/cli/propagateConfig.ts) import
 * neither. This plugin fails the build if one ever reaches the bundle, naming the file that
 * imports it and saying why. (esbuild's `platform: 'browser'` alone refuses them too, but only as
 * `Could not resolve "node:fs"`, and for commander it names commander's own files, not ours.)
 */
export const browserOnly = {
  name: 'browser-only',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (!args.path.startsWith('node:') && !serverOnly.has(name) && !serverOnly.has(name.split('/')[0])) return undefined;
      return { errors: [{ text: `${args.path} is for Node, not the browser: ${relative(root, args.importer)} imports it, and the page bundles that file (move what the page needs into a module that imports no Node built-in or commander)` }] };
    });
  },
};

/** Bundles web/ into `outdir` (default dist/web); returns the files written. */
export async function buildWeb({ outdir = join(root, 'dist', 'web'), minify = true } = {}) {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: {
      app: join(root, 'web', 'main.tsx'),
      worker: join(root, 'web', 'worker.ts'),
      'phase-worker': join(root, 'web', 'phaseWorker.ts'),
      'playground-worker': join(root, 'web', 'playground', 'worker.ts'),
    },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome114', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify,
    sourcemap: false,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [browserOnly],
    logLevel: 'warning',
    metafile: true,
  });
  const html = await readFile(join(root, 'web', 'index.html'), 'utf8');
  await writeFile(join(outdir, 'index.html'), html);
  return Object.keys(result.metafile.outputs).concat(join(outdir, 'index.html'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = await buildWeb();
  console.log(`build:web: ${files.length} files in dist/web`);
}
