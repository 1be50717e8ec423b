// The compute process: the engine's jobs, served to the parent over the compute protocol.
// Started by `child_process.fork` (CLI, browser mode, tests) or Electron's utilityProcess.
import { serveJobs } from '../compute/job-registry';
import { backendsJob } from './jobs/backends-job';
import { predictImageJob } from './jobs/predict-image-job';
import { segmentJob } from './jobs/segment-job';
import { trainJob } from './jobs/train-job';
import { WEIGHT_MAP_JOB, weightMapJob } from './jobs/weight-map-job';

serveJobs({
  train: trainJob,
  backends: backendsJob,
  segment: segmentJob,
  'predict-image': predictImageJob,
  [WEIGHT_MAP_JOB]: weightMapJob,
});
