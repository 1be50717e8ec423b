// SCAFFOLD (being implemented): batch segmentation of a folder with a project model.
import type { ParsedRequestOf, ResponseOf } from '../../../src-preload/contract';
import { AppError } from '../../ipc/app-error';
import type { Emit } from './emitter';
import type { WorkflowDeps } from './workflow-deps';

export class BatchService {
  constructor(private readonly deps: WorkflowDeps) {}

  start(_request: ParsedRequestOf<'batch:start'>, _emit: Emit): Promise<ResponseOf<'batch:start'>> {
    void this.deps;
    throw new AppError('unsupported', 'Not built yet.');
  }

  cancel(_jobId: number): null {
    throw new AppError('unsupported', 'Not built yet.');
  }

  async shutdown(): Promise<void> {}
}
