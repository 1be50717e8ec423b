// SCAFFOLD (being implemented): the paper's weight map for the painted labels of one page.
import type { ParsedRequestOf, ResponseOf } from '../../../src-preload/contract';
import { AppError } from '../../ipc/app-error';
import type { WorkflowDeps } from './workflow-deps';

export function computeWeightMapView(
  _deps: WorkflowDeps,
  _request: ParsedRequestOf<'weights:compute'>,
): ResponseOf<'weights:compute'> {
  throw new AppError('unsupported', 'Not built yet.');
}
