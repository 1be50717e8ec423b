// `predict:accept`: a stored prediction becomes the page's labels, every LABEL_TILE_SIZE tile of
// it (edge tiles padded with 0), in one write (one revision). The renderer reads the labels again and records the change as one undo.
import type { ResponseOf } from '../../../src-preload/contract';
import { AppError } from '../../ipc/app-error';
import { extractTile, tileGrid, type PredictionRecord, type ProjectStore } from '../../store';

/** The prediction's record; the store looks predictions up by image, so each image is asked. */
function findPrediction(store: ProjectStore, predictionId: number): PredictionRecord {
  for (const image of store.listImages()) {
    const found = store.listPredictions(image.id).find((p) => p.id === predictionId);
    if (found) return found;
  }
  throw new AppError(
    'not-found',
    `Prediction ${predictionId} is not in this project (its image or model may have been removed).`,
  );
}

export function acceptPrediction(
  store: ProjectStore,
  predictionId: number,
): ResponseOf<'predict:accept'> {
  const record = findPrediction(store, predictionId);
  const { width, height, data } = store.readPredictionMap(predictionId);

  // A class removed since the prediction would leave labels that no class explains.
  const known = new Set(store.listClasses().map((k) => k.index));
  const present = new Set(data);
  const unknown = [...present].filter((value) => value !== 0 && !known.has(value));
  if (unknown.length > 0) {
    throw new AppError(
      'unsupported',
      `This prediction uses class ${unknown.join(', ')}, which the project no longer has. Predict the image again.`,
    );
  }

  const { columns, rows } = tileGrid(width, height);
  const tiles = [];
  for (let ty = 0; ty < rows; ty++)
    for (let tx = 0; tx < columns; tx++)
      tiles.push({ tx, ty, data: extractTile(data, width, height, tx, ty) });
  const { revision } = store.writeLabelTiles(record.imageId, record.page, tiles);

  let labelledPixels = 0;
  for (const value of data) if (value !== 0) labelledPixels++;
  return { revision, labelledPixels };
}
