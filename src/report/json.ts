/**
 * The JSON form of a lab result: `config`, `network`, `layers` (1-based `index`; `preact`, `act`,
 * `grad`, `preactGrad`, `weightGrad` with `mean`, `variance`, `std`, `min`, `max`, `p02`, `p98`,
 * `histogram`, ...; `theory` with `preactVariance`, `actMean`, `actVariance`, `gradVariance`, ...),
 * `summary` (`qStar`, `chi1`, `xiQ`, `xiC`, `verdict`, ...), `events` (`kind`, `layer`, ...),
 * `notes`, and with several seeds `runs` (each seed's layers). JSON has no infinities: an infinite
 * depth scale or q* is written as null (so is NaN).
 */
import type { LabResult } from '../lab/propagate.js';

/** A plain JSON value of the result (numbers that are not finite become null). */
export function labJson(result: LabResult): unknown {
  return JSON.parse(JSON.stringify(result));
}

/** The result as one line of JSON text. */
export function labJsonText(result: LabResult): string {
  return JSON.stringify(result);
}
