import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// Debian's Chromium, headless, with nothing reaching out to the network.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Collects into `errors` what the page throws, and every Content Security Policy refusal
 * (only a console message, so counted as an error too). Tests expect it empty at the end.
 */
export function collectPageErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
}

/**
 * On the start screen: creates a project named `name` in `dir`, adds `folder`, waits for its
 * `images` thumbnails, and opens the one whose name contains `open`. Returns that image's id.
 */
export async function createProjectAndOpen(
  page: Page,
  project: { dir: string; name: string; folder: string; images: number; open: string },
): Promise<number> {
  await page.getByTestId('create-dir').fill(project.dir);
  await page.getByTestId('create-name').fill(project.name);
  await page.getByTestId('create-submit').click();
  await page.getByTestId('add-folder-path').fill(project.folder);
  await page.getByTestId('add-folder-submit').click();
  await expect
    .poll(() => page.getByTestId('thumbnail').count(), { timeout: 30_000 })
    .toBe(project.images);
  const item = page.getByTestId('thumbnail').filter({ hasText: project.open }).first();
  const id = Number(await item.getAttribute('data-image-id'));
  await item.click();
  return id;
}
