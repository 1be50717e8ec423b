// Per-project settings (last tool, training defaults, ...): a key and a JSON value.
import { fromJsonText, toJsonText } from './column-values';
import type { Db } from './connection';
import { invalid } from './store-error';

function checkKey(key: string): void {
  if (key.length === 0) throw invalid('A setting needs a name.');
}

export function getSetting(db: Db, key: string): unknown {
  const text = db
    .prepare<[string], string>('SELECT value FROM settings WHERE key = ?')
    .pluck()
    .get(key);
  return text === undefined ? undefined : fromJsonText(text);
}

export function setSetting(db: Db, key: string, value: unknown): void {
  checkKey(key);
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, toJsonText(value, `The setting ${key}`));
}

export function deleteSetting(db: Db, key: string): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(key);
}
