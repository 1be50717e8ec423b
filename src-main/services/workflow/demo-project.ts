// SCAFFOLD (being implemented): the demo project offered on the start screen.
import type { ProjectInfo } from '../../../src-preload/contract';
import { AppError } from '../../ipc/app-error';
import type { StudioSession } from '../studio-session';

export async function createDemoProject(
  _session: StudioSession,
  _dir: string,
): Promise<ProjectInfo> {
  throw new AppError('unsupported', 'Not built yet.');
}
