/**
 * Catalogue search as the console types it: Chinese characters, pinyin initials ('adp' finds
 * 氨氯地平), full pinyin without tones, or English generic and brand names. Each catalogue entry
 * carries its own initials and pinyin (seeded), so no pinyin dictionary ships with the app.
 */
export interface Searchable {
  genericNameZh: string;
  genericNameEn: string;
  brandNameZh: string | null;
  brandNameEn: string | null;
  /** Initials of the generic name, then of the brand name, space-separated: 'alddp nwx'. */
  pinyinInitials: string;
  /** Toneless pinyin of the generic name, then of the brand name, space-separated. */
  pinyin: string;
}

const normalise = (text: string) => text.toLowerCase().replace(/[\s·\-()（）]/g, '');

/**
 * How well `entry` matches `query`: 0 no match; higher is better (a prefix beats a match inside).
 * Pure, so the console can rank locally and the server can filter.
 */
export function matchScore(query: string, entry: Searchable): number {
  const q = normalise(query);
  if (!q) return 0;
  const fields: [string, number][] = [
    [entry.genericNameZh, 6],
    [entry.brandNameZh ?? '', 5],
    ...entry.pinyinInitials.split(/\s+/).map((s): [string, number] => [s, 4]),
    ...entry.pinyin.split(/\s+/).map((s): [string, number] => [s, 3]),
    [entry.genericNameEn, 3],
    [entry.brandNameEn ?? '', 3],
  ];
  let best = 0;
  for (const [raw, weight] of fields) {
    const field = normalise(raw);
    if (!field) continue;
    const at = field.indexOf(q);
    if (at < 0) continue;
    best = Math.max(best, at === 0 ? weight * 2 : weight);
  }
  // Initials typed with a syllable skipped ('adp' for 氨氯地平, aldp): a weaker match, anchored
  // at the first letter so short queries do not match everything.
  if (best === 0 && /^[a-z]+$/.test(q)) {
    for (const initials of entry.pinyinInitials.split(/\s+/)) {
      if (initials.startsWith(q[0] as string) && isSubsequence(q, initials)) return 1;
    }
  }
  return best;
}

function isSubsequence(needle: string, haystack: string): boolean {
  let i = 0;
  for (const ch of haystack) if (ch === needle[i]) i++;
  return i === needle.length;
}

/** The entries that match, best first; ties keep catalogue order. */
export function searchCatalogue<T extends Searchable>(query: string, entries: readonly T[], limit = 20): T[] {
  return entries
    .map((entry, index) => ({ entry, index, score: matchScore(query, entry) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map((m) => m.entry);
}
