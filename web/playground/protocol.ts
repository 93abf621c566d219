/**
 * Messages between the playground and its training worker (./worker.ts). One worker holds one
 * session; the page replaces the worker to reset or change the settings (which also cancels any
 * computation in flight), and pauses a running one with a message, seen between two frames.
 */
import type { SessionConfig, Snapshot } from '../../src/train/session.js';

export type PlaygroundRequest =
  /** Start a session (the first message a worker gets). */
  | { readonly type: 'start'; readonly config: SessionConfig }
  /** Train continuously, one snapshot per frame of about `frameMs` of work, until paused. */
  | { readonly type: 'play'; readonly frameMs: number }
  | { readonly type: 'pause' }
  /** Take `n` updates, then one snapshot. */
  | { readonly type: 'step'; readonly n: number };

export type PlaygroundMessage =
  /** The state after `snapshot.update` updates; `playing` says whether more frames follow. */
  | {
    readonly type: 'snapshot';
    readonly snapshot: Snapshot;
    readonly playing: boolean;
    readonly msPerUpdate: number | null;
    /** With the first snapshot: the training points, to draw under the boundary. */
    readonly points?: { readonly inputs: Float32Array; readonly labels: Int32Array };
  }
  /** A setting the trainer refused (`argument` names it, as the CLI does), or a failure. */
  | { readonly type: 'error'; readonly message: string; readonly argument?: string };
