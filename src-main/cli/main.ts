// `npm run cli -- ...`: the studio without a window, on the same services as the app.
import { hasErrorCode } from '../ipc/app-error';
import { CliError } from './cli-error';
import { EVALUATE_USAGE, runEvaluateCommand } from './evaluate-command';
import { PROJECT_USAGE, runProjectCommand } from './project-commands';
import { SEGMENT_USAGE, runSegmentCommand } from './segment-command';
import { TRAIN_USAGE, runTrainCommand } from './train-command';

const USAGE = `U-Net Studio command line\n\n${PROJECT_USAGE}\n${TRAIN_USAGE}\n${SEGMENT_USAGE}\n${EVALUATE_USAGE}\n\nExit codes: 0 done, 1 error, 2 some files could not be read (listed).`;

async function main(argv: string[]): Promise<number> {
  const [group, ...rest] = argv;
  switch (group) {
    case 'project':
      return runProjectCommand(rest);
    case 'train':
      return runTrainCommand(rest);
    case 'segment':
      return runSegmentCommand(rest);
    case 'evaluate':
      return runEvaluateCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return group === undefined ? 1 : 0;
    default:
      throw new CliError(`Unknown command "${group}".\n\n${USAGE}`);
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
