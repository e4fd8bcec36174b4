import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_LAYOUT,
  isCollapsed,
  panelForKey,
  parseLayout,
  serializeLayout,
  togglePanel,
  type LayoutPrefs,
} from './layout-prefs.ts';

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {},
) => ({
  key: k,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('editor layout preferences', () => {
  test('a stored layout reads back as it was written', () => {
    const prefs: LayoutPrefs = {
      sideCollapsed: true,
      previewCollapsed: false,
      timelineCollapsed: true,
      density: 'compact',
    };
    assert.deepEqual(parseLayout(serializeLayout(prefs)), prefs);
  });

  test('nothing stored, or something unreadable, is the default layout', () => {
    for (const raw of [null, '', 'not json', '[]', 'null', '42', '"compact"']) {
      assert.deepEqual(parseLayout(raw), DEFAULT_LAYOUT, String(raw));
    }
  });

  test('each wrong or missing field falls back alone; unknown fields are dropped', () => {
    const read = parseLayout(
      JSON.stringify({ sideCollapsed: 'yes', previewCollapsed: true, density: 'tiny', extra: 1 }),
    );
    assert.deepEqual(read, { ...DEFAULT_LAYOUT, previewCollapsed: true });
    assert.equal('extra' in read, false);
  });

  test('toggling folds one panel and unfolds it again', () => {
    const folded = togglePanel(DEFAULT_LAYOUT, 'timeline');
    assert.equal(isCollapsed(folded, 'timeline'), true);
    assert.equal(isCollapsed(folded, 'side'), false);
    assert.equal(isCollapsed(folded, 'preview'), false);
    assert.deepEqual(togglePanel(folded, 'timeline'), DEFAULT_LAYOUT);
  });

  test('[ ] and \\ name the panels; other keys and shortcuts with Ctrl, ⌘ or Alt do not', () => {
    assert.equal(panelForKey(key('[')), 'side');
    assert.equal(panelForKey(key(']')), 'preview');
    assert.equal(panelForKey(key('\\')), 'timeline');
    assert.equal(panelForKey(key('a')), null);
    assert.equal(panelForKey(key('{')), null);
    assert.equal(panelForKey(key('[', { ctrlKey: true })), null);
    assert.equal(panelForKey(key('[', { altKey: true })), null);
    assert.equal(panelForKey(key('[', { metaKey: true })), null);
  });

  test('AltGr (Ctrl+Alt), how a French keyboard types [ and ], still folds', () => {
    assert.equal(panelForKey(key('[', { ctrlKey: true, altKey: true })), 'side');
    assert.equal(panelForKey(key(']', { ctrlKey: true, altKey: true })), 'preview');
  });
});
