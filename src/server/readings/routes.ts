import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { PatientIdParam } from '../../shared/directory/schemas.js';
import { trendSummary, residentColour, measuresFor } from '../../shared/readings/rolling.js';
import { countsAsResult } from '../../shared/readings/series.js';
import {
  ColourView,
  ColourViewQuery,
  KioskVisit,
  Measure,
  PatientReadings,
  Reading,
  ReadingCorrection,
  ReadingIdParam,
  ReadingInput,
  ReadingRange,
  VisitRequest,
} from '../../shared/readings/schemas.js';
import { recordAudit } from '../access/audit.js';
import {
  authorize,
  canReadReadingsOf,
  canSeePatient,
  readingAuthorOf,
  readingWriteAuthor,
  visiblePatients,
} from '../access/policy.js';
import { areaDoctorsOf } from '../directory/area.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { errorResponses, json } from '../http/responses.js';
import { reserveAttempt } from '../identity/limits.js';
import { colourView } from './colour-view.js';
import { colourViewNotifier } from './colour-view-push.js';
import { readingsBundle } from './fhir.js';
import {
  correctReading,
  findReading,
  readingsOf,
  storeReading,
  withdrawReading,
  type ReadingRow,
} from './readings.js';
import { beginVisit, endVisitEverywhere } from './visit-channels.js';
import { findResidentByIdCard, visitAttemptChecks } from './visits.js';

const DAY_MS = 24 * 60 * 60 * 1000;

const postRoute = createRoute({
  method: 'post',
  path: '/api/readings',
  summary: 'Store a reading once, whatever the retries (idempotent by its device-made id and device record)',
  tags: ['readings'],
  request: { body: { required: true, ...json(ReadingInput) } },
  responses: {
    201: { description: 'Stored', ...json(Reading) },
    200: {
      description: 'Stored before (a retry or a replayed device record): nothing changed',
      ...json(Reading),
    },
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});

const correctRoute = createRoute({
  method: 'post',
  path: '/api/readings/{id}/correction',
  summary: 'The author replaces a reading within 10 minutes; both stay in the history',
  tags: ['readings'],
  request: { params: ReadingIdParam, body: { required: true, ...json(ReadingCorrection) } },
  responses: {
    201: { description: 'The corrected reading', ...json(Reading) },
    200: { description: 'Corrected before (a retry)', ...json(Reading) },
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});

const withdrawRoute = createRoute({
  method: 'post',
  path: '/api/readings/{id}/withdrawal',
  summary: 'The author withdraws a reading within 10 minutes; it stays in the history, marked',
  tags: ['readings'],
  request: { params: ReadingIdParam },
  responses: {
    200: { description: 'Withdrawn', ...json(Reading) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/patients/{id}/readings',
  summary: "A patient's readings of the last 7, 30 or 90 days, the trend numbers and their colour",
  tags: ['readings'],
  request: { params: PatientIdParam, query: ReadingRange },
  responses: {
    200: { description: 'Readings', ...json(PatientReadings) },
    ...errorResponses(400, 401, 403, 404),
  },
});

const colourRoute = createRoute({
  method: 'get',
  path: '/api/readings/colour-view',
  summary: "The doctor's colour view (分色管理): the area's residents, red first",
  tags: ['readings'],
  request: { query: ColourViewQuery },
  responses: {
    200: { description: 'Residents by colour', ...json(ColourView) },
    ...errorResponses(400, 401, 403),
  },
});

const fhirRoute = createRoute({
  method: 'get',
  path: '/api/patients/{id}/fhir',
  summary: "A patient's readings as a FHIR R4 Bundle of Observations (access as for the record)",
  tags: ['readings'],
  request: { params: PatientIdParam },
  responses: {
    200: {
      description: 'FHIR R4 Bundle',
      content: { 'application/fhir+json': { schema: z.object({}).passthrough() } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

const visitRoute = createRoute({
  method: 'post',
  path: '/api/kiosk/visits',
  summary: 'Self-service kiosk: identify with the ID card’s last 4 characters and the birth date',
  tags: ['kiosk'],
  request: { body: { required: true, ...json(VisitRequest) } },
  responses: {
    200: { description: 'A short visit for this resident on this kiosk', ...json(KioskVisit) },
    ...errorResponses(400, 401, 403, 413, 429),
  },
});

const endVisitRoute = createRoute({
  method: 'delete',
  path: '/api/kiosk/visits',
  summary: 'Ends the visit (Back-to-start or idle): the kiosk may no longer act for the resident',
  description:
    'Everything the visit opened is cut: its waiting place is withdrawn, the kiosk leaves the call its request led to, and the session’s push streams close (they reopen without the visit).',
  tags: ['kiosk'],
  responses: {
    200: { description: 'Ended', ...json(z.object({ ended: z.literal(true) })) },
    ...errorResponses(401, 403),
  },
});

/** Someone else's reading answers like one that does not exist. */
async function readableReading(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, 'db'>,
  id: string,
): Promise<ReadingRow> {
  const actor = authorize(c, 'readings:write');
  const row = await findReading(deps.db, id);
  if (!row || !(await canReadReadingsOf(deps.db, actor, row.patientId))) {
    throw new ApiError(404, 'not_found', 'No such reading among yours.');
  }
  return row;
}

export function registerReadingRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: Pick<AppDeps, 'db' | 'limiter' | 'push' | 'waitingRoom' | 'livekit' | 'logger' | 'streams'>,
): void {
  app.openapi(postRoute, async (c) => {
    const actor = authorize(c, 'readings:write');
    const { db, push } = deps;
    const input = c.req.valid('json');
    // A kiosk may deliver what was taken during a shift or visit that has since ended (access/readings.ts).
    const author = await readingWriteAuthor(db, actor, input);
    if (!author) throw new ApiError(404, 'not_found', 'No such patient among yours.');
    const { reading, created } = await storeReading(db, input, author);
    if (created) colourViewNotifier(deps).notice(reading.patientId);
    if (created && reading.consultationId) {
      // Live in the call: the doctor (and any invited specialist who accepted) sees it at once.
      const consultation = await db
        .selectFrom('consultations')
        .select('doctorId')
        .where('id', '=', reading.consultationId)
        .executeTakeFirstOrThrow();
      const specialists = await db
        .selectFrom('invitations')
        .select('specialistId')
        .where('consultationId', '=', reading.consultationId)
        .where('status', '=', 'accepted')
        .execute();
      await push.publish([consultation.doctorId, ...specialists.map((s) => s.specialistId)], {
        type: 'reading',
        consultationId: reading.consultationId,
        reading,
      });
    }
    if (created && reading.colour === 'red') {
      // A waiting resident's red reading moves them up in every doctor's view of the queue.
      const waiting = await db
        .selectFrom('queueEntries')
        .select('id')
        .where('patientId', '=', reading.patientId)
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      if (waiting) {
        const doctors = await areaDoctorsOf(db, reading.patientId).execute();
        await push.publish(
          doctors.map((d) => d.id),
          { type: 'queue-changed', urgent: false },
        );
      }
    }
    return c.json(reading, created ? 201 : 200);
  });

  app.openapi(correctRoute, async (c) => {
    const row = await readableReading(c, deps, c.req.valid('param').id);
    const { db } = deps;
    const author = await readingAuthorOf(db, authorize(c, 'readings:write'));
    const { reading, created } = await correctReading(db, row, c.req.valid('json'), author);
    if (created) colourViewNotifier(deps).notice(reading.patientId);
    return c.json(reading, created ? 201 : 200);
  });

  app.openapi(withdrawRoute, async (c) => {
    const row = await readableReading(c, deps, c.req.valid('param').id);
    const { db } = deps;
    const author = await readingAuthorOf(db, authorize(c, 'readings:write'));
    const withdrawn = await withdrawReading(db, row, author);
    colourViewNotifier(deps).notice(withdrawn.patientId);
    return c.json(withdrawn, 200);
  });

  app.openapi(listRoute, async (c) => {
    const actor = authorize(c, 'readings:read');
    const { db } = deps;
    const { id } = c.req.valid('param');
    const days = Number(c.req.valid('query').days);
    if (!(await canReadReadingsOf(db, actor, id))) {
      await recordAudit(db, actor, c.var.address, {
        action: 'readings.read',
        outcome: 'denied',
        patientId: id,
      });
      throw new ApiError(404, 'not_found', 'No such patient among yours.');
    }
    const now = Date.now();
    const readings = await readingsOf(db, id, new Date(now - days * DAY_MS).toISOString());
    const patient = await db
      .selectFrom('patients')
      .select('conditions')
      .where('userId', '=', id)
      .executeTakeFirstOrThrow();
    const conditions = JSON.parse(patient.conditions) as string[];
    const active = readings.filter(countsAsResult);
    const measures = new Set<Measure>([...measuresFor(conditions), ...active.map((r) => r.values.measure)]);
    await recordAudit(db, actor, c.var.address, {
      action: 'readings.read',
      outcome: 'allowed',
      patientId: id,
    });
    return c.json(
      {
        readings,
        summaries: [...measures].map((m) => trendSummary(active, m, days, now)),
        colour: residentColour(
          active.filter((r) => Date.parse(r.takenAt) >= now - 7 * DAY_MS),
          conditions,
          now,
        ),
      },
      200,
    );
  });

  app.openapi(colourRoute, async (c) => {
    const actor = authorize(c, 'readings:colour-view');
    const { db } = deps;
    const ids = (await visiblePatients(db, actor).execute()).map((p) => p.userId);
    const residents = await colourView(db, ids, c.req.valid('query'));
    await recordAudit(db, actor, c.var.address, {
      action: 'readings.colour-view',
      outcome: 'allowed',
      target: `${residents.length} patients`,
    });
    return c.json({ residents }, 200);
  });

  app.openapi(fhirRoute, async (c) => {
    const actor = authorize(c, 'patients:read');
    const { db } = deps;
    const { id } = c.req.valid('param');
    if (!(await canSeePatient(db, actor, id))) {
      await recordAudit(db, actor, c.var.address, {
        action: 'patient.fhir',
        outcome: 'denied',
        patientId: id,
      });
      throw new ApiError(404, 'not_found', 'No such patient among yours.');
    }
    const readings = await readingsOf(db, id, '0000');
    await recordAudit(db, actor, c.var.address, {
      action: 'patient.fhir',
      outcome: 'allowed',
      patientId: id,
    });
    const bundle = readingsBundle(readings, new URL(c.req.url).origin);
    // FHIR's own media type; the OpenAPI typing only knows JSON answers, hence the cast.
    return c.body(JSON.stringify(bundle), 200, {
      'content-type': 'application/fhir+json; charset=utf-8',
    }) as never;
  });

  app.openapi(visitRoute, async (c) => {
    const actor = authorize(c, 'kiosk:visit');
    if (actor.kind !== 'kiosk') throw new ApiError(403, 'forbidden', 'Only a kiosk starts a visit.');
    const { db } = deps;
    // Every try is counted before the lookup (and never refunded: a visit is cheap to start again),
    // so concurrent guesses cannot pass the limit.
    reserveAttempt(c, deps, visitAttemptChecks(actor, c.var.address));
    const { idCardSuffix, birthDate } = c.req.valid('json');
    const resident = await findResidentByIdCard(db, idCardSuffix, birthDate);
    if (!resident) {
      await recordAudit(db, actor, c.var.address, { action: 'kiosk.visit', outcome: 'failed' });
      throw new ApiError(
        401,
        'identification_failed',
        'No resident with these ID card digits and birth date.',
      );
    }
    const visit = await beginVisit(deps, actor, resident.id);
    await recordAudit(db, actor, c.var.address, {
      action: 'kiosk.visit',
      outcome: 'allowed',
      patientId: resident.id,
    });
    return c.json({ id: visit.id, patient: resident, expiresAt: visit.expiresAt }, 200);
  });

  app.openapi(endVisitRoute, async (c) => {
    const actor = authorize(c, 'kiosk:visit');
    if (actor.kind !== 'kiosk') throw new ApiError(403, 'forbidden', 'Only a kiosk ends a visit.');
    await endVisitEverywhere(deps, actor);
    return c.json({ ended: true as const }, 200);
  });
}
