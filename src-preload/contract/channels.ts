// The one IPC contract: every channel `domain:verb` with a schema for its request and its
// response, and every event main pushes to the renderer. Electron IPC and the browser-mode
// WebSocket serve exactly this table.
import { z } from 'zod';
import {
  AppInfo,
  ClassDef,
  DisplayRange,
  FolderPath,
  Id,
  ImagePixels,
  ImageRegion,
  ImageStatus,
  MAX_REGION_SIDE,
  ImageSummary,
  ImportReport,
  LabelMap,
  LabelTile,
  ProjectInfo,
  Thumbnail,
} from './schemas';
import {
  BackendReport,
  BatchFinishedEvent,
  BatchProgressEvent,
  ModelSummary,
  PredictionView,
  SegmentOutput,
  TrainingFinishedEvent,
  TrainingPreviewEvent,
  TrainingProgressEvent,
  TrainingRunSummary,
  TrainingStartRequest,
  WeightMapView,
} from './workflow-schemas';

const Empty = z.object({}).strict();
const ImageRef = z.object({ imageId: Id }).strict();
const PageRef = z.object({ imageId: Id, page: z.number().int().nonnegative().default(0) }).strict();

export const channels = {
  'app:info': { request: Empty, response: AppInfo },
  'dialog:pick-folder': {
    request: z.object({ title: z.string().max(200) }).strict(),
    response: z.object({ path: z.string().nullable() }),
  },

  'project:create': {
    request: z
      .object({ dir: FolderPath, name: z.string().trim().min(1).max(200).optional() })
      .strict(),
    response: ProjectInfo,
  },
  'project:open': { request: z.object({ dir: FolderPath }).strict(), response: ProjectInfo },
  'project:info': { request: Empty, response: ProjectInfo },
  'project:close': { request: Empty, response: z.null() },

  'images:add-folder': {
    request: z.object({ folder: FolderPath }).strict(),
    response: ImportReport,
  },
  'images:list': { request: Empty, response: z.array(ImageSummary) },
  'images:thumbnail': { request: ImageRef, response: Thumbnail },
  'images:pixels': { request: PageRef, response: ImagePixels },
  /** A rectangle of a pyramid level of one page: how large images are viewed. */
  'images:region': {
    request: z
      .object({
        imageId: Id,
        page: z.number().int().nonnegative().default(0),
        level: z.number().int().nonnegative().max(16),
        x: z.number().int().nonnegative(),
        y: z.number().int().nonnegative(),
        width: z.number().int().positive().max(MAX_REGION_SIDE),
        height: z.number().int().positive().max(MAX_REGION_SIDE),
      })
      .strict(),
    response: ImageRegion,
  },
  'images:set-display': {
    request: z
      .object({
        imageId: Id,
        /** An explicit window, or percentiles to compute it from (e.g. 0.5 and 99.5). */
        range: DisplayRange.optional(),
        percentiles: z
          .object({ low: z.number().min(0).max(100), high: z.number().min(0).max(100) })
          .refine((p) => p.high > p.low, { message: 'high must be above low' })
          .optional(),
      })
      .strict()
      .refine((r) => (r.range === undefined) !== (r.percentiles === undefined), {
        message: 'Give either a range or percentiles.',
      }),
    response: ImageSummary,
  },
  'images:check': {
    request: Empty,
    response: z.array(z.object({ imageId: Id, status: ImageStatus })),
  },
  'images:relink': {
    request: z.object({ imageId: Id, path: FolderPath }).strict(),
    response: ImageSummary,
  },

  'images:relink-folder': {
    request: z.object({ folder: FolderPath }).strict(),
    response: z.object({ relinked: z.number().int(), stillMissing: z.number().int() }),
  },

  'classes:list': { request: Empty, response: z.array(ClassDef) },
  'classes:save': {
    request: z.object({ classes: z.array(ClassDef).max(255) }).strict(),
    response: z.array(ClassDef),
  },

  'labels:read': { request: PageRef, response: LabelMap },
  'labels:write-tiles': {
    request: z
      .object({
        imageId: Id,
        page: z.number().int().nonnegative().default(0),
        tiles: z.array(LabelTile).min(1).max(4096),
      })
      .strict(),
    response: z.object({
      revision: z.number().int().nonnegative(),
      tilesWritten: z.number().int(),
    }),
  },

  'weights:compute': {
    request: z
      .object({
        imageId: Id,
        page: z.number().int().nonnegative().default(0),
        w0: z.number().min(0).max(100).default(10),
        sigma: z.number().min(0.5).max(100).default(5),
      })
      .strict(),
    response: WeightMapView,
  },

  'training:backends': { request: Empty, response: BackendReport },
  'training:start': { request: TrainingStartRequest, response: z.object({ runId: Id }) },
  'training:stop': { request: z.object({ runId: Id }).strict(), response: z.null() },
  /** The run in progress, if any (a reopened window picks its chart up from here). */
  'training:status': { request: Empty, response: TrainingRunSummary.nullable() },
  'training:runs': { request: Empty, response: z.array(TrainingRunSummary) },

  'models:list': { request: Empty, response: z.array(ModelSummary) },
  'models:rename': {
    request: z.object({ modelId: Id, name: z.string().trim().min(1).max(200) }).strict(),
    response: ModelSummary,
  },

  'predict:image': {
    request: z
      .object({
        imageId: Id,
        page: z.number().int().nonnegative().default(0),
        modelId: Id,
        tta: z.boolean().default(false),
      })
      .strict(),
    response: PredictionView,
  },
  /**
   * Stops the predictions this window is waiting for, between two tiles: the pending
   * `predict:image` calls then fail with 'cancelled'. Nothing is stored for them.
   */
  'predict:cancel': { request: Empty, response: z.null() },
  /** Replaces the page's labels with the prediction, as one undoable change on the canvas. */
  'predict:accept': {
    request: z.object({ predictionId: Id }).strict(),
    response: z.object({
      revision: z.number().int().nonnegative(),
      labelledPixels: z.number().int(),
    }),
  },

  'batch:start': {
    request: z
      .object({
        modelId: Id,
        inputFolder: FolderPath,
        outputFolder: FolderPath,
        write: SegmentOutput.default('classes'),
        tta: z.boolean().default(false),
      })
      .strict(),
    response: z.object({ jobId: Id, total: z.number().int().nonnegative() }),
  },
  'batch:cancel': { request: z.object({ jobId: Id }).strict(), response: z.null() },

  /** A new project in `dir` holding the demo nuclei and a few painted strokes. */
  'demo:create': { request: z.object({ dir: FolderPath }).strict(), response: ProjectInfo },
} as const;

export const events = {
  'images:import-progress': z.object({
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    file: z.string(),
    failed: z.boolean(),
  }),
  'training:progress': TrainingProgressEvent,
  'training:preview': TrainingPreviewEvent,
  'training:finished': TrainingFinishedEvent,
  'batch:progress': BatchProgressEvent,
  'batch:finished': BatchFinishedEvent,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventOf<E extends EventName> = z.output<Events[E]>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(channels, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}
