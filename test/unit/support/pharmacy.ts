import { http, HttpResponse } from 'msw';
import type { CurrentMedicine, Medicine, Order } from '../../../src/shared/pharmacy/schemas.js';

export const amlodipine: Medicine = {
  id: 'amlodipine-5mg',
  genericNameZh: '苯磺酸氨氯地平片',
  genericNameEn: 'Amlodipine Besylate Tablets',
  brandNameZh: '络活喜',
  brandNameEn: 'Norvasc',
  strength: '5mg',
  form: 'tablet',
  route: 'oral',
  doseUnit: 'tablet',
  packSize: 28,
  insuranceCategory: 'A',
  priceFen: 1480,
  pinyinInitials: 'aldp bhsaldpp lhx',
  pinyin: 'anlvdiping benhuangsuananlvdipingpian luohuoxi',
  picture: 'tablet_box',
};

/** Wang's amlodipine, 1 tablet once a day (08:00 Shanghai), 28 days, 2 refills. */
export function currentAmlodipine(
  overrides: Partial<CurrentMedicine> = {},
  issuedAt = '2026-11-01T00:00:00.000Z',
): CurrentMedicine {
  return {
    prescription: {
      id: 'rx-amlo',
      patientId: 'res-a',
      doctorId: 'dr-a',
      consultationId: 'c-demo-wang',
      medicine: amlodipine,
      doseAmount: 1,
      doseUnit: 'tablet',
      frequency: 'qd',
      route: 'oral',
      daysSupply: 28,
      refills: 2,
      refillsUsed: 0,
      status: 'active',
      issuedAt,
      validUntil: '2027-01-24T00:00:00.000Z',
    },
    nextDoseAt: '2026-12-06T00:00:00.000Z',
    doseTimes: ['08:00'],
    daysOfSupplyLeft: 0,
    reorderOffered: true,
    openOrderId: null,
    ...overrides,
  };
}

export function orderOf(overrides: Partial<Order> = {}): Order {
  return {
    id: 'ord-1',
    kind: 'refill',
    status: 'submitted',
    patient: { id: 'res-a', displayName: '王秀英' },
    deliveryAddress: '东河镇柳树村三组12号',
    items: [
      { prescriptionId: 'rx-amlo', medicine: amlodipine, packs: 1, unitPriceFen: 1480, lineTotalFen: 1480 },
    ],
    totalFen: 1480,
    estimatedPatientShareFen: 444,
    findings: [],
    reason: null,
    courier: null,
    trackingNumber: null,
    createdAt: '2026-12-04T02:00:00.000Z',
    history: [],
    ...overrides,
  };
}

/**
 * The pharmacy as a resident's TV sees it by default: one current medicine, prescribed this very
 * moment with its supply used up, so no dose falls in its course and no reminder covers the
 * screens the other suites walk; no orders.
 */
export const pharmacyTvHandlers = () => [
  http.get('/api/pharmacy/medicines/mine', () => {
    const now = new Date().toISOString();
    return HttpResponse.json({ medicines: [currentAmlodipine({}, now)], serverTime: now, answers: [] });
  }),
  http.get('/api/pharmacy/orders', () => HttpResponse.json({ orders: [] })),
];
