// Image I/O for the main process and its helpers (CLI, browser-mode server, compute process).
export * from './raster';
export { ImageReadError } from './errors';
export * from './decode';
export * from './display';
export * from './tiff-write';
export { MAX_DECODED_BYTES, MAX_SIDE } from './limits';
