/** Who uses a term or makes a reference, and when that user is in force. */
import type { Corpus, Interval, TermUsers, UserRef } from '../model/corpus.js';
import type { IsoDate } from '../model/dates.js';

export function userInterval(corpus: Corpus, user: UserRef): Interval | undefined {
  if (user.version) return user.inForce;
  if (user.kind === 'provision') return corpus.provisions.get(user.id)?.inForce;
  // A paper is about the code and never in force: the time checks do not apply to what it cites.
  if (user.kind === 'paper') return undefined;
  return corpus.definitions.get(user.term)?.find((d) => d.home === user.doc)?.inForce;
}

export function describeUser(user: UserRef): string {
  if (user.kind === 'paper') return `the consultation paper ${user.doc}`;
  return user.kind === 'provision' ? user.id : `the definition of ${user.term} (${user.doc})`;
}

export function intervalKey(interval: Interval): string {
  return `${interval.from ?? ''}/${interval.until ?? ''}`;
}

/** The interval an intervalKey names. */
export function intervalOfKey(key: string): Interval {
  const slash = key.indexOf('/');
  const from = key.slice(0, slash);
  const until = key.slice(slash + 1);
  return { ...(from ? { from: from as IsoDate } : {}), ...(until ? { until: until as IsoDate } : {}) };
}

export function addTermUser(users: TermUsers, term: string, interval: Interval, self: string): void {
  let byWindow = users.get(term);
  if (!byWindow) users.set(term, (byWindow = new Map()));
  let selves = byWindow.get(interval);
  if (!selves) byWindow.set(interval, (selves = new Set()));
  selves.add(self);
}

/**
 * One object per distinct in-force window. Clauses carry thousands of equal intervals; deciding things
 * per distinct window instead of per object keeps the time checks linear in the number of uses.
 */
export class IntervalPool {
  private readonly byKey = new Map<string, Interval>();
  private readonly byUser = new Map<UserRef, Interval | undefined>();
  /** Uses come in runs that share one reader object: the last answer is the likeliest next one. */
  private lastUser: UserRef | undefined;
  private lastInterval: Interval | undefined;
  constructor(private readonly corpus: Corpus) {}

  /** Symbols share interval objects (a document's, a parent's): most are found by identity, without a key. */
  private readonly byObject = new Map<Interval, Interval>();

  canonical(interval: Interval): Interval {
    let found = this.byObject.get(interval);
    if (found) return found;
    const key = intervalKey(interval);
    found = this.byKey.get(key);
    if (!found) this.byKey.set(key, (found = interval));
    this.byObject.set(interval, found);
    return found;
  }

  /** The user's window, canonical; undefined when the user is not in the tables. */
  of(user: UserRef): Interval | undefined {
    if (user === this.lastUser) return this.lastInterval;
    let interval: Interval | undefined;
    if (this.byUser.has(user)) interval = this.byUser.get(user);
    else {
      const raw = userInterval(this.corpus, user);
      interval = raw && this.canonical(raw);
      this.byUser.set(user, interval);
    }
    this.lastUser = user;
    this.lastInterval = interval;
    return interval;
  }
}
