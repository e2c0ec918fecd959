// The index of 相对人名称 for partial (substring) search (pure). A name is folded (NFKC, lower
// case, no whitespace); its index tokens are every single character and every pair of adjacent
// characters. A name that contains the query's characters has all of the query's pairs (or its
// one character), so the index never misses a match; candidates are then checked for the exact
// folded substring. Tokens are written as hex code points ("x" + 6 hex digits per character) so
// that FTS5's ascii tokenizer and PostgreSQL's tsquery read them as plain words.

export function foldName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

function hex(ch: string): string {
  return (ch.codePointAt(0) ?? 0).toString(16).padStart(6, '0');
}

/** Index tokens of a folded name (deduplicated). */
export function nameTokens(folded: string): string[] {
  const chars = [...folded].map(hex);
  const out = new Set<string>();
  chars.forEach((c, i) => {
    out.add(`x${c}`);
    const next = chars[i + 1];
    if (next) out.add(`x${c}${next}`);
  });
  return [...out];
}

/** The tokens a folded query needs: its pairs, or its one character. */
export function queryTokens(folded: string): string[] {
  const chars = [...folded].map(hex);
  if (chars.length === 1) return [`x${chars[0] ?? ''}`];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(`x${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
  return [...out];
}
