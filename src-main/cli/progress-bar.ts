/** A one-line progress bar on a terminal; plain lines when output is piped to a file. */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr) {
  const interactive = Boolean(stream.isTTY);
  return {
    update(done: number, total: number, label: string): void {
      if (!interactive) {
        stream.write(`[${done}/${total}] ${label}\n`);
        return;
      }
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
      stream.write(`\r[${bar}] ${done}/${total} ${label.slice(0, 40).padEnd(40)}`);
      if (done === total) stream.write('\n');
    },
  };
}
