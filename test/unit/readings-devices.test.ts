import { expect } from '@open-wc/testing';
import type { GlucoseMeasurement } from '../../src/shared/readings/ble-decode.js';
import type { DeviceReading, DeviceState } from '../../src/app/readings/devices/device.js';
import { encodeSfloat, SimulatedDevice } from '../../src/app/readings/devices/simulated.js';
import {
  GattQueue,
  webBluetoothAvailable,
  WebBluetoothDevice,
  type BluetoothLike,
} from '../../src/app/readings/devices/web-bluetooth.js';

/** A seeded random source, so the simulated readings repeat. */
function seeded(seed = 42) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** A GATT characteristic that the test drives: writes are recorded, values are pushed as events. */
class FakeCharacteristic extends EventTarget {
  value: DataView | null = null;
  written: number[][] = [];
  notifying = false;
  constructor(
    readonly uuid: number,
    private readonly gatt: FakeGatt,
  ) {
    super();
  }
  startNotifications() {
    return this.gatt.op(() => {
      this.notifying = true;
    });
  }
  writeValue(value: BufferSource) {
    return this.gatt.op(() => {
      this.written.push([...new Uint8Array(value as ArrayBuffer)]);
      this.gatt.onWrite?.(this, this.written[this.written.length - 1]!);
    });
  }
  push(bytes: number[]) {
    this.value = new DataView(Uint8Array.from(bytes).buffer);
    this.dispatchEvent(new Event('characteristicvaluechanged'));
  }
}

/** Counts GATT operations in flight: Chromium refuses overlapping ones, so there must never be two. */
class FakeGatt {
  inFlight = 0;
  maxInFlight = 0;
  characteristics = new Map<number, FakeCharacteristic>();
  onWrite: ((c: FakeCharacteristic, bytes: number[]) => void) | null = null;
  async op<T>(body: () => T): Promise<T> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 2));
    this.inFlight -= 1;
    return body();
  }
  characteristic(uuid: number) {
    let c = this.characteristics.get(uuid);
    if (!c) this.characteristics.set(uuid, (c = new FakeCharacteristic(uuid, this)));
    return c;
  }
  bluetooth(
    options: { missing?: number[]; refuse?: boolean } = {},
  ): BluetoothLike & { requested: unknown[] } {
    const requested: unknown[] = [];
    const device = Object.assign(new EventTarget(), {
      id: 'dev-1',
      name: 'Accu-Chek Guide',
      gatt: {
        connected: true,
        connect: () =>
          this.op(() => ({
            getPrimaryService: () =>
              this.op(() => ({
                getCharacteristic: (uuid: number) =>
                  options.missing?.includes(uuid)
                    ? Promise.reject(new Error('NotFoundError'))
                    : this.op(() => this.characteristic(uuid)),
              })),
          })),
        disconnect: () => undefined,
      },
    });
    return {
      requested,
      getAvailability: () => Promise.resolve(true),
      requestDevice: (request) => {
        requested.push(request);
        return options.refuse
          ? Promise.reject(new DOMException('User cancelled', 'NotFoundError'))
          : Promise.resolve(device);
      },
    };
  }
}

function watch(device: {
  onState(l: (s: DeviceState) => void): () => void;
  onReading(l: (r: DeviceReading) => void): () => void;
}) {
  const states: DeviceState[] = [];
  const readings: DeviceReading[] = [];
  device.onState((s) => states.push(s));
  device.onReading((r) => readings.push(r));
  return { states, readings };
}

describe('measuring devices', () => {
  it('detects the absence of Web Bluetooth (most TV browsers)', async () => {
    expect(await webBluetoothAvailable({}, true)).to.equal(false);
    const present = new FakeGatt().bluetooth();
    expect(await webBluetoothAvailable({ bluetooth: present }, false)).to.equal(false);
    expect(await webBluetoothAvailable({ bluetooth: present }, true)).to.equal(true);
    expect(
      await webBluetoothAvailable(
        { bluetooth: { ...present, getAvailability: () => Promise.resolve(false) } },
        true,
      ),
    ).to.equal(false);
    expect(
      await webBluetoothAvailable(
        { bluetooth: { ...present, getAvailability: () => Promise.reject(new Error('x')) } },
        true,
      ),
    ).to.equal(false);
  });

  it('encodes SFLOATs that the decoder reads back', () => {
    expect(encodeSfloat(120)).to.deep.equal([0x78, 0x00]);
    expect(encodeSfloat(18.9, -1)).to.deep.equal([0xbd, 0xf0]);
    expect(() => encodeSfloat(5000)).to.throw(RangeError);
  });

  it('the simulated cuff searches, connects, inflates (gauge frames) and sends one blood pressure', async () => {
    const cuff = new SimulatedDevice('blood_pressure', { random: seeded(), stepMs: 0 });
    const seen = watch(cuff);
    await cuff.connect();
    await cuff.start();
    const steps = seen.states.map((s) => s.step);
    expect(steps.slice(0, 3)).to.deep.equal(['idle', 'searching', 'connecting']);
    expect(steps[steps.length - 1]).to.equal('done');
    const gauge = seen.states.flatMap((s) =>
      s.step === 'measuring' && s.cuffPressure !== null ? [s.cuffPressure] : [],
    );
    expect(gauge.length).to.be.greaterThan(8);
    const peak = Math.max(...gauge);
    expect(gauge.indexOf(peak)).to.be.greaterThan(0);
    expect(seen.readings).to.have.length(1);
    const m = seen.readings[0]!.measurement;
    if (m.kind !== 'blood_pressure' || m.systolic.kind !== 'number' || m.diastolic.kind !== 'number')
      throw new Error('not a pressure');
    expect(m.systolic.value).to.be.within(95, 220);
    expect(m.diastolic.value).to.be.below(m.systolic.value - 24);
    expect(peak).to.be.greaterThan(m.systolic.value);
    expect(seen.readings[0]!.device.id).to.equal('simulated-blood_pressure');
  });

  it('the simulated glucose meter returns only the records after the last sequence seen', async () => {
    const meter = new SimulatedDevice('glucose', { random: seeded(7), stepMs: 0, storedGlucoseRecords: 4 });
    const seen = watch(meter);
    await meter.connect();
    await meter.start({ sinceSequence: 2 });
    const records = seen.readings.map((r) => r.measurement as GlucoseMeasurement);
    expect(records.map((r) => r.sequenceNumber)).to.deep.equal([3, 4]);
    for (const r of records) expect(r.mmolPerL?.kind).to.equal('number');
  });

  it('every simulated kind decodes through the standard characteristics', async () => {
    for (const kind of ['spo2', 'weight', 'temperature'] as const) {
      const device = new SimulatedDevice(kind, { random: seeded(3), stepMs: 0 });
      const seen = watch(device);
      await device.connect();
      await device.start();
      expect(seen.readings.map((r) => r.measurement.kind)).to.deep.equal([kind]);
    }
  });

  it('Web Bluetooth: filters by service and name prefix; a dismissed chooser is permission_denied', async () => {
    const gatt = new FakeGatt();
    const bluetooth = gatt.bluetooth({ refuse: true });
    const cuff = new WebBluetoothDevice('blood_pressure', bluetooth);
    const seen = watch(cuff);
    let failed = false;
    await cuff.connect().catch(() => (failed = true));
    expect(failed).to.equal(true);
    expect(seen.states[seen.states.length - 1]).to.deep.equal({ step: 'error', error: 'permission_denied' });
    const request = bluetooth.requested[0] as { filters: unknown[]; optionalServices: number[] };
    expect(request.filters[0]).to.deep.equal({ services: [0x1810] });
    expect(request.filters).to.deep.include({ namePrefix: 'BLESmart' });
    expect(request.optionalServices).to.deep.equal([0x1810]);
    const none = new WebBluetoothDevice('blood_pressure', undefined);
    const noneSeen = watch(none);
    await none.connect().catch(() => undefined);
    expect(noneSeen.states[noneSeen.states.length - 1]).to.deep.equal({
      step: 'error',
      error: 'no_bluetooth',
    });
  });

  it('Web Bluetooth cuff: the gauge, the reading, and a loose cuff refused', async () => {
    const gatt = new FakeGatt();
    const cuff = new WebBluetoothDevice('blood_pressure', gatt.bluetooth());
    const seen = watch(cuff);
    await cuff.connect();
    await cuff.start();
    gatt.characteristic(0x2a36).push([0x01, ...encodeSfloat(18.9, -1), 0xff, 0x07, 0xff, 0x07]);
    expect(seen.states[seen.states.length - 1]).to.deep.equal({ step: 'measuring', cuffPressure: 142 });
    gatt.characteristic(0x2a35).push([0x00, 0x8a, 0x00, 0x58, 0x00, 0x78, 0x00]);
    expect(seen.readings).to.have.length(1);
    expect(seen.states[seen.states.length - 1]!.step).to.equal('done');
    gatt.characteristic(0x2a35).push([0x10, 0x8a, 0x00, 0x58, 0x00, 0x78, 0x00, 0x02, 0x00]);
    expect(seen.readings).to.have.length(1);
    expect(seen.states[seen.states.length - 1]).to.deep.equal({ step: 'error', error: 'cuff_error' });
    gatt.characteristic(0x2a35).push([0x03, 0x8a]);
    expect(seen.states[seen.states.length - 1]).to.deep.equal({ step: 'error', error: 'bad_frame' });
    expect(gatt.maxInFlight).to.equal(1);
  });

  it('Web Bluetooth glucose: RACP from the last sequence, records until success, control solution skipped, one GATT op at a time', async () => {
    const gatt = new FakeGatt();
    const time = [0xea, 0x07, 0x0c, 0x04, 0x07, 0x00, 0x00];
    gatt.onWrite = (c, bytes) => {
      if (c.uuid !== 0x2a52) return;
      expect(bytes).to.deep.equal([0x01, 0x03, 0x01, 0x06, 0x00]);
      setTimeout(() => {
        const records = gatt.characteristic(0x2a18);
        records.push([0x06, 6, 0, ...time, ...encodeSfloat(0.0068, -4), 0x11]);
        records.push([0x06, 7, 0, ...time, ...encodeSfloat(0.0055, -4), 0x4a]);
        records.push([0x06, 8, 0, ...time, ...encodeSfloat(0.0091, -4), 0x11]);
        c.push([0x06, 0x00, 0x01, 0x01]);
      }, 5);
    };
    const meter = new WebBluetoothDevice('glucose', gatt.bluetooth({ missing: [] }));
    const seen = watch(meter);
    await meter.connect();
    await meter.start({ sinceSequence: 5 });
    expect(seen.readings.map((r) => (r.measurement as GlucoseMeasurement).sequenceNumber)).to.deep.equal([
      6, 8,
    ]);
    expect(seen.states[seen.states.length - 1]!.step).to.equal('done');
    expect(gatt.characteristic(0x2a18).notifying).to.equal(true);
    expect(gatt.characteristic(0x2a52).notifying).to.equal(true);
    expect(gatt.maxInFlight).to.equal(1);
  });

  it('the GATT queue runs operations one after another even when one fails', async () => {
    const queue = new GattQueue();
    const order: string[] = [];
    const slow =
      (name: string, fail = false) =>
      () =>
        new Promise<string>((resolve, reject) =>
          setTimeout(
            () => {
              order.push(name);
              if (fail) reject(new Error(name));
              else resolve(name);
            },
            name === 'a' ? 20 : 1,
          ),
        );
    const results = await Promise.all([
      queue.run(slow('a')),
      queue.run(slow('b', true)).catch(() => 'failed'),
      queue.run(slow('c')),
    ]);
    expect(order).to.deep.equal(['a', 'b', 'c']);
    expect(results).to.deep.equal(['a', 'failed', 'c']);
  });
});
