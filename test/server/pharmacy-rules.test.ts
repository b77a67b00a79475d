// The cloud pharmacy's pure rules (issue 15): the order status machine, catalogue search by
// characters / pinyin initials / English, the review pre-screen at each rule's boundary, money in fen.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CATALOGUE, type CatalogueEntry } from '../../src/server/pharmacy/catalogue.js';
import { packPictureOf } from '../../src/server/pharmacy/medicines.js';
import { estimatedPatientShareFen, formatYuan } from '../../src/shared/pharmacy/money.js';
import {
  CITATIONS,
  packsFor,
  prescreen,
  validUntilOf,
  type ReviewContext,
  type ReviewLine,
} from '../../src/shared/pharmacy/review-rules.js';
import { Medicine, PrescriptionLine } from '../../src/shared/pharmacy/schemas.js';
import { matchScore, searchCatalogue } from '../../src/shared/pharmacy/search.js';
import { refillsLeft, reorderBlock } from '../../src/shared/pharmacy/reorder-rules.js';
import {
  ORDER_ACTIONS,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  transition,
  type OrderStatus,
} from '../../src/shared/pharmacy/status.js';
import { ROLES } from '../../src/shared/roles.js';

const DAY = 24 * 60 * 60 * 1000;
const med = (id: string): CatalogueEntry => {
  const found = CATALOGUE.find((m) => m.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe('order status machine', () => {
  test('the happy path and the return loop, each by its role', () => {
    const steps: [OrderStatus, (typeof ORDER_ACTIONS)[number], string, OrderStatus][] = [
      ['submitted', 'start_review', 'pharmacist', 'under_review'],
      ['under_review', 'return_to_doctor', 'pharmacist', 'returned_to_doctor'],
      ['returned_to_doctor', 'resubmit', 'doctor', 'under_review'],
      ['under_review', 'approve', 'pharmacist', 'approved'],
      ['approved', 'dispatch', 'pharmacist', 'dispatched'],
      ['dispatched', 'deliver', 'pharmacist', 'delivered'],
    ];
    for (const [from, action, role, to] of steps) {
      const result = transition(from, action, role as never, 'because');
      assert.deepEqual(result, { ok: true, to }, `${from} --${action}-->`);
    }
  });

  test('every (status, action) pair not in the table is refused as illegal, for the right role', () => {
    let legal = 0;
    for (const from of ORDER_STATUSES) {
      for (const action of ORDER_ACTIONS) {
        const move = ORDER_TRANSITIONS[action];
        const role = move.by[0];
        assert.ok(role);
        const result = transition(from, action, role, 'a reason');
        if (move.from.includes(from)) {
          legal++;
          assert.deepEqual(result, { ok: true, to: move.to });
        } else {
          assert.equal(result.ok, false, `${from} ${action}`);
          assert.equal(!result.ok && result.code, 'illegal_transition');
        }
      }
    }
    assert.equal(legal, 10);
  });

  test('final statuses allow nothing at all', () => {
    for (const from of ['rejected', 'delivered', 'cancelled'] as const) {
      for (const action of ORDER_ACTIONS) {
        for (const role of ROLES) assert.equal(transition(from, action, role, 'x').ok, false);
      }
    }
  });

  test('the wrong role is refused before the status is looked at', () => {
    assert.deepEqual(transition('under_review', 'approve', 'doctor').ok, false);
    assert.equal((transition('under_review', 'approve', 'resident') as { code: string }).code, 'forbidden');
    assert.equal(
      (transition('returned_to_doctor', 'resubmit', 'pharmacist') as { code: string }).code,
      'forbidden',
    );
    assert.equal((transition('submitted', 'cancel', 'pharmacist') as { code: string }).code, 'forbidden');
  });

  test('return and reject need a reason; cancel only before approval', () => {
    for (const action of ['return_to_doctor', 'reject'] as const) {
      for (const reason of [null, '', '   ']) {
        const r = transition('under_review', action, 'pharmacist', reason);
        assert.equal(!r.ok && r.code, 'validation_failed');
      }
    }
    assert.equal(transition('under_review', 'cancel', 'resident').ok, true);
    assert.equal(transition('returned_to_doctor', 'cancel', 'resident').ok, true);
    assert.equal(transition('approved', 'cancel', 'resident').ok, false);
    assert.equal(transition('dispatched', 'cancel', 'resident').ok, false);
  });
});

describe('catalogue search', () => {
  const ids = (q: string) => searchCatalogue(q, CATALOGUE).map((m) => m.id);

  test("pinyin initials: 'adp' and 'aldp' find 氨氯地平; brand initials too", () => {
    assert.equal(ids('adp')[0], 'amlodipine-5mg');
    assert.equal(ids('aldp')[0], 'amlodipine-5mg');
    assert.deepEqual(ids('ejsg'), ['metformin-500mg']);
    assert.deepEqual(ids('lhx'), ['amlodipine-5mg']);
    assert.ok(ids('glmn').includes('glimepiride-2mg'));
  });

  test('characters, full pinyin, English generic and brand names, any case', () => {
    assert.deepEqual(ids('氨氯地平'), ['amlodipine-5mg']);
    assert.deepEqual(ids('二甲双胍'), ['metformin-500mg']);
    assert.deepEqual(ids('拜新同'), ['nifedipine-cr-30mg']);
    assert.deepEqual(ids('erjiashuanggua'), ['metformin-500mg']);
    assert.deepEqual(ids('Metformin'), ['metformin-500mg']);
    assert.deepEqual(ids('lipitor'), ['atorvastatin-20mg']);
    assert.deepEqual(ids('他汀').sort(), ['atorvastatin-20mg', 'rosuvastatin-10mg', 'simvastatin-20mg']);
    // 'mtle' is both metoprolols' core initials.
    assert.deepEqual(ids('mtle').sort(), ['metoprolol-succinate-47-5mg', 'metoprolol-tartrate-25mg']);
  });

  test('a prefix ranks before a match inside; nonsense and blanks find nothing', () => {
    assert.ok(matchScore('ald', med('amlodipine-5mg')) > matchScore('ldp', med('amlodipine-5mg')));
    assert.deepEqual(ids('zzzz'), []);
    assert.deepEqual(ids('   '), []);
    // Skipped-syllable initials must start at a name's first letter.
    assert.deepEqual(ids('dp').includes('amlodipine-5mg'), true, 'dp is inside aldp: a plain match');
    assert.equal(matchScore('pd', med('amlodipine-5mg')), 0);
  });

  test('the seed catalogue is valid: schema, integer fen, initials match their pinyin', () => {
    assert.ok(CATALOGUE.length >= 20);
    for (const m of CATALOGUE) {
      // As the API shows it: every medicine of the county's catalogue has its pack's picture.
      assert.notEqual(Medicine.parse({ ...m, picture: packPictureOf(m) }).picture, null, m.id);
      assert.ok(Number.isInteger(m.priceFen) && m.priceFen > 0, m.id);
      const pinyin = m.pinyin.split(' ');
      const initials = m.pinyinInitials.split(' ');
      assert.equal(initials.length, pinyin.length, m.id);
      initials.forEach((ini, i) => assert.equal(pinyin[i]?.[0], ini[0], `${m.id} ${ini}`));
      assert.equal(m.route === 'subcutaneous', m.form === 'injection_pen', m.id);
    }
  });
});

describe('prescription validation', () => {
  const line = {
    medicineId: 'amlodipine-5mg',
    doseAmount: 1,
    doseUnit: 'tablet',
    frequency: 'qd',
    daysSupply: 28,
  };
  test('halves allowed, thirds, zero, negatives and non-integer days refused', () => {
    assert.equal(PrescriptionLine.safeParse({ ...line, doseAmount: 0.5 }).success, true);
    assert.equal(PrescriptionLine.safeParse({ ...line, doseAmount: 0.3 }).success, false);
    assert.equal(PrescriptionLine.safeParse({ ...line, doseAmount: 0 }).success, false);
    assert.equal(PrescriptionLine.safeParse({ ...line, doseAmount: -1 }).success, false);
    assert.equal(PrescriptionLine.safeParse({ ...line, daysSupply: 7.5 }).success, false);
    assert.equal(PrescriptionLine.safeParse({ ...line, daysSupply: 0 }).success, false);
    assert.equal(PrescriptionLine.safeParse({ ...line, doseUnit: 'ml' }).success, false);
    assert.equal(PrescriptionLine.safeParse({ ...line, frequency: 'q6h' }).success, false);
  });

  test('packs are whole and cover the supply', () => {
    assert.equal(packsFor(1, 'qd', 28, 28), 1);
    assert.equal(packsFor(1, 'qd', 29, 28), 2);
    assert.equal(packsFor(0.5, 'qd', 28, 28), 1);
    assert.equal(packsFor(2, 'tid', 30, 20), 9);
    assert.equal(packsFor(20, 'qd', 28, 300), 2); // insulin: 560 units, pens of 300
  });

  test('validity: supplies end to end, at most 12 weeks', () => {
    const issued = new Date('2026-01-01T00:00:00Z');
    assert.equal(validUntilOf(issued, 28, 0).getTime() - issued.getTime(), 28 * DAY);
    assert.equal(validUntilOf(issued, 28, 2).getTime() - issued.getTime(), 84 * DAY);
    assert.equal(validUntilOf(issued, 28, 5).getTime() - issued.getTime(), 84 * DAY);
  });
});

describe('money in fen', () => {
  test('甲类 pays 30% of the price, 乙类 10% first then 30% of the rest; integers only', () => {
    assert.equal(estimatedPatientShareFen(1000, 'A'), 300);
    assert.equal(estimatedPatientShareFen(1000, 'B'), 100 + 270);
    assert.equal(estimatedPatientShareFen(0, 'B'), 0);
    assert.equal(estimatedPatientShareFen(1, 'A'), 0);
    assert.equal(estimatedPatientShareFen(3, 'A'), 1);
    for (let fen = 0; fen < 5000; fen += 7) {
      for (const c of ['A', 'B'] as const) {
        const share = estimatedPatientShareFen(fen, c);
        assert.ok(Number.isInteger(share) && share >= 0 && share <= fen);
      }
    }
    assert.throws(() => estimatedPatientShareFen(10.5, 'A'), RangeError);
    assert.equal(formatYuan(1480), '14.80');
    assert.equal(formatYuan(5), '0.05');
  });
});

describe('review pre-screen', () => {
  const now = new Date('2026-03-01T02:00:00Z');
  let n = 0;
  const lineOf = (id: string, over: Partial<ReviewLine> = {}): ReviewLine => ({
    prescriptionId: `p-${++n}`,
    medicine: med(id),
    doseAmount: 1,
    frequency: med(id).frequencies[0] ?? 'qd',
    route: med(id).route,
    daysSupply: 28,
    validUntil: new Date(now.getTime() + 30 * DAY),
    lastSupply: null,
    ...over,
  });
  const context = (lines: ReviewLine[], over: Partial<ReviewContext> = {}): ReviewContext => ({
    lines,
    current: [],
    conditions: ['hypertension', 'type2_diabetes', 'coronary_heart_disease', 'hyperlipidaemia'],
    allergies: [],
    now,
    ...over,
  });
  const rules = (ctx: ReviewContext) => prescreen(ctx).map((f) => `${f.rule}:${f.severity}`);

  test('a sound prescription has no findings', () => {
    assert.deepEqual(prescreen(context([lineOf('amlodipine-5mg'), lineOf('metformin-500mg')])), []);
  });

  test('indication: a medicine no diagnosis on record calls for', () => {
    assert.deepEqual(rules(context([lineOf('levothyroxine-50ug')])), ['indication:warn']);
    assert.deepEqual(rules(context([lineOf('levothyroxine-50ug')], { conditions: ['hypothyroidism'] })), []);
  });

  test('dose: at the daily maximum passes, above it blocks; an unlabelled frequency warns', () => {
    // Amlodipine: 10mg a day at most (2 × 5mg).
    assert.deepEqual(rules(context([lineOf('amlodipine-5mg', { doseAmount: 2 })])), []);
    assert.deepEqual(rules(context([lineOf('amlodipine-5mg', { doseAmount: 2.5 })])), ['dose_range:block']);
    // Metformin 2 tablets bid = 4 = max; tid = 6 > 4.
    assert.deepEqual(rules(context([lineOf('metformin-500mg', { doseAmount: 2, frequency: 'bid' })])), []);
    assert.deepEqual(rules(context([lineOf('metformin-500mg', { doseAmount: 2, frequency: 'tid' })])), [
      'dose_range:block',
    ]);
    assert.deepEqual(rules(context([lineOf('amlodipine-5mg', { frequency: 'bid' })])), ['dose_range:warn']);
    const [f] = prescreen(context([lineOf('insulin-glargine-pen-300iu', { doseAmount: 81 })]));
    assert.deepEqual([f?.rule, f?.params.daily, f?.params.maxDaily], ['dose_range', 81, 80]);
  });

  test('form and route: insulin by mouth, a split controlled-release or enteric tablet', () => {
    assert.deepEqual(
      rules(context([lineOf('insulin-glargine-pen-300iu', { doseAmount: 10, route: 'oral' })])),
      ['form_route:block'],
    );
    assert.deepEqual(rules(context([lineOf('nifedipine-cr-30mg', { doseAmount: 0.5 })])), [
      'form_route:block',
    ]);
    assert.deepEqual(rules(context([lineOf('aspirin-ec-100mg', { doseAmount: 0.5 })])), ['form_route:block']);
    assert.deepEqual(rules(context([lineOf('insulin-glargine-pen-300iu', { doseAmount: 10.5 })])), [
      'form_route:block',
    ]);
    assert.deepEqual(rules(context([lineOf('amlodipine-5mg', { doseAmount: 0.5 })])), []);
  });

  test('duplicate therapy: two ARBs, two statins, in the order or with a current medicine', () => {
    assert.deepEqual(rules(context([lineOf('valsartan-80mg'), lineOf('losartan-50mg')])), [
      'duplicate_therapy:warn',
      'duplicate_therapy:warn',
    ]);
    assert.deepEqual(
      rules(context([lineOf('rosuvastatin-10mg')], { current: [lineOf('atorvastatin-20mg')] })),
      ['duplicate_therapy:warn'],
    );
    // Different classes for the same disease are combination therapy, not duplication.
    assert.deepEqual(rules(context([lineOf('amlodipine-5mg'), lineOf('valsartan-80mg')])), []);
  });

  test('interactions from the cited table, by medicine and by class, either order', () => {
    const f = prescreen(context([lineOf('clopidogrel-75mg')], { current: [lineOf('aspirin-ec-100mg')] }));
    assert.deepEqual(
      f.map((x) => [x.rule, x.params.other]),
      [['interaction', '阿司匹林肠溶片']],
    );
    assert.match(f[0]?.citation ?? '', /Plavix/);
    assert.match(f[0]?.citation ?? '', /第三十五条/);
    assert.deepEqual(
      rules(context([lineOf('metoprolol-tartrate-25mg')], { current: [lineOf('gliclazide-mr-30mg')] })),
      ['interaction:warn'],
    );
    assert.deepEqual(
      rules(context([lineOf('gliclazide-mr-30mg')], { current: [lineOf('metoprolol-tartrate-25mg')] })),
      ['interaction:warn'],
    );
    assert.deepEqual(rules(context([lineOf('simvastatin-20mg')], { current: [lineOf('amlodipine-5mg')] })), [
      'interaction:warn',
    ]);
    assert.deepEqual(
      rules(context([lineOf('metformin-500mg')], { current: [lineOf('amlodipine-5mg')] })),
      [],
    );
  });

  test('allergy on record blocks (sulfonamide: gliclazide, indapamide)', () => {
    assert.deepEqual(rules(context([lineOf('gliclazide-mr-30mg')], { allergies: ['sulfonamide'] })), [
      'allergy:block',
    ]);
    assert.deepEqual(rules(context([lineOf('indapamide-sr-1-5mg')], { allergies: ['sulfonamide'] })), [
      'allergy:block',
    ]);
    assert.deepEqual(rules(context([lineOf('metformin-500mg')], { allergies: ['sulfonamide'] })), []);
  });

  test('refill too early: under 2/3 of the last supply used warns, at 2/3 passes', () => {
    const at = (daysAgo: number) => ({
      dispensedAt: new Date(now.getTime() - daysAgo * DAY),
      daysSupply: 30,
    });
    assert.deepEqual(rules(context([lineOf('amlodipine-5mg', { lastSupply: at(19) })])), [
      'refill_too_early:warn',
    ]);
    assert.deepEqual(rules(context([lineOf('amlodipine-5mg', { lastSupply: at(20) })])), []);
    const [f] = prescreen(context([lineOf('amlodipine-5mg', { lastSupply: at(3) })]));
    assert.equal(f?.params.usedPercent, 10);
  });

  test('supply: 28 days passes, 29 warns (stable chronic only), 84 warns, 85 blocks', () => {
    const r = (days: number) => rules(context([lineOf('amlodipine-5mg', { daysSupply: days })]));
    assert.deepEqual(r(28), []);
    assert.deepEqual(r(29), ['supply_too_long:warn']);
    assert.deepEqual(r(84), ['supply_too_long:warn']);
    assert.deepEqual(r(85), ['supply_too_long:block']);
  });

  test('expired: valid to the millisecond, then blocked', () => {
    assert.deepEqual(rules(context([lineOf('amlodipine-5mg', { validUntil: now })])), []);
    assert.deepEqual(
      rules(context([lineOf('amlodipine-5mg', { validUntil: new Date(now.getTime() - 1) })])),
      ['expired:block'],
    );
  });

  test('every finding cites its source', () => {
    for (const rule of Object.keys(CITATIONS)) assert.match(CITATIONS[rule as keyof typeof CITATIONS], /《/);
  });
});

describe('the reorder rule (再次配药 on the TV, 续药 at a kiosk, the API’s offer)', () => {
  const now = new Date('2026-12-05T08:00:00.000Z');
  const rx = { refills: 2, refillsUsed: 1, validUntil: '2026-12-05T08:00:00.000Z' };

  test('refills left: never below none', () => {
    assert.equal(refillsLeft(rx), 1);
    assert.equal(refillsLeft({ refills: 2, refillsUsed: 2 }), 0);
    assert.equal(refillsLeft({ refills: 1, refillsUsed: 3 }), 0);
  });

  test('allowed with a refill left, no open order, valid to the millisecond', () => {
    assert.equal(reorderBlock(rx, null, now), null);
    assert.equal(reorderBlock(rx, null, new Date(now.getTime() + 1)), 'expired');
  });

  test('each reason, and the order they are told in: an open order, then no refills, then expiry', () => {
    const spent = { ...rx, refillsUsed: 2 };
    const late = new Date('2027-01-01T00:00:00.000Z');
    assert.equal(reorderBlock(rx, 'ord-1', late), 'order-open');
    assert.equal(reorderBlock(spent, 'ord-1', late), 'order-open');
    assert.equal(reorderBlock(spent, null, late), 'no-refills');
    assert.equal(reorderBlock(spent, null, now), 'no-refills');
    assert.equal(reorderBlock(rx, null, late), 'expired');
  });
});
