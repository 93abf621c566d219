/** A full disk: the write stops, the partial file is removed, and the error says so in one line. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ArgumentError } from '../../src/errors.js';
import { modelOf, writeModel } from '../../src/models/index.js';

/** Every file handle takes 100 KB and then fails as a full disk does. */
vi.mock('node:fs/promises', async (original) => {
  const real = await original<typeof import('node:fs/promises')>();
  const open = async (...args: Parameters<typeof real.open>) => {
    const handle = await real.open(...args);
    let room = 100_000;
    return {
      close: () => handle.close(),
      write: async (bytes: Uint8Array, offset: number, length: number) => {
        if (length > room) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        room -= length;
        return handle.write(bytes, offset, length);
      },
    };
  };
  return { ...real, open, default: { ...real, open } };
});

const dir = mkdtempSync(join(tmpdir(), 'initlab-full-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a full disk', () => {
  it('removes the partial file and names the cause', async () => {
    const out = join(dir, 'm');
    const tensors = modelOf('gpt2', ['n_layer=1', 'vocab_size=1000', 'n_embd=64', 'n_head=4', 'n_positions=64']).tensors;
    const error = await writeModel(tensors, { out, bufferBytes: 8192 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArgumentError);
    expect((error as Error).message).toMatch(/^--out=".*model.safetensors", expected a disk with room for the file \(the disk is full after \d+ bytes of tensor data; the partial file was removed\)$/);
    expect(readdirSync(out)).toEqual([]);
  });
});
