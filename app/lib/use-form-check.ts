import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { checkFields } from '../../shared/api/field-errors.ts';
import type { ActionFailure, ActionResult } from './form-errors.ts';

/**
 * Checks a form with the schema the server parses it with (shared/api/)
 * before it is submitted: a refused form stays on the page with its fields'
 * errors, worded like the server's, and no request is made. The server still
 * checks everything; this only saves the round trip.
 */
export function useFormCheck<R extends ActionResult>(
  schema: z.ZodType,
  serverResult: R | undefined,
) {
  const [refused, setRefused] = useState<ActionFailure | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const input: Record<string, string> = {};
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === 'string') input[name] = value;
    }
    const failure = checkFields(schema, input);
    // A password is never kept for the form to show again.
    const { password: _password, ...values } = input;
    setRefused(
      failure && {
        ok: false,
        code: 'VALIDATION_FAILED',
        message: 'Some fields are invalid',
        ...failure,
        values,
      },
    );
    if (failure) event.preventDefault();
  };
  const result: ActionFailure | R | undefined = refused ?? serverResult;
  return { result, onSubmit };
}
