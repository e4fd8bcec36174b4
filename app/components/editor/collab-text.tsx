import { defaultKeymap } from '@codemirror/commands';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';
import { yCollab } from 'y-codemirror.next';
import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { useYText } from '../../collab/use-y.ts';
import { pageNonce } from '../../lib/csp-nonce.tsx';

export interface CollabTextProps {
  text: Y.Text;
  /** Presence of the connection: remote cursors and selections, labelled with names and colours. */
  awareness: Awareness | null;
  /** The session's undo manager: this user's typing is undone with their other edits. */
  undo: Y.UndoManager;
  readOnly: boolean;
  label: string;
  placeholder?: string;
  testId: string;
  className?: string;
  onFocus?(): void;
  /** The live editor view (for the caret position of "split at the cursor"). */
  viewRef?: MutableRefObject<EditorView | null>;
  /**
   * Mount the editor only when the field is near the viewport or focused
   * (a static copy of the text stands in otherwise): 300 scenes mean 600
   * text fields, and each live editor listens to every presence change.
   */
  lazy?: boolean;
  /** Extra key bindings, run before the defaults (Alt+↑/↓ and splitting belong to the card). */
  keys?: readonly { key: string; run(view: EditorView): boolean }[];
}

/**
 * Collaborative plain text: a CodeMirror 6 editor bound to a Y.Text through
 * y-codemirror.next. Keystrokes become minimal Y.Text inserts and deletes
 * (never a rewrite of the whole text), remote edits arrive without moving
 * the local caret, and remote carets show the person's name and colour.
 */
export function CollabText(props: CollabTextProps) {
  const host = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(!props.lazy);
  // Focus inside keeps the editor mounted wherever it scrolls; a static copy
  // activated by keyboard or pointer mounts the editor and focuses it.
  const [focused, setFocused] = useState(false);
  const [focusOnMount, setFocusOnMount] = useState(false);
  const live = near || focused || focusOnMount;

  useEffect(() => {
    if (!props.lazy) return;
    const element = host.current;
    if (!element || typeof IntersectionObserver === 'undefined') return setNear(true);
    // The margin must apply to the scrolling board, not the window: a scroll
    // container clips what the viewport's margin would otherwise include.
    const observer = new IntersectionObserver(
      (entries) => setNear(entries.some((entry) => entry.isIntersecting)),
      { root: scrollParent(element), rootMargin: '600px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [props.lazy]);

  return (
    <div
      ref={host}
      className={`collab-text ${props.className ?? ''}`}
      data-readonly={props.readOnly}
      onFocus={() => {
        setFocused(true);
        props.onFocus?.();
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      {live ? (
        <LiveEditor {...props} autoFocus={focusOnMount} onFocused={onFocusedOnMount} />
      ) : (
        <StaticText {...props} onActivate={() => setFocusOnMount(true)} />
      )}
    </div>
  );

  function onFocusedOnMount() {
    setFocusOnMount(false);
  }
}

function scrollParent(element: HTMLElement): HTMLElement | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll') return node;
  }
  return null;
}

/** Stands in for an editor far off screen: the same text and label, focusable. */
function StaticText(props: CollabTextProps & { onActivate(): void }) {
  const value = useYText(props.text);
  return (
    <div
      className="cm-static"
      role="textbox"
      aria-multiline="true"
      aria-readonly={props.readOnly}
      aria-label={props.label}
      data-testid={props.testId}
      tabIndex={0}
      onFocus={props.onActivate}
      onPointerDown={props.onActivate}
    >
      {value || <span className="cm-placeholder">{props.placeholder}</span>}
    </div>
  );
}

function LiveEditor(props: CollabTextProps & { autoFocus: boolean; onFocused(): void }) {
  const { text, awareness, undo, readOnly, label, placeholder, testId, viewRef, keys } = props;
  const host = useRef<HTMLDivElement>(null);
  const editable = useRef(new Compartment());
  const view = useRef<EditorView | null>(null);
  const keysRef = useRef(keys);
  keysRef.current = keys;

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const editor = new EditorView({
      parent,
      state: EditorState.create({
        doc: text.toString(),
        extensions: [
          keymap.of(
            (keysRef.current ?? []).map((binding) => ({
              key: binding.key,
              run: (v: EditorView) => binding.run(v),
            })),
          ),
          keymap.of(defaultKeymap),
          EditorView.lineWrapping,
          // CodeMirror writes its styles into a <style>: the page's CSP needs its nonce there.
          EditorView.cspNonce.of(pageNonce()),
          placeholder ? placeholderText(placeholder) : [],
          EditorView.contentAttributes.of({
            'aria-label': label,
            'aria-multiline': 'true',
            'data-testid': testId,
          }),
          editable.current.of(editableState(readOnly)),
          yCollab(text, awareness, { undoManager: undo }),
          EditorView.domEventHandlers({
            // A caret left in a field you moved away from would mislead the others.
            blur: () => {
              if (awareness?.getLocalState()?.cursor) awareness.setLocalStateField('cursor', null);
            },
          }),
        ],
      }),
    });
    view.current = editor;
    if (viewRef) viewRef.current = editor;
    return () => {
      if (viewRef?.current === editor) viewRef.current = null;
      view.current = null;
      editor.destroy();
    };
    // readOnly is reconfigured below without recreating the editor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, awareness, undo, label, placeholder, testId, viewRef]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure(editableState(readOnly)) });
  }, [readOnly]);

  const { autoFocus, onFocused } = props;
  useEffect(() => {
    if (!autoFocus) return;
    view.current?.focus();
    onFocused();
  }, [autoFocus, onFocused]);

  return <div ref={host} className="cm-host" />;
}

const editableState = (readOnly: boolean) => [
  EditorState.readOnly.of(readOnly),
  EditorView.editable.of(!readOnly),
];
