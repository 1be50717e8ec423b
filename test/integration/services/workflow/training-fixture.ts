// A studio with a real project in a temp dir, real images (crops of the ISBI 2012 EM slices,
// written as TIFFs with the studio's writer), labels painted through the store, and the real
// handlers and compute process. Shared by the training and weight-map tests.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  channels,
  LABEL_TILE_SIZE,
  events as eventSchemas,
  type ChannelName,
  type RequestOf,
  type ResponseOf,
  type EventName,
  type EventOf,
  type ImageSummary,
} from '../../../../src-preload/contract';
import { decodeImage } from '../../../../src-main/imaging/decode';
import { writeTiffFile } from '../../../../src-main/imaging/tiff-write';
import type { HandlerContext } from '../../../../src-main/ipc/dispatcher';
import { createHandlers } from '../../../../src-main/services/handlers';
import { StudioSession } from '../../../../src-main/services/studio-session';
import { ISBI_IMAGES } from '../../../support/paths';

export interface Emitted {
  event: EventName;
  payload: unknown;
}

export class Studio {
  readonly work = mkdtempSync(join(tmpdir(), 'studio-training-'));
  readonly session = new StudioSession();
  readonly emitted: Emitted[] = [];
  readonly context: HandlerContext = {
    sender: { transport: 'browser', url: '', authenticated: true },
    emit: (event, payload) => {
      // Every event must fit the contract, as the real transports would check.
      eventSchemas[event].parse(payload);
      this.emitted.push({ event, payload });
    },
  };
  readonly handlers = createHandlers(this.session, {
    appInfo: { mode: 'browser', version: 'test', platform: 'linux', canPickFolders: false },
  });

  get store() {
    return this.session.store;
  }

  /** One request as the dispatcher runs it: the request parsed (defaults), the answer checked. */
  async call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const parsed = channels[channel].request.parse(request);
    const handler = this.handlers[channel] as (r: unknown, c: HandlerContext) => unknown;
    const response = await handler(parsed, this.context);
    return channels[channel].response.parse(response) as ResponseOf<C>;
  }

  createProject(): void {
    this.session.createProject(join(this.work, 'project'));
  }

  /** Writes the images into a folder and adds it to the project. */
  async addImages(files: ImageFile[]): Promise<ImageSummary[]> {
    const folder = join(this.work, 'images');
    mkdirSync(folder, { recursive: true });
    for (const file of files) {
      await writeTiffFile(join(folder, file.name), {
        width: file.width,
        height: file.height,
        data: file.data,
        ...(file.pages ? { pages: file.pages } : {}),
      });
    }
    const report = await this.handlers['images:add-folder']({ folder }, this.context);
    return files.map((file) => report.added.find((image) => image.name === file.name)!);
  }

  of<E extends EventName>(event: E): EventOf<E>[] {
    return this.emitted.filter((e) => e.event === event).map((e) => e.payload as EventOf<E>);
  }

  /** Waits until an event of this kind satisfies `test`. */
  async waitFor<E extends EventName>(
    event: E,
    test: (payload: EventOf<E>) => boolean = () => true,
    timeoutMs = 120_000,
  ): Promise<EventOf<E>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.of(event).find(test);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No ${event} event came within ${timeoutMs} ms.`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async dispose(): Promise<void> {
    await this.session.dispose();
    rmSync(this.work, { recursive: true, force: true });
  }
}

export interface ImageFile {
  name: string;
  width: number;
  height: number;
  data: Uint8Array;
  pages?: number;
}

/** A size x size crop of ISBI slice n and of its membrane labels (255 = cell, 0 = membrane). */
export function emCrop(n: number, size: number, x0 = 100, y0 = 100) {
  const read = (folder: string) => {
    const raster = decodeImage(new Uint8Array(readFileSync(join(folder, `${n}.png`))), `${n}.png`);
    const crop = new Uint8Array(size * size);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) crop[y * size + x] = raster.data[(y + y0) * 512 + x + x0]!;
    return crop;
  };
  return { image: read(ISBI_IMAGES), truth: read(join(ISBI_IMAGES, '../labels')) };
}

/** Paints a width x height page (class index per pixel, 0 = leave unpainted) through the store. */
export function paint(
  studio: Studio,
  imageId: number,
  page: number,
  width: number,
  height: number,
  classAt: (x: number, y: number) => number,
): void {
  const T = LABEL_TILE_SIZE;
  const tiles = [];
  for (let ty = 0; ty * T < height; ty++) {
    for (let tx = 0; tx * T < width; tx++) {
      const data = new Uint8Array(T * T);
      for (let y = 0; y < T && ty * T + y < height; y++)
        for (let x = 0; x < T && tx * T + x < width; x++)
          data[y * T + x] = classAt(tx * T + x, ty * T + y);
      tiles.push({ tx, ty, data });
    }
  }
  studio.store.writeLabelTiles(imageId, page, tiles);
}

/** Strokes across an EM crop: every fourth row painted from the truth (cell 2, membrane 1). */
export function paintStrokes(
  studio: Studio,
  imageId: number,
  page: number,
  truth: Uint8Array,
  size: number,
) {
  paint(studio, imageId, page, size, size, (x, y) =>
    y % 4 === 0 ? (truth[y * size + x]! > 0 ? 2 : 1) : 0,
  );
}

/** The network every test trains: tiny, so a run takes seconds on the JavaScript backend. */
export const TINY = {
  preset: 'cpu',
  backend: 'cpu',
  filters: 2,
  depth: 2,
  tile: 60,
} as const;
