// `npm run cli -- segment ...`: a trained model over a folder, TIFF masks out.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type {
  SegmentJobProgress,
  SegmentJobRequest,
  SegmentJobResult,
} from '../engine/jobs/job-types';
import { CliError, EXIT_PARTIAL } from './cli-error';
import { runComputeJob } from './compute-runner';
import { createProgressReporter } from './progress-bar';
import { choiceOption, numberOption } from './number-option';

export const SEGMENT_USAGE = `  npm run cli -- segment --model MODEL_DIR --in DIR --out DIR [--tta]
      [--write classes|instances|probabilities] [--min-size PIXELS] [--backend auto|tensorflow|wasm|cpu]
      [--engine auto|onnxruntime|tfjs] [--json]`;

export function parseSegmentArgs(args: string[]): { request: SegmentJobRequest; json: boolean } {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      in: { type: 'string' },
      out: { type: 'string' },
      tta: { type: 'boolean', default: false },
      write: { type: 'string' },
      'min-size': { type: 'string' },
      backend: { type: 'string' },
      engine: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.model || !values.in || !values.out)
    throw new CliError(`segment needs --model, --in and --out.\n${SEGMENT_USAGE}`);
  const minSize = numberOption('min-size', values['min-size'], { integer: true, min: 0 });
  return {
    request: {
      modelDir: resolve(values.model),
      inputDir: resolve(values.in),
      outDir: resolve(values.out),
      write: choiceOption(
        'write',
        values.write,
        ['classes', 'instances', 'probabilities'] as const,
        'classes',
      ),
      tta: values.tta ?? false,
      backend: choiceOption(
        'backend',
        values.backend,
        ['auto', 'tensorflow', 'wasm', 'cpu'] as const,
        'auto',
      ),
      engine: choiceOption(
        'engine',
        values.engine,
        ['auto', 'onnxruntime', 'tfjs'] as const,
        'auto',
      ),
      ...(minSize !== undefined ? { minObjectSize: minSize } : {}),
    },
    json: values.json ?? false,
  };
}

export async function runSegmentCommand(args: string[]): Promise<number> {
  const { request, json } = parseSegmentArgs(args);
  const bar = createProgressReporter();
  const result = await runComputeJob<SegmentJobResult, SegmentJobProgress>(
    'segment',
    request,
    (p) => {
      if (json) console.log(JSON.stringify({ event: 'progress', ...p }));
      else if (p.imageFraction === 1)
        bar.update(p.done, p.total, p.failed ? `${p.file} (failed)` : p.file);
    },
  );
  console.error(
    `${result.written.length} mask(s) written to ${request.outDir}, ${result.failed.length} file(s) could not be segmented (${result.engine ?? result.backend}, tile ${result.tile} px, ${result.seconds.toFixed(1)} s).`,
  );
  if (result.onnxSkipped) console.error(`  ONNX Runtime not used: ${result.onnxSkipped}.`);
  for (const problem of result.failed) console.error(`  ${problem.file}: ${problem.reason}`);
  if (json) console.log(JSON.stringify({ event: 'result', ...result }));
  return result.failed.length > 0 ? EXIT_PARTIAL : 0;
}
