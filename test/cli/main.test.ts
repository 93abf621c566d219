/** The built executable, spawned once: `pretest` builds dist/ before the tests run. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const built = existsSync(main);

describe('dist/cli/main.js', () => {
  it.skipIf(!built)(
    built ? 'node dist/cli/main.js sample --shape 4,4 --json exits 0 with one JSON object' : 'SKIPPED: dist/cli/main.js not found; run `npm run build` (npm test does it in pretest)',
    () => {
      const result = spawnSync(process.execPath, [main, 'sample', '--shape', '4,4', '--json'], { encoding: 'utf8', timeout: 20_000 });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const json = JSON.parse(result.stdout) as { shape: number[]; measured: { n: number } };
      expect(json.shape).toEqual([4, 4]);
      expect(json.measured.n).toBe(16);
    },
  );
});
