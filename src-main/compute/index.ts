// The parent's surface. The child entry imports `job-registry` directly instead, so the compute
// process does not load the parent's code.
export { ComputeClient } from './compute-client';
export type { ComputeClientOptions, ComputeLogEntry, RequestOptions } from './compute-client';
export type { ChildExit, ChildLike, SpawnChild, SpawnOptions } from './child-handle';
export { forkChild } from './fork-child';
export { adaptUtilityProcess, type UtilityProcessLike } from './utility-process-child';
export type { JobContext, JobHandler, JobHandlers } from './job-registry';
