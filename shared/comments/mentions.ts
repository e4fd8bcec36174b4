/**
 * `@Name` mentions in a comment body (pure). Names may hold spaces, so each
 * `@` is matched against the members' names, longest first, ignoring case;
 * a name must end at a word boundary ("@Ann" does not mention "Anna").
 */
export interface Mentionable {
  userId: string;
  name: string;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

export function findMentions(body: string, members: readonly Mentionable[]): string[] {
  const byLength = [...members]
    .filter((m) => m.name.trim())
    .sort((a, b) => b.name.length - a.name.length);
  const found = new Set<string>();
  const lower = body.toLocaleLowerCase();
  for (let i = body.indexOf('@'); i !== -1; i = body.indexOf('@', i + 1)) {
    // "mail@example" is not a mention: the @ starts the text or follows a non-word character.
    if (i > 0 && WORD_CHAR.test(body[i - 1]!)) continue;
    const rest = lower.slice(i + 1);
    const member = byLength.find((m) => {
      const name = m.name.toLocaleLowerCase();
      return rest.startsWith(name) && !WORD_CHAR.test(rest.charAt(name.length));
    });
    if (member) found.add(member.userId);
  }
  return [...found];
}

/** The `@query` being typed just before `caret`, or null (what the composer's picker filters by). */
export function mentionQueryAt(
  text: string,
  caret: number,
): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1 || (at > 0 && WORD_CHAR.test(before[at - 1]!))) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n@]/.test(query)) return null;
  return { start: at, query };
}
