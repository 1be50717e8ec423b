// Domain shapes shared by main and renderer. Types are inferred from these schemas, never
// written twice.
import { z } from 'zod';

/** Raw bytes. Typed pixel arrays cross the contract viewed as bytes (see `dtype`). */
export const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, {
  message: 'Expected bytes (Uint8Array).',
});

/** Label maps are stored and sent in square tiles of this many pixels. */
export const LABEL_TILE_SIZE = 256;

export const Id = z.number().int().positive();
/**
 * A folder or file path from the person: absolute (POSIX `/...`, Windows `C:\...` or `\\server\...`),
 * so that it never depends on the directory the app was started from, and free of NUL bytes,
 * which the file system would cut the path at.
 */
export const FolderPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => !path.includes('\0'), 'A path cannot contain a NUL character.')
  .refine(
    (path) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path),
    'Give the full path of the folder (for example /home/you/images or C:\\data\\images).',
  );

export const SampleFormat = z.enum(['uint', 'int', 'float']);
export type SampleFormat = z.infer<typeof SampleFormat>;

export const DisplayRange = z
  .object({ low: z.number().finite(), high: z.number().finite() })
  .refine((range) => range.high > range.low, { message: 'high must be above low' });
export type DisplayRange = z.infer<typeof DisplayRange>;

export const ImageStatus = z.enum(['ok', 'missing', 'changed']);
export type ImageStatus = z.infer<typeof ImageStatus>;

export const ImageSummary = z.object({
  id: Id,
  name: z.string(),
  sourcePath: z.string(),
  contentHash: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  pages: z.number().int().positive(),
  channels: z.number().int().positive(),
  bitDepth: z.union([z.literal(8), z.literal(16), z.literal(32)]),
  sampleFormat: SampleFormat,
  display: DisplayRange,
  status: ImageStatus,
});
export type ImageSummary = z.infer<typeof ImageSummary>;

/** A small RGBA preview, already display-normalised. */
export const Thumbnail = z.object({
  imageId: Id,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  rgba: Bytes,
});
export type Thumbnail = z.infer<typeof Thumbnail>;

export const PixelDtype = z.enum(['uint8', 'uint16', 'int16', 'uint32', 'int32', 'float32']);
export type PixelDtype = z.infer<typeof PixelDtype>;

/** One page of an image at full resolution, channels interleaved, little endian. */
export const ImagePixels = z.object({
  imageId: Id,
  page: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  channels: z.number().int().positive(),
  dtype: PixelDtype,
  data: Bytes,
});
export type ImagePixels = z.infer<typeof ImagePixels>;

/**
 * Largest side of one `images:region` answer. Images above `LARGE_IMAGE_PIXELS` are viewed as
 * such regions of a resolution pyramid instead of being sent whole.
 */
export const MAX_REGION_SIDE = 2048;
/** Pages with more pixels than this (4096 x 4096) are shown tile by tile from the pyramid. */
export const LARGE_IMAGE_PIXELS = 4096 * 4096;
/**
 * Largest page whose weight map or prediction is computed and shown whole (8192 x 8192): those
 * overlays are full-page maps and canvases. Larger pages are segmented with a batch.
 */
export const MAX_WHOLE_PAGE_OVERLAY_PIXELS = 8192 * 8192;
/**
 * Largest page a prediction is reviewed for in the window (16384 x 16384): above
 * MAX_WHOLE_PAGE_OVERLAY_PIXELS it comes as a class map only (no probability map), drawn tile by
 * tile like the labels. Larger pages are segmented with a batch.
 */
export const MAX_PREDICTION_REVIEW_PIXELS = 16384 * 16384;

/**
 * A rectangle of one pyramid level (level L halves the page L times by 2 x 2 averaging), in
 * the level's own pixels, samples in the page's type. `levelWidth/levelHeight` give the level's
 * size; `levels` how many there are (level 0 is the page).
 */
export const ImageRegion = ImagePixels.extend({
  level: z.number().int().nonnegative(),
  levels: z.number().int().positive(),
  x: z.number().int().nonnegative(),
  y: z.number().int().nonnegative(),
  levelWidth: z.number().int().positive(),
  levelHeight: z.number().int().positive(),
});
export type ImageRegion = z.infer<typeof ImageRegion>;

export const FileProblem = z.object({ file: z.string(), reason: z.string() });
export type FileProblem = z.infer<typeof FileProblem>;

export const ImportReport = z.object({
  added: z.array(ImageSummary),
  /** Files already in the project (same content), not added twice. */
  alreadyPresent: z.array(z.string()),
  failed: z.array(FileProblem),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const HexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Colours are #rrggbb.');

/** Label value = class index; 0 is "unlabelled", which is not a class but the absence of a label. */
export const ClassDef = z.object({
  index: z.number().int().min(1).max(255),
  name: z.string().trim().min(1).max(100),
  colour: HexColour,
});
export type ClassDef = z.infer<typeof ClassDef>;

export const ProjectInfo = z.object({
  dir: z.string(),
  name: z.string(),
  schemaVersion: z.number().int(),
  imageCount: z.number().int().nonnegative(),
  classes: z.array(ClassDef),
});
export type ProjectInfo = z.infer<typeof ProjectInfo>;

export const LabelTile = z.object({
  /** Tile column and row, in units of LABEL_TILE_SIZE. */
  tx: z.number().int().nonnegative(),
  ty: z.number().int().nonnegative(),
  /** LABEL_TILE_SIZE^2 class indices, row-major; edge tiles are padded with 0. */
  data: Bytes,
});
export type LabelTile = z.infer<typeof LabelTile>;

export const LabelMap = z.object({
  imageId: Id,
  page: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  data: Bytes,
  revision: z.number().int().nonnegative(),
});
export type LabelMap = z.infer<typeof LabelMap>;

export const AppInfo = z.object({
  mode: z.enum(['electron', 'browser']),
  version: z.string(),
  platform: z.string(),
  /** Whether `dialog:pick-folder` opens a native dialog (Electron) or the UI must ask for a path. */
  canPickFolders: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;
