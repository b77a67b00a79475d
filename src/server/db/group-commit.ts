/**
 * Group commit: writes that arrive together share one transaction, so one WAL sync
 * (synchronous=FULL, db/database.ts) makes a whole batch durable instead of one sync per write.
 *
 * Each write waits for the commit of its batch before its promise settles: a caller that answers
 * after `run` resolves answers only once the write is on disk (a reading's 201 lets the TV's
 * outbox drop its copy). Each write runs inside its own SAVEPOINT: one that throws (a conflicting
 * retry, a failed constraint) is rolled back alone and rejects alone, and the others commit. If
 * the commit itself fails, every write of the batch rejects and nothing of it was stored.
 *
 * better-sqlite3 is synchronous: while a batch commits, the event loop waits for the sync, and
 * the requests that arrive meanwhile are read afterwards and form the next batch. A batch starts
 * on setImmediate, after the I/O callbacks of the current loop turn, so it holds every write those
 * requests reached.
 */
import { CompiledQuery, type Transaction } from 'kysely';
import type { Database, Db } from './types.js';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Job {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

// Written once: building a raw query per write showed in the ingest's profile (issue 14).
const SAVEPOINT = CompiledQuery.raw('savepoint group_write');
const RELEASE = CompiledQuery.raw('release group_write');
const ROLLBACK_TO = CompiledQuery.raw('rollback to group_write');

/** Batches of more than this commit in more than one transaction (bounds the event loop's pause). */
export const MAX_BATCH = 512;

export class CommitGroup {
  #pending: Job[] = [];
  #scheduled = false;
  /** How many transactions and writes have committed (tests check that writes were grouped). */
  readonly stats = { batches: 0, writes: 0 };

  constructor(private readonly db: Db) {}

  /** Runs `work` in the next batch's transaction; settles after that transaction has committed. */
  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    const jobs = this.#pending.splice(0, MAX_BATCH);
    if (this.#pending.length) setImmediate(() => void this.#flush());
    else this.#scheduled = false;
    const outcomes: Outcome[] = [];
    try {
      // Kysely's SQLite driver holds its one connection for the whole transaction: no other
      // query interleaves with the batch.
      await this.db.transaction().execute(async (trx) => {
        for (const job of jobs) {
          await trx.executeQuery(SAVEPOINT);
          try {
            const value = await job.work(trx);
            await trx.executeQuery(RELEASE);
            outcomes.push({ ok: true, value });
          } catch (error) {
            // ROLLBACK TO keeps the savepoint open; RELEASE then ends it (sqlite.org/lang_savepoint.html).
            await trx.executeQuery(ROLLBACK_TO);
            await trx.executeQuery(RELEASE);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    this.stats.batches++;
    this.stats.writes += jobs.length;
    jobs.forEach((job, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}

const groups = new WeakMap<Db, CommitGroup>();

/** The database's one commit group (one per opened database, so tests with their own files get their own). */
export function commitGroupOf(db: Db): CommitGroup {
  let group = groups.get(db);
  if (!group) {
    group = new CommitGroup(db);
    groups.set(db, group);
  }
  return group;
}
