// The one gate every request passes, whatever the transport (Electron IPC or browser mode):
// check the sender, validate the payload against the contract, run the handler, validate what
// it returns, and turn every failure into a Result value. Modelled on VS Code's ipcMain wrapper.
import {
  channels,
  fail,
  isChannelName,
  ok,
  type ChannelName,
  type EventName,
  type EventOf,
  type ParsedRequestOf,
  type ResponseOf,
  type Result,
} from '../../src-preload/contract';
import { hasErrorCode } from './app-error';

/** Who sent a request: the transport and what it knows about the caller. */
export interface Sender {
  transport: 'electron' | 'browser';
  /** Electron: URL of the sending frame. Browser mode: the page origin. */
  url: string;
  /** Browser mode: whether the request arrived on a connection that presented the token. */
  authenticated?: boolean;
}

export type SenderPolicy = (sender: Sender) => boolean;

export interface HandlerContext {
  sender: Sender;
  /** Push an event to the window that made the request (e.g. progress of a long import). */
  emit<E extends EventName>(event: E, payload: EventOf<E>): void;
}

export type Handlers = {
  [C in ChannelName]: (
    request: ParsedRequestOf<C>,
    context: HandlerContext,
  ) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

export interface DispatcherOptions {
  handlers: Handlers;
  isTrustedSender: SenderPolicy;
  log?: (message: string, error?: unknown) => void;
}

export type Dispatch = (
  channel: string,
  payload: unknown,
  context: HandlerContext,
) => Promise<Result<unknown>>;

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || 'request'}: ${issue.message}`)
    .join('; ');
}

export function createDispatcher(options: DispatcherOptions): Dispatch {
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));

  return async (channel, payload, context) => {
    if (!isChannelName(channel)) {
      return fail('unknown-channel', `The studio does not know the request "${String(channel)}".`);
    }
    if (!options.isTrustedSender(context.sender)) {
      log(`Refused ${channel} from an unknown sender: ${context.sender.url}`);
      return fail('forbidden', 'This request did not come from the studio window and was refused.');
    }
    const parsed = channels[channel].request.safeParse(payload);
    if (!parsed.success) {
      return fail(
        'invalid-request',
        `The request was not valid (${describeIssues(parsed.error)}).`,
      );
    }
    try {
      const handler = options.handlers[channel] as (
        request: unknown,
        context: HandlerContext,
      ) => Promise<unknown>;
      const value = await handler(parsed.data, context);
      const checked = channels[channel].response.safeParse(value);
      if (!checked.success) {
        log(`Handler for ${channel} returned a value outside the contract`, checked.error);
        return fail('internal', 'The studio produced an unexpected answer. Please report this.');
      }
      return ok(checked.data);
    } catch (error) {
      if (hasErrorCode(error)) {
        return fail(error.code, error.message);
      }
      log(`Unexpected failure in ${channel}`, error);
      return fail('internal', 'Something went wrong inside the studio. Details are in the log.');
    }
  };
}
