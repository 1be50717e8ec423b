import { describe, expect, it } from 'vitest';
import {
  SHORTCUT_HELP,
  isTyping,
  shortcutFor,
  type KeyInput,
} from '../../../../src-renderer/src/lib/annotation/shortcuts';

function key(k: string, mods: Partial<KeyInput> = {}): KeyInput {
  return { key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

describe('shortcutFor', () => {
  it('maps tools, classes, brush size, visibility and help', () => {
    expect(shortcutFor(key('b'))).toEqual({ kind: 'tool', tool: 'brush' });
    expect(shortcutFor(key('E'))).toEqual({ kind: 'tool', tool: 'eraser' });
    expect(shortcutFor(key('f'))).toEqual({ kind: 'tool', tool: 'fill' });
    expect(shortcutFor(key('l'))).toEqual({ kind: 'tool', tool: 'lasso' });
    expect(shortcutFor(key('3'))).toEqual({ kind: 'class', slot: 3 });
    expect(shortcutFor(key('0'))).toBeNull();
    expect(shortcutFor(key('['))).toEqual({ kind: 'brush-size', direction: -1 });
    expect(shortcutFor(key(']'))).toEqual({ kind: 'brush-size', direction: 1 });
    expect(shortcutFor(key('h'))).toEqual({ kind: 'toggle-labels' });
    expect(shortcutFor(key('?', { shiftKey: true }))).toEqual({ kind: 'toggle-help' });
  });

  it('maps undo and both redo chords, with Ctrl or Cmd', () => {
    expect(shortcutFor(key('z', { ctrlKey: true }))).toEqual({ kind: 'undo' });
    expect(shortcutFor(key('Z', { ctrlKey: true, shiftKey: true }))).toEqual({ kind: 'redo' });
    expect(shortcutFor(key('y', { ctrlKey: true }))).toEqual({ kind: 'redo' });
    expect(shortcutFor(key('z', { metaKey: true }))).toEqual({ kind: 'undo' });
  });

  it('leaves other chords to the browser (Ctrl+B, Ctrl+1, Alt+E, Shift+B)', () => {
    expect(shortcutFor(key('b', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('1', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('e', { altKey: true }))).toBeNull();
    expect(shortcutFor(key('B', { shiftKey: true }))).toBeNull();
  });

  it('lists every keyboard shortcut in the help', () => {
    const listed = SHORTCUT_HELP.flatMap((group) => group.items.map((item) => item.keys)).join(' ');
    for (const k of [
      'B',
      'E',
      'F',
      'L',
      '[',
      ']',
      '1 … 9',
      'H',
      'Ctrl+Z',
      'Ctrl+Y',
      '?',
      'Space',
    ]) {
      expect(listed).toContain(k);
    }
  });
});

describe('isTyping', () => {
  it('is true in text fields and false on sliders, colours, buttons and the page', () => {
    expect(isTyping({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTyping({ tagName: 'input', type: 'number' })).toBe(true);
    expect(isTyping({ tagName: 'INPUT' })).toBe(true);
    expect(isTyping({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTyping({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTyping({ tagName: 'INPUT', type: 'range' })).toBe(false);
    expect(isTyping({ tagName: 'INPUT', type: 'color' })).toBe(false);
    expect(isTyping({ tagName: 'BUTTON' })).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
