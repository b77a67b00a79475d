/**
 * The Web Bluetooth transport for the Bluetooth SIG health profiles. requestDevice filters by
 * service and by name prefix (many cuffs do not advertise 0x1810), notifications/indications are
 * started on the measurement characteristics, every GATT operation is serialised (Chromium refuses
 * a second one while one is in progress), and a glucose meter's memory is read through RACP.
 * Absent in most TV browsers and in Android WebView: `webBluetoothAvailable` says so, and the TV
 * offers entry by remote instead.
 */
import {
  BLE_CHARACTERISTICS,
  BLE_SERVICES,
  BleDecodeError,
  decodeBleMeasurement,
} from '../../../shared/readings/ble-decode.js';
import { kpaToMmHg } from '../../../shared/readings/clinical.js';
import { endsReport, parseRacpResponse, racp } from '../../../shared/readings/racp.js';
import { DeviceEvents, type DeviceKind, type DeviceReading, type MeasuringDevice } from './device.js';

/** The parts of the Web Bluetooth API used here (TypeScript's DOM library does not declare it). */
export interface BluetoothCharacteristicLike extends EventTarget {
  value?: DataView | null;
  startNotifications(): Promise<unknown>;
  writeValue(value: BufferSource): Promise<void>;
}
interface BluetoothServiceLike {
  getCharacteristic(uuid: number): Promise<BluetoothCharacteristicLike>;
}
interface BluetoothDeviceLike extends EventTarget {
  id: string;
  name?: string;
  gatt?: {
    connected: boolean;
    connect(): Promise<{ getPrimaryService(uuid: number): Promise<BluetoothServiceLike> }>;
    disconnect(): void;
  };
}
export interface BluetoothLike {
  getAvailability?(): Promise<boolean>;
  requestDevice(options: {
    filters: ({ services: number[] } | { namePrefix: string })[];
    optionalServices: number[];
  }): Promise<BluetoothDeviceLike>;
}
type NavigatorWithBluetooth = { bluetooth?: BluetoothLike };

/**
 * Whether this browser can reach Bluetooth devices at all: the API exists (not in Android WebView,
 * behind a flag on Linux), the page is a secure context, and an adapter is present.
 */
export async function webBluetoothAvailable(
  nav: NavigatorWithBluetooth = navigator as NavigatorWithBluetooth,
  secure: boolean = typeof isSecureContext === 'boolean' ? isSecureContext : false,
): Promise<boolean> {
  if (!secure || !nav.bluetooth) return false;
  try {
    return nav.bluetooth.getAvailability ? await nav.bluetooth.getAvailability() : true;
  } catch {
    return false;
  }
}

interface Profile {
  service: number;
  measurement: number;
  /** Name prefixes of devices that do not advertise the service (common cuffs and meters). */
  namePrefixes: string[];
}
const PROFILES: Record<DeviceKind, Profile> = {
  blood_pressure: {
    service: BLE_SERVICES.bloodPressure,
    measurement: BLE_CHARACTERISTICS.bloodPressureMeasurement,
    namePrefixes: ['BP', 'BLESmart', 'Yuwell', 'A&D', 'OMRON'],
  },
  glucose: {
    service: BLE_SERVICES.glucose,
    measurement: BLE_CHARACTERISTICS.glucoseMeasurement,
    namePrefixes: ['meter', 'Contour', 'Accu-Chek', 'Sinocare'],
  },
  spo2: {
    service: BLE_SERVICES.pulseOximeter,
    measurement: BLE_CHARACTERISTICS.plxSpotCheck,
    namePrefixes: ['Nonin', 'PO'],
  },
  weight: {
    service: BLE_SERVICES.weightScale,
    measurement: BLE_CHARACTERISTICS.weightMeasurement,
    namePrefixes: ['Scale'],
  },
  temperature: {
    service: BLE_SERVICES.healthThermometer,
    measurement: BLE_CHARACTERISTICS.temperatureMeasurement,
    namePrefixes: ['TEMP', 'Thermo'],
  },
};

/** Runs GATT operations one after another, whatever the callers do. */
export class GattQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.tail.then(operation, operation);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

function bytesOf(target: EventTarget | null): Uint8Array {
  const value = (target as BluetoothCharacteristicLike | null)?.value;
  return value ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : new Uint8Array();
}

export class WebBluetoothDevice implements MeasuringDevice {
  private readonly events = new DeviceEvents();
  private readonly gatt = new GattQueue();
  private device: BluetoothDeviceLike | null = null;
  private service: BluetoothServiceLike | null = null;
  private readonly onDisconnected = () => this.events.setState({ step: 'error', error: 'out_of_range' });

  constructor(
    readonly kind: DeviceKind,
    private readonly bluetooth: BluetoothLike | undefined = (navigator as NavigatorWithBluetooth).bluetooth,
  ) {}

  onState(listener: Parameters<MeasuringDevice['onState']>[0]): () => void {
    return this.events.onState(listener);
  }
  onReading(listener: Parameters<MeasuringDevice['onReading']>[0]): () => void {
    return this.events.onReading(listener);
  }

  /** Must run from a user gesture (a key press or a tap): the browser shows its chooser. */
  async connect(): Promise<void> {
    if (!this.bluetooth) {
      this.events.setState({ step: 'error', error: 'no_bluetooth' });
      throw new Error('no_bluetooth');
    }
    const profile = PROFILES[this.kind];
    this.events.setState({ step: 'searching' });
    try {
      this.device = await this.bluetooth.requestDevice({
        filters: [
          { services: [profile.service] },
          ...profile.namePrefixes.map((namePrefix) => ({ namePrefix })),
        ],
        optionalServices: [profile.service],
      });
    } catch (error) {
      // NotFoundError: the chooser was dismissed; SecurityError/NotAllowedError: refused.
      this.events.setState({ step: 'error', error: 'permission_denied' });
      throw error;
    }
    this.events.setState({ step: 'connecting', deviceName: this.device.name ?? '' });
    this.device.addEventListener('gattserverdisconnected', this.onDisconnected);
    const gattServer = this.device.gatt;
    try {
      if (!gattServer) throw new Error('this device has no GATT server');
      const server = await this.gatt.run(() => gattServer.connect());
      this.service = await this.gatt.run(() => server.getPrimaryService(profile.service));
    } catch (error) {
      this.events.setState({ step: 'error', error: 'out_of_range' });
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    this.device?.removeEventListener('gattserverdisconnected', this.onDisconnected);
    this.device?.gatt?.disconnect();
    this.device = null;
    this.service = null;
    this.events.setState({ step: 'idle' });
  }

  private deliver(characteristic: number, bytes: Uint8Array): void {
    let measurement;
    try {
      measurement = decodeBleMeasurement(characteristic, bytes);
    } catch (error) {
      if (error instanceof BleDecodeError) {
        this.events.setState({ step: 'error', error: 'bad_frame' });
        return;
      }
      throw error;
    }
    if (measurement.kind === 'intermediate_cuff_pressure') {
      const p = measurement.cuffPressure;
      const mmHg = p.kind === 'number' ? (measurement.unit === 'kPa' ? kpaToMmHg(p.value) : p.value) : null;
      this.events.setState({ step: 'measuring', cuffPressure: mmHg });
      return;
    }
    if (
      measurement.kind === 'blood_pressure' &&
      (measurement.status?.cuffTooLoose || measurement.status?.bodyMovement)
    ) {
      this.events.setState({ step: 'error', error: 'cuff_error' });
      return;
    }
    // A control-solution test checks the meter: not clinical data.
    if (measurement.kind === 'glucose' && measurement.controlSolution) return;
    const reading: DeviceReading = {
      measurement,
      device: { id: this.device?.id ?? 'unknown', name: this.device?.name ?? '' },
      receivedAt: new Date().toISOString(),
    };
    this.events.emitReading(reading);
    if (measurement.kind === 'spo2' && measurement.deviceClockNotSet) {
      this.events.setState({ step: 'error', error: 'device_clock_unset' });
    } else if (measurement.kind !== 'glucose') {
      this.events.setState({ step: 'done' });
    }
  }

  private async listen(uuid: number): Promise<BluetoothCharacteristicLike> {
    const service = this.service;
    if (!service) throw new Error('connect first');
    const characteristic = await this.gatt.run(() => service.getCharacteristic(uuid));
    characteristic.addEventListener('characteristicvaluechanged', (event) =>
      this.deliver(uuid, bytesOf(event.target)),
    );
    // Enables indications when that is all the characteristic supports.
    await this.gatt.run(() => characteristic.startNotifications());
    return characteristic;
  }

  async start(options: { sinceSequence?: number } = {}): Promise<void> {
    const profile = PROFILES[this.kind];
    if (this.kind === 'blood_pressure') {
      // The live gauge is optional: many cuffs have no 0x2A36.
      await this.listen(BLE_CHARACTERISTICS.intermediateCuffPressure).catch(() => undefined);
    }
    await this.listen(profile.measurement);
    this.events.setState({ step: 'measuring', cuffPressure: null });
    if (this.kind === 'glucose') await this.readMeterMemory(options.sinceSequence);
  }

  /** GLS: notifications on 0x2A18 and indications on RACP first, then 'report records ≥ N'. */
  private async readMeterMemory(sinceSequence: number | undefined): Promise<void> {
    const service = this.service;
    if (!service) throw new Error('connect first');
    const controlPoint = await this.gatt.run(() =>
      service.getCharacteristic(BLE_CHARACTERISTICS.recordAccessControlPoint),
    );
    const finished = new Promise<void>((resolve, reject) => {
      controlPoint.addEventListener('characteristicvaluechanged', (event) => {
        try {
          const response = parseRacpResponse(bytesOf(event.target));
          if (!endsReport(response)) return;
          if (
            response.kind === 'response' &&
            response.code !== 'success' &&
            response.code !== 'no_records_found'
          ) {
            reject(new Error(`RACP: ${response.code}`));
          } else resolve();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    await this.gatt.run(() => controlPoint.startNotifications());
    const request =
      sinceSequence === undefined
        ? racp.reportAll()
        : racp.reportFromSequence(Math.min(sinceSequence + 1, 0xffff));
    await this.gatt.run(() => controlPoint.writeValue(request));
    try {
      await finished;
      this.events.setState({ step: 'done' });
    } catch {
      this.events.setState({ step: 'error', error: 'bad_frame' });
    }
  }
}
