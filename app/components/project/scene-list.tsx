import * as Tooltip from '@radix-ui/react-tooltip';
import { useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type * as Y from 'yjs';
import {
  addScene,
  deleteScene,
  listScenes,
  moveScene,
  setSceneTitle,
} from '../../../shared/project-doc.ts';
import { useI18n } from '../../i18n/index.ts';

type Part = 'title' | 'up' | 'down' | 'delete';

/**
 * The scenes in their order: titles are written on every keystroke so others
 * see them live; Alt+↑/↓ moves the scene being edited. Moves write only the
 * scene's order key (shared/project-doc), so concurrent moves never duplicate.
 */
export function SceneList({
  doc,
  readOnly,
  thumbnails,
  tools,
}: {
  doc: Y.Doc;
  readOnly: boolean;
  /** Scene id → its thumbnail in the latest finished render. */
  thumbnails?: ReadonlyMap<string, string>;
  /** Beside the heading (the Import script button). */
  tools?: ReactNode;
}) {
  const { t } = useI18n();
  const scenes = listScenes(doc).map((ref) => {
    const title = ref.map.get('title');
    return { id: ref.id, title: typeof title === 'string' ? title : '' };
  });
  const rows = useRef(new Map<string, HTMLLIElement>());
  const addButton = useRef<HTMLButtonElement>(null);
  const pendingFocus = useRef<{ id: string; part: Part; select?: boolean } | null>(null);

  // Reordering moves DOM nodes, which drops focus: put it back where the user was.
  useLayoutEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    pendingFocus.current = null;
    const row = rows.current.get(target.id);
    let element = row?.querySelector<HTMLInputElement | HTMLButtonElement>(
      `[data-part="${target.part}"]`,
    );
    if (element?.disabled) element = row?.querySelector<HTMLInputElement>('[data-part="title"]');
    element?.focus();
    if (target.select && element instanceof HTMLInputElement) element.select();
  });

  const move = (id: string, index: number, delta: -1 | 1, part: Part) => {
    const to = index + delta;
    if (to < 0 || to >= scenes.length) return;
    pendingFocus.current = { id, part };
    moveScene(doc, id, to);
  };

  const remove = (index: number) => {
    const scene = scenes[index];
    if (!scene) return;
    const neighbour = scenes[index + 1] ?? scenes[index - 1];
    if (neighbour) pendingFocus.current = { id: neighbour.id, part: 'title' };
    deleteScene(doc, scene.id);
    if (!neighbour) addButton.current?.focus();
  };

  const add = () => {
    const id = addScene(doc, { title: t('project.newSceneTitle', { n: scenes.length + 1 }) });
    pendingFocus.current = { id, part: 'title', select: true };
  };

  const onRowKeyDown = (event: KeyboardEvent<HTMLLIElement>, id: string, index: number) => {
    if (readOnly || !event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    const part = ((event.target as HTMLElement).dataset.part as Part | undefined) ?? 'title';
    move(id, index, event.key === 'ArrowUp' ? -1 : 1, part);
  };

  return (
    <section className="scenes" aria-labelledby="scenes-heading">
      <div className="section-header">
        <h2 id="scenes-heading">{t('project.scenes')}</h2>
        <div className="section-tools">
          {readOnly ? null : <p className="hint">{t('project.keyboardHint')}</p>}
          {tools}
        </div>
      </div>
      {scenes.length === 0 ? (
        <p className="empty" data-testid="scenes-empty">
          {t('project.noScenes')}
        </p>
      ) : (
        <ol className="scene-list" data-testid="scene-list">
          {scenes.map((scene, index) => {
            const n = index + 1;
            return (
              <li
                key={scene.id}
                className="scene-row"
                data-testid="scene-item"
                data-scene-id={scene.id}
                ref={(element) => {
                  if (element) rows.current.set(scene.id, element);
                  else rows.current.delete(scene.id);
                }}
                onKeyDown={(event) => onRowKeyDown(event, scene.id, index)}
              >
                <span className="scene-number" aria-hidden>
                  {n}
                </span>
                {thumbnails?.get(scene.id) ? (
                  <img
                    className="scene-thumb"
                    data-testid="scene-thumbnail"
                    src={thumbnails.get(scene.id)}
                    alt={t('render.thumbnailAlt', { n })}
                    loading="lazy"
                  />
                ) : null}
                <input
                  className="input scene-title"
                  data-part="title"
                  data-testid="scene-title"
                  aria-label={t('project.sceneLabel', { n })}
                  placeholder={t('project.scenePlaceholder')}
                  value={scene.title}
                  maxLength={200}
                  disabled={readOnly}
                  onChange={(event) => setSceneTitle(doc, scene.id, event.target.value)}
                />
                <div className="scene-actions">
                  <IconButton
                    part="up"
                    label={t('project.moveUp', { n })}
                    disabled={readOnly || index === 0}
                    onClick={() => move(scene.id, index, -1, 'up')}
                  >
                    ↑
                  </IconButton>
                  <IconButton
                    part="down"
                    label={t('project.moveDown', { n })}
                    disabled={readOnly || index === scenes.length - 1}
                    onClick={() => move(scene.id, index, 1, 'down')}
                  >
                    ↓
                  </IconButton>
                  <IconButton
                    part="delete"
                    label={t('project.deleteScene', { n })}
                    disabled={readOnly}
                    danger
                    onClick={() => remove(index)}
                  >
                    ✕
                  </IconButton>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <button
        ref={addButton}
        type="button"
        className="btn btn-add"
        data-testid="add-scene"
        disabled={readOnly}
        onClick={add}
      >
        + {t('project.addScene')}
      </button>
    </section>
  );
}

const TEST_IDS: Record<Part, string> = {
  title: 'scene-title',
  up: 'move-up',
  down: 'move-down',
  delete: 'delete-scene',
};

function IconButton(props: {
  part: Part;
  label: string;
  disabled: boolean;
  danger?: boolean;
  onClick(): void;
  children: ReactNode;
}) {
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>
        <button
          type="button"
          className={props.danger ? 'btn btn-icon btn-icon-danger' : 'btn btn-icon'}
          data-part={props.part}
          data-testid={TEST_IDS[props.part]}
          aria-label={props.label}
          disabled={props.disabled}
          onClick={props.onClick}
        >
          <span aria-hidden>{props.children}</span>
        </button>
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content className="tooltip" sideOffset={6}>
          {props.label}
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}
