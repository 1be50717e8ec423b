import { describe, expect, it } from 'vitest';
import type { ImageSummary, ImportReport } from '../../../src-preload/contract';
import {
  describeImage,
  plainMessage,
  summarizeImport,
} from '../../../src-renderer/src/lib/describe';
import { socketUrl } from '../../../src-renderer/src/api/socket-client';

const image: ImageSummary = {
  id: 1,
  name: 'a.tif',
  sourcePath: '/data/a.tif',
  contentHash: 'x',
  width: 696,
  height: 520,
  pages: 1,
  channels: 1,
  bitDepth: 16,
  sampleFormat: 'uint',
  display: { low: 0, high: 369 },
  status: 'ok',
};

function report(added: number, failed: number, alreadyPresent = 0): ImportReport {
  return {
    added: Array.from({ length: added }, (_, i) => ({ ...image, id: i + 1 })),
    failed: Array.from({ length: failed }, (_, i) => ({
      file: `/d/bad${i}.png`,
      reason: 'Truncated.',
    })),
    alreadyPresent: Array.from({ length: alreadyPresent }, (_, i) => `/d/dup${i}.png`),
  };
}

describe('summarizeImport', () => {
  it('says what was added, what failed and what was already there', () => {
    expect(summarizeImport(report(20, 2))).toBe('20 images added, 2 could not be read');
    expect(summarizeImport(report(1, 0))).toBe('1 image added');
    expect(summarizeImport(report(0, 0))).toBe('0 images added');
    expect(summarizeImport(report(0, 3))).toBe('3 could not be read');
    expect(summarizeImport(report(0, 0, 1))).toBe('0 images added, 1 was already in the project');
    expect(summarizeImport(report(2, 1, 4))).toBe(
      '2 images added, 1 could not be read, 4 were already in the project',
    );
  });
});

describe('describeImage', () => {
  it('gives size, depth, colour and pages', () => {
    expect(describeImage(image)).toBe('696 × 520 · 16-bit gray');
    expect(describeImage({ ...image, channels: 3, bitDepth: 8, pages: 5 })).toBe(
      '696 × 520 · 8-bit RGB · 5 pages',
    );
    expect(describeImage({ ...image, bitDepth: 32, sampleFormat: 'float' })).toBe(
      '696 × 520 · 32-bit float gray',
    );
  });
});

describe('plainMessage', () => {
  it('drops stack frames and falls back to a plain sentence', () => {
    expect(
      plainMessage({
        code: 'internal',
        message: 'Could not read.\n    at foo (x.js:1:2)\n    at bar',
      }),
    ).toBe('Could not read.');
    expect(plainMessage({ code: 'internal', message: '' })).toMatch(/^Something went wrong/);
  });
});

describe('socketUrl', () => {
  it('carries the page token to the socket, ws for http and wss for https', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:5000', search: '?token=ab%2Bc' })).toBe(
      'ws://127.0.0.1:5000/studio-socket?token=ab%2Bc',
    );
    expect(socketUrl({ protocol: 'https:', host: 'h', search: '?x=1&token=t' })).toBe(
      'wss://h/studio-socket?token=t',
    );
    expect(socketUrl({ protocol: 'http:', host: 'h', search: '' })).toBeNull();
  });
});
