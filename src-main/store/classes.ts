// The project's label classes. A class's index is the value its pixels hold in label maps, so
// the whole set is replaced at once: a half-saved set could give two classes one value.
import { ClassDef } from '../../src-preload/contract';
import type { Db } from './connection';
import { invalid } from './store-error';

export function listClasses(db: Db): ClassDef[] {
  return db
    .prepare<[], ClassDef>(
      'SELECT class_index AS "index", name, colour FROM classes ORDER BY class_index',
    )
    .all();
}

/** Checks the set against the contract's rules and with itself; returns it tidied (names trimmed). */
function checkClasses(classes: readonly ClassDef[]): ClassDef[] {
  const checked = classes.map((candidate) => {
    const parsed = ClassDef.safeParse(candidate);
    if (!parsed.success) {
      const label = typeof candidate?.name === 'string' ? `"${candidate.name}"` : 'A class';
      throw invalid(
        `${label} cannot be saved: each class needs a number from 1 to 255, a name of up to 100 characters and a colour like #ff8800.`,
      );
    }
    return parsed.data;
  });
  const indices = new Set<number>();
  const names = new Set<string>();
  for (const { index, name } of checked) {
    if (indices.has(index))
      throw invalid(`Two classes use the number ${index}; each class needs its own.`);
    // Matches the column's NOCASE collation: "Nucleus" and "nucleus" would confuse anyone.
    const key = name.toLowerCase();
    if (names.has(key))
      throw invalid(`Two classes are called "${name}"; each class needs its own name.`);
    indices.add(index);
    names.add(key);
  }
  return checked;
}

/**
 * Replaces the set of classes and returns it as stored. Labels already painted with a removed
 * class keep their value; the caller decides whether to warn about them.
 */
export function saveClasses(db: Db, classes: readonly ClassDef[]): ClassDef[] {
  const checked = checkClasses(classes);
  const insert = db.prepare('INSERT INTO classes (class_index, name, colour) VALUES (?, ?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM classes').run();
    for (const { index, name, colour } of checked) insert.run(index, name, colour);
  }).immediate();
  return listClasses(db);
}
