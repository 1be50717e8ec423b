// Models of the open project, prediction of one image page, and accepting a prediction as the
// page's labels. Thin: each concern lives in its own model-* / prediction-* module.
import type { ParsedRequestOf, ResponseOf } from '../../../src-preload/contract';
import { requireModelRecord } from './model-files';
import { summariseModel } from './model-summary';
import { acceptPrediction } from './prediction-accept';
import { predictImage } from './prediction-image';
import type { WorkflowDeps } from './workflow-deps';

export class PredictionService {
  /** The predictions in flight, so that predict:cancel (or closing the project) can stop them. */
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly deps: WorkflowDeps) {}

  /** Every model of the project, oldest first; one whose files are gone is still listed. */
  async listModels(): Promise<ResponseOf<'models:list'>> {
    const store = this.deps.store();
    const classes = store.listClasses();
    return Promise.all(store.listModels().map((record) => summariseModel(store, record, classes)));
  }

  async renameModel(modelId: number, name: string): Promise<ResponseOf<'models:rename'>> {
    const store = this.deps.store();
    requireModelRecord(store, modelId);
    const record = store.renameModel(modelId, name);
    return summariseModel(store, record, store.listClasses());
  }

  async predictImage(
    request: ParsedRequestOf<'predict:image'>,
  ): Promise<ResponseOf<'predict:image'>> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    try {
      return await predictImage(this.deps, request, controller.signal);
    } finally {
      this.inFlight.delete(controller);
    }
  }

  /** Stops every prediction in flight; each of their calls fails with 'cancelled'. */
  cancel(): null {
    for (const controller of this.inFlight) controller.abort();
    return null;
  }

  accept(predictionId: number): ResponseOf<'predict:accept'> {
    return acceptPrediction(this.deps.store(), predictionId);
  }
}
