// Errors the person must see, and whether the studio is still reachable. Every store sends its
// calls through `call`, so no failed Result goes unreported.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ErrorCode, ErrorValue, Result } from '../../../src-preload/contract';
import { onConnectionLost } from '../api';
import { plainMessage } from '../lib/describe';

export interface ErrorNotice {
  id: number;
  code: ErrorCode;
  message: string;
}

/** Older notices drop off so a burst of failures cannot bury the screen. */
const MAX_NOTICES = 4;

export const useNotificationsStore = defineStore('notifications', () => {
  const errors = ref<ErrorNotice[]>([]);
  const connectionLost = ref(false);
  let nextId = 1;

  onConnectionLost(() => {
    connectionLost.value = true;
  });

  function reportError(error: ErrorValue): void {
    // The connection banner already says this, once, with a Reload button.
    if (error.code === 'disconnected') return;
    const message = plainMessage(error);
    // The same message twice in a row (e.g. twenty thumbnails of a vanished folder) shows once.
    if (errors.value.some((notice) => notice.message === message)) return;
    errors.value = [...errors.value, { id: nextId++, code: error.code, message }].slice(
      -MAX_NOTICES,
    );
  }

  function dismiss(id: number): void {
    errors.value = errors.value.filter((notice) => notice.id !== id);
  }

  /** Awaits a call; a failure (or a transport that throws) is reported and returned as a value. */
  async function call<T>(pending: Promise<Result<T>>): Promise<Result<T>> {
    let result: Result<T>;
    try {
      result = await pending;
    } catch (thrown) {
      console.error('A studio call threw instead of returning a Result.', thrown);
      result = {
        ok: false,
        error: { code: 'internal', message: 'The studio did not answer as expected. Try again.' },
      };
    }
    // A cancelled call is what the person asked for, not news.
    if (!result.ok && result.error.code !== 'cancelled') reportError(result.error);
    return result;
  }

  return { errors, connectionLost, reportError, dismiss, call };
});
