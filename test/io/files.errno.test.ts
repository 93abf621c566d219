// Errno codes a test cannot provoke as root or on this file system, from a mocked node:fs.
import { describe, expect, it, vi } from 'vitest';
import { readTensors, writeTensors } from '../../src/io/files.js';
import type { Tensor } from '../../src/tensor.js';

const failing = vi.hoisted(() => ({ code: '' }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const raise = (): never => {
    throw Object.assign(new Error(`${failing.code}: mocked failure`), { code: failing.code });
  };
  return { ...fs, writeFileSync: raise, readFileSync: raise };
});

const w: Tensor = { shape: [1], dtype: 'float32', data: new Float32Array(1) };

describe('file system errors become messages', () => {
  const writes: [string, string][] = [
    ['EACCES', 'permission denied writing in /data'],
    ['EPERM', 'permission denied writing in /data'],
    ['EROFS', '/data is on a read-only file system'],
    ['ENOSPC', 'no space left on the device'],
    ['EIO', 'EIO: EIO: mocked failure'],
  ];
  for (const [code, reason] of writes) {
    it(`writing: ${code}`, () => {
      failing.code = code;
      expect(() => writeTensors('/data/x.npy', w)).toThrow(`out="/data/x.npy", expected a writable file path (${reason})`);
    });
  }

  it('reading: EACCES', () => {
    failing.code = 'EACCES';
    expect(() => readTensors('/data/x.npy')).toThrow('file="/data/x.npy", expected a readable .npy file (permission denied reading /data/x.npy)');
  });
});
