// A project on a nearly full disk: the save that does not fit fails with a message the person
// can act on, everything acknowledged before it is still there, the project file stays sound and
// opens again, a model or mask that cannot be written whole is not written at all (the previous
// one is kept), and once space is freed work goes on. The disk is a real 6 MB tmpfs, mounted in a
// private mount namespace by `unshare` (root, or an unprivileged user namespace), so no part of
// the machine's own disks fills up.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src-main/store/store-error';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./disk-full.child.ts', import.meta.url));
const mountPoint = mkdtempSync(join(tmpdir(), 'studio-small-disk-'));
afterAll(() => rmSync(mountPoint, { recursive: true, force: true }));

interface Failure {
  code: string;
  message: string;
}

function runOnSmallDisk(): Record<string, unknown> {
  const script =
    'mount -t tmpfs -o size=6m tmpfs "$1" && cd "$2" && exec "$3" --import tsx "$4" "$1"';
  const run = spawnSync(
    'unshare',
    [
      '--user',
      '--map-root-user',
      '--mount',
      'sh',
      '-c',
      script,
      'sh',
      mountPoint,
      REPO_ROOT,
      process.execPath,
      CHILD,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const line = run.stdout.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !line.startsWith('{')) {
    throw new Error(`the small-disk run failed (${run.status}): ${run.stderr}`);
  }
  return JSON.parse(line) as Record<string, unknown>;
}

describe('a nearly full disk', () => {
  it('refuses the save that does not fit, loses nothing, and works again once space is freed', () => {
    const report = runOnSmallDisk();
    // Painting: the failing save says so plainly; every acknowledged save is intact.
    const labelError = report.labelError as Failure;
    expect(labelError.code).toBe('disk-full');
    expect(labelError.message).toBe(MESSAGES.diskFull);
    expect(report.storedRevision).toBe(report.acknowledgedRevision);
    expect(report.acknowledgedTilesIntact).not.toBe(false);
    expect(report.integrityWhileFull).toEqual(['ok']);

    // A model that does not fit: a plain message, the previous model kept, no half copy left.
    const checkpointError = report.checkpointError as Failure;
    expect(checkpointError.code).toBe('disk-full');
    expect(checkpointError.message).toMatch(/disk is full.*last saved model is kept/);
    expect(report.checkpointStepKept).toBe(1);
    expect(report.modelFolderEntries).toEqual(['last']);

    // A mask that does not fit: the earlier mask is whole and nothing else is left beside it.
    expect((report.maskError as Failure).code).toBe('ENOSPC');
    expect(report.maskKept).toEqual({ width: 512, value: 1 });
    expect(report.maskFolderEntries).toEqual(['cells.tif']);

    // Reopened while still full: it opens, sound, with the acknowledged revision.
    expect(report.reopenedWhileFull).toEqual({
      revision: report.acknowledgedRevision,
      integrity: ['ok'],
    });

    // Space freed: the next save follows on, and models save again.
    expect(report.revisionAfterFreeing).toBe((report.acknowledgedRevision as number) + 1);
    expect(report.integrityAfterFreeing).toEqual(['ok']);
    expect(report.checkpointStepAfterFreeing).toBe(3);
  }, 180_000);
});
