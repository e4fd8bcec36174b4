import { z } from 'zod';
import { singleLineText } from '../text-safety.ts';

/**
 * What a personal API token may do (issue 16, ADR 0042). Every API route
 * names the scope it needs in server/api/routes.ts; a token lacking it gets
 * 403 naming the scope.
 */
export const API_SCOPES = [
  'projects:read',
  'projects:write',
  'renders:write',
  'share:write',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];
export const isApiScope = (value: string): value is ApiScope =>
  (API_SCOPES as readonly string[]).includes(value);

/** Every API token starts with this, so a bearer value says which kind it is (and scanners find leaks). */
export const API_TOKEN_PREFIX = 'mnt_';
export const MAX_API_TOKEN_NAME = 100;
/** The longest a token may live when it expires at all (two years). */
export const MAX_API_TOKEN_SECONDS = 2 * 365 * 86_400;

/** The expiries the account page offers: seconds, null for never. */
export const API_TOKEN_EXPIRY_PRESETS = {
  '7d': 7 * 86_400,
  '30d': 30 * 86_400,
  '90d': 90 * 86_400,
  '1y': 365 * 86_400,
  never: null,
} as const satisfies Record<string, number | null>;
export type ApiTokenExpiryPreset = keyof typeof API_TOKEN_EXPIRY_PRESETS;

/** POST /api/v1/tokens */
export const createApiTokenSchema = z.object({
  name: singleLineText(
    z
      .string()
      .trim()
      .min(1, 'Give the token a name')
      .max(MAX_API_TOKEN_NAME, `Name is too long (${MAX_API_TOKEN_NAME} characters at most)`),
  ),
  scopes: z
    .array(z.enum(API_SCOPES))
    .min(1, 'Choose at least one scope')
    .max(API_SCOPES.length)
    .refine((scopes) => new Set(scopes).size === scopes.length, 'Each scope once'),
  /** Absent or null: the token never expires. */
  expiresInSeconds: z
    .number()
    .int('Must be a whole number of seconds')
    .min(60, 'Must be at least 60 seconds')
    .max(MAX_API_TOKEN_SECONDS, 'Must be at most two years')
    .nullable()
    .optional(),
});

/** What creating a token answers: the only time its secret is seen. */
export interface CreatedApiToken {
  id: string;
  token: string;
  name: string;
  scopes: ApiScope[];
  expiresAt: string | null;
}

/** A token as the account page lists it (never its secret). */
export interface ApiTokenSummary {
  id: string;
  name: string;
  scopes: ApiScope[];
  /** The first characters of the secret (`mnt_abcd`), to recognise it. */
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
