import { useEffect, useState } from 'react';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { Dialog } from '../ui/dialog.tsx';
import { PANEL_KEYS } from '../../features/editor-shell/layout-prefs.ts';

/** Every keyboard shortcut of the editor, in one list (shown by `?`). */
const SHORTCUTS: { keys: (string | MessageKey)[]; label: MessageKey }[] = [
  { keys: ['Ctrl/⌘', 'Z'], label: 'shortcuts.undo' },
  { keys: ['Ctrl/⌘', 'Shift', 'Z'], label: 'shortcuts.redo' },
  { keys: ['Alt', '↑ / ↓'], label: 'shortcuts.moveScene' },
  { keys: ['Alt', 'Enter'], label: 'shortcuts.split' },
  { keys: ['Ctrl/⌘', 'click'], label: 'shortcuts.toggleSelect' },
  { keys: ['Shift', 'click'], label: 'shortcuts.rangeSelect' },
  { keys: ['← / →'], label: 'shortcuts.timelineBlocks' },
  { keys: ['Alt', '← / →'], label: 'shortcuts.timelineMove' },
  { keys: ['Shift', '← / →'], label: 'shortcuts.timelineResize' },
  { keys: ['Enter'], label: 'shortcuts.timelineOpen' },
  { keys: ['F'], label: 'shortcuts.timelineFit' },
  { keys: ['shortcuts.key.playPause'], label: 'shortcuts.theatrePlay' },
  { keys: ['← / →'], label: 'shortcuts.theatreSeek' },
  { keys: ['J / L'], label: 'shortcuts.theatreJump' },
  { keys: ['shortcuts.key.homeEnd'], label: 'shortcuts.theatreEnds' },
  { keys: ['shortcuts.key.chapters'], label: 'shortcuts.theatreChapter' },
  { keys: ['shortcuts.key.escape'], label: 'shortcuts.theatreClose' },
  { keys: [PANEL_KEYS.side], label: 'shortcuts.toggleSide' },
  { keys: [PANEL_KEYS.preview], label: 'shortcuts.togglePreview' },
  { keys: [PANEL_KEYS.timeline], label: 'shortcuts.toggleTimeline' },
  { keys: ['?'], label: 'shortcuts.show' },
];

/** Key names that read differently per language ("Space", "Espace") are catalogue keys. */
const isKeyName = (key: string): key is MessageKey => key.startsWith('shortcuts.key.');

const isTyping = (target: EventTarget | null) =>
  target instanceof Element &&
  !!target.closest('input, textarea, select, [contenteditable="true"]');

/** The shortcuts dialog: `?` anywhere outside a text field, or its button in the bar. */
export function ShortcutsDialog() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  return (
    <>
      <button
        type="button"
        className="btn btn-quiet btn-small"
        data-testid="shortcuts-open"
        aria-keyshortcuts="?"
        title={t('shortcuts.button')}
        onClick={() => setOpen(true)}
      >
        <span aria-hidden>⌨</span> <span className="bar-label">{t('shortcuts.button')}</span>
      </button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={t('shortcuts.title')}
        testId="shortcuts-dialog"
      >
        <dl className="shortcuts">
          {SHORTCUTS.map((shortcut) => (
            <div key={shortcut.label} className="shortcut">
              <dt>
                {shortcut.keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 ? ' + ' : null}
                    <kbd>{isKeyName(key) ? t(key) : key}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{t(shortcut.label)}</dd>
            </div>
          ))}
        </dl>
      </Dialog>
    </>
  );
}
