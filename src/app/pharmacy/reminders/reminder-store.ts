import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Answer } from '../../../shared/pharmacy/reminders.js';
import type { Schedule } from './reminder-schedule.js';

interface ReminderSchema extends DBSchema {
  schedule: { key: string; value: Schedule };
  answers: { key: string; value: { answer: Answer['answer']; at: number }[] };
}

/**
 * The reminders' own IndexedDB: the schedule last read from the API and the answers given on
 * this TV, so reminders fire offline and never again for a dose already answered, across
 * reloads and power cuts.
 */
export class ReminderStore {
  private constructor(private readonly db: IDBPDatabase<ReminderSchema>) {}

  static async open(name = 'dah-reminders'): Promise<ReminderStore> {
    const db = await openDB<ReminderSchema>(name, 1, {
      upgrade(database) {
        database.createObjectStore('schedule');
        database.createObjectStore('answers');
      },
    });
    return new ReminderStore(db);
  }

  schedule(): Promise<Schedule | undefined> {
    return this.db.get('schedule', 'mine');
  }

  async saveSchedule(schedule: Schedule): Promise<void> {
    await this.db.put('schedule', schedule, 'mine');
  }

  /** Every answer on this TV, by answerKey. */
  async answers(): Promise<Map<string, Answer[]>> {
    const map = new Map<string, Answer[]>();
    let cursor = await this.db.transaction('answers').store.openCursor();
    while (cursor) {
      map.set(
        String(cursor.key),
        cursor.value.map((a) => ({ answer: a.answer, at: new Date(a.at) })),
      );
      cursor = await cursor.continue();
    }
    return map;
  }

  async addAnswer(key: string, answer: Answer): Promise<void> {
    const tx = this.db.transaction('answers', 'readwrite');
    const list = (await tx.store.get(key)) ?? [];
    await tx.store.put([...list, { answer: answer.answer, at: answer.at.getTime() }], key);
    await tx.done;
  }

  close(): void {
    this.db.close();
  }
}
