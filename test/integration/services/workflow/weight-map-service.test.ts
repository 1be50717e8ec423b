// The weight map of a page's painted labels, through the real handler and project store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emCrop, paint, Studio } from './training-fixture';

const SIZE = 64;
let studio: Studio;
let imageId: number;

beforeEach(async () => {
  studio = new Studio();
  studio.createProject();
  const { image } = emCrop(0, SIZE);
  const [added] = await studio.addImages([
    { name: 'em.tif', width: SIZE, height: SIZE, data: image },
  ]);
  imageId = added!.id;
});
afterEach(() => studio.dispose());

const weightsOf = async (w0 = 10, sigma = 5) => {
  const view = await studio.call('weights:compute', { imageId, page: 0, w0, sigma });
  const data = new Float32Array(view.data.slice().buffer);
  return { ...view, weights: data };
};

// Two 10 x 10 foreground squares (class 2) with one column of painted background (class 1)
// between them, inside a painted background region; the rest of the page unpainted.
const inLeft = (x: number, y: number) => x >= 10 && x < 20 && y >= 20 && y < 30;
const inRight = (x: number, y: number) => x >= 21 && x < 31 && y >= 20 && y < 30;
const inRegion = (x: number, y: number) => x >= 4 && x < 60 && y >= 4 && y < 50;
const squares = (x: number, y: number) =>
  inLeft(x, y) || inRight(x, y) ? 2 : inRegion(x, y) ? 1 : 0;
const at = (x: number, y: number) => y * SIZE + x;

describe('the weight map of painted labels', () => {
  it('weights the painted gap between touching objects near w_c + w0, and nothing unpainted', async () => {
    paint(studio, imageId, 0, SIZE, SIZE, squares);
    const view = await weightsOf();
    const { weights, classWeights } = view;
    expect([view.width, view.height, weights.length]).toEqual([SIZE, SIZE, SIZE * SIZE]);

    const background = classWeights.find((c) => c.index === 1)!.weight;
    const foreground = classWeights.find((c) => c.index === 2)!.weight;
    expect(classWeights.map((c) => c.index)).toEqual([1, 2]);
    // Inverse frequency: the rarer foreground weighs more; without the border term the mean
    // over the painted pixels is 1.
    expect(foreground).toBeGreaterThan(background);
    const flat = await weightsOf(0);
    expect(flat.weights.reduce((a, b) => a + b, 0) / flat.labelledPixels).toBeCloseTo(1, 4);
    expect(view.labelledPixels).toBe(56 * 46);

    // The gap pixel is 1 px from each square: w0 * exp(-(1 + 1)^2 / (2 * 5^2)) = 9.23.
    const gap = weights[at(20, 25)]!;
    expect(gap).toBeGreaterThan(background + 0.9 * 10);
    expect(gap).toBeLessThanOrEqual(background + 10);
    expect(view.max).toBeCloseTo(Math.max(...weights), 5);
    // Inside a square only w_c; far from both squares only w_c; unpainted exactly 0.
    expect(weights[at(15, 25)]).toBeCloseTo(foreground, 6);
    expect(weights[at(55, 45)]).toBeCloseTo(background, 6);
    expect(weights[at(1, 1)]).toBe(0);
    expect(weights[at(62, 60)]).toBe(0);
  });

  it('changes when a stroke is added', async () => {
    paint(studio, imageId, 0, SIZE, SIZE, squares);
    const before = await weightsOf();
    // A third square below, in the unpainted part of the page.
    paint(studio, imageId, 0, SIZE, SIZE, (x, y) =>
      x >= 10 && x < 20 && y >= 52 && y < 60 ? 2 : squares(x, y),
    );
    const after = await weightsOf();
    expect(after.labelledPixels).toBe(before.labelledPixels + 80);
    expect(before.weights[at(15, 55)]).toBe(0);
    expect(after.weights[at(15, 55)]).toBeGreaterThan(0);
    // More foreground: its balance weight drops.
    const fg = (view: typeof after) => view.classWeights.find((c) => c.index === 2)!.weight;
    expect(fg(after)).toBeLessThan(fg(before));
    // No border term without w0: the gap weighs what any background pixel weighs.
    const flat = await weightsOf(0);
    expect(flat.weights[at(20, 25)]).toBeCloseTo(flat.weights[at(55, 45)]!, 6);
  });

  it('counts classes by index, with gaps in the class list', async () => {
    await studio.call('classes:save', {
      classes: [
        { index: 1, name: 'Background', colour: '#000000' },
        { index: 3, name: 'Nucleus', colour: '#ff0000' },
      ],
    });
    paint(studio, imageId, 0, SIZE, SIZE, (x, y) => (squares(x, y) === 2 ? 3 : squares(x, y)));
    const view = await weightsOf();
    expect(view.classWeights.map((c) => c.index)).toEqual([1, 3]);
    expect(view.weights[at(20, 25)]).toBeGreaterThan(9);
  });

  it('is zero everywhere on an unpainted page', async () => {
    const view = await weightsOf();
    expect(view.labelledPixels).toBe(0);
    expect(view.max).toBe(0);
    expect(view.classWeights).toEqual([]);
    expect(view.weights.every((w) => w === 0)).toBe(true);
  });

  it('is computed in the compute process, not on main', async () => {
    paint(studio, imageId, 0, SIZE, SIZE, squares);
    const compute = studio.session.compute;
    const jobs: string[] = [];
    const request = compute.request.bind(compute);
    compute.request = ((job: string, ...rest: unknown[]) => {
      jobs.push(job);
      return (request as (...args: unknown[]) => Promise<unknown>)(job, ...rest);
    }) as typeof compute.request;
    const view = await weightsOf();
    expect(jobs).toEqual(['weight-map']);
    expect(view.weights[at(20, 25)]).toBeGreaterThan(9);
  });
});
