// Damages a valid image the ways real files and hostile ones are damaged: header values set to
// edge values, bits flipped, bytes overwritten, files cut short, structures repeated or left out.
// Each step is written down in words, so a failing case says what was done to the file.
import { fixPngCrcs, mapFile, readField, writeField, type Field, type Format } from './fuzz-fields';
import { damagePngRows } from './fuzz-png-data';
import type { Random } from './fuzz-random';

export interface Mutated {
  bytes: Uint8Array;
  steps: string[];
}

/** Values that sit on the edges readers get wrong: zero, one, sign bits, all ones. */
const EDGE_VALUES = [0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000];
const BYTE_PATTERNS: readonly number[][] = [
  [0x00],
  [0xff],
  [0x7f],
  [0x80],
  [0x00, 0x00, 0x00, 0x00],
  [0xff, 0xff, 0xff, 0xff],
  [0x7f, 0xff, 0xff, 0xff],
  [0xff, 0xff, 0xff, 0x7f],
];

/** Output never grows past this, so duplication cannot snowball across steps. */
const MAX_GROWTH = 4;

function fieldValue(random: Random, old: number, f: Field, fileLength: number): number {
  const max = 2 ** (f.size * 8) - 1;
  const choices = [
    ...EDGE_VALUES,
    max,
    max - 1,
    old + 1,
    old - 1,
    old * 2,
    Math.floor(old / 2),
    fileLength,
    fileLength - 1,
    fileLength + 1,
    f.at, // an offset that points at itself: loops
    random.between(1000, 40_000), // a large size that the limits still allow
    random.int(Math.min(max, fileLength * 2) + 1),
  ];
  return random.pick(choices);
}

function mutateField(bytes: Uint8Array, format: Format, random: Random): string {
  const { fields } = mapFile(bytes, format);
  if (fields.length === 0) return flipBits(bytes, random);
  const f = random.pick(fields);
  const old = readField(bytes, f);
  const value = fieldValue(random, old, f, bytes.length);
  writeField(bytes, f, value);
  return `set ${f.label} (at ${f.at}) from ${old} to ${readField(bytes, f)}`;
}

function flipBits(bytes: Uint8Array, random: Random): string {
  const flips = random.between(1, 8);
  // Headers are where damage does the most harm: aim half the runs at the first 512 bytes.
  const span = random.chance(0.5) ? Math.min(bytes.length, 512) : bytes.length;
  const at: number[] = [];
  for (let i = 0; i < flips; i++) {
    const bit = random.int(span * 8);
    bytes[bit >> 3]! ^= 1 << (bit & 7);
    at.push(bit);
  }
  return `flipped bits ${at.join(', ')}`;
}

function overwriteBytes(bytes: Uint8Array, random: Random): string {
  const pattern = random.pick(BYTE_PATTERNS);
  const span = random.chance(0.5) ? Math.min(bytes.length, 512) : bytes.length;
  const at = random.int(Math.max(1, span - pattern.length + 1));
  bytes.set(pattern.slice(0, bytes.length - at), at);
  return `wrote ${pattern.map((b) => b.toString(16)).join(' ')} at ${at}`;
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

type Step = (bytes: Uint8Array) => { bytes: Uint8Array; step: string };

function structuralSteps(format: Format, random: Random, limit: number): Record<string, Step> {
  const spanOf = (bytes: Uint8Array) => {
    // Spans come from a damaged file's own fields: keep them inside the file.
    const spans = mapFile(bytes, format)
      .spans.filter((s) => s.at < bytes.length && s.length > 0)
      .map((s) => ({ ...s, length: Math.min(s.length, bytes.length - s.at) }));
    if (spans.length > 0 && random.chance(0.8)) return random.pick(spans);
    const at = random.int(bytes.length);
    return { at, length: random.between(1, Math.min(256, bytes.length - at)), label: 'bytes' };
  };
  return {
    truncate: (bytes) => {
      const length = random.between(1, Math.max(1, bytes.length - 1));
      return { bytes: bytes.slice(0, length), step: `cut to ${length} bytes` };
    },
    duplicate: (bytes) => {
      const s = spanOf(bytes);
      if (bytes.length + s.length > limit) {
        return { bytes, step: `kept (no room to copy ${s.label})` };
      }
      const copy = bytes.slice(s.at, s.at + s.length);
      const to = random.chance(0.7) ? s.at + s.length : random.int(bytes.length + 1);
      return {
        bytes: splice(bytes, to, 0, copy),
        step: `copied ${s.label} (${s.at}+${s.length}) to ${to}`,
      };
    },
    remove: (bytes) => {
      const s = spanOf(bytes);
      return {
        bytes: splice(bytes, s.at, s.length, new Uint8Array(0)),
        step: `removed ${s.label} (${s.at}+${s.length})`,
      };
    },
  };
}

/** One to three damaging steps applied to a copy of `seed`. */
export function mutate(seed: Uint8Array, format: Format, random: Random): Mutated {
  let bytes: Uint8Array = seed.slice();
  const steps: string[] = [];
  const structural = structuralSteps(format, random, seed.length * MAX_GROWTH + 65536);
  const count = random.between(1, 3);
  for (let i = 0; i < count && bytes.length > 0; i++) {
    const rows = format === 'png' && random.chance(0.3) ? damagePngRows(bytes, random) : null;
    if (rows) {
      bytes = rows.bytes;
      steps.push(rows.step);
      continue;
    }
    const roll = random.next();
    if (roll < 0.45) steps.push(mutateField(bytes, format, random));
    else if (roll < 0.6) steps.push(flipBits(bytes, random));
    else if (roll < 0.72) steps.push(overwriteBytes(bytes, random));
    else {
      const kind = roll < 0.82 ? 'truncate' : roll < 0.93 ? 'duplicate' : 'remove';
      const result = structural[kind]!(bytes);
      bytes = result.bytes;
      steps.push(result.step);
    }
  }
  // Most PNG damage would otherwise stop at the first CRC check; most of the time, make the CRCs
  // right again so the damage reaches the decoder proper.
  if (format === 'png' && random.chance(0.75)) {
    fixPngCrcs(bytes);
    steps.push('recomputed the CRCs');
  }
  return { bytes, steps };
}
