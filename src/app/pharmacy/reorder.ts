import { estimatedPatientShareFen } from '../../shared/pharmacy/money.js';
import { packsFor } from '../../shared/pharmacy/review-rules.js';
import type { Prescription } from '../../shared/pharmacy/schemas.js';
import { ApiRequestError } from '../api/api-client.js';
import type { OutboxController } from '../offline/outbox-controller.js';
import { deviceMadeId, type OutboxItem } from '../offline/outbox.js';

export const REORDER_KIND = 'reorder';

export type ReorderOutcome =
  /** The API has the order (made now, or by an earlier try with the same key). */
  | { kind: 'sent' }
  /** On the device, waiting for the network: it goes by itself, with the same key. */
  | { kind: 'waiting' }
  | { kind: 'refused'; error: ApiRequestError };

/** What one supply costs: packs, the total and the resident's estimated share after insurance, in fen. */
export function reorderEstimate(p: Prescription): { packs: number; totalFen: number; shareFen: number } {
  const packs = packsFor(p.doseAmount, p.frequency, p.daysSupply, p.medicine.packSize);
  const totalFen = packs * p.medicine.priceFen;
  return { packs, totalFen, shareFen: estimatedPatientShareFen(totalFen, p.medicine.insuranceCategory) };
}

const prescriptionsOf = (item: OutboxItem) => (item.body.prescriptionIds as string[] | undefined) ?? [];

/** A reorder of this prescription still on the device (waiting, or refused and not yet seen). */
export async function pendingReorder(outbox: OutboxController, prescriptionId: string) {
  return (await outbox.pending(REORDER_KIND)).find((item) => prescriptionsOf(item).includes(prescriptionId));
}

/** Reorders in flight on this page, per prescription: a second press joins the first. */
const inFlight = new Map<string, Promise<ReorderOutcome>>();

/**
 * 再次配药: the order goes to the device's outbox (IndexedDB) with a key made once, then to the
 * API with that key as its Idempotency-Key. A double press joins the press in flight; a press
 * after a reload finds the write on disk and sends it again with its own key; the outbox's
 * retries send the same key. So however it is pressed or retried, the API makes one order.
 */
export function placeReorder(outbox: OutboxController, prescriptionId: string): Promise<ReorderOutcome> {
  const running = inFlight.get(prescriptionId);
  if (running) return running;
  const attempt = reorderOnce(outbox, prescriptionId).finally(() => inFlight.delete(prescriptionId));
  inFlight.set(prescriptionId, attempt);
  return attempt;
}

async function reorderOnce(outbox: OutboxController, prescriptionId: string): Promise<ReorderOutcome> {
  const earlier = await pendingReorder(outbox, prescriptionId);
  let state: Awaited<ReturnType<OutboxController['send']>>;
  if (earlier) {
    const box = await outbox.ready();
    await box.flush();
    const now = (await box.items()).find((item) => item.id === earlier.id);
    state = !now ? 'sent' : now.state === 'waiting' ? 'waiting' : now;
  } else {
    const key = deviceMadeId();
    state = await outbox.send({
      kind: REORDER_KIND,
      method: 'POST',
      path: '/api/pharmacy/orders',
      id: key,
      headers: { 'idempotency-key': key },
      body: { prescriptionIds: [prescriptionId] },
    });
  }
  if (state === 'sent') return { kind: 'sent' };
  if (state === 'waiting') return { kind: 'waiting' };
  // Refused (no refills left, an order already on its way): said once, then set aside.
  await (await outbox.ready()).dismiss(state.id);
  const error = state.lastError ?? { status: 400, code: 'internal' };
  return {
    kind: 'refused',
    error: new ApiRequestError(error.status, error.code as ApiRequestError['code'], error.code),
  };
}
