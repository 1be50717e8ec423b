// Acknowledged label writes survive the process being killed mid-stream: the file stays sound
// and holds every write the UI was told about, with exactly its content. (Power loss is the
// same promise one level down; it rests on synchronous=FULL, checked in the lifecycle test.)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { onLines } from '../../support/child-lines';
import { PROJECT_FILE, ProjectStore, extractTile, tileGrid } from '../../../src-main/store';
import { PLAN_HEIGHT, PLAN_WIDTH, expectedTilesAfter } from './durability-plan';
import { sampleImage, tempDir } from './fixtures';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./label-writer.child.ts', import.meta.url));

interface WriterRun {
  firstStep: number;
  lastAck: number;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the writer and SIGKILLs it once it has acknowledged `killAfter` writes. */
function runWriterUntilKilled(dir: string, killAfter: number): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: WriterRun = { firstStep: -1, lastAck: -1, signal: null, stderr: '' };
    let acks = 0;
    onLines(child.stdout, (line) => {
      const [word, value] = line.split(' ');
      if (word === 'start') run.firstStep = Number(value) + 1;
      if (word === 'ack') {
        run.lastAck = Number(value);
        acks++;
        if (acks === killAfter) child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (run.stderr += chunk));
    child.on('error', reject);
    // 'close' waits for stdout to drain: every ack the child wrote before dying is counted.
    child.on('close', (_code, signal) => resolve({ ...run, signal }));
  });
}

function expectMapAfterSteps(store: ProjectStore, imageId: number, steps: number): void {
  const map = store.readLabelMap(imageId, 0);
  expect(map.revision).toBe(steps);
  const expected = expectedTilesAfter(steps);
  const grid = tileGrid(PLAN_WIDTH, PLAN_HEIGHT);
  for (let ty = 0; ty < grid.rows; ty++) {
    for (let tx = 0; tx < grid.columns; tx++) {
      const stored = extractTile(map.data, PLAN_WIDTH, PLAN_HEIGHT, tx, ty);
      const want = expected.get(`${tx},${ty}`) ?? new Uint8Array(stored.length);
      expect(
        Buffer.from(stored).equals(Buffer.from(want)),
        `tile ${tx},${ty} after ${steps} steps`,
      ).toBe(true);
      expect(store.readLabelTile(imageId, 0, tx, ty) ?? new Uint8Array(want.length)).toEqual(want);
    }
  }
}

describe('label writes under SIGKILL', () => {
  it(
    'keeps every acknowledged write, exactly, across repeated kills',
    { timeout: 120_000 },
    async () => {
      const dir = tempDir();
      const setup = ProjectStore.create(dir);
      const imageId = setup.addImage(
        sampleImage({ width: PLAN_WIDTH, height: PLAN_HEIGHT, pages: 1 }),
      ).id;
      setup.close();

      let acknowledged = 0;
      for (const killAfter of [200, 25, 140, 60]) {
        const run = await runWriterUntilKilled(dir, killAfter);
        expect(run.stderr).toBe('');
        expect(run.signal).toBe('SIGKILL'); // killed while writing, not finished
        expect(run.firstStep).toBe(acknowledged + 1); // nothing acknowledged was lost before it
        expect(run.lastAck).toBeGreaterThanOrEqual(acknowledged + killAfter);
        expect(existsSync(join(dir, `${PROJECT_FILE}-wal`))).toBe(true); // a crash, not a clean close

        const store = ProjectStore.open(dir); // runs integrity_check before anything else
        expect(store.integrityCheck()).toEqual(['ok']);
        // The write in flight at the kill may have committed without its ack getting out.
        const stored = store.readLabelMap(imageId, 0).revision;
        expect([run.lastAck, run.lastAck + 1]).toContain(stored);
        expectMapAfterSteps(store, imageId, stored);
        store.close();
        acknowledged = stored;
      }
    },
  );
});
