// SCAFFOLD (being implemented): training from the project's painted labels in the compute process.
import type { ParsedRequestOf, ResponseOf } from '../../../src-preload/contract';
import { AppError } from '../../ipc/app-error';
import type { WorkflowDeps } from './workflow-deps';
import type { Emit } from './emitter';

export class TrainingService {
  constructor(private readonly deps: WorkflowDeps) {}

  backends(): Promise<ResponseOf<'training:backends'>> {
    throw new AppError('unsupported', 'Training from the window is not built yet.');
  }

  start(
    _request: ParsedRequestOf<'training:start'>,
    _emit: Emit,
  ): Promise<ResponseOf<'training:start'>> {
    void this.deps;
    throw new AppError('unsupported', 'Training from the window is not built yet.');
  }

  stop(_runId: number): Promise<null> {
    throw new AppError('unsupported', 'Training from the window is not built yet.');
  }

  status(): ResponseOf<'training:status'> {
    return null;
  }

  runs(): ResponseOf<'training:runs'> {
    return [];
  }

  /** Stops a run in progress (the project closes or the app quits). */
  async shutdown(): Promise<void> {}
}
