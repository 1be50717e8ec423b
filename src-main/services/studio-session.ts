// One open project and what hangs off it. The Electron shell, the browser-mode server and
// the CLI each hold one session; the IPC handlers are thin calls into it.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ClassDef, ProjectInfo } from '../../src-preload/contract';
import { ComputeClient, type ComputeClientOptions } from '../compute';
import { AppError } from '../ipc/app-error';
import { ProjectStore } from '../store';
import { SOURCE_COMPUTE_ENTRY } from './compute-entry-path';
import { hashBytes } from './file-identity';
import { listImageFiles } from './folder-listing';
import { ImageAccess } from './image-access';
import { BatchService } from './workflow/batch-service';
import { PredictionService } from './workflow/prediction-service';
import { TrainingService } from './workflow/training-service';
import type { WorkflowDeps } from './workflow/workflow-deps';

/** A new project starts with the two classes of the paper's binary segmentation. */
export const DEFAULT_CLASSES: ClassDef[] = [
  { index: 1, name: 'Background', colour: '#3b82f6' },
  { index: 2, name: 'Foreground', colour: '#f59e0b' },
];

interface OpenProject {
  store: ProjectStore;
  images: ImageAccess;
}

export interface StudioSessionOptions {
  /** How to start the compute process; from source with `child_process.fork` unless given. */
  compute?: Partial<ComputeClientOptions>;
}

export class StudioSession {
  private current: OpenProject | undefined;
  /** One compute process for the app's lifetime; it outlives project switches. */
  readonly compute: ComputeClient;
  readonly training: TrainingService;
  readonly predictions: PredictionService;
  readonly batch: BatchService;
  /** What the workflow services reach through (also the weight-map handler). */
  readonly deps: WorkflowDeps;

  constructor(options: StudioSessionOptions = {}) {
    this.compute = new ComputeClient({ entry: SOURCE_COMPUTE_ENTRY, ...options.compute });
    const deps: WorkflowDeps = {
      store: () => this.store,
      images: () => this.images,
      compute: this.compute,
    };
    this.deps = deps;
    this.training = new TrainingService(deps);
    this.predictions = new PredictionService(deps);
    this.batch = new BatchService(deps);
  }

  /** Stops running jobs, closes the project and ends the compute process. */
  async dispose(): Promise<void> {
    await Promise.allSettled([this.training.shutdown(), this.batch.shutdown()]);
    this.close();
    await this.compute.dispose();
  }

  createProject(dir: string, name?: string): ProjectInfo {
    const store = ProjectStore.create(resolve(dir), name ? { name } : {});
    store.saveClasses(DEFAULT_CLASSES);
    this.replace(store);
    return this.info();
  }

  /** Whether `dir` is the open project's folder. */
  isOpenAt(dir: string): boolean {
    return this.current?.store.dir === resolve(dir);
  }

  openProject(dir: string): ProjectInfo {
    // Opening the project that is already open keeps it (and a training running in it).
    if (this.isOpenAt(dir)) return this.info();
    const store = ProjectStore.open(resolve(dir));
    this.replace(store);
    return this.info();
  }

  /**
   * Ends the project's running jobs (training saves its last checkpoint and becomes a model;
   * a batch stops after the current image), then closes it. What the handlers call before a
   * project is closed or replaced; `close()` alone is for shutdown paths that cannot wait.
   */
  async leaveProject(): Promise<void> {
    if (!this.current) return;
    // A prediction in flight would store its result into the project being closed.
    this.predictions.cancel();
    await Promise.allSettled([this.training.shutdown(), this.batch.shutdown()]);
    this.close();
  }

  close(): void {
    this.current?.images.dispose();
    this.current?.store.close();
    this.current = undefined;
  }

  get isOpen(): boolean {
    return this.current !== undefined;
  }

  get store(): ProjectStore {
    return this.require().store;
  }

  get images(): ImageAccess {
    return this.require().images;
  }

  info(): ProjectInfo {
    const { store } = this.require();
    return {
      dir: store.dir,
      name: store.info().name,
      schemaVersion: store.schemaVersion,
      imageCount: store.imageCount(),
      classes: store.listClasses(),
    };
  }

  /** Finds moved images in a folder by their content and points the project at them. */
  async relinkFromFolder(folder: string): Promise<{ relinked: number; stillMissing: number }> {
    const { store, images } = this.require();
    const statuses = await images.checkAll();
    const lost = new Map<string, number[]>();
    for (const { imageId, status } of statuses) {
      if (status === 'ok') continue;
      const hash = store.getImage(imageId)?.contentHash;
      if (hash) lost.set(hash, [...(lost.get(hash) ?? []), imageId]);
    }
    let relinked = 0;
    for (const path of await listImageFiles(resolve(folder))) {
      if (lost.size === 0) break;
      const hash = hashBytes(new Uint8Array(await readFile(path)));
      for (const imageId of lost.get(hash) ?? []) {
        await images.relink(imageId, path);
        relinked++;
      }
      lost.delete(hash);
    }
    const stillMissing = [...lost.values()].reduce((sum, ids) => sum + ids.length, 0);
    return { relinked, stillMissing };
  }

  private replace(store: ProjectStore): void {
    this.close();
    this.current = { store, images: new ImageAccess(store) };
  }

  private require(): OpenProject {
    if (!this.current) {
      throw new AppError('no-project', 'No project is open. Create a project or open one first.');
    }
    return this.current;
  }
}
