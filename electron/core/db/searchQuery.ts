/** Free text typed in the search box: the FTS5 expression it becomes, and how well a small result's rows answer it. */
import { searchTokens } from '../../../shared/domain/fold';

/**
 * Below this length the last word is taken as typed, not as a prefix: "b*" would merge the lists of every word that
 * starts with b, most of the index, to answer a query the user has not finished typing.
 */
const MIN_PREFIX = 2;

export interface SearchQuery {
  /** Folded words, in the order typed. */
  words: string[];
  /** The last word is the start of a longer word still being typed. */
  lastIsPrefix: boolean;
}

/**
 * Every word must appear. The last word is read as the start of a longer word only when it is no word of the
 * register itself: Vietnamese words are single syllables, so "ban" typed is the word "ban", while "ngh" is a word
 * still being typed. A prefix query merges the lists of every word it starts, which for a common syllable such as
 * "ban" or "ho" is most of a million-document index.
 */
export function parseSearch(text: string, isIndexedWord: (word: string) => boolean): SearchQuery | null {
  const words = searchTokens(text);
  if (words.length === 0) return null;
  const last = words[words.length - 1]!;
  return { words, lastIsPrefix: last.length >= MIN_PREFIX && !isIndexedWord(last) };
}

export function ftsExpression(q: SearchQuery): string {
  const last = q.words.length - 1;
  return q.words.map((w, i) => (i === last && q.lastIsPrefix ? `"${w}"*` : `"${w}"`)).join(' ');
}

/**
 * How well a subject (trích yếu) answers the query: the words typed together as a phrase first, then the number of
 * words found. Used instead of FTS5's bm25, whose document frequencies make it read the whole list of every query
 * word (a full scan of the index for "so" or a year facet) even when only a hundred documents match.
 */
export function subjectRelevance(subject: string, q: SearchQuery): number {
  const words = searchTokens(subject);
  const last = q.words.length - 1;
  const has = (w: string, i: number) => (i === last && q.lastIsPrefix ? words.some((x) => x.startsWith(w)) : words.includes(w));
  const found = q.words.filter(has).length;
  const phrase = ` ${words.join(' ')} `.includes(` ${q.words.join(' ')}${q.lastIsPrefix ? '' : ' '}`);
  return (phrase ? q.words.length + 1 : 0) + found;
}
