// The family doctor's QR card for self-service kiosks (issue 14 §9), against real SQLite: issued
// only by the resident's own doctors, stored as a hash, replaced and revoked; a kiosk without staff
// starts a visit with it; a revoked or unknown card is refused in words; guesses share the ID-card
// identification's limit, a few hundred at once, and change nothing stored.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CARD_PREFIX, cardSecretOf } from '../../src/shared/identity/card-format.js';
import { fetchFrom } from '../support/from-address.js';
import { hashSecret } from '../../src/server/identity/secrets.js';
import {
  ApiSession,
  kioskWithStaff,
  pairDevice,
  signIn,
  startStack,
  type TestStack,
} from '../support/stack.js';

const WANG = 'res-wang-xiuying';
const SUN = 'res-sun-fugui';
const LIU = 'res-liu-changshan';
const QIAN = 'res-qian-yumei';

let stack: TestStack;
let admin: ApiSession;
let zhang: ApiSession;
let li: ApiSession;
let zhao: ApiSession;

before(async () => {
  stack = await startStack();
  admin = await signIn(stack, 'zhoulei');
  zhang = await signIn(stack, 'zhangwei');
  li = await signIn(stack, 'lifang');
  zhao = await signIn(stack, 'zhaomin');
});
after(() => stack?.stop());

const selfServiceKiosk = () => pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
const errorCode = async (r: Response) => ((await r.json()) as { error: { code: string } }).error.code;

interface Issued {
  content: string;
  resident: { id: string; displayName: string; village: string };
  familyDoctor: { displayName: string; phone: string | null };
  card: { issuedAt: string; issuedBy: { id: string } } | null;
}

async function issue(doctor: ApiSession, patientId: string): Promise<Issued> {
  const response = await doctor.send('POST', `/api/patients/${patientId}/card`);
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as Issued;
}

const cardRows = (patientId: string) =>
  stack.api.db
    .selectFrom('residentCards')
    .selectAll()
    .where('patientId', '=', patientId)
    .orderBy('issuedAt')
    .execute();

describe('issuing and revoking', () => {
  test('the family doctor issues a card: a 256-bit secret, only its hash stored, with who and when', async () => {
    const card = await issue(zhang, WANG);
    assert.ok(card.content.startsWith(CARD_PREFIX));
    const secret = cardSecretOf(card.content);
    assert.ok(secret, card.content);
    assert.equal(Buffer.from(secret, 'base64url').length, 32, 'at least 128 bits (here 256)');
    assert.deepEqual(card.resident, { id: WANG, displayName: '王秀英', village: '柳树村卫生室' });
    assert.equal(card.familyDoctor.displayName, '张伟');
    assert.equal(card.familyDoctor.phone, '0739-5550101');
    assert.equal(card.card?.issuedBy.id, 'dr-zhang-wei');
    const rows = await cardRows(WANG);
    const row = rows.at(-1);
    assert.equal(row?.secretHash, hashSecret(secret));
    assert.ok(!JSON.stringify(rows).includes(secret), 'the secret itself is never stored');
    // The status never carries the secret again.
    const status = await (await zhang.send('GET', `/api/patients/${WANG}/card`)).text();
    assert.ok(!status.includes(secret));
    assert.match(status, /"issuedBy":\{"id":"dr-zhang-wei"/);
  });

  test('a new card revokes the previous one; 作废 revokes the one in use', async () => {
    const first = await issue(zhang, WANG);
    const second = await issue(li, WANG); // Li Fang is the doctor of Wang's family-doctor team
    const kiosk = await selfServiceKiosk();
    const old = await kiosk.send('POST', '/api/kiosk/visits/card', { card: first.content });
    assert.equal(old.status, 401);
    assert.equal(await errorCode(old), 'card_revoked');
    const current = await kiosk.send('POST', '/api/kiosk/visits/card', { card: second.content });
    assert.equal(current.status, 200);
    const inUse = (await cardRows(WANG)).filter((r) => r.revokedAt === null);
    assert.equal(inUse.length, 1);
    const revoked = await zhang.send('DELETE', `/api/patients/${WANG}/card`);
    assert.equal(revoked.status, 200);
    assert.equal(((await revoked.json()) as Issued).card, null);
    const rows = await cardRows(WANG);
    assert.ok(rows.every((r) => r.revokedAt !== null));
    assert.equal(rows.at(-1)?.revokedBy, 'dr-zhang-wei');
    const after = await kiosk.send('POST', '/api/kiosk/visits/card', { card: second.content });
    assert.equal(after.status, 401);
    assert.equal(await errorCode(after), 'card_revoked');
    // Revoking again changes nothing and says so.
    assert.equal((await zhang.send('DELETE', `/api/patients/${WANG}/card`)).status, 200);
    assert.deepEqual(await cardRows(WANG), rows);
  });

  test('200 concurrent issues for one resident leave exactly one card in use, one of those issued', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => zhang.send('POST', `/api/patients/${LIU}/card`)),
    );
    assert.deepEqual(new Set(answers.map((r) => r.status)), new Set([201]));
    const contents = await Promise.all(answers.map(async (r) => ((await r.json()) as Issued).content));
    assert.equal(new Set(contents).size, 200, 'every card has its own secret');
    const inUse = (await cardRows(LIU)).filter((r) => r.revokedAt === null);
    assert.equal(inUse.length, 1);
    const hashes = contents.map((c) => hashSecret(cardSecretOf(c) ?? ''));
    assert.ok(hashes.includes(inUse[0]?.secretHash ?? ''));
    assert.equal((await cardRows(LIU)).length, 200);
  });

  test("only the resident's own doctors issue: another doctor of the area 403, one elsewhere 404", async () => {
    const before = await cardRows(SUN);
    // Zhang sees Sun Fugui's record (same township) but is not his doctor.
    const zhangTries = await zhang.send('POST', `/api/patients/${SUN}/card`);
    assert.equal(zhangTries.status, 403);
    assert.equal((await zhang.send('DELETE', `/api/patients/${SUN}/card`)).status, 403);
    const zhaoTries = await zhao.send('POST', `/api/patients/${SUN}/card`);
    assert.equal(zhaoTries.status, 404);
    assert.equal((await zhao.send('POST', `/api/patients/${WANG}/card`)).status, 404);
    assert.equal((await admin.send('POST', `/api/patients/${SUN}/card`)).status, 403);
    assert.deepEqual(await cardRows(SUN), before);
    // His family doctor may; Qian's doctor for Qian.
    await issue(li, SUN);
    await issue(zhao, QIAN);
    const audit = await stack.api.db
      .selectFrom('auditLog')
      .select(['actorId', 'outcome'])
      .where('action', '=', 'patient.card-issue')
      .where('patientId', '=', SUN)
      .execute();
    assert.ok(audit.some((a) => a.actorId === 'dr-li-fang' && a.outcome === 'allowed'));
    assert.ok(audit.some((a) => a.actorId === 'dr-zhang-wei' && a.outcome === 'denied'));
    assert.ok(audit.some((a) => a.actorId === 'dr-zhao-min' && a.outcome === 'denied'));
  });
});

describe('identifying at a self-service kiosk', () => {
  test('the card starts a visit on a kiosk without staff, for that resident only, audited', async () => {
    const card = await issue(li, SUN);
    const kiosk = await selfServiceKiosk();
    const visit = await kiosk.send('POST', '/api/kiosk/visits/card', { card: `${card.content}\n` });
    assert.equal(visit.status, 200);
    const body = (await visit.json()) as { patient: { id: string; displayName: string } };
    assert.deepEqual(body.patient, { id: SUN, displayName: '孙富贵' });
    assert.equal((await kiosk.send('GET', `/api/patients/${SUN}/readings`)).status, 200);
    assert.equal((await kiosk.send('GET', `/api/patients/${WANG}/readings`)).status, 404);
    const audit = await stack.api.db
      .selectFrom('auditLog')
      .select(['outcome', 'target'])
      .where('action', '=', 'kiosk.visit')
      .where('patientId', '=', SUN)
      .execute();
    assert.ok(audit.some((a) => a.outcome === 'allowed' && a.target === 'card'));
    // A staff member's kiosk may use it too; a TV or a doctor may not.
    const staffed = await kioskWithStaff(stack, admin);
    assert.equal((await staffed.send('POST', '/api/kiosk/visits/card', { card: card.content })).status, 200);
    assert.equal((await zhang.send('POST', '/api/kiosk/visits/card', { card: card.content })).status, 403);
  });

  test('an unknown card and text that is not a card are refused in words, and change nothing', async () => {
    const kiosk = await selfServiceKiosk();
    const visits = async () => (await stack.api.db.selectFrom('kioskVisits').select('id').execute()).length;
    const before = await visits();
    for (const text of [`${CARD_PREFIX}${'A'.repeat(43)}`, 'DAH1:short', '12345678']) {
      const response = await kiosk.send('POST', '/api/kiosk/visits/card', { card: text });
      assert.equal(response.status, 401, text);
      const error = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(error.error.code, 'card_unknown');
      assert.match(error.error.message, /family doctor/);
    }
    assert.equal((await kiosk.send('POST', '/api/kiosk/visits/card', {})).status, 400);
    assert.equal(await visits(), before);
  });

  test('300 concurrent wrong cards: 20 tried, 280 refused 429, stored data unchanged, and the limit is shared', async () => {
    const card = await issue(zhang, WANG);
    const kiosk = await selfServiceKiosk();
    const snapshot = async () => ({
      cards: await stack.api.db.selectFrom('residentCards').selectAll().orderBy('id').execute(),
      visits: await stack.api.db.selectFrom('kioskVisits').selectAll().orderBy('id').execute(),
    });
    const before = await snapshot();
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        kiosk.send('POST', '/api/kiosk/visits/card', {
          card: `${CARD_PREFIX}${String(i).padStart(43, 'x')}`,
        }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 401).length, 20);
    assert.equal(statuses.filter((s) => s === 429).length, 280);
    assert.deepEqual(await snapshot(), before);
    // The right card is refused too now, and so are the ID card's digits: one count for both.
    const right = await kiosk.send('POST', '/api/kiosk/visits/card', { card: card.content });
    assert.equal(right.status, 429);
    assert.ok(Number(right.headers.get('retry-after')) > 0);
    const digits = await kiosk.send('POST', '/api/kiosk/visits', {
      idCardSuffix: '3426',
      birthDate: '1946-03-12',
    });
    assert.equal(digits.status, 429);
  });

  test('wrong ID-card digits count against the card too', async () => {
    const card = await issue(zhang, WANG);
    // From an address of its own (still loopback), so only this kiosk's count is at stake.
    const paired = await selfServiceKiosk();
    const kiosk = new ApiSession(stack.api.url, fetchFrom('127.0.0.23'));
    for (const [name, value] of paired.cookies) kiosk.cookies.set(name, value);
    kiosk.csrfToken = paired.csrfToken;
    const tries = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        kiosk.send('POST', '/api/kiosk/visits', { idCardSuffix: String(2000 + i), birthDate: '1946-03-12' }),
      ),
    );
    assert.deepEqual(new Set(tries.map((r) => r.status)), new Set([401]));
    const response = await kiosk.send('POST', '/api/kiosk/visits/card', { card: card.content });
    assert.equal(response.status, 429);
    assert.equal(await errorCode(response), 'too_many_attempts');
  });
});
