/** Who uses a term or makes a reference, and when that user is in force. */
import type { Corpus, Interval, UserRef } from '../model/corpus.js';

export function userInterval(corpus: Corpus, user: UserRef): Interval | undefined {
  if (user.kind === 'provision') return corpus.provisions.get(user.id)?.inForce;
  return corpus.definitions.get(user.term)?.find((d) => d.home === user.doc)?.inForce;
}

export function describeUser(user: UserRef): string {
  return user.kind === 'provision' ? user.id : `the definition of ${user.term} (${user.doc})`;
}

export function intervalKey(interval: Interval): string {
  return `${interval.from ?? ''}/${interval.until ?? ''}`;
}
