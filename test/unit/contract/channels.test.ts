import { describe, expect, it, vi } from 'vitest';
import {
  CHANNEL_NAMES,
  EVENT_NAMES,
  channels,
  createStudioApi,
} from '../../../src-preload/contract';

describe('the contract', () => {
  it('names every channel and event domain:verb', () => {
    for (const name of [...CHANNEL_NAMES, ...EVENT_NAMES])
      expect(name).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
  });

  it('has a request and a response schema for every channel', () => {
    for (const name of CHANNEL_NAMES) {
      expect(typeof channels[name].request.safeParse).toBe('function');
      expect(typeof channels[name].response.safeParse).toBe('function');
    }
  });

  it('builds one function per channel that invokes exactly that channel', async () => {
    const invoke = vi.fn(async () => ({ ok: true as const, value: null }));
    const unsubscribe = vi.fn();
    const subscribe = vi.fn(() => unsubscribe);
    const api = createStudioApi(invoke, subscribe);
    for (const name of CHANNEL_NAMES) expect(typeof api[name]).toBe('function');
    await api['project:open']({ dir: '/data/p' });
    expect(invoke).toHaveBeenCalledWith('project:open', { dir: '/data/p' });
    const listener = vi.fn();
    expect(api.on('images:import-progress', listener)).toBe(unsubscribe);
    expect(subscribe).toHaveBeenCalledWith('images:import-progress', listener);
  });
});

describe('paths in requests', () => {
  const open = channels['project:open'].request;
  const batch = channels['batch:start'].request;

  it('accepts absolute POSIX, Windows drive and UNC paths', () => {
    for (const dir of ['/home/me/project', 'C:\\data\\project', 'd:/data', '\\\\server\\share\\p'])
      expect(open.safeParse({ dir }).success, dir).toBe(true);
  });

  it('refuses relative paths and NUL bytes with a message a person can act on', () => {
    for (const dir of ['project', './project', '../etc', '~/images', 'C:data']) {
      const parsed = open.safeParse({ dir });
      expect(parsed.success, dir).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/full path of the folder/);
    }
    const nul = open.safeParse({ dir: '/data/p\0/etc/passwd' });
    expect(nul.error?.issues[0]?.message).toMatch(/NUL/);
  });

  it('checks both folders of a batch', () => {
    const base = { inputFolder: '/in', outputFolder: '/out' };
    const withOutput = (outputFolder: string) =>
      batch.safeParse({ ...base, outputFolder, modelId: 1, write: 'classes', tta: false });
    expect(withOutput('/out').success).toBe(true);
    expect(withOutput('relative/out').success).toBe(false);
  });
});
