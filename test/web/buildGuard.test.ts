// The page's build refuses Node built-ins and commander (scripts/build-web.mjs `browserOnly`),
// naming the file that imports them; the modules the page shares with the command line pass.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';

const { browserOnly } = (await import(pathToFileURL(join(process.cwd(), 'scripts', 'build-web.mjs')).href)) as { browserOnly: esbuild.Plugin };

/** Bundles `source` for the browser with the page's guard; the error text, or '' if it built. */
async function bundle(source: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'initlab-guard-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, source);
  try {
    await esbuild.build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'browser', plugins: [browserOnly], logLevel: 'silent' });
    return '';
  } catch (e) {
    return (e as esbuild.BuildFailure).errors.map((m) => m.text).join('\n');
  }
}

describe('the page bundle', () => {
  it.each(['node:fs', 'fs', 'os', 'node:fs/promises', 'commander'])('refuses %s, naming the importing file', async (name) => {
    expect(await bundle(`import * as m from '${name}'; console.log(m);`)).toMatch(new RegExp(`^${name.replace('/', '\\/')} is for Node, not the browser: .*entry\\.ts imports it`));
  });
  it('accepts the parsers and the propagate configuration the page shares with the command line', async () => {
    const src = join(process.cwd(), 'src', 'cli');
    const paths = ['args.ts', 'size.ts', 'propagateConfig.ts'].map((f) => JSON.stringify(join(src, f)));
    expect(await bundle(paths.map((p, i) => `import * as m${i} from ${p}; console.log(m${i});`).join('\n'))).toBe('');
  });
  it('refuses the command modules that read files', async () => {
    expect(await bundle(`import * as m from ${JSON.stringify(join(process.cwd(), 'src', 'cli', 'commands', 'propagate.ts'))}; console.log(m);`)).toMatch(/is for Node, not the browser: src\/cli\/commands\/propagate\.ts imports it/);
  });
});
