import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src-main/ipc/app-error';
import { createDispatcher, type Handlers, type Sender } from '../../../src-main/ipc/dispatcher';

const trusted: Sender = { transport: 'electron', url: 'file:///app/index.html' };
const stranger: Sender = { transport: 'electron', url: 'https://evil.example/' };
const context = (sender: Sender) => ({ sender, emit: vi.fn() });

function setup(handler: (...args: unknown[]) => unknown) {
  const handlers = new Proxy({}, { get: () => handler }) as unknown as Handlers;
  const log = vi.fn();
  const dispatch = createDispatcher({
    handlers,
    isTrustedSender: (sender) => sender.url === trusted.url,
    log,
  });
  return { dispatch, log };
}

const project = { dir: '/p', name: 'p', schemaVersion: 1, imageCount: 0, classes: [] };

describe('dispatcher', () => {
  it('runs the handler with the parsed request and wraps its value', async () => {
    const handler = vi.fn(() => project);
    const { dispatch } = setup(handler);
    const result = await dispatch('project:open', { dir: '/p' }, context(trusted));
    expect(result).toEqual({ ok: true, value: project });
    expect(handler).toHaveBeenCalledWith({ dir: '/p' }, expect.anything());
  });

  it('refuses a payload that fails its schema without running the handler', async () => {
    const handler = vi.fn(() => project);
    const { dispatch } = setup(handler);
    for (const bad of [{ dir: 42 }, { dir: '' }, { dir: '/p', extra: true }, null, 'x']) {
      const result = await dispatch('project:open', bad, context(trusted));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-request');
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses an unknown sender without running the handler', async () => {
    const handler = vi.fn(() => project);
    const { dispatch } = setup(handler);
    const result = await dispatch('project:open', { dir: '/p' }, context(stranger));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses an unknown channel', async () => {
    const handler = vi.fn();
    const { dispatch } = setup(handler);
    const result = await dispatch('fs:delete-everything', {}, context(trusted));
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('passes expected failures through as values, with their message', async () => {
    const { dispatch } = setup(() => {
      throw new AppError('no-project', 'No project is open.');
    });
    const result = await dispatch('project:info', {}, context(trusted));
    expect(result).toEqual({
      ok: false,
      error: { code: 'no-project', message: 'No project is open.' },
    });
  });

  it('turns an unexpected throw into `internal` and logs the channel', async () => {
    const { dispatch, log } = setup(() => {
      throw new TypeError('cannot read x of undefined');
    });
    const result = await dispatch('project:info', {}, context(trusted));
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!result.ok) expect(result.error.message).not.toContain('undefined');
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining('project:info'),
      expect.any(TypeError),
    );
  });

  it('does not let a handler answer outside the contract', async () => {
    const { dispatch } = setup(() => ({ dir: 1 }));
    const result = await dispatch('project:info', {}, context(trusted));
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
