// Short texts shown to the person: image facts, import summaries, error messages.
import type { ErrorValue, ImageSummary, ImportReport } from '../../../src-preload/contract';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "512 × 512 · 16-bit gray · 3 pages" */
export function describeImage(image: ImageSummary): string {
  const kind =
    image.sampleFormat === 'float'
      ? `${image.bitDepth}-bit float`
      : image.sampleFormat === 'int'
        ? `${image.bitDepth}-bit signed`
        : `${image.bitDepth}-bit`;
  const colour =
    image.channels === 1 ? 'gray' : image.channels >= 3 ? 'RGB' : `${image.channels} ch`;
  const parts = [`${image.width} × ${image.height}`, `${kind} ${colour}`];
  if (image.pages > 1) parts.push(plural(image.pages, 'page', 'pages'));
  return parts.join(' · ');
}

export function describeStatus(status: ImageSummary['status']): string | null {
  if (status === 'missing') return 'File missing';
  if (status === 'changed') return 'File changed on disk';
  return null;
}

/** "20 images added, 2 could not be read, 1 was already in the project" */
export function summarizeImport(report: ImportReport): string {
  const parts: string[] = [];
  if (report.added.length > 0 || report.failed.length === 0) {
    parts.push(`${plural(report.added.length, 'image', 'images')} added`);
  }
  if (report.failed.length > 0) parts.push(`${report.failed.length} could not be read`);
  if (report.alreadyPresent.length > 0) {
    const count = report.alreadyPresent.length;
    parts.push(`${count} ${count === 1 ? 'was' : 'were'} already in the project`);
  }
  return parts.join(', ');
}

/** The file name at the end of a path, for lists where the folder is already known. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/**
 * What the person reads for a failed call. Main already writes `message` in plain words; this
 * is a guard so that nothing that looks like a stack trace ever reaches the screen.
 */
export function plainMessage(error: ErrorValue): string {
  const lines = error.message.split('\n').filter((line) => !/^\s+at\s/.test(line));
  const text = lines.join(' ').replace(/\s+/g, ' ').trim();
  if (text) return text;
  return 'Something went wrong in the studio. Try again; if it keeps happening, restart the studio.';
}
