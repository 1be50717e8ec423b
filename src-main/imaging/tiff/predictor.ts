// Byte order and TIFF predictors, applied in place to one decompressed strip or tile. The raster
// keeps little-endian samples (every platform Electron supports is little endian), so
// big-endian files are swapped here. utif only swaps 16-bit samples and gets predictors wrong for
// tiles and 32-bit data, which is why this is done here.

/** Reverses each sample's bytes, turning big-endian samples into little-endian ones. */
export function swapToLittleEndian(chunk: Uint8Array, bytesPerSample: number): void {
  if (bytesPerSample === 2) {
    for (let i = 0; i + 1 < chunk.length; i += 2) {
      const a = chunk[i] ?? 0;
      chunk[i] = chunk[i + 1] ?? 0;
      chunk[i + 1] = a;
    }
  } else if (bytesPerSample === 4) {
    for (let i = 0; i + 3 < chunk.length; i += 4) {
      const a = chunk[i] ?? 0;
      const b = chunk[i + 1] ?? 0;
      chunk[i] = chunk[i + 3] ?? 0;
      chunk[i + 1] = chunk[i + 2] ?? 0;
      chunk[i + 2] = b;
      chunk[i + 3] = a;
    }
  }
}

/**
 * Predictor 2: each sample was stored as the difference to the same channel of the pixel to its
 * left. `chunk` must start on a 4-byte boundary and hold little-endian samples.
 */
export function undoHorizontalDifferencing(
  chunk: Uint8Array,
  rows: number,
  samplesPerRow: number,
  samplesPerPixel: number,
  bytesPerSample: number,
): void {
  const count = rows * samplesPerRow;
  const samples =
    bytesPerSample === 1
      ? chunk
      : bytesPerSample === 2
        ? new Uint16Array(chunk.buffer, chunk.byteOffset, count)
        : new Uint32Array(chunk.buffer, chunk.byteOffset, count);
  for (let row = 0; row < rows; row++) {
    const start = row * samplesPerRow;
    const end = start + samplesPerRow;
    // The typed array wraps the sum to the sample width, as the encoder's subtraction did.
    for (let i = start + samplesPerPixel; i < end; i++) {
      samples[i] = (samples[i] ?? 0) + (samples[i - samplesPerPixel] ?? 0);
    }
  }
}

/**
 * Predictor 3 (floating point): per row, the bytes were split into planes (most significant
 * byte first) and then byte-differenced. Undoing it yields little-endian samples whatever the
 * file's byte order, so no swap is applied before or after.
 */
export function undoFloatingPointPredictor(
  chunk: Uint8Array,
  rows: number,
  samplesPerRow: number,
  samplesPerPixel: number,
  bytesPerSample: number,
): void {
  const rowBytes = samplesPerRow * bytesPerSample;
  const planes = new Uint8Array(rowBytes);
  for (let row = 0; row < rows; row++) {
    const r = chunk.subarray(row * rowBytes, (row + 1) * rowBytes);
    for (let i = samplesPerPixel; i < rowBytes; i++) {
      r[i] = ((r[i] ?? 0) + (r[i - samplesPerPixel] ?? 0)) & 0xff;
    }
    planes.set(r);
    for (let s = 0; s < samplesPerRow; s++) {
      for (let b = 0; b < bytesPerSample; b++) {
        r[s * bytesPerSample + b] = planes[(bytesPerSample - 1 - b) * samplesPerRow + s] ?? 0;
      }
    }
  }
}
