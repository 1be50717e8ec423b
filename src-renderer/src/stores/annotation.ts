// What the person paints with (session state, in tldraw's terms): the tool, the brush size, the
// class, how the labels are shown, and the project's set of classes, which this store edits.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ClassDef } from '../../../src-preload/contract';
import { getStudioApi } from '../api';
import { MAX_BRUSH_SIZE, MIN_BRUSH_SIZE, stepBrushSize } from '../lib/annotation/brush';
import { newClass } from '../lib/annotation/class-set';
import type { ShortcutAction, Tool } from '../lib/annotation/shortcuts';
import { useLabelsStore } from './labels';
import { useNotificationsStore } from './notifications';
import { useProjectStore } from './project';

export type { Tool };

export const useAnnotationStore = defineStore('annotation', () => {
  const api = getStudioApi();
  const notifications = useNotificationsStore();
  const project = useProjectStore();

  const tool = ref<Tool>('brush');
  const brushSize = ref(9);
  const selectedClassIndex = ref<number | null>(null);
  const labelOpacity = ref(0.5);
  const labelsVisible = ref(true);
  const helpOpen = ref(false);
  /** Space is held: a left drag pans instead of painting. */
  const panKeyHeld = ref(false);
  const savingClasses = ref(false);

  const classes = computed<ClassDef[]>(() =>
    [...(project.info?.classes ?? [])].sort((a, b) => a.index - b.index),
  );
  /** The selected class, or the first one when the selection no longer exists. */
  const activeClass = computed<ClassDef | null>(
    () =>
      classes.value.find((c) => c.index === selectedClassIndex.value) ?? classes.value[0] ?? null,
  );

  function setTool(next: Tool): void {
    tool.value = next;
  }

  function setBrushSize(size: number): void {
    if (!Number.isFinite(size)) return;
    brushSize.value = Math.min(MAX_BRUSH_SIZE, Math.max(MIN_BRUSH_SIZE, Math.round(size)));
  }

  function selectClass(index: number): void {
    selectedClassIndex.value = index;
    // Picking a class means painting with it, even if the eraser was in hand.
    if (tool.value === 'eraser') tool.value = 'brush';
  }

  function setLabelOpacity(opacity: number): void {
    if (Number.isFinite(opacity)) labelOpacity.value = Math.min(1, Math.max(0, opacity));
  }

  function perform(action: ShortcutAction): void {
    const labels = useLabelsStore();
    switch (action.kind) {
      case 'tool':
        return setTool(action.tool);
      case 'class': {
        const picked = classes.value[action.slot - 1];
        if (picked) selectClass(picked.index);
        return;
      }
      case 'brush-size':
        return setBrushSize(stepBrushSize(brushSize.value, action.direction));
      case 'toggle-labels':
        labelsVisible.value = !labelsVisible.value;
        return;
      case 'undo':
        return labels.undo();
      case 'redo':
        return labels.redo();
      case 'toggle-help':
        helpOpen.value = !helpOpen.value;
        return;
    }
  }

  /** Saves the whole set (the contract replaces it at once) and adopts what the studio kept. */
  async function saveClasses(next: ClassDef[]): Promise<boolean> {
    savingClasses.value = true;
    try {
      const result = await notifications.call(api['classes:save']({ classes: next }));
      if (!result.ok) return false;
      if (project.info) project.info = { ...project.info, classes: result.value };
      return true;
    } finally {
      savingClasses.value = false;
    }
  }

  /** Reads the set again, e.g. when the palette opens after another window changed it. */
  async function refreshClasses(): Promise<void> {
    const result = await notifications.call(api['classes:list']({}));
    if (result.ok && project.info) project.info = { ...project.info, classes: result.value };
  }

  async function addClass(): Promise<void> {
    const added = newClass(classes.value);
    if (!added) {
      notifications.reportError({
        code: 'invalid-request',
        message: 'All 255 label values are in use: no more classes can be added.',
      });
      return;
    }
    if (await saveClasses([...classes.value, added])) selectClass(added.index);
  }

  async function renameClass(index: number, name: string): Promise<boolean> {
    const trimmed = name.trim();
    if (!trimmed) {
      notifications.reportError({ code: 'invalid-request', message: 'A class needs a name.' });
      return false;
    }
    const clash = classes.value.find(
      (c) => c.index !== index && c.name.toLowerCase() === trimmed.toLowerCase(),
    );
    if (clash) {
      notifications.reportError({
        code: 'invalid-request',
        message: `Another class is already called "${clash.name}"; each class needs its own name.`,
      });
      return false;
    }
    return saveClasses(classes.value.map((c) => (c.index === index ? { ...c, name: trimmed } : c)));
  }

  function recolourClass(index: number, colour: string): Promise<boolean> {
    return saveClasses(classes.value.map((c) => (c.index === index ? { ...c, colour } : c)));
  }

  return {
    tool,
    brushSize,
    labelOpacity,
    labelsVisible,
    helpOpen,
    panKeyHeld,
    savingClasses,
    classes,
    activeClass,
    setTool,
    setBrushSize,
    selectClass,
    setLabelOpacity,
    perform,
    saveClasses,
    refreshClasses,
    addClass,
    renameClass,
    recolourClass,
  };
});
