/**
 * A patient's readings as a FHIR R4 Bundle of Observations (vital-signs profile: category, LOINC
 * code, subject, effective time, value with a UCUM unit). A device's special value (NaN, NRes,
 * ±INF, a meter's HI/LO, a scale's unsuccessful measurement) becomes dataAbsentReason and no value.
 */
import type {
  Bundle,
  CodeableConcept,
  Observation,
  ObservationComponent,
  Quantity as FhirQuantity,
} from '@medplum/fhirtypes';
import { bodyMassIndex } from '../../shared/readings/clinical.js';
import type { Quantity, Reading } from '../../shared/readings/schemas.js';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const DATA_ABSENT = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

const loinc = (code: string, display: string): CodeableConcept => ({
  coding: [{ system: LOINC, code, display }],
  text: display,
});

const CODES = {
  bloodPressurePanel: loinc('85354-9', 'Blood pressure panel with all children optional'),
  systolic: loinc('8480-6', 'Systolic blood pressure'),
  diastolic: loinc('8462-4', 'Diastolic blood pressure'),
  heartRate: loinc('8867-4', 'Heart rate'),
  // mmol/L: Glucose [Moles/volume] in Blood (15074-8); capillary by glucometer (14743-9) as well.
  glucose: {
    coding: [
      { system: LOINC, code: '15074-8', display: 'Glucose [Moles/volume] in Blood' },
      { system: LOINC, code: '14743-9', display: 'Glucose [Moles/volume] in Capillary blood by Glucometer' },
    ],
    text: 'Glucose',
  },
  spo2: {
    coding: [
      { system: LOINC, code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry' },
      { system: LOINC, code: '2708-6', display: 'Oxygen saturation in Arterial blood' },
    ],
    text: 'SpO2',
  },
  bodyWeight: loinc('29463-7', 'Body weight'),
  bmi: loinc('39156-5', 'Body mass index (BMI) [Ratio]'),
  bodyTemperature: loinc('8310-5', 'Body temperature'),
} satisfies Record<string, CodeableConcept>;

const UNITS = {
  mmHg: { unit: 'mmHg', code: 'mm[Hg]' },
  perMinute: { unit: 'beats/minute', code: '/min' },
  mmolPerL: { unit: 'mmol/L', code: 'mmol/L' },
  percent: { unit: '%', code: '%' },
  kg: { unit: 'kg', code: 'kg' },
  kgPerM2: { unit: 'kg/m2', code: 'kg/m2' },
  celsius: { unit: 'Cel', code: 'Cel' },
};

const DATA_ABSENT_CODES: Record<string, { code: string; display: string }> = {
  nan: { code: 'not-a-number', display: 'Not a Number (NaN)' },
  nres: { code: 'error', display: 'Error' },
  positive_infinity: { code: 'positive-infinity', display: 'Positive Infinity (PINF)' },
  negative_infinity: { code: 'negative-infinity', display: 'Negative Infinity (NINF)' },
  measurement_unsuccessful: { code: 'error', display: 'Error' },
  // A meter's HI/LO: beyond its range on that side; no number is known.
  hi: { code: 'positive-infinity', display: 'Positive Infinity (PINF)' },
  lo: { code: 'negative-infinity', display: 'Negative Infinity (NINF)' },
};

/** valueQuantity, or dataAbsentReason when the device sent no number. */
function valueOf(
  value: Quantity | { meter: 'hi' | 'lo' },
  unit: { unit: string; code: string },
): { valueQuantity: FhirQuantity } | { dataAbsentReason: CodeableConcept } {
  if (typeof value === 'number')
    return { valueQuantity: { value, unit: unit.unit, system: UCUM, code: unit.code } };
  const reason = DATA_ABSENT_CODES['meter' in value ? value.meter : value.special] ?? DATA_ABSENT_CODES.nan;
  return { dataAbsentReason: { coding: [{ system: DATA_ABSENT, ...reason }], text: reason?.display } };
}

const STATUS = { active: 'final', corrected: 'entered-in-error', withdrawn: 'entered-in-error' } as const;

function base(
  reading: Reading,
  suffix: string,
  code: CodeableConcept,
  category: 'vital-signs' | 'laboratory',
): Observation {
  const device = reading.device;
  return {
    resourceType: 'Observation',
    id: `${reading.id}${suffix}`,
    status: STATUS[reading.status],
    category: [
      {
        coding: [
          {
            system: CATEGORY,
            code: category,
            display: category === 'vital-signs' ? 'Vital Signs' : 'Laboratory',
          },
        ],
      },
    ],
    code,
    subject: { reference: `Patient/${reading.patientId}` },
    effectiveDateTime: reading.takenAt,
    issued: reading.receivedAt,
    ...(device
      ? { device: { display: device.name, identifier: { system: 'urn:dah:device', value: device.id } } }
      : {}),
    ...(reading.replacesId ? { derivedFrom: [{ reference: `Observation/${reading.replacesId}` }] } : {}),
  };
}

/** The Observations of one reading (a blood pressure with pulse is two: the panel and the heart rate). */
export function observationsOf(reading: Reading): Observation[] {
  const v = reading.values;
  const heartRate = (pulse: Quantity | null): Observation[] =>
    pulse === null
      ? []
      : [{ ...base(reading, '-hr', CODES.heartRate, 'vital-signs'), ...valueOf(pulse, UNITS.perMinute) }];
  switch (v.measure) {
    case 'blood_pressure': {
      const component: ObservationComponent[] = [
        { code: CODES.systolic, ...valueOf(v.systolic, UNITS.mmHg) },
        { code: CODES.diastolic, ...valueOf(v.diastolic, UNITS.mmHg) },
      ];
      return [
        { ...base(reading, '', CODES.bloodPressurePanel, 'vital-signs'), component },
        ...heartRate(v.pulse),
      ];
    }
    case 'glucose':
      return [{ ...base(reading, '', CODES.glucose, 'laboratory'), ...valueOf(v.value, UNITS.mmolPerL) }];
    case 'spo2':
      return [
        { ...base(reading, '', CODES.spo2, 'vital-signs'), ...valueOf(v.spo2, UNITS.percent) },
        ...heartRate(v.pulse),
      ];
    case 'weight': {
      const weight: Observation = {
        ...base(reading, '', CODES.bodyWeight, 'vital-signs'),
        ...valueOf(v.kg, UNITS.kg),
      };
      if (typeof v.kg !== 'number' || v.heightM === null) return [weight];
      const bmi = bodyMassIndex(v.kg, v.heightM);
      return [weight, { ...base(reading, '-bmi', CODES.bmi, 'vital-signs'), ...valueOf(bmi, UNITS.kgPerM2) }];
    }
    case 'temperature':
      return [
        { ...base(reading, '', CODES.bodyTemperature, 'vital-signs'), ...valueOf(v.celsius, UNITS.celsius) },
      ];
  }
}

/** A searchset Bundle of every Observation of these readings. */
export function readingsBundle(readings: readonly Reading[], baseUrl: string): Bundle<Observation> {
  const observations = readings.flatMap(observationsOf);
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    timestamp: new Date().toISOString(),
    total: observations.length,
    entry: observations.map((resource) => ({
      fullUrl: `${baseUrl}/fhir/Observation/${resource.id ?? ''}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}
