// Undo and redo for the label maps: one bounded stack per image page, one entry per gesture
// (stroke, fill, lasso, accepted prediction). Entries hold only changed pixels (LabelChange),
// and each stack is bounded by bytes, not by count: one flood fill of a 4096 x 4096 image can
// weigh as much as ten thousand small strokes.
import { applyChange, changeBytes, type LabelChange } from './label-change';

export const HISTORY_BUDGET_BYTES = 96 * 1024 * 1024;
/** Pages whose history is kept; the least recently used beyond this lose theirs. */
export const HISTORY_PAGES = 12;

export class LabelHistory {
  private readonly undoStack: LabelChange[] = [];
  private readonly redoStack: LabelChange[] = [];
  private totalBytes = 0;

  constructor(readonly budgetBytes = HISTORY_BUDGET_BYTES) {}

  get undoDepth(): number {
    return this.undoStack.length;
  }

  get redoDepth(): number {
    return this.redoStack.length;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** Records a change already made to the map; what could be redone is gone. */
  push(change: LabelChange): void {
    for (const dropped of this.redoStack.splice(0)) this.totalBytes -= changeBytes(dropped);
    this.undoStack.push(change);
    this.totalBytes += changeBytes(change);
    // The newest entry stays even when it alone is over budget: the last gesture can always
    // be undone.
    while (this.totalBytes > this.budgetBytes && this.undoStack.length > 1) {
      this.totalBytes -= changeBytes(this.undoStack.shift() as LabelChange);
    }
  }

  /** Writes the newest change's `before` values back; returns it (what to redraw and save). */
  undo(map: Uint8Array): LabelChange | null {
    const change = this.undoStack.pop();
    if (!change) return null;
    applyChange(map, change, 'before');
    this.redoStack.push(change);
    return change;
  }

  redo(map: Uint8Array): LabelChange | null {
    const change = this.redoStack.pop();
    if (!change) return null;
    applyChange(map, change, 'after');
    this.undoStack.push(change);
    return change;
  }

  clear(): void {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
    this.totalBytes = 0;
  }
}

/**
 * The histories of recently visited pages. A page's history is only valid while the saved
 * labels are the ones it was built on, so each remembers the server revision it last saw;
 * reading the page at any other revision (another window, the command line) starts it afresh.
 */
export class HistoryBook {
  private readonly pages = new Map<string, { history: LabelHistory; revision: number }>();

  constructor(
    private readonly maxPages = HISTORY_PAGES,
    private readonly budgetBytes = HISTORY_BUDGET_BYTES,
  ) {}

  /** The page's history, fresh if `revision` is not the one it last saw. */
  open(imageId: number, page: number, revision: number): LabelHistory {
    const key = `${imageId}/${page}`;
    let entry = this.pages.get(key);
    if (!entry || entry.revision !== revision) {
      entry = { history: new LabelHistory(this.budgetBytes), revision };
    }
    // Re-inserted so that Map order is least recently used first.
    this.pages.delete(key);
    this.pages.set(key, entry);
    while (this.pages.size > this.maxPages) {
      this.pages.delete(this.pages.keys().next().value as string);
    }
    return entry.history;
  }

  /** The server revision that now matches the page's history (after a save or a read). */
  saw(imageId: number, page: number, revision: number): void {
    const entry = this.pages.get(`${imageId}/${page}`);
    if (entry) entry.revision = revision;
  }

  clear(): void {
    this.pages.clear();
  }
}
