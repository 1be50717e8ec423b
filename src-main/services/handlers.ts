// Every channel of the contract, answered by the session. Handlers stay thin: the dispatcher
// has already checked the sender and validated the request.
import type { AppInfo } from '../../src-preload/contract';
import { computeDisplayRange } from '../imaging/display';
import { dtypeOf, pageView, sampleBytes } from '../imaging/raster';
import { AppError } from '../ipc/app-error';
import type { Handlers } from '../ipc/dispatcher';
import { toImageSummary } from './image-summary';
import { importFolder } from './import-images';
import type { StudioSession } from './studio-session';
import { createDemoProject } from './workflow/demo-project';
import { computeWeightMapView } from './workflow/weight-map-service';

export interface PlatformHooks {
  appInfo: AppInfo;
  /** A native folder dialog, where the platform has one (Electron). */
  pickFolder?: (title: string) => Promise<string | null>;
}

/** Copies a typed array's own bytes: a view would drag its whole buffer across IPC. */
function ownBytes(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

export function createHandlers(session: StudioSession, platform: PlatformHooks): Handlers {
  return {
    'app:info': () => platform.appInfo,
    'dialog:pick-folder': async ({ title }) => {
      if (!platform.pickFolder) {
        throw new AppError(
          'unsupported',
          'Folder dialogs are not available here; type the folder path instead.',
        );
      }
      return { path: await platform.pickFolder(title) };
    },

    'project:create': async ({ dir, name }) => {
      await session.leaveProject();
      return session.createProject(dir, name);
    },
    'project:open': async ({ dir }) => {
      if (!session.isOpenAt(dir)) await session.leaveProject();
      return session.openProject(dir);
    },
    'project:info': () => session.info(),
    'project:close': async () => {
      await session.leaveProject();
      return null;
    },

    'images:add-folder': ({ folder }, context) =>
      importFolder(session.store, folder, (progress) =>
        context.emit('images:import-progress', progress),
      ),
    'images:list': () => session.store.listImages().map(toImageSummary),
    'images:thumbnail': ({ imageId }) => {
      const thumbnail = session.store.getThumbnail(imageId);
      if (!thumbnail) throw new AppError('not-found', `Image ${imageId} has no preview.`);
      return { imageId, ...thumbnail };
    },
    'images:pixels': async ({ imageId, page }) => {
      const raster = await session.images.rasterWithPage(imageId, page);
      return {
        imageId,
        page,
        width: raster.width,
        height: raster.height,
        channels: raster.channels,
        dtype: dtypeOf(raster),
        data: ownBytes(pageView(raster, page)),
      };
    },
    'images:region': async ({ imageId, page, level, x, y, width, height }) => {
      const region = await session.images.region(imageId, page, { level, x, y, width, height });
      return {
        imageId,
        page,
        level,
        levels: region.levels,
        x,
        y,
        width: region.width,
        height: region.height,
        levelWidth: region.levelWidth,
        levelHeight: region.levelHeight,
        channels: region.raster.channels,
        dtype: dtypeOf(region.raster),
        data: sampleBytes(region.data),
      };
    },
    'images:set-display': async ({ imageId, range, percentiles }) => {
      session.images.requireRecord(imageId);
      const window =
        range ?? computeDisplayRange(await session.images.raster(imageId), percentiles);
      session.store.setDisplayRange(imageId, window.low, window.high);
      return toImageSummary(session.images.requireRecord(imageId));
    },
    'images:check': () => session.images.checkAll(),
    'images:relink': async ({ imageId, path }) =>
      toImageSummary(await session.images.relink(imageId, path)),
    'images:relink-folder': ({ folder }) => session.relinkFromFolder(folder),

    'classes:list': () => session.store.listClasses(),
    'classes:save': ({ classes }) => session.store.saveClasses(classes),

    'labels:read': ({ imageId, page }) => {
      session.images.requireRecord(imageId);
      return { imageId, page, ...session.store.readLabelMap(imageId, page) };
    },
    'labels:write-tiles': ({ imageId, page, tiles }) =>
      session.store.writeLabelTiles(imageId, page, tiles),

    'weights:compute': (request) => computeWeightMapView(session.deps, request),

    'training:backends': () => session.training.backends(),
    'training:start': (request, context) => session.training.start(request, context.emit),
    'training:stop': ({ runId }) => session.training.stop(runId),
    'training:status': () => session.training.status(),
    'training:runs': () => session.training.runs(),

    'models:list': () => session.predictions.listModels(),
    'models:rename': ({ modelId, name }) => session.predictions.renameModel(modelId, name),
    'predict:image': (request) => session.predictions.predictImage(request),
    'predict:cancel': () => session.predictions.cancel(),
    'predict:accept': ({ predictionId }) => session.predictions.accept(predictionId),

    'batch:start': (request, context) => session.batch.start(request, context.emit),
    'batch:cancel': ({ jobId }) => session.batch.cancel(jobId),

    'demo:create': async ({ dir }) => {
      await session.leaveProject();
      return createDemoProject(session, dir);
    },
  };
}
