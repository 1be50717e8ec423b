// Every migration, in order. Append only: a released migration is never edited, because
// projects already on disk were built by it. Each one has its own test in
// test/integration/store/migrations/.
import type { Migration } from '../migrate';
import { migration001 } from './001-initial';

export const MIGRATIONS: readonly Migration[] = [migration001];
