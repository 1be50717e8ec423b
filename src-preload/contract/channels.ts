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
  ImageStatus,
  ImageSummary,
  ImportReport,
  LabelMap,
  LabelTile,
  ProjectInfo,
  Thumbnail,
} from './schemas';

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
} as const;

export const events = {
  'images:import-progress': z.object({
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    file: z.string(),
    failed: z.boolean(),
  }),
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
