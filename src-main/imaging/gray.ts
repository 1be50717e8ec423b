// Many microscopy images are saved as RGB(A) although every pixel is gray (the dsb2018 images
// are). Keeping one channel makes them a third (or quarter) of the size and lets them be
// measured and trained on as the gray images they are.
import { allocateSamples, dtypeOf, type Raster } from './raster';

function colourChannelsEqual(r: Raster): boolean {
  const { data, channels } = r;
  for (let i = 0; i < data.length; i += channels) {
    const v = data[i]!;
    // Compared as numbers, so NaN (never equal) keeps a float image in colour, which is safe.
    if (data[i + 1] !== v || data[i + 2] !== v) return false;
  }
  return true;
}

/** One channel when R = G = B in every pixel of every page (alpha ignored); else `r` itself. */
export function toSingleChannelIfGray(r: Raster): Raster {
  if (r.channels !== 3 && r.channels !== 4) return r;
  if (!colourChannelsEqual(r)) return r;
  const count = r.width * r.height * r.pages;
  const data = allocateSamples(dtypeOf(r), count);
  for (let p = 0; p < count; p++) data[p] = r.data[p * r.channels]!;
  return { ...r, channels: 1, data };
}
