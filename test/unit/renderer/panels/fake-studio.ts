// A studio API for store tests: each channel answers what the test says (or 'unsupported'),
// every call is recorded, and the test emits events as main would.
// (Renderer tests are type-checked with the renderer's program, tsconfig.web.json, which has
// the DOM types the stores use.)
import {
  fail,
  type ChannelName,
  type EventName,
  type EventOf,
  type RequestOf,
  type ResponseOf,
  type Result,
  type StudioApi,
} from '../../../../src-preload/contract';

type Handler<C extends ChannelName> = (
  request: RequestOf<C>,
) => Result<ResponseOf<C>> | Promise<Result<ResponseOf<C>>>;

export class FakeStudio {
  readonly calls: { channel: ChannelName; request: unknown }[] = [];
  private readonly handlers = new Map<ChannelName, Handler<ChannelName>>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  readonly api = new Proxy({} as StudioApi, {
    get: (_target, key) => {
      if (key === 'on') {
        return (event: EventName, listener: (payload: unknown) => void) => {
          const set = this.listeners.get(event) ?? new Set();
          set.add(listener);
          this.listeners.set(event, set);
          return () => set.delete(listener);
        };
      }
      const channel = key as ChannelName;
      return async (request: unknown) => {
        this.calls.push({ channel, request });
        const handler = this.handlers.get(channel);
        if (!handler) return fail('unsupported', `${channel} is not answered in this test.`);
        return handler(request as RequestOf<ChannelName>);
      };
    },
  });

  answer<C extends ChannelName>(channel: C, handler: Handler<C>): void {
    this.handlers.set(channel, handler as unknown as Handler<ChannelName>);
  }

  emit<E extends EventName>(event: E, payload: EventOf<E>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  requests(channel: ChannelName): unknown[] {
    return this.calls.filter((call) => call.channel === channel).map((call) => call.request);
  }

  /** Forgets answers, calls and the listeners of the previous test's stores. */
  reset(): void {
    this.calls.length = 0;
    this.handlers.clear();
    this.listeners.clear();
  }
}

export const fakeStudio = new FakeStudio();

/** A call's answer that the test releases when it wants (to reorder answers). */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets pending promises and Vue's watcher queue run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
