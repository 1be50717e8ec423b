// Preloaded (node --import) into the child of wasm-threads-process.test.ts to act out worker
// threads that cannot start: in every worker thread, reading a Blob fails, as the pthread worker
// must do to load tfjs's main script.
import { isMainThread } from 'node:worker_threads';

if (!isMainThread) {
  Blob.prototype.text = () => Promise.reject(new Error('simulated: this worker cannot read Blobs'));
}
