/** One quota's standing: `limit` null means unlimited. */
export interface QuotaUsage {
  used: number;
  limit: number | null;
  /** When the count starts again (ISO date-time); null for a quota that never resets. */
  resetAt: string | null;
}

/** GET /api/v1/me/usage */
export interface UsageRecord {
  /** Minutes of finished renders this user created this month (UTC). */
  renderMinutes: QuotaUsage;
  /** Bytes of media each project the user owns refers to (never resets). */
  storage: { limit: number | null; projects: { id: string; title: string; used: number }[] };
}

/** The first instant of the next month (UTC): when monthly quotas reset (pure). */
export function nextMonthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

/** The first instant of this month (UTC) (pure). */
export function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}
