/** `like` pattern for a lower-cased substring, with the user's % and _ (and \) taken literally. */
export function containsPattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
