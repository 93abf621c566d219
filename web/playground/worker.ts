/**
 * The playground's training, off the page's thread: a session of src/train/session.ts stepped
 * frame by frame. Each frame takes as many updates as fit in about `frameMs`, and at least twice
 * the time a snapshot takes (both measured as it goes), then posts a snapshot; between frames the worker reads its messages, so a pause lands
 * within one frame. The products run on the kernels with one thread (the networks are small).
 */
import { ArgumentError } from '../../src/errors.js';
import { configureKernels } from '../../src/kernels/backend.js';
import { createSession, type Session } from '../../src/train/session.js';
import type { PlaygroundMessage, PlaygroundRequest } from './protocol.js';

const scope = self as unknown as {
  postMessage(message: PlaygroundMessage): void;
  onmessage: ((event: MessageEvent<PlaygroundRequest>) => void) | null;
};

/** Updates in one frame at most (a snapshot per frame keeps the curves dense early on). */
const MAX_PER_FRAME = 500;

configureKernels({ threads: 1 });

let session: Session | undefined;
let playing = false;
/** The next frame, when one is scheduled. */
let timer: ReturnType<typeof setTimeout> | undefined;
let frameMs = 60;
/** Average milliseconds of one update and of one snapshot, once measured. */
let msPerUpdate: number | null = null;
let msPerSnapshot = 0;

const average = (old: number | null, now: number) => (old === null ? now : 0.7 * old + 0.3 * now);

function report(e: unknown): void {
  playing = false;
  scope.postMessage(e instanceof ArgumentError
    ? { type: 'error', message: e.message, argument: e.argument }
    : { type: 'error', message: `internal error (a bug in initlab): ${e instanceof Error ? e.message : String(e)}` });
}

/** Takes up to `n` updates, then posts a snapshot. */
function advance(n: number): void {
  const s = session!;
  const t0 = performance.now();
  const done = s.train(n);
  const t1 = performance.now();
  const snapshot = s.snapshot();
  if (done > 0) msPerUpdate = average(msPerUpdate, (t1 - t0) / done);
  msPerSnapshot = average(msPerSnapshot, performance.now() - t1);
  if (snapshot.divergedAt !== undefined) playing = false;
  scope.postMessage({ type: 'snapshot', snapshot, playing, msPerUpdate });
}

function schedule(): void {
  if (timer === undefined) timer = setTimeout(frame, 0);
}

function frame(): void {
  timer = undefined;
  if (!playing || session === undefined) return;
  try {
    // Training gets at least twice the time the frame's snapshot takes.
    const budget = Math.max(frameMs, 2 * msPerSnapshot);
    const n = msPerUpdate === null ? 1 : Math.max(1, Math.min(MAX_PER_FRAME, Math.floor(budget / msPerUpdate)));
    advance(n);
  } catch (e) {
    report(e);
    return;
  }
  schedule();
}

scope.onmessage = ({ data: request }) => {
  try {
    if (request.type === 'start') {
      session = createSession(request.config);
      const { inputs, labels } = session.data.train;
      scope.postMessage({ type: 'snapshot', snapshot: session.snapshot(), playing: false, msPerUpdate: null, points: { inputs, labels } });
    } else if (session === undefined) {
      return;
    } else if (request.type === 'play') {
      frameMs = request.frameMs;
      playing = true;
      schedule();
    } else if (request.type === 'pause') {
      playing = false;
    } else {
      playing = false;
      advance(request.n);
    }
  } catch (e) {
    report(e);
  }
};
