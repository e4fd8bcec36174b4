import { z } from 'zod';
import { singleLineText } from '../text-safety.ts';
import { MAX_EMAIL, MAX_PASSWORD, MAX_USER_NAME } from './limits.ts';

/** What anyone may see of an account. */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
}

/** An e-mail address as accounts store it: trimmed, lower case. */
export const emailField = singleLineText(
  z.string().trim().toLowerCase().email('Enter a valid email address').max(MAX_EMAIL),
);

/**
 * The sign-up form, field by field. The server judges the password's
 * strength on top (server/accounts: it needs the guessing dictionaries), so
 * the UI checks only what this schema says.
 */
export const signupFields = z.object({
  email: emailField,
  name: singleLineText(z.string().trim().min(1, 'Enter your name').max(MAX_USER_NAME)),
  password: z.string(),
});

export const loginSchema = z.object({
  email: singleLineText(z.string().trim().toLowerCase().min(1, 'Enter your email').max(MAX_EMAIL)),
  password: z.string().min(1, 'Enter your password').max(MAX_PASSWORD),
});
