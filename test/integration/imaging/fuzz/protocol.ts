// Messages between the fuzz test and its worker processes (sent with Node's "advanced"
// serialization, so the file's bytes travel as a Uint8Array, not as JSON).
import type { DisplayRange } from '../../../../src-main/imaging/display';

export interface CaseRequest {
  caseNumber: number;
  fileName: string;
  bytes: Uint8Array;
}

export type CaseOutcome =
  | {
      kind: 'raster';
      width: number;
      height: number;
      channels: number;
      pages: number;
      bitDepth: number;
      sampleFormat: string;
      dataLength: number;
      bytesPerElement: number;
      range: DisplayRange;
      thumbnailBytes: number;
      thumbnailPixels: number;
    }
  | { kind: 'refused'; reason: string; message: string; cause: string }
  | { kind: 'threw'; name: string; message: string; stack: string }
  /** Set by the parent: the worker did not answer within the time limit and was killed. */
  | { kind: 'timeout'; limitMs: number }
  /** Set by the parent: the worker's memory passed the cap (it was killed, or reported it). */
  | { kind: 'memory'; peakMiB: number; capMiB: number }
  /** Set by the parent: the worker died (V8 out of heap, a native crash, an exit). */
  | { kind: 'crash'; code: number | null; signal: string | null; stderr: string };

export interface CaseReply {
  caseNumber: number;
  outcome: CaseOutcome;
  /** The worker's peak resident memory so far (process.resourceUsage().maxRSS). */
  peakRssKiB: number;
}
