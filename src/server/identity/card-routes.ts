import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { PatientIdParam } from '../../shared/directory/schemas.js';
import { cardSecretOf } from '../../shared/identity/card-format.js';
import {
  CardVisitRequest,
  IssuedResidentCard,
  ResidentCardStatus,
} from '../../shared/identity/card-schemas.js';
import { KioskVisit } from '../../shared/readings/schemas.js';
import { recordAudit } from '../access/audit.js';
import { auditDenied } from '../access/audit-reads.js';
import { authorize, cardAccessOf, type Permission } from '../access/policy.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../http/app-env.js';
import { ApiError } from '../http/errors.js';
import { errorResponses, json } from '../http/responses.js';
import { beginVisit, type VisitChannelDeps } from '../readings/visit-channels.js';
import { visitAttemptChecks } from '../readings/visits.js';
import { reserveAttempt } from './limits.js';
import { cardBySecret, cardStatusOf, issueCard, revokeCard } from './resident-cards.js';

const statusRoute = createRoute({
  method: 'get',
  path: '/api/patients/{id}/card',
  summary: "The resident's QR card for self-service kiosks: who issued the one in use, and when",
  tags: ['identity'],
  request: { params: PatientIdParam },
  responses: {
    200: { description: 'The card in use (never its secret)', ...json(ResidentCardStatus) },
    ...errorResponses(400, 401, 403, 404),
  },
});

const issueRoute = createRoute({
  method: 'post',
  path: '/api/patients/{id}/card',
  summary: "The resident's own doctor issues a new QR card; the previous card stops working",
  tags: ['identity'],
  request: { params: PatientIdParam },
  responses: {
    201: { description: 'The new card, with the only copy of its content', ...json(IssuedResidentCard) },
    ...errorResponses(400, 401, 403, 404),
  },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/api/patients/{id}/card',
  summary: "Revokes the resident's QR card (作废): kiosks no longer accept it",
  tags: ['identity'],
  request: { params: PatientIdParam },
  responses: {
    200: { description: 'No card in use', ...json(ResidentCardStatus) },
    ...errorResponses(400, 401, 403, 404),
  },
});

const identifyRoute = createRoute({
  method: 'post',
  path: '/api/kiosk/visits/card',
  summary:
    "Self-service kiosk: identify with the family doctor's QR card (rate-limited with the ID card's digits)",
  tags: ['kiosk'],
  request: { body: { required: true, ...json(CardVisitRequest) } },
  responses: {
    200: { description: 'A short visit for this resident on this kiosk', ...json(KioskVisit) },
    ...errorResponses(400, 401, 403, 413, 429),
  },
});

/** The card's resident as the actor may handle it, or 404 (not theirs to see) / 403 (not their doctor). */
async function managedResident(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, 'db' | 'limiter'>,
  permission: Permission,
  action: string,
) {
  const actor = authorize(c, permission);
  const id = c.req.param('id') ?? '';
  const access = await cardAccessOf(deps.db, actor, id);
  if (access !== 'allowed') {
    await auditDenied(c, deps, actor, { action, patientId: id });
    if (access === 'hidden') throw new ApiError(404, 'not_found', 'No such patient among yours.');
    throw new ApiError(403, 'forbidden', "Only the resident's own doctors issue and revoke their card.");
  }
  return { actor, id };
}

async function statusOrThrow(deps: Pick<AppDeps, 'db'>, id: string) {
  const status = await cardStatusOf(deps.db, id);
  if (!status) throw new ApiError(404, 'not_found', 'No such patient among yours.');
  return status;
}

export function registerResidentCardRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: Pick<AppDeps, 'db' | 'limiter'> & VisitChannelDeps,
): void {
  app.openapi(statusRoute, async (c) => {
    const { actor, id } = await managedResident(c, deps, 'cards:manage', 'patient.card');
    const status = await statusOrThrow(deps, id);
    await recordAudit(deps.db, actor, c.var.address, {
      action: 'patient.card',
      outcome: 'allowed',
      patientId: id,
    });
    return c.json(status, 200);
  });

  app.openapi(issueRoute, async (c) => {
    const { actor, id } = await managedResident(c, deps, 'cards:manage', 'patient.card-issue');
    const content = await issueCard(deps.db, id, actor.id);
    await recordAudit(deps.db, actor, c.var.address, {
      action: 'patient.card-issue',
      outcome: 'allowed',
      patientId: id,
    });
    return c.json({ ...(await statusOrThrow(deps, id)), content }, 201);
  });

  app.openapi(revokeRoute, async (c) => {
    const { actor, id } = await managedResident(c, deps, 'cards:manage', 'patient.card-revoke');
    const revoked = await revokeCard(deps.db, id, actor.id);
    await recordAudit(deps.db, actor, c.var.address, {
      action: 'patient.card-revoke',
      outcome: 'allowed',
      patientId: id,
      target: revoked ? 'revoked' : 'none-in-use',
    });
    return c.json(await statusOrThrow(deps, id), 200);
  });

  app.openapi(identifyRoute, async (c) => {
    const actor = authorize(c, 'kiosk:visit');
    if (actor.kind !== 'kiosk') throw new ApiError(403, 'forbidden', 'Only a kiosk starts a visit.');
    const { db } = deps;
    // The card is a secret like the ID card's digits and birth date: the same count, taken before
    // the lookup and never refunded (readings/visits.ts), so concurrent guesses cannot pass it.
    reserveAttempt(c, deps, visitAttemptChecks(actor, c.var.address));
    const secret = cardSecretOf(c.req.valid('json').card);
    const card = secret ? await cardBySecret(db, secret) : null;
    if (!card || card.revoked) {
      await recordAudit(db, actor, c.var.address, {
        action: 'kiosk.visit',
        outcome: 'failed',
        // A revoked card names its resident: their doctors see that someone still carries it.
        patientId: card?.patientId ?? null,
        target: card ? 'card-revoked' : 'card-unknown',
      });
      if (card)
        throw new ApiError(
          401,
          'card_revoked',
          'This card was revoked; ask the family doctor for a new one.',
        );
      throw new ApiError(
        401,
        'card_unknown',
        'Not a card of ours; use the ID card digits or ask the family doctor.',
      );
    }
    const visit = await beginVisit(deps, actor, card.patientId);
    await recordAudit(db, actor, c.var.address, {
      action: 'kiosk.visit',
      outcome: 'allowed',
      patientId: card.patientId,
      target: 'card',
    });
    return c.json(
      {
        id: visit.id,
        patient: { id: card.patientId, displayName: card.displayName },
        expiresAt: visit.expiresAt,
      },
      200,
    );
  });
}
