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
