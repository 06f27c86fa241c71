/**
 * A text with its spans marked, for evidence shown to people (the HTML case record, the terminal): every span that
 * lies inside the text is wrapped by `mark`, no character is marked twice (a span overlapping an earlier one is marked
 * from where that one ended, and one inside it not at all), and the text
 * between them goes through `plain` (HTML escaping, say).
 */
export function markSpans(
  text: string,
  spans: ReadonlyArray<{ start: number; end: number }>,
  mark: (inside: string) => string,
  plain: (outside: string) => string = (outside) => outside,
): string {
  const ordered = spans.filter((s) => s.end <= text.length && s.start < s.end).sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of ordered) {
    if (s.end <= at) continue;
    const start = Math.max(s.start, at);
    out += `${plain(text.slice(at, start))}${mark(text.slice(start, s.end))}`;
    at = s.end;
  }
  return out + plain(text.slice(at));
}
