/**
 * The record summary's sections that belong to other features (issue 16 §5): the latest readings
 * with their colour (readings, src/server/readings) and the current medicines (pharmacy's active
 * prescriptions), read through those features' own queries.
 */
import type { LatestReading } from '../../shared/readings/schemas.js';
import type { RecordMedicine } from '../../shared/schedule/schedule-schemas.js';
import type { Db } from '../db/types.js';
import { medicinesById } from '../pharmacy/medicines.js';
import { activePrescriptionsOf } from '../pharmacy/prescriptions.js';
import { readingStates } from '../readings/colour-view.js';

export async function latestReadingsOf(
  db: Db,
  patient: { id: string; conditions: readonly string[] },
  now: Date,
): Promise<LatestReading[]> {
  const states = await readingStates(db, [patient], now.getTime());
  return states.get(patient.id)?.latestReadings ?? [];
}

export async function currentMedicinesOf(db: Db, patientId: string): Promise<RecordMedicine[]> {
  const prescriptions = await activePrescriptionsOf(db, patientId);
  const medicines = await medicinesById(
    db,
    prescriptions.map((p) => p.medicineId),
  );
  return prescriptions.flatMap((p) => {
    const m = medicines.get(p.medicineId);
    if (!m) return [];
    return [
      {
        prescriptionId: p.id,
        genericNameZh: m.genericNameZh,
        genericNameEn: m.genericNameEn,
        strength: m.strength,
        doseAmount: p.doseAmount,
        doseUnit: p.doseUnit,
        frequency: p.frequency,
      },
    ];
  });
}
