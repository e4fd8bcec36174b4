/**
 * How the editor is laid out on this browser: which panels are folded away
 * and how dense the scene cards are. Kept in localStorage (one JSON value),
 * read back leniently: anything unknown or malformed falls back to the
 * default, so a bad stored value can never break the editor.
 */
export type CardDensity = 'comfortable' | 'compact';

export interface LayoutPrefs {
  /** The script / cast / history panel on the left is folded to a rail. */
  sideCollapsed: boolean;
  /** The renders and preview column on the right is folded to a rail. */
  previewCollapsed: boolean;
  /** The timeline shows its header bar only. */
  timelineCollapsed: boolean;
  density: CardDensity;
}

export const LAYOUT_STORAGE_KEY = 'montage.editor-layout';

export const DEFAULT_LAYOUT: LayoutPrefs = {
  sideCollapsed: false,
  previewCollapsed: false,
  timelineCollapsed: false,
  density: 'comfortable',
};

/** The stored value read back; unknown fields are dropped and wrong types fall back to the default. */
export function parseLayout(raw: string | null): LayoutPrefs {
  if (!raw) return DEFAULT_LAYOUT;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return DEFAULT_LAYOUT;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return DEFAULT_LAYOUT;
  const stored = value as Record<string, unknown>;
  const flag = (key: 'sideCollapsed' | 'previewCollapsed' | 'timelineCollapsed') =>
    typeof stored[key] === 'boolean' ? stored[key] : DEFAULT_LAYOUT[key];
  return {
    sideCollapsed: flag('sideCollapsed'),
    previewCollapsed: flag('previewCollapsed'),
    timelineCollapsed: flag('timelineCollapsed'),
    density:
      stored.density === 'compact' || stored.density === 'comfortable'
        ? stored.density
        : DEFAULT_LAYOUT.density,
  };
}

export function serializeLayout(prefs: LayoutPrefs): string {
  return JSON.stringify(prefs);
}

export type FoldablePanel = 'side' | 'preview' | 'timeline';

const PANEL_FIELD = {
  side: 'sideCollapsed',
  preview: 'previewCollapsed',
  timeline: 'timelineCollapsed',
} as const satisfies Record<FoldablePanel, keyof LayoutPrefs>;

export function isCollapsed(prefs: LayoutPrefs, panel: FoldablePanel): boolean {
  return prefs[PANEL_FIELD[panel]];
}

export function togglePanel(prefs: LayoutPrefs, panel: FoldablePanel): LayoutPrefs {
  const field = PANEL_FIELD[panel];
  return { ...prefs, [field]: !prefs[field] };
}

/** The keys that fold a panel: `[` the left panel, `]` the right column, `\` the timeline. */
export const PANEL_KEYS: Record<FoldablePanel, string> = {
  side: '[',
  preview: ']',
  timeline: '\\',
};

/**
 * The panel a key press folds or unfolds, or null. Ctrl/⌘ or Alt alone leave
 * the key to others (browser and editor shortcuts); AltGr (Ctrl+Alt on some
 * systems) is how a French keyboard types `[` and `]`, so it counts as no modifier.
 */
export function panelForKey(event: {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}): FoldablePanel | null {
  if (event.metaKey || event.ctrlKey !== event.altKey) return null;
  for (const panel of Object.keys(PANEL_KEYS) as FoldablePanel[]) {
    if (PANEL_KEYS[panel] === event.key) return panel;
  }
  return null;
}
