// A ChildLike the tests drive by hand: they see what the client sent and play the child's part.
import type { ChildExit, ChildLike, OutputStream } from '../../../src-main/compute/child-handle';
import type { ParentMessage } from '../../../src-main/compute/protocol';

export class FakeChild implements ChildLike {
  readonly sent: ParentMessage[] = [];
  readonly kills: (NodeJS.Signals | undefined)[] = [];
  keepAlive: boolean | undefined;
  sendThrows: Error | undefined;
  private messageListener: ((message: unknown) => void) | undefined;
  private outputListener: ((stream: OutputStream, line: string) => void) | undefined;
  private exitListener: ((exit: ChildExit) => void) | undefined;

  constructor(readonly pid: number | undefined = 4242) {}

  send(message: ParentMessage): void {
    if (this.sendThrows) throw this.sendThrows;
    this.sent.push(message);
  }
  kill(signal?: NodeJS.Signals): void {
    this.kills.push(signal);
  }
  onMessage(listener: (message: unknown) => void): void {
    this.messageListener = listener;
  }
  onOutput(listener: (stream: OutputStream, line: string) => void): void {
    this.outputListener = listener;
  }
  onExit(listener: (exit: ChildExit) => void): void {
    this.exitListener = listener;
  }
  setKeepAlive(keepAlive: boolean): void {
    this.keepAlive = keepAlive;
  }

  // The child's side of the conversation.
  reply(message: unknown): void {
    this.messageListener!(message);
  }
  ready(): void {
    this.reply({ kind: 'ready', info: { pid: this.pid ?? 0, jobs: ['job'] } });
  }
  print(stream: OutputStream, line: string): void {
    this.outputListener!(stream, line);
  }
  exit(exit: ChildExit): void {
    this.exitListener!(exit);
  }
  requests(): Extract<ParentMessage, { kind: 'request' }>[] {
    return this.sent.filter((m) => m.kind === 'request');
  }
}
