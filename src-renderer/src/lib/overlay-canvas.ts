// The one DOM step of drawing an overlay: RGBA bytes (made by the pure renderers in this folder)
// into an image-sized canvas that the overlays store hands to the image view.

export interface Placement {
  /** Where the bytes start in the page (a preview of a large page covers a window of it). */
  x: number;
  y: number;
  /** The page's size: overlays are drawn in image pixels, so the canvas is page-sized. */
  pageWidth: number;
  pageHeight: number;
}

export function canvasFromRgba(
  width: number,
  height: number,
  rgba: Uint8ClampedArray<ArrayBuffer>,
  placement: Placement = { x: 0, y: 0, pageWidth: width, pageHeight: height },
): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = placement.pageWidth;
  canvas.height = placement.pageHeight;
  canvas
    .getContext('2d')
    ?.putImageData(new ImageData(rgba, width, height), placement.x, placement.y);
  return canvas;
}
