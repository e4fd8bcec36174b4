import { MAX_TITLE } from '../../../shared/api/limits.ts';
import { FormMessage, TextField } from '../../components/ui/field.tsx';
import { useI18n } from '../../i18n/index.ts';
import { failureMessage, fieldError, type ActionResult } from '../../lib/form-errors.ts';

/**
 * The project title input of the create and rename dialogs, with the form's
 * error: beside the field when the title was refused, above it otherwise.
 */
export function ProjectTitleField(props: {
  result: ActionResult | undefined;
  defaultValue: string | undefined;
  testId: string;
}) {
  const i18n = useI18n();
  const { result } = props;
  return (
    <>
      <FormMessage
        message={result?.ok === false && !result.fields.title ? failureMessage(i18n, result) : null}
      />
      <TextField
        label={i18n.t('projects.fieldTitle')}
        name="title"
        required
        maxLength={MAX_TITLE}
        autoComplete="off"
        defaultValue={props.defaultValue}
        error={fieldError(i18n, result, 'title')}
        data-testid={props.testId}
      />
    </>
  );
}
