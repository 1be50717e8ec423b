// How JavaScript values become column values and back: JSON text, timestamps, whole numbers.
import { invalid } from './store-error';

/** Timestamps are ISO 8601 UTC text: sortable, readable in any SQLite browser. */
export function isoNow(): string {
  return new Date().toISOString();
}

/** JSON text for a column with CHECK (json_valid(...)); refuses what JSON cannot hold. */
export function toJsonText(value: unknown, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined; // cycles and BigInt throw
  }
  if (text === undefined) throw invalid(`${what} must be plain data (numbers, text, lists).`);
  return text;
}

export function fromJsonText(text: string): unknown {
  return JSON.parse(text) as unknown;
}

export function fromNullableJsonText(text: string | null): unknown {
  return text === null ? null : fromJsonText(text);
}

export function requireWholeNumber(value: number, what: string, minimum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw invalid(`${what} must be a whole number of at least ${minimum} (got ${value}).`);
  }
}
