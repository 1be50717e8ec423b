// The images table: source images referenced by path and content hash (never copied into the
// project), with what the studio learnt when it first read them.
import type { ImageStatus, SampleFormat } from '../../src-preload/contract';
import { isoNow, requireWholeNumber } from './column-values';
import { deflateBytes, inflateBytes } from './compression';
import type { Db } from './connection';
import { invalid, notFound } from './store-error';

export type BitDepth = 8 | 16 | 32;

export interface ThumbnailPixels {
  width: number;
  height: number;
  /** width * height * 4 bytes, already display-normalised. */
  rgba: Uint8Array;
}

export interface NewImage {
  sourcePath: string;
  /** sha256 of the file, lowercase hex. */
  contentHash: string;
  fileSize: number;
  fileMtimeMs: number;
  width: number;
  height: number;
  pages: number;
  channels: number;
  bitDepth: BitDepth;
  sampleFormat: SampleFormat;
  displayLow: number;
  displayHigh: number;
  thumbnail: ThumbnailPixels;
}

/** What the project keeps of an image: what was added (less the thumbnail) and its state. */
export type ImageRecord = Omit<NewImage, 'thumbnail'> & {
  id: number;
  status: ImageStatus;
  addedAt: string;
};

interface ImageRow {
  id: number;
  source_path: string;
  content_hash: string;
  file_size: number;
  file_mtime_ms: number;
  width: number;
  height: number;
  pages: number;
  channels: number;
  bit_depth: BitDepth;
  sample_format: SampleFormat;
  display_low: number;
  display_high: number;
  status: ImageStatus;
  added_at: string;
}

const IMAGE_COLUMNS = `id, source_path, content_hash, file_size, file_mtime_ms, width, height,
  pages, channels, bit_depth, sample_format, display_low, display_high, status, added_at`;

function toRecord(row: ImageRow): ImageRecord {
  return {
    id: row.id,
    sourcePath: row.source_path,
    contentHash: row.content_hash,
    fileSize: row.file_size,
    fileMtimeMs: row.file_mtime_ms,
    width: row.width,
    height: row.height,
    pages: row.pages,
    channels: row.channels,
    bitDepth: row.bit_depth,
    sampleFormat: row.sample_format,
    displayLow: row.display_low,
    displayHigh: row.display_high,
    status: row.status,
    addedAt: row.added_at,
  };
}

function checkDisplayRange(low: number, high: number): void {
  if (!Number.isFinite(low) || !Number.isFinite(high) || high <= low) {
    throw invalid(
      `The display range must go from a lower to a higher value (got ${low} to ${high}).`,
    );
  }
}

function checkNewImage(image: NewImage): void {
  if (image.sourcePath.length === 0) throw invalid('The image has no file path.');
  if (!/^[0-9a-f]{64}$/.test(image.contentHash)) {
    throw invalid('The image content hash must be 64 lowercase hex digits (sha256).');
  }
  requireWholeNumber(image.fileSize, 'File size', 0);
  if (!Number.isFinite(image.fileMtimeMs))
    throw invalid('The file modification time is not a number.');
  requireWholeNumber(image.width, 'Image width', 1);
  requireWholeNumber(image.height, 'Image height', 1);
  requireWholeNumber(image.pages, 'Page count', 1);
  requireWholeNumber(image.channels, 'Channel count', 1);
  if (![8, 16, 32].includes(image.bitDepth))
    throw invalid(`Unsupported bit depth ${image.bitDepth}.`);
  if (!['uint', 'int', 'float'].includes(image.sampleFormat)) {
    throw invalid(`Unsupported sample format ${image.sampleFormat}.`);
  }
  checkDisplayRange(image.displayLow, image.displayHigh);
  const { width, height, rgba } = image.thumbnail;
  requireWholeNumber(width, 'Thumbnail width', 1);
  requireWholeNumber(height, 'Thumbnail height', 1);
  if (rgba.length !== width * height * 4) {
    throw invalid(`The thumbnail should hold ${width * height * 4} bytes, not ${rgba.length}.`);
  }
}

export function addImage(db: Db, image: NewImage): ImageRecord {
  checkNewImage(image);
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO images (source_path, content_hash, file_size, file_mtime_ms, width, height,
         pages, channels, bit_depth, sample_format, display_low, display_high,
         thumbnail, thumb_width, thumb_height, status, added_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok', ?)`,
    )
    .run(
      image.sourcePath,
      image.contentHash,
      image.fileSize,
      image.fileMtimeMs,
      image.width,
      image.height,
      image.pages,
      image.channels,
      image.bitDepth,
      image.sampleFormat,
      image.displayLow,
      image.displayHigh,
      deflateBytes(image.thumbnail.rgba),
      image.thumbnail.width,
      image.thumbnail.height,
      isoNow(),
    );
  return requireImage(db, Number(lastInsertRowid));
}

export function getImage(db: Db, id: number): ImageRecord | undefined {
  const row = db
    .prepare<[number], ImageRow>(`SELECT ${IMAGE_COLUMNS} FROM images WHERE id = ?`)
    .get(id);
  return row && toRecord(row);
}

export function requireImage(db: Db, id: number): ImageRecord {
  const image = getImage(db, id);
  if (!image) throw notFound(`Image ${id}`);
  return image;
}

export function listImages(db: Db): ImageRecord[] {
  return db
    .prepare<[], ImageRow>(`SELECT ${IMAGE_COLUMNS} FROM images ORDER BY id`)
    .all()
    .map(toRecord);
}

export function findImagesByHash(db: Db, contentHash: string): ImageRecord[] {
  return db
    .prepare<[string], ImageRow>(
      `SELECT ${IMAGE_COLUMNS} FROM images WHERE content_hash = ? ORDER BY id`,
    )
    .all(contentHash)
    .map(toRecord);
}

export function imageCount(db: Db): number {
  return db.prepare<[], number>('SELECT count(*) FROM images').pluck().get() ?? 0;
}

export function getThumbnail(db: Db, id: number): ThumbnailPixels | undefined {
  const row = db
    .prepare<[number], { thumbnail: Buffer; thumb_width: number; thumb_height: number }>(
      'SELECT thumbnail, thumb_width, thumb_height FROM images WHERE id = ?',
    )
    .get(id);
  if (!row) return undefined;
  const { thumb_width: width, thumb_height: height } = row;
  return { width, height, rgba: inflateBytes(row.thumbnail, width * height * 4) };
}

/** Runs an UPDATE of one image and reports a missing image instead of doing nothing. */
function updateOne(db: Db, id: number, sql: string, ...values: unknown[]): void {
  const { changes } = db.prepare(sql).run(...values, id);
  if (changes === 0) throw notFound(`Image ${id}`);
}

export function setDisplayRange(db: Db, id: number, low: number, high: number): void {
  checkDisplayRange(low, high);
  updateOne(db, id, 'UPDATE images SET display_low = ?, display_high = ? WHERE id = ?', low, high);
}

export function setImageStatus(db: Db, id: number, status: ImageStatus): void {
  if (!['ok', 'missing', 'changed'].includes(status))
    throw invalid(`Unknown image status ${status}.`);
  updateOne(db, id, 'UPDATE images SET status = ? WHERE id = ?', status);
}

/** Points an image at a new file. The caller has checked that the file has the same content. */
export function relinkImage(
  db: Db,
  id: number,
  newPath: string,
  fileSize: number,
  fileMtimeMs: number,
): void {
  if (newPath.length === 0) throw invalid('The new image path is empty.');
  requireWholeNumber(fileSize, 'File size', 0);
  if (!Number.isFinite(fileMtimeMs)) throw invalid('The file modification time is not a number.');
  updateOne(
    db,
    id,
    `UPDATE images SET source_path = ?, file_size = ?, file_mtime_ms = ?, status = 'ok' WHERE id = ?`,
    newPath,
    fileSize,
    fileMtimeMs,
  );
}

/** Removes an image with its labels and predictions (ON DELETE CASCADE); the file is untouched. */
export function removeImage(db: Db, id: number): void {
  updateOne(db, id, 'DELETE FROM images WHERE id = ?');
}
