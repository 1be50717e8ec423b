import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { UtilityProcess } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  adaptUtilityProcess,
  type UtilityProcessLike,
} from '../../../src-main/compute/utility-process-child';
import type { ChildExit } from '../../../src-main/compute/child-handle';

class FakeUtility extends EventEmitter {
  pid: number | undefined = 77;
  stdout = new PassThrough();
  stderr = new PassThrough();
  posted: unknown[] = [];
  killed = 0;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.killed++;
    return true;
  }
}

describe('adaptUtilityProcess', () => {
  it("fits Electron's UtilityProcess without importing electron at run time", () => {
    expectTypeOf<UtilityProcess>().toExtend<UtilityProcessLike>();
  });

  it('maps messages, output lines, kill and exit onto ChildLike', async () => {
    const utility = new FakeUtility();
    const child = adaptUtilityProcess(utility);
    const messages: unknown[] = [];
    const lines: string[] = [];
    const exits: ChildExit[] = [];
    child.onMessage((m) => messages.push(m));
    child.onOutput((stream, line) => lines.push(`${stream}: ${line}`));
    child.onExit((exit) => exits.push(exit));

    child.send({ kind: 'shutdown' });
    expect(utility.posted).toEqual([{ kind: 'shutdown' }]);
    utility.emit('message', { kind: 'log', level: 'info', message: 'hi' });
    expect(messages).toEqual([{ kind: 'log', level: 'info', message: 'hi' }]);
    utility.stdout.write('one\ntw');
    utility.stdout.end('o');
    utility.stderr.end('warning\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.sort()).toEqual(['stderr: warning', 'stdout: one', 'stdout: two']);
    child.kill('SIGKILL');
    expect(utility.killed).toBe(1);
    expect(child.pid).toBe(77);
    utility.emit('exit', 9);
    utility.emit('exit', 9);
    expect(exits).toEqual([{ code: 9, signal: null }]);
  });
});
