/**
 * Record Access Control Point (0x2A52, GLS 1.0 §3.6 / GATT Specification Supplement): the
 * requests a glucose meter understands and its answers. A sync writes `reportFromSequence(last + 1)`
 * after enabling notifications on 0x2A18 and indications on 0x2A52, collects the records, and
 * stops at the 'success' or 'no records found' response.
 */
import { BleDecodeError, FrameReader } from './ble-numbers.js';

const OP = { report: 0x01, delete: 0x02, abort: 0x03, count: 0x04, countResponse: 0x05, response: 0x06 };
const OPERATOR = { none: 0x00, all: 0x01, greaterOrEqual: 0x03, first: 0x05, last: 0x06 };
/** Filter type for 'greater than or equal to': the sequence number. */
const FILTER_SEQUENCE = 0x01;

function sequenceOperand(sequence: number): [number, number, number] {
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 0xffff) {
    throw new RangeError(`A glucose sequence number is 0-65535, not ${sequence}`);
  }
  return [FILTER_SEQUENCE, sequence & 0xff, sequence >> 8];
}

export const racp = {
  reportAll: () => Uint8Array.of(OP.report, OPERATOR.all),
  /** Records with a sequence number ≥ `sequence`: after a sync, ask from the last one seen + 1. */
  reportFromSequence: (sequence: number) =>
    Uint8Array.of(OP.report, OPERATOR.greaterOrEqual, ...sequenceOperand(sequence)),
  reportFirst: () => Uint8Array.of(OP.report, OPERATOR.first),
  reportLast: () => Uint8Array.of(OP.report, OPERATOR.last),
  countAll: () => Uint8Array.of(OP.count, OPERATOR.all),
  countFromSequence: (sequence: number) =>
    Uint8Array.of(OP.count, OPERATOR.greaterOrEqual, ...sequenceOperand(sequence)),
  abort: () => Uint8Array.of(OP.abort, OPERATOR.none),
};

const RESPONSE_CODES = {
  1: 'success',
  2: 'op_code_not_supported',
  3: 'invalid_operator',
  4: 'operator_not_supported',
  5: 'invalid_operand',
  6: 'no_records_found',
  7: 'abort_unsuccessful',
  8: 'procedure_not_completed',
  9: 'operand_not_supported',
} as const;
export type RacpResponseCode = (typeof RESPONSE_CODES)[keyof typeof RESPONSE_CODES];

export type RacpResponse =
  { kind: 'count'; count: number } | { kind: 'response'; requestOpCode: number; code: RacpResponseCode };

/** Parses an indication from 0x2A52: a record count (0x05) or a response to a request (0x06). */
export function parseRacpResponse(bytes: Uint8Array): RacpResponse {
  const r = new FrameReader(bytes, 'RACP response');
  const opCode = r.u8('op code');
  const operator = r.u8('operator');
  if (operator !== OPERATOR.none) {
    throw new BleDecodeError('malformed', `RACP response: operator must be 0 (null), not ${operator}`);
  }
  if (opCode === OP.countResponse) {
    const count = r.u16('number of records');
    r.end();
    return { kind: 'count', count };
  }
  if (opCode === OP.response) {
    const requestOpCode = r.u8('request op code');
    const raw = r.u8('response code');
    r.end();
    const code = RESPONSE_CODES[raw as keyof typeof RESPONSE_CODES];
    if (code === undefined) throw new BleDecodeError('reserved', `RACP response code ${raw} is reserved`);
    return { kind: 'response', requestOpCode, code };
  }
  throw new BleDecodeError('malformed', `RACP: op code ${opCode} is not a response`);
}

/** True when a RACP answer ends a report request: its records have all arrived (or there were none). */
export function endsReport(response: RacpResponse): boolean {
  return response.kind === 'response' && response.requestOpCode === OP.report;
}
