import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import type * as Y from 'yjs';
import { projectMap, readImageEngine, setSceneImageEngine } from '../../../shared/project-doc.ts';
import { useYMapField, useYValue } from '../../collab/use-y.ts';
import { useI18n } from '../../i18n/index.ts';

/**
 * The scene menu's "Storyboard frames for this scene": the scene's own
 * picture engine (`imageEngine: 'procedural'`) over a project that
 * generates images — a title card, say. Shown when the project uses a model
 * or the scene already has the override (so it can be turned off); one undo
 * step each way.
 */
export function SceneEngineItem({
  doc,
  id,
  map,
  undo,
}: {
  doc: Y.Doc;
  id: string;
  map: Y.Map<unknown>;
  undo: Y.UndoManager;
}) {
  const { t } = useI18n();
  const own = useYMapField(map, 'imageEngine');
  const project = projectMap(doc);
  const projectEngine = useYValue(project, () => readImageEngine(project)?.engine ?? 'procedural');
  if (projectEngine === 'procedural' && own === undefined) return null;
  return (
    <DropdownMenu.CheckboxItem
      className="menu-item"
      checked={own === 'procedural'}
      data-testid="scene-storyboard-frames"
      onCheckedChange={(checked) => {
        undo.stopCapturing();
        setSceneImageEngine(doc, id, checked ? 'procedural' : null);
        undo.stopCapturing();
      }}
    >
      {t('board.storyboardFrames')}
      <DropdownMenu.ItemIndicator aria-hidden>✓</DropdownMenu.ItemIndicator>
    </DropdownMenu.CheckboxItem>
  );
}
