// The folders of a batch, checked before the compute process is asked: a batch that cannot
// write, or would write over its own input or into the models, is refused in plain words.
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { AppError } from '../../ipc/app-error';
import { listImageFiles } from '../folder-listing';

/** The folder's real path where it exists (a link to the input is the input), else resolved. */
async function canonical(folder: string): Promise<string> {
  const absolute = resolve(folder);
  return realpath(absolute).catch(() => absolute);
}

function isInsideOrSame(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export interface BatchFolders {
  input: string;
  output: string;
  /** The image files the batch will segment, in the order the job takes them. */
  files: string[];
}

export async function checkBatchFolders(
  inputFolder: string,
  outputFolder: string,
  modelsFolder: string,
): Promise<BatchFolders> {
  const input = await canonical(inputFolder);
  const output = await canonical(outputFolder);
  const files = await listImageFiles(input);
  if (files.length === 0) {
    throw new AppError(
      'not-found',
      `The folder ${input} holds no images the studio can read (TIFF, PNG or JPEG files). Choose the folder that holds the images.`,
    );
  }
  if (output === input) {
    throw new AppError(
      'invalid-request',
      'The output folder is the input folder: the masks would land among the images (and replace any TIFF image of the same name). Choose another output folder.',
    );
  }
  if (isInsideOrSame(output, await canonical(modelsFolder))) {
    throw new AppError(
      'invalid-request',
      "The output folder lies inside the project's models folder, which holds the trained models. Choose another output folder.",
    );
  }
  const existing = await stat(output).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw new AppError(
      'invalid-request',
      `${output} is a file, not a folder. Choose a folder for the masks.`,
    );
  }
  return { input, output, files };
}
