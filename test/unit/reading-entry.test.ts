import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Measure, ReadingDevice, ReadingValues } from '../../src/shared/readings/schemas.js';
import { ReadingEntry } from '../../src/app/readings/entry-controller.js';
import type { GlucoseContext } from '../../src/app/readings/entry.js';
import { loadSettings, type Settings } from '../../src/app/state/settings.js';

/** The TV's 健康测量 and the kiosk's dah-bp-entry share this state machine: tried without a screen. */
function entryFor(
  measure: Measure,
  options: { glucoseContext?: GlucoseContext; settings?: Partial<Settings> } = {},
) {
  const taken: { values: ReadingValues; device: ReadingDevice | null; confirmed: boolean }[] = [];
  let updates = 0;
  const host: ReactiveControllerHost = {
    addController: (_controller: ReactiveController) => undefined,
    removeController: () => undefined,
    requestUpdate: () => (updates += 1),
    updateComplete: Promise.resolve(true),
  };
  const settings: Settings = { ...loadSettings('tv'), measuringDevice: 'remote', ...options.settings };
  const entry = new ReadingEntry(host, {
    measure: () => measure,
    glucoseContext: () => options.glucoseContext ?? null,
    settings: () => settings,
    taken: (values, device, confirmed) => taken.push({ values, device, confirmed }),
  });
  return { entry, taken, updates: () => updates };
}

describe('ReadingEntry: one reading by number pad', () => {
  it('takes a blood pressure field by field: 142 then 88, nothing to confirm', () => {
    const { entry, taken, updates } = entryFor('blood_pressure');
    entry.typed('14');
    expect(entry.digits).to.equal('14');
    entry.submit('142');
    expect(entry.digits).to.equal('');
    expect(entry.field?.name).to.equal('diastolic');
    expect(entry.done).to.deep.equal([{ field: entry.done[0]?.field, value: 142 }]);
    expect(entry.done[0]?.field.name).to.equal('systolic');
    expect(taken).to.have.length(0);
    entry.submit('88');
    expect(taken).to.deep.equal([
      {
        values: { measure: 'blood_pressure', systolic: 142, diastolic: 88, pulse: null },
        device: null,
        confirmed: false,
      },
    ]);
    expect(updates()).to.be.greaterThan(0);
  });

  it('refuses a number outside the field’s range in words and keeps asking the same field', () => {
    const { entry, taken } = entryFor('blood_pressure');
    entry.submit('400');
    expect(entry.problem).to.contain('400 mmHg').and.contain('60–300');
    expect(entry.field?.name).to.equal('systolic');
    entry.typed('1');
    expect(entry.problem, 'typing again clears the message').to.equal(null);
    expect(taken).to.have.length(0);
  });

  it('a low pressure not below the high one starts again from the high pressure', () => {
    const { entry, taken } = entryFor('blood_pressure');
    entry.submit('120');
    entry.submit('130');
    expect(entry.problem).to.contain('低压应该比高压小');
    expect(entry.field?.name).to.equal('systolic');
    expect(entry.done).to.deep.equal([]);
    expect(taken).to.have.length(0);
  });

  it('asks to confirm an unusual value; confirmed, it is taken as confirmed; or entered again', () => {
    const { entry, taken } = entryFor('blood_pressure');
    entry.submit('240');
    entry.submit('100');
    expect(entry.phase).to.equal('confirm');
    expect(entry.pending).to.deep.equal({
      measure: 'blood_pressure',
      systolic: 240,
      diastolic: 100,
      pulse: null,
    });
    expect(taken).to.have.length(0);
    entry.confirm();
    expect(taken.map((t) => t.confirmed)).to.deep.equal([true]);
    entry.restart();
    expect(entry.phase).to.equal('entry');
    expect(entry.pending).to.equal(null);
    expect(entry.done).to.deep.equal([]);
  });

  it('a glucose reads its digits as tenths and keeps when it was taken', () => {
    const { entry, taken } = entryFor('glucose', { glucoseContext: 'fasting' });
    entry.submit('65');
    expect(taken[0]?.values).to.deep.equal({ measure: 'glucose', value: 6.5, context: 'fasting' });
  });

  it('the screen’s refusal (nothing could be kept) goes back to the pad with its words', () => {
    const { entry } = entryFor('blood_pressure');
    entry.submit('240');
    entry.submit('100');
    entry.refuse('没能保存在电视上，请再试一次。');
    expect(entry.phase).to.equal('entry');
    expect(entry.problem).to.equal('没能保存在电视上，请再试一次。');
  });

  it('offers the cuff only for blood pressure and only with a device set', () => {
    expect(entryFor('blood_pressure').entry.deviceAvailable).to.equal(false);
    expect(
      entryFor('blood_pressure', { settings: { measuringDevice: 'simulated' } }).entry.deviceAvailable,
    ).to.equal(true);
    expect(
      entryFor('glucose', { settings: { measuringDevice: 'simulated' } }).entry.deviceAvailable,
    ).to.equal(false);
    // Chromium here has Web Bluetooth; a TV's engine mostly has not (readings-devices.test.ts).
    const bluetooth = entryFor('blood_pressure', { settings: { measuringDevice: 'bluetooth' } }).entry;
    expect(bluetooth.deviceAvailable).to.equal('bluetooth' in navigator);
    expect(bluetooth.bluetoothMissing).to.equal(!('bluetooth' in navigator));
  });
});
