import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { SessionActor } from '../../../shared/identity/schemas.js';
import { clockOffset, DAY_MS, serverNow, type Answer } from '../../../shared/pharmacy/reminders.js';
import type { DoseAnswer } from '../../../shared/pharmacy/schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import type { PushChannel } from '../../api/push-channel.js';
import type { OutboxController } from '../../offline/outbox-controller.js';
import { deviceMadeId } from '../../offline/outbox.js';
import { deepActiveElement } from '../../input/spatial-navigation.js';
import { tvMedicine } from '../paths.js';
import { ReminderChoiceEvent } from './medication-reminder.js';
import './medication-reminder.js';
import { answerKey, dueDose, type DueDose, type Schedule } from './reminder-schedule.js';
import { ReminderStore } from './reminder-store.js';
import * as pharmacyApi from '../api.js';

export interface ReminderOptions {
  api(): ApiClient;
  push: PushChannel;
  outbox: OutboxController;
  navigate(path: string): void;
  /** A call on show or a ring: the reminder waits until it ends. */
  busy(): boolean;
}

/**
 * Medication reminders on a resident's TV (a session feature): the schedule is read from the API
 * at sign-in, when the push stream opens, on every order change and every hour, and kept in
 * IndexedDB with the answers, so it fires offline and across reloads. Time is the server's
 * (clockOffset from the answer that carried serverTime), never the TV's clock alone. The app root
 * renders it as an overlay (ui/overlays.ts) and gives it the Back key (稍后提醒).
 */
export class ReminderController implements ReactiveController {
  /** The TV's clock; tests drive it. */
  static clock: () => number = () => Date.now();
  /** How often the due dose is looked for (a reminder shows within this of its time). */
  static tickMs = 15_000;
  static refreshMs = 60 * 60_000;
  static dbName = 'dah-reminders';

  private store: ReminderStore | null = null;
  private schedule: Schedule | null = null;
  private answers = new Map<string, Answer[]>();
  private shown: DueDose | null = null;
  private timer: number | undefined;
  private lastRefresh = 0;
  private unsubscribe: (() => void) | null = null;
  private active = false;
  /** Where focus was when the reminder came up: it goes back there when the reminder goes. */
  private opener: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ReminderOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.sessionChanged(null);
  }

  /** The reminder on show, if any. */
  get showing(): DueDose | null {
    return this.shown;
  }

  sessionChanged(actor: SessionActor | null): void {
    const resident = actor?.kind === 'tv';
    if (resident === this.active) return;
    this.active = resident;
    if (resident) void this.start();
    else this.stop();
  }

  private async start(): Promise<void> {
    this.store ??= await ReminderStore.open(ReminderController.dbName);
    this.schedule = (await this.store.schedule()) ?? null;
    this.answers = await this.store.answers();
    this.unsubscribe = this.options.push.subscribe(
      (event) => {
        // An order changes the supply; a dose answered on another TV must not fire here.
        if (event.type === 'pharmacy-order' || event.type === 'pharmacy-dose-answered') void this.refresh();
      },
      () => void this.refresh(),
    );
    this.timer = window.setInterval(() => this.tick(), ReminderController.tickMs);
    await this.refresh();
  }

  private stop(): void {
    window.clearInterval(this.timer);
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.schedule = null;
    this.show(null);
  }

  /** Reads the schedule and the server's time; offline, the stored schedule stays in use. */
  async refresh(): Promise<void> {
    const sentAt = ReminderController.clock();
    try {
      const { medicines, serverTime, answers } = await pharmacyApi.myMedicines(this.options.api());
      const receivedAt = ReminderController.clock();
      const offsetMs = clockOffset(new Date(serverTime).getTime(), sentAt, receivedAt);
      const now = serverNow(receivedAt, offsetMs).getTime();
      this.schedule = {
        offsetMs,
        medicines: medicines.map((m) => ({
          prescriptionId: m.prescription.id,
          genericNameZh: m.prescription.medicine.genericNameZh,
          genericNameEn: m.prescription.medicine.genericNameEn,
          strength: m.prescription.medicine.strength,
          doseAmount: m.prescription.doseAmount,
          doseUnit: m.prescription.doseUnit,
          frequency: m.prescription.frequency,
          picture: m.prescription.medicine.picture,
          startsAt: m.prescription.issuedAt,
          endsAt: new Date(now + m.daysOfSupplyLeft * DAY_MS).toISOString(),
        })),
      };
      this.lastRefresh = receivedAt;
      await this.store?.saveSchedule(this.schedule);
      await this.merge(answers);
    } catch {
      // Offline or the API down: the schedule kept in IndexedDB goes on reminding.
    }
    this.tick();
  }

  /**
   * Answers the API knows (given on another TV, or recorded by staff) join this TV's own, in
   * memory and in IndexedDB: a dose answered elsewhere never fires here, online or off.
   */
  private async merge(answers: readonly DoseAnswer[]): Promise<void> {
    for (const given of answers) {
      const key = answerKey(given.prescriptionId, given.scheduledAt);
      const answer: Answer = { answer: given.answer, at: new Date(given.answeredAt) };
      const known = this.answers.get(key) ?? [];
      if (known.some((a) => a.answer === answer.answer && a.at.getTime() === answer.at.getTime())) continue;
      this.answers.set(key, [...known, answer]);
      await this.store?.addAnswer(key, answer);
    }
  }

  /** The server's time now, by the TV's clock and the last known offset. */
  now(): Date {
    return serverNow(ReminderController.clock(), this.schedule?.offsetMs ?? 0);
  }

  /** Shows the due reminder, unless a call or a ring is on (it waits until it ends). */
  tick(): void {
    if (!this.active) return;
    if (ReminderController.clock() - this.lastRefresh > ReminderController.refreshMs) {
      this.lastRefresh = ReminderController.clock();
      void this.refresh();
      return;
    }
    const due =
      this.schedule && !this.options.busy()
        ? dueDose(this.schedule, (key) => this.answers.get(key) ?? [], this.now())
        : null;
    const same =
      due &&
      this.shown &&
      answerKey(due.medicine.prescriptionId, due.scheduledAt) ===
        answerKey(this.shown.medicine.prescriptionId, this.shown.scheduledAt);
    if (same) return;
    this.show(due);
  }

  private show(due: DueDose | null): void {
    if (due && !this.shown) {
      const active = deepActiveElement();
      this.opener = active instanceof HTMLElement ? active : null;
    }
    const closing = !due && this.shown;
    this.shown = due;
    this.host.requestUpdate();
    if (closing) {
      const opener = this.opener;
      this.opener = null;
      // After the overlay has gone from the DOM (the next frame), as the dialog controller does.
      requestAnimationFrame(() => {
        if (opener?.isConnected) opener.focus({ preventScroll: true });
      });
    }
  }

  /** Back on a reminder: 稍后提醒. False when none is shown. */
  later(): boolean {
    if (!this.shown) return false;
    void this.answer('later');
    return true;
  }

  private async answer(choice: 'taken' | 'later'): Promise<void> {
    const dose = this.shown;
    if (!dose) return;
    const key = answerKey(dose.medicine.prescriptionId, dose.scheduledAt);
    const answer: Answer = { answer: choice, at: this.now() };
    // On the TV first: the reminder never comes back for an answered dose, offline or not.
    this.answers.set(key, [...(this.answers.get(key) ?? []), answer]);
    this.show(null);
    // The TV's own note of it may find the storage full; the answer still goes to the outbox, which
    // holds it in memory then (offline/outbox.ts) rather than lose it.
    await this.store?.addAnswer(key, answer).catch(() => undefined);
    void this.options.outbox.send({
      kind: 'dose-answer',
      method: 'POST',
      path: '/api/pharmacy/doses',
      id: deviceMadeId(),
      // When it was given, in server time: the outbox may deliver it much later (offline).
      body: {
        prescriptionId: dose.medicine.prescriptionId,
        scheduledAt: dose.scheduledAt,
        answer: choice,
        answeredAt: answer.at.toISOString(),
      },
    });
    this.tick();
  }

  private readonly onChoice = (event: ReminderChoiceEvent) => {
    const dose = this.shown;
    if (event.choice === 'reorder') {
      // Reordering is not taking it: the reminder comes back in 15 minutes.
      void this.answer('later');
      if (dose) this.options.navigate(tvMedicine.build({ prescriptionId: dose.medicine.prescriptionId }));
    } else void this.answer(event.choice);
  };

  render() {
    return this.shown && !this.options.busy()
      ? html`<dah-medication-reminder
          .dose=${this.shown}
          @dah-reminder-choice=${this.onChoice}
        ></dah-medication-reminder>`
      : nothing;
  }
}
