// What counts as a sound outcome for a damaged file: a raster whose shape and samples agree and
// that can be drawn, or a refusal a person can read. Anything else is a finding.
import type { CaseOutcome } from './protocol';

/** The two catch-alls in decode.ts: reaching one means a reader failed outside its own checks. */
const CATCH_ALLS = [
  'the file is damaged and could not be decoded',
  'there is not enough memory to open this image',
];

/** Signs that a reason leaks program internals instead of plain words. */
const NOT_PLAIN: readonly [RegExp, string][] = [
  [/\n/, 'spans several lines'],
  [/\bat \S+:\d+:\d+|\.ts:\d+|\.js:\d+/, 'holds a stack trace'],
  [/\b(undefined|null|NaN|Infinity)\b|\[object /, 'shows a missing or non-numeric value'],
  [/\bERR_[A-Z_]+\b|\bE[A-Z]{3,}\b|\bZ_[A-Z_]+\b/, 'shows a raw error code'],
  [/^[A-Z][a-zA-Z]*Error\b|TypeError|RangeError/, 'is a programming error'],
];

function rasterProblem(o: Extract<CaseOutcome, { kind: 'raster' }>): string | null {
  const { width, height, channels, pages } = o;
  const sides = [width, height, pages];
  if (!sides.every((n) => Number.isInteger(n) && n > 0)) {
    return `impossible shape ${width} x ${height} x ${pages} pages`;
  }
  if (![1, 3, 4].includes(channels)) return `${channels} channels`;
  if (o.dataLength !== width * height * channels * pages) {
    return `data holds ${o.dataLength} samples, shape says ${width * height * channels * pages}`;
  }
  if (o.bytesPerElement * 8 !== o.bitDepth) {
    return `${o.bitDepth}-bit samples stored in ${o.bytesPerElement}-byte elements`;
  }
  if (!['uint', 'int', 'float'].includes(o.sampleFormat)) return `sample format ${o.sampleFormat}`;
  const { low, high } = o.range;
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(high > low)) {
    return `display window ${low}..${high}`;
  }
  if (o.thumbnailPixels <= 0 || o.thumbnailBytes !== o.thumbnailPixels * 4) {
    return `thumbnail of ${o.thumbnailPixels} pixels in ${o.thumbnailBytes} bytes`;
  }
  return null;
}

function refusalProblem(o: Extract<CaseOutcome, { kind: 'refused' }>, fileName: string) {
  const reason = o.reason;
  if (reason.trim().length < 10) return `reason too short to act on: "${reason}"`;
  if (o.message !== `${fileName}: ${reason}`)
    return `message "${o.message}" does not name the file`;
  if (CATCH_ALLS.includes(reason)) return `fell through to the catch-all "${reason}" (${o.cause})`;
  for (const [pattern, what] of NOT_PLAIN) {
    if (pattern.test(reason)) return `reason ${what}: "${reason}"`;
  }
  return null;
}

/** Null when the outcome is sound; otherwise what is wrong, in one line. */
export function findingOf(outcome: CaseOutcome, fileName: string): string | null {
  switch (outcome.kind) {
    case 'raster': {
      const problem = rasterProblem(outcome);
      return problem && `decoded to a broken raster: ${problem}`;
    }
    case 'refused': {
      const problem = refusalProblem(outcome, fileName);
      return problem && `refused badly: ${problem}`;
    }
    case 'threw':
      return `threw ${outcome.name} instead of ImageReadError: ${outcome.message}\n${outcome.stack}`;
    case 'timeout':
      return `no answer within ${outcome.limitMs} ms (a hang or a very slow path)`;
    case 'memory':
      return `used ${Math.round(outcome.peakMiB)} MiB (cap ${outcome.capMiB} MiB)`;
    case 'crash':
      return `the worker died (exit ${outcome.code}, signal ${outcome.signal}): ${outcome.stderr.slice(-600)}`;
  }
}
