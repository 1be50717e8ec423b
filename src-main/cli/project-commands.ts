// `project create|add-images|info`: the same services the app uses, from a terminal.
import { parseArgs } from 'node:util';
import { StudioSession } from '../services/studio-session';
import { importFolder } from '../services/import-images';
import { toImageSummary } from '../services/image-summary';
import { CliError, EXIT_PARTIAL } from './cli-error';
import { createProgressReporter } from './progress-bar';

export const PROJECT_USAGE = `Usage:
  npm run cli -- project create DIR [--name NAME]
  npm run cli -- project add-images DIR --from FOLDER
  npm run cli -- project info DIR`;

function withProject<T>(
  dir: string,
  mode: 'open' | 'create',
  name: string | undefined,
  work: (session: StudioSession) => Promise<T>,
): Promise<T> {
  const session = new StudioSession();
  if (mode === 'create') session.createProject(dir, name);
  else session.openProject(dir);
  return work(session).finally(() => session.close());
}

export async function runProjectCommand(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { name: { type: 'string' }, from: { type: 'string' } },
  });
  const dir = positionals[0];
  if (!verb || !dir) throw new CliError(PROJECT_USAGE);

  switch (verb) {
    case 'create':
      return withProject(dir, 'create', values.name, async (session) => {
        console.log(`Created project "${session.info().name}" in ${session.info().dir}`);
        return 0;
      });
    case 'add-images': {
      const from = values.from;
      if (!from) throw new CliError(`add-images needs --from FOLDER.\n${PROJECT_USAGE}`);
      return withProject(dir, 'open', undefined, async (session) => {
        const progress = createProgressReporter();
        const report = await importFolder(session.store, from, (p) =>
          progress.update(p.done, p.total, p.file),
        );
        console.log(
          `${report.added.length} image(s) added, ${report.alreadyPresent.length} already in the project, ${report.failed.length} could not be read.`,
        );
        for (const problem of report.failed) console.log(`  ${problem.file}: ${problem.reason}`);
        return report.failed.length > 0 ? EXIT_PARTIAL : 0;
      });
    }
    case 'info':
      return withProject(dir, 'open', undefined, async (session) => {
        const images = session.store.listImages().map(toImageSummary);
        const labelledTiles = session.store.labelledTileCount();
        console.log(JSON.stringify({ ...session.info(), labelledTiles, images }, null, 2));
        return 0;
      });
    default:
      throw new CliError(`Unknown project command "${verb}".\n${PROJECT_USAGE}`);
  }
}
