import { createHash } from 'node:crypto';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { EntityId } from '../../shared/api-schemas.js';
import {
  DispatchRequest,
  IdempotencyKey,
  Order,
  OrderList,
  OrderStatus,
  ReasonRequest,
  ReorderRequest,
  ResubmitRequest,
} from '../../shared/pharmacy/schemas.js';
import type { OrderAction } from '../../shared/pharmacy/status.js';
import { recordAudit } from '../access/audit.js';
import { authorize, authorizeForResident, visibleOrders } from '../access/policy.js';
import type { Actor } from '../identity/actor.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { errorResponses, json } from '../http/responses.js';
import { medicinesById } from './medicines.js';
import {
  changeOrderStatus,
  insertOrder,
  notifyPharmacists,
  orderOf,
  ordersOf,
  prescreenOrder,
  pricedItems,
  publishOrderStatus,
} from './orders.js';
import { suppliesOf } from './prescriptions.js';

const IdParam = z.object({ id: EntityId });

const reorder = createRoute({
  method: 'post',
  path: '/api/pharmacy/orders',
  summary: 'The resident reorders current medicines (再次配药); the pharmacist reviews before it is charged',
  description:
    'Idempotent: the same Idempotency-Key with the same body returns the order it made (200), never a second one; the same key with a different body is 409 idempotency_key_reused. 409 no_refills_left when the prescription allows no more, order_in_progress while an order for it is on its way.',
  tags: ['pharmacy'],
  request: {
    headers: z.object({ 'idempotency-key': IdempotencyKey }),
    body: { required: true, ...json(ReorderRequest) },
  },
  responses: {
    200: { description: 'This key made this order already', ...json(Order) },
    201: { description: 'Ordered', ...json(Order) },
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});
const listOrders = createRoute({
  method: 'get',
  path: '/api/pharmacy/orders',
  summary:
    "Orders: the resident's own, a doctor's patients', all for pharmacists (the review queue with status=submitted)",
  tags: ['pharmacy'],
  request: { query: z.object({ status: OrderStatus.optional() }) },
  responses: { 200: { description: 'Newest first', ...json(OrderList) }, ...errorResponses(400, 401, 403) },
});
const oneOrder = createRoute({
  method: 'get',
  path: '/api/pharmacy/orders/{id}',
  summary: 'An order with its items, pre-screen findings and status history',
  tags: ['pharmacy'],
  request: { params: IdParam },
  responses: { 200: { description: 'The order', ...json(Order) }, ...errorResponses(400, 401, 403, 404) },
});

/** Pharmacist actions: path segment, the status-machine action, the body it needs. */
const REVIEW_ACTIONS = [
  {
    segment: 'review',
    action: 'start_review',
    body: null,
    summary: 'The pharmacist takes the order for review (the pre-screen runs again)',
  },
  {
    segment: 'approve',
    action: 'approve',
    body: null,
    summary: 'The pharmacist approves: it may be charged and dispensed',
  },
  {
    segment: 'return',
    action: 'return_to_doctor',
    body: ReasonRequest,
    summary: 'The pharmacist sends it back to the prescribing doctor with the reason',
  },
  {
    segment: 'reject',
    action: 'reject',
    body: ReasonRequest,
    summary: 'The pharmacist rejects it; the resident reads the reason on the TV',
  },
  {
    segment: 'dispatch',
    action: 'dispatch',
    body: DispatchRequest,
    summary: 'Handed to the courier, with the tracking number',
  },
  { segment: 'deliver', action: 'deliver', body: null, summary: 'Delivered to the door' },
] as const;

const resubmit = createRoute({
  method: 'post',
  path: '/api/pharmacy/orders/{id}/resubmit',
  summary: 'The doctor changes the returned prescriptions and sends the order for review again',
  tags: ['pharmacy'],
  request: { params: IdParam, body: { required: true, ...json(ResubmitRequest) } },
  responses: {
    200: { description: 'Under review again', ...json(Order) },
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});
const cancel = createRoute({
  method: 'post',
  path: '/api/pharmacy/orders/{id}/cancel',
  summary: 'The resident withdraws an order before it is approved',
  tags: ['pharmacy'],
  request: { params: IdParam },
  responses: {
    200: { description: 'Cancelled', ...json(Order) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

async function requireVisibleOrder(c: Context<AppEnv>, deps: Pick<AppDeps, 'db'>, actor: Actor, id: string) {
  const row = await visibleOrders(deps.db, actor)
    .select('orders.id')
    .where('orders.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found', 'No such order.');
}

const hashOf = (request: { prescriptionIds: string[] }) =>
  createHash('sha256')
    .update(JSON.stringify([...new Set(request.prescriptionIds)].sort()))
    .digest('hex');

export function registerOrderRoutes(app: OpenAPIHono<AppEnv>, deps: Pick<AppDeps, 'db' | 'push'>): void {
  app.openapi(reorder, async (c) => {
    // A TV for its resident, a self-service kiosk for the resident of its visit (roles.ts KIOSK_VISIT).
    const { actor, patientId } = authorizeForResident(c, 'orders:place');
    const { db, push } = deps;
    const key = c.req.valid('header')['idempotency-key'];
    const body = c.req.valid('json');
    const requestHash = hashOf(body);
    const ids = [...new Set(body.prescriptionIds)];
    const now = new Date();
    // SQLite runs one transaction at a time on this connection, so "look for the key, else insert"
    // cannot interleave; the unique index (patient, key) backs it on any database.
    const outcome = await db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('orders')
        .select(['id', 'requestHash'])
        .where('patientId', '=', patientId)
        .where('idempotencyKey', '=', key)
        .executeTakeFirst();
      if (existing) {
        if (existing.requestHash !== requestHash) {
          throw new ApiError(
            409,
            'idempotency_key_reused',
            'This Idempotency-Key was used for a different order.',
          );
        }
        return { id: existing.id, created: false };
      }
      const prescriptions = await trx
        .selectFrom('prescriptions')
        .selectAll()
        .where('patientId', '=', patientId)
        .where('id', 'in', ids)
        .where('status', '=', 'active')
        .execute();
      if (prescriptions.length !== ids.length)
        throw new ApiError(404, 'not_found', 'No such current prescription.');
      const { refillsUsed, openOrder } = await suppliesOf(trx, ids);
      for (const p of prescriptions) {
        if (openOrder.has(p.id)) {
          throw new ApiError(409, 'order_in_progress', 'An order for this medicine is already on its way.');
        }
        if ((refillsUsed.get(p.id) ?? 0) >= p.refills) {
          throw new ApiError(
            409,
            'no_refills_left',
            'No refills left: ask the family doctor for a new prescription.',
          );
        }
      }
      const medicines = await medicinesById(
        trx,
        prescriptions.map((p) => p.medicineId),
      );
      const patient = await trx
        .selectFrom('patients')
        .select('address')
        .where('userId', '=', patientId)
        .executeTakeFirstOrThrow();
      const id = await insertOrder(
        trx,
        {
          patientId,
          kind: 'refill',
          deliveryAddress: patient.address,
          idempotencyKey: key,
          requestHash,
          findings: await prescreenOrder(trx, patientId, prescriptions, now),
          priced: pricedItems(prescriptions, medicines),
          // The resident orders for themselves, at home or at a kiosk (the audit log names the kiosk).
          actor: { id: patientId, role: 'resident' },
        },
        now,
      );
      return { id, created: true };
    });
    if (actor.kind === 'kiosk') {
      await recordAudit(db, actor, c.var.address, {
        action: 'order.place',
        outcome: 'allowed',
        patientId,
        target: outcome.id,
      });
    }
    if (outcome.created) {
      const row = await db
        .selectFrom('orders')
        .selectAll()
        .where('id', '=', outcome.id)
        .executeTakeFirstOrThrow();
      await publishOrderStatus(db, push, row);
      await notifyPharmacists(db, push);
    }
    return c.json(await orderOf(db, outcome.id), outcome.created ? 201 : 200);
  });

  app.openapi(listOrders, async (c) => {
    const actor = authorize(c, 'orders:read');
    const { db } = deps;
    const { status } = c.req.valid('query');
    let query = visibleOrders(db, actor).selectAll('orders');
    if (status) query = query.where('orders.status', '=', status);
    const rows = await query.orderBy('orders.createdAt', 'desc').limit(200).execute();
    return c.json({ orders: await ordersOf(db, rows) }, 200);
  });

  app.openapi(oneOrder, async (c) => {
    const actor = authorize(c, 'orders:read');
    const { id } = c.req.valid('param');
    await requireVisibleOrder(c, deps, actor, id);
    return c.json(await orderOf(deps.db, id), 200);
  });

  for (const step of REVIEW_ACTIONS) {
    const route = createRoute({
      method: 'post',
      path: `/api/pharmacy/orders/{id}/${step.segment}`,
      summary: step.summary,
      tags: ['pharmacy'],
      request: {
        params: IdParam,
        ...(step.body ? { body: { required: true, ...json(step.body) } } : {}),
      },
      responses: {
        200: { description: 'The order in its new status', ...json(Order) },
        ...errorResponses(400, 401, 403, 404, 409, 413),
      },
    });
    app.openapi(route, async (c) => {
      const actor = authorize(c, 'orders:review');
      const { db, push } = deps;
      const { id } = c.req.param() as { id: string };
      // Validated against step.body by the route's schema before this runs.
      const parsed = (step.body ? c.req.valid('json' as never) : {}) as {
        reason?: string;
        courier?: string;
        trackingNumber?: string;
      };
      await requireVisibleOrder(c, deps, actor, id);
      const action: OrderAction = step.action;
      await changeOrderStatus(
        db,
        push,
        id,
        action,
        { id: actor.id, role: actor.role },
        {
          ...parsed,
          // Taking an order for review runs the pre-screen again: the record may have changed.
          before:
            action === 'start_review'
              ? async (trx, order) => {
                  const items = await trx
                    .selectFrom('orderItems')
                    .select('prescriptionId')
                    .where('orderId', '=', order.id)
                    .execute();
                  const prescriptions = await trx
                    .selectFrom('prescriptions')
                    .selectAll()
                    .where(
                      'id',
                      'in',
                      items.map((i) => i.prescriptionId),
                    )
                    .execute();
                  const findings = await prescreenOrder(trx, order.patientId, prescriptions, new Date());
                  return { findings: JSON.stringify(findings) };
                }
              : undefined,
        },
      );
      return c.json(await orderOf(db, id), 200);
    });
  }

  app.openapi(resubmit, async (c) => {
    const actor = authorize(c, 'orders:resubmit');
    const { db, push } = deps;
    const { id } = c.req.valid('param');
    const { changes, note } = c.req.valid('json');
    await requireVisibleOrder(c, deps, actor, id);
    await changeOrderStatus(
      db,
      push,
      id,
      'resubmit',
      { id: actor.id, role: actor.role },
      {
        note,
        before: async (trx, order) => {
          const items = await trx
            .selectFrom('orderItems')
            .selectAll()
            .where('orderId', '=', order.id)
            .execute();
          const now = new Date();
          for (const change of changes) {
            if (!items.some((i) => i.prescriptionId === change.prescriptionId)) {
              throw new ApiError(
                400,
                'validation_failed',
                `changes: ${change.prescriptionId} is not in this order`,
              );
            }
            await trx
              .updateTable('prescriptions')
              .set({
                doseAmount: change.doseAmount,
                frequency: change.frequency,
                daysSupply: change.daysSupply,
                updatedAt: now.toISOString(),
              })
              .where('id', '=', change.prescriptionId)
              .execute();
          }
          const prescriptions = await trx
            .selectFrom('prescriptions')
            .selectAll()
            .where(
              'id',
              'in',
              items.map((i) => i.prescriptionId),
            )
            .execute();
          const medicines = await medicinesById(
            trx,
            prescriptions.map((p) => p.medicineId),
          );
          const priced = pricedItems(prescriptions, medicines);
          for (const { share: _share, ...item } of priced.items) {
            await trx
              .updateTable('orderItems')
              .set({
                packs: item.packs,
                unitPriceFen: item.unitPriceFen,
                lineTotalFen: item.lineTotalFen,
                daysSupply: item.daysSupply,
              })
              .where('orderId', '=', order.id)
              .where('prescriptionId', '=', item.prescriptionId)
              .execute();
          }
          await trx
            .updateTable('orders')
            .set({ totalFen: priced.totalFen, patientShareFen: priced.patientShareFen })
            .where('id', '=', order.id)
            .execute();
          const findings = await prescreenOrder(trx, order.patientId, prescriptions, now);
          return { findings: JSON.stringify(findings) };
        },
      },
    );
    return c.json(await orderOf(db, id), 200);
  });

  app.openapi(cancel, async (c) => {
    const actor = authorize(c, 'orders:cancel');
    const { db, push } = deps;
    const { id } = c.req.valid('param');
    await requireVisibleOrder(c, deps, actor, id);
    await changeOrderStatus(db, push, id, 'cancel', { id: actor.id, role: actor.role });
    return c.json(await orderOf(db, id), 200);
  });
}
