// SCAFFOLD (being implemented): models, prediction of one image page, accepting it as labels.
import type { ParsedRequestOf, ResponseOf } from '../../../src-preload/contract';
import { AppError } from '../../ipc/app-error';
import type { WorkflowDeps } from './workflow-deps';

export class PredictionService {
  constructor(private readonly deps: WorkflowDeps) {}

  listModels(): ResponseOf<'models:list'> {
    void this.deps;
    return [];
  }

  renameModel(_modelId: number, _name: string): ResponseOf<'models:rename'> {
    throw new AppError('unsupported', 'Not built yet.');
  }

  predictImage(_request: ParsedRequestOf<'predict:image'>): Promise<ResponseOf<'predict:image'>> {
    throw new AppError('unsupported', 'Not built yet.');
  }

  accept(_predictionId: number): ResponseOf<'predict:accept'> {
    throw new AppError('unsupported', 'Not built yet.');
  }
}
