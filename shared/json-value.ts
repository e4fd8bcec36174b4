/**
 * A value stored as JSON that may arrive either parsed or as its text:
 * PostgreSQL `json`/`jsonb` columns come back parsed from some queries and as
 * strings from others (string_agg, raw rows), and BullMQ hands a job's return
 * value over as text from its event stream but as a value from `getJob`.
 */
export function parseJsonValue<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A JSON text's top-level object (a message received as text), or null for anything else. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
