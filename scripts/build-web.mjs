// `npm run build:web`: bundles the explorer (web/) with esbuild into dist/web: index.html,
// app.js and app.css (the page), worker.js (the lab, in a Web Worker), phase-worker.js (the phase
// diagram's theory) and playground-worker.js (the training playground). Formulas are KaTeX's
// MathML, which needs no fonts. Everything the page loads comes from its own origin.
// `buildWeb({ outdir })` is also what the page's tests call to build into a scratch folder.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

/**
 * The page shares the command line's option parsers and its options-to-configuration mapping
 * (src/cli/args.ts, src/cli/commands/propagate.ts), so its fields accept and refuse exactly what
 * the CLI does. Those modules also import Node built-ins and commander for the parts that read
 * files and build commands, which the page never calls: this stub stands in for them and says
 * so if one ever is called.
 */
const nodeStub = {
  name: 'node-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:.*|commander)$/ }, (args) => ({ path: args.path, namespace: 'node-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'node-stub' }, (args) => ({
      // CommonJS, so any named import resolves: existsSync answers false, anything else throws when called.
      contents: `const missing = (name) => () => { throw new Error(${JSON.stringify(args.path)} + '.' + name + ' is not available in the browser'); };
module.exports = new Proxy({ existsSync: () => false }, { get: (t, name) => (name in t ? t[name] : name === '__esModule' ? false : missing(String(name))) });`,
      loader: 'js',
    }));
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
    plugins: [nodeStub],
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
