/**
 * The number formats of the Bluetooth SIG health profiles (GATT Specification Supplement,
 * IEEE 11073-20601 §F.8): SFLOAT, FLOAT and Date Time, read from a frame with typed errors.
 * A special value (NaN, NRes, ±INF) is returned as an explicit marker, never as a number.
 */

/** Why a frame was refused. Never a wrong number: a frame we cannot read exactly is an error. */
export type BleDecodeErrorCode =
  /** Shorter than its flags say. */
  | 'truncated'
  /** Longer than its flags say, or a field out of its range (month 13, minute 61). */
  | 'malformed'
  /** A flag bit, an enumerated value or a special value the specification reserves. */
  | 'reserved'
  /** A characteristic this decoder does not read. */
  | 'unsupported_characteristic';

export class BleDecodeError extends Error {
  override readonly name = 'BleDecodeError';
  constructor(
    readonly code: BleDecodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The special values of IEEE 11073 SFLOAT/FLOAT, and a scale's 0xFFFF 'measurement unsuccessful'. */
export type SpecialValue =
  'nan' | 'nres' | 'positive_infinity' | 'negative_infinity' | 'measurement_unsuccessful';

/** A measured quantity: a number, or the reason there is none. Check `kind` before using `value`. */
export type Measured = { kind: 'number'; value: number } | { kind: 'special'; special: SpecialValue };

export const measured = (value: number): Measured => ({ kind: 'number', value });
export const special = (reason: SpecialValue): Measured => ({ kind: 'special', special: reason });

/** mantissa × 10^exponent, computed so that decimal inputs come out as the nearest double (18.9, not 18.900000000000002). */
export function decimal(mantissa: number, exponent: number): number {
  return exponent >= 0 ? mantissa * 10 ** exponent : mantissa / 10 ** -exponent;
}

/** Scales a measured value by 10^power (unit conversions by powers of ten stay exact). */
export function scaleMeasured(value: Measured, power: number): Measured {
  if (value.kind === 'special') return value;
  return measured(power >= 0 ? value.value * 10 ** power : value.value / 10 ** -power);
}

const SFLOAT_SPECIALS: Record<number, SpecialValue | 'reserved'> = {
  0x07ff: 'nan',
  0x0800: 'nres',
  0x07fe: 'positive_infinity',
  0x0802: 'negative_infinity',
  0x0801: 'reserved',
};

/**
 * IEEE 11073 16-bit SFLOAT: a signed 4-bit exponent (two's complement, not biased) over a signed
 * 12-bit mantissa. The specials are mantissas 0x7FE-0x802 with exponent 0; the same mantissas with
 * another exponent are not defined, so they are refused rather than read as 2047 × 10^e.
 */
export function decodeSfloat(raw: number): Measured {
  const mantissaBits = raw & 0x0fff;
  const exponentBits = (raw >> 12) & 0x0f;
  if (mantissaBits >= 0x07fe && mantissaBits <= 0x0802) {
    const kind = exponentBits === 0 ? SFLOAT_SPECIALS[mantissaBits] : 'reserved';
    if (kind === 'reserved' || kind === undefined) {
      throw new BleDecodeError('reserved', `SFLOAT 0x${raw.toString(16).padStart(4, '0')} is reserved`);
    }
    return special(kind);
  }
  const mantissa = mantissaBits >= 0x0800 ? mantissaBits - 0x1000 : mantissaBits;
  const exponent = exponentBits >= 0x08 ? exponentBits - 0x10 : exponentBits;
  return measured(decimal(mantissa, exponent));
}

const FLOAT_SPECIALS: Record<number, SpecialValue | 'reserved'> = {
  0x007fffff: 'nan',
  0x00800000: 'nres',
  0x007ffffe: 'positive_infinity',
  0x00800002: 'negative_infinity',
  0x00800001: 'reserved',
};

/** IEEE 11073 32-bit FLOAT: a signed 8-bit exponent over a signed 24-bit mantissa; specials as for SFLOAT. */
export function decodeFloat(raw: number): Measured {
  const mantissaBits = raw & 0x00ffffff;
  const exponentBits = (raw >>> 24) & 0xff;
  if (mantissaBits >= 0x007ffffe && mantissaBits <= 0x00800002) {
    const kind = exponentBits === 0 ? FLOAT_SPECIALS[mantissaBits] : 'reserved';
    if (kind === 'reserved' || kind === undefined) {
      throw new BleDecodeError(
        'reserved',
        `FLOAT 0x${(raw >>> 0).toString(16).padStart(8, '0')} is reserved`,
      );
    }
    return special(kind);
  }
  const mantissa = mantissaBits >= 0x00800000 ? mantissaBits - 0x01000000 : mantissaBits;
  const exponent = exponentBits >= 0x80 ? exponentBits - 0x100 : exponentBits;
  return measured(decimal(mantissa, exponent));
}

/**
 * A device's Date Time (7 bytes, no time zone). Zero means 'not known' for year, month and day;
 * many meters are never set, so the receive time is always kept beside it. `local` is the
 * wall-clock text 'YYYY-MM-DDTHH:mm:ss' when the date is complete, else null.
 */
export interface DeviceDateTime {
  year: number | null;
  month: number | null;
  day: number | null;
  hours: number;
  minutes: number;
  seconds: number;
  local: string | null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Reads a frame left to right; every read checks the length first. */
export class FrameReader {
  private offset = 0;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(count: number, field: string): number {
    if (this.offset + count > this.bytes.length) {
      throw new BleDecodeError(
        'truncated',
        `${this.what}: ${field} needs ${count} bytes at offset ${this.offset}; the frame has ${this.bytes.length}`,
      );
    }
    const at = this.offset;
    this.offset += count;
    return at;
  }

  u8(field: string): number {
    return this.view.getUint8(this.need(1, field));
  }
  u16(field: string): number {
    return this.view.getUint16(this.need(2, field), true);
  }
  s16(field: string): number {
    return this.view.getInt16(this.need(2, field), true);
  }
  u24(field: string): number {
    const at = this.need(3, field);
    return this.view.getUint16(at, true) | (this.view.getUint8(at + 2) << 16);
  }
  sfloat(field: string): Measured {
    return decodeSfloat(this.u16(field));
  }
  float(field: string): Measured {
    return decodeFloat(this.view.getUint32(this.need(4, field), true));
  }

  dateTime(field: string): DeviceDateTime {
    const year = this.u16(`${field} year`);
    const month = this.u8(`${field} month`);
    const day = this.u8(`${field} day`);
    const hours = this.u8(`${field} hours`);
    const minutes = this.u8(`${field} minutes`);
    const seconds = this.u8(`${field} seconds`);
    // GATT Specification Supplement, Date Time: year 1582-9999 or 0, month 0-12, day 0-31.
    const bad =
      (year !== 0 && (year < 1582 || year > 9999)) ||
      month > 12 ||
      day > 31 ||
      hours > 23 ||
      minutes > 59 ||
      seconds > 59;
    if (bad) {
      throw new BleDecodeError(
        'malformed',
        `${this.what}: ${field} ${year}-${month}-${day} ${hours}:${minutes}:${seconds} is not a time`,
      );
    }
    const known = year !== 0 && month !== 0 && day !== 0;
    return {
      year: year === 0 ? null : year,
      month: month === 0 ? null : month,
      day: day === 0 ? null : day,
      hours,
      minutes,
      seconds,
      local: known
        ? `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}`
        : null,
    };
  }

  /**
   * Checks the whole length its flags announce before any field is read, so a short frame is
   * 'truncated' whatever its later bytes happen to look like.
   */
  expectLength(total: number): void {
    if (this.bytes.length < total) {
      throw new BleDecodeError(
        'truncated',
        `${this.what}: its flags announce ${total} bytes; it has ${this.bytes.length}`,
      );
    }
    if (this.bytes.length > total) {
      throw new BleDecodeError(
        'malformed',
        `${this.what}: its flags announce ${total} bytes; it has ${this.bytes.length}`,
      );
    }
  }

  /** Refuses bytes left over: a frame longer than its flags say is not one we understand. */
  end(): void {
    if (this.offset !== this.bytes.length) {
      throw new BleDecodeError(
        'malformed',
        `${this.what}: ${this.bytes.length - this.offset} bytes after the last field its flags announce`,
      );
    }
  }
}

/** Refuses flag bits the specification reserves: an unknown flag may announce an unknown field. */
export function checkReservedFlags(what: string, flags: number, knownMask: number): void {
  if ((flags & ~knownMask & 0xff) !== 0) {
    throw new BleDecodeError(
      'reserved',
      `${what}: reserved flag bits 0x${(flags & ~knownMask & 0xff).toString(16)} are set`,
    );
  }
}

/** Adds minutes to a complete device time (a glucose record's time offset), still without a zone. */
export function addMinutes(time: DeviceDateTime, minutes: number): DeviceDateTime {
  if (time.local === null || minutes === 0) return time;
  const t = new Date(`${time.local}Z`);
  t.setUTCMinutes(t.getUTCMinutes() + minutes);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hours: t.getUTCHours(),
    minutes: t.getUTCMinutes(),
    seconds: t.getUTCSeconds(),
    local: t.toISOString().slice(0, 19),
  };
}
