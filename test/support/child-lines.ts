// Line-by-line talk between a test and a child process it will SIGKILL: the child writes each
// line synchronously to fd 1 (no acknowledgement may sit in a stream buffer when the kill lands),
// the parent reads whole lines as they arrive.
import { writeSync } from 'node:fs';
import type { Readable } from 'node:stream';

/** In the child: `line` is on stdout when this returns. */
export function sayNow(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(1, bytes, written);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EAGAIN') throw error;
    }
  }
}

/** In the parent: calls `onLine` with each complete line of the child's `stream`. */
export function onLines(stream: Readable, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
}
