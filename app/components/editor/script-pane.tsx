import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { scriptText } from '../../../shared/project-doc.ts';
import { useI18n } from '../../i18n/index.ts';
import { CollabText } from './collab-text.tsx';

/** The project's source script, written together: remote carets carry names and colours. */
export function ScriptPane(props: {
  doc: Y.Doc;
  awareness: Awareness | null;
  undo: Y.UndoManager;
  readOnly: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="script-pane" data-testid="script-pane">
      <p className="hint">{t('script.hint')}</p>
      <CollabText
        text={scriptText(props.doc)}
        awareness={props.awareness}
        undo={props.undo}
        readOnly={props.readOnly}
        label={t('script.label')}
        placeholder={t('script.placeholder')}
        testId="script-editor"
        className="script-editor"
      />
    </div>
  );
}
