// The keyboard map of the annotation window, in one table: the key handler reads it and the help
// overlay lists it, so the two cannot disagree.

export type Tool = 'brush' | 'eraser' | 'fill' | 'lasso';

export type ShortcutAction =
  | { kind: 'tool'; tool: Tool }
  /** The n-th class in the palette, counted from 1. */
  | { kind: 'class'; slot: number }
  | { kind: 'brush-size'; direction: 1 | -1 }
  | { kind: 'toggle-labels' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'toggle-help' };

/** What a key event says; a plain shape so that the mapping is testable without a DOM. */
export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const TOOL_KEYS: Record<string, Tool> = { b: 'brush', e: 'eraser', f: 'fill', l: 'lasso' };

export function shortcutFor(input: KeyInput): ShortcutAction | null {
  const key = input.key.toLowerCase();
  // Cmd on macOS plays the part of Ctrl elsewhere.
  if (input.ctrlKey || input.metaKey) {
    if (input.altKey) return null;
    if (key === 'z') return { kind: input.shiftKey ? 'redo' : 'undo' };
    if (key === 'y' && !input.shiftKey) return { kind: 'redo' };
    return null;
  }
  if (input.altKey) return null;
  // `?` arrives with Shift on most layouts, so Shift is not checked for it.
  if (input.key === '?') return { kind: 'toggle-help' };
  if (input.shiftKey) return null;
  const tool = TOOL_KEYS[key];
  if (tool) return { kind: 'tool', tool };
  if (/^[1-9]$/.test(key)) return { kind: 'class', slot: Number(key) };
  if (key === '[') return { kind: 'brush-size', direction: -1 };
  if (key === ']') return { kind: 'brush-size', direction: 1 };
  if (key === 'h') return { kind: 'toggle-labels' };
  return null;
}

/** What the focused element is, for deciding whether keys belong to it. */
export interface FocusInput {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
}

/** Inputs that take sliders and colours do not take typed letters. */
const NON_TEXT_INPUTS = new Set(['range', 'checkbox', 'radio', 'color', 'button', 'submit']);

/** True while the person types (a text field, a number, a menu): letters and Ctrl+Z are theirs. */
export function isTyping(focus: FocusInput | null): boolean {
  if (!focus) return false;
  if (focus.isContentEditable) return true;
  const tag = focus.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  return !NON_TEXT_INPUTS.has((focus.type ?? 'text').toLowerCase());
}

export interface ShortcutHelp {
  keys: string;
  does: string;
}

/** Every shortcut and pointer gesture, as the help overlay lists them. */
export const SHORTCUT_HELP: readonly { group: string; items: readonly ShortcutHelp[] }[] = [
  {
    group: 'Tools',
    items: [
      { keys: 'B', does: 'Brush: paint the selected class' },
      { keys: 'E', does: 'Eraser: make pixels unpainted again' },
      { keys: 'F', does: 'Fill: fill the closed region under the click (within the view)' },
      { keys: 'L', does: 'Lasso: drag around a region, or click its corners, to fill it' },
      { keys: '[  /  ]', does: 'Smaller / larger brush' },
    ],
  },
  {
    group: 'Classes and labels',
    items: [
      { keys: '1 … 9', does: 'Select the class with that number in the palette' },
      { keys: 'H', does: 'Hide or show the labels' },
    ],
  },
  {
    group: 'History',
    items: [
      { keys: 'Ctrl+Z', does: 'Undo the last stroke or fill' },
      { keys: 'Ctrl+Shift+Z  or  Ctrl+Y', does: 'Redo' },
    ],
  },
  {
    group: 'View',
    items: [
      { keys: 'Space + drag', does: 'Pan' },
      { keys: 'Middle button drag', does: 'Pan' },
      { keys: 'Mouse wheel', does: 'Zoom around the pointer' },
    ],
  },
  {
    group: 'Lasso by clicks',
    items: [
      { keys: 'Click', does: 'Add a corner' },
      { keys: 'Enter, double-click, or click the first corner', does: 'Close and fill' },
      { keys: 'Backspace', does: 'Remove the last corner' },
      { keys: 'Esc', does: 'Cancel the outline' },
    ],
  },
  { group: 'Help', items: [{ keys: '?', does: 'Show or hide this list' }] },
];
