// Entry of the child process `npm run bench` starts per engine: reads one MeasureRequest
// (JSON, first argument), prints one BenchResult as a JSON line, and exits.
import { measure, type MeasureRequest } from './measure-engine';

const request = JSON.parse(process.argv[2] ?? '{}') as MeasureRequest;
measure(request)
  .then((result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    // Worker threads of a threaded backend would keep the process alive.
    process.exit(0);
  })
  .catch((error: unknown) => {
    process.stdout.write(
      `${JSON.stringify({ engine: request.engine, mode: request.mode, skipped: error instanceof Error ? error.message : String(error) })}\n`,
    );
    process.exit(0);
  });
