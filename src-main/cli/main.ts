// `npm run cli -- ...`: the studio without a window, on the same services as the app.
import { hasErrorCode } from '../ipc/app-error';
import { CliError } from './cli-error';
import { EVALUATE_USAGE, runEvaluateCommand } from './evaluate-command';
import { PROJECT_USAGE, runProjectCommand } from './project-commands';
import { SEGMENT_USAGE, runSegmentCommand } from './segment-command';
import { TRAIN_USAGE, runTrainCommand } from './train-command';

const USAGE = `U-Net Studio command line\n\n${PROJECT_USAGE}\n${TRAIN_USAGE}\n${SEGMENT_USAGE}\n${EVALUATE_USAGE}\n\nExit codes: 0 done, 1 error, 2 some files could not be read (listed).`;

const COMMANDS: Record<string, { run: (args: string[]) => Promise<number>; usage: string }> = {
  project: { run: runProjectCommand, usage: PROJECT_USAGE },
  train: { run: runTrainCommand, usage: TRAIN_USAGE },
  segment: { run: runSegmentCommand, usage: SEGMENT_USAGE },
  evaluate: { run: runEvaluateCommand, usage: EVALUATE_USAGE },
};

/** node:util parseArgs' own errors (unknown option, missing value, ...): a usage mistake. */
function isParseArgsError(error: unknown): error is Error {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

async function main(argv: string[]): Promise<number> {
  const [group, ...rest] = argv;
  if (group === undefined || group === 'help' || group === '--help' || group === '-h') {
    console.log(USAGE);
    return group === undefined ? 1 : 0;
  }
  const command = Object.hasOwn(COMMANDS, group) ? COMMANDS[group] : undefined;
  if (command === undefined) throw new CliError(`Unknown command "${group}".\n\n${USAGE}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (isParseArgsError(error)) throw new CliError(`${error.message}\n\n${command.usage}`);
    throw error;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CliError || hasErrorCode(error)) {
    console.error(error.message);
  } else {
    console.error('Unexpected failure:', error);
  }
  process.exitCode = 1;
}
