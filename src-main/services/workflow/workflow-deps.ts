// What the workflow services reach through: the open project (looked up on every call, since
// the person may switch projects) and the app-wide compute process.
import type { ComputeClient } from '../../compute';
import type { ProjectStore } from '../../store';
import type { ImageAccess } from '../image-access';

export interface WorkflowDeps {
  /** The open project's store; throws 'no-project' when none is open. */
  store(): ProjectStore;
  images(): ImageAccess;
  compute: ComputeClient;
}
