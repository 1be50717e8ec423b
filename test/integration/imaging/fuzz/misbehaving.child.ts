// A stand-in fuzz worker that misbehaves on request (the file name says how), so the harness's
// own test can check that each kind of failure is caught and that the next case still runs.
import type { CaseReply, CaseRequest } from './protocol';

const held: unknown[] = [];

function misbehave(how: string): void {
  if (how === 'hang') for (;;);
  if (how === 'exit') process.exit(3);
  if (how === 'big-buffer') {
    // Outside V8's heap, like a decoder's pixel arrays: only the resident-memory cap sees it.
    held.push(new Uint8Array(512 * 1024 ** 2).fill(1));
  }
  if (how === 'heap') for (;;) held.push(new Array(1e5).fill({ more: held.length }));
}

process.on('message', (request: CaseRequest) => {
  misbehave(request.fileName);
  const reply: CaseReply = {
    caseNumber: request.caseNumber,
    outcome: {
      kind: 'refused',
      reason: 'behaved',
      message: `${request.fileName}: behaved`,
      cause: '',
    },
    peakRssKiB: process.resourceUsage().maxRSS,
  };
  process.send!(reply);
});
process.send!({ ready: true });
