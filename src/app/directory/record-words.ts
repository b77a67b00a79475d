import { msg, str } from '@lit/localize';
import type { LatestReading } from '../../shared/readings/schemas.js';
import type { RecordMedicine, TeamMember } from '../../shared/schedule/schedule-schemas.js';
import { getLocale } from '../localization.js';
import { formatMoment } from '../dates.js';
import { teamRoleLabel } from '../schedule/schedule-words.js';

/** The record's facts in words, both languages (issue 16 §5). */

export function conditionName(code: string): string {
  switch (code) {
    case 'hypertension':
      return msg('高血压');
    case 'type2_diabetes':
      return msg('2型糖尿病');
    default:
      return code;
  }
}

export function allergyName(group: string): string {
  return group === 'sulfonamide' ? msg('磺胺类药') : group === 'penicillin' ? msg('青霉素') : group;
}

/** The colour in words too: colour alone never carries meaning (tv-ui.md). */
export function colourWord(colour: LatestReading['colour']): string {
  switch (colour) {
    case 'green':
      return msg('正常');
    case 'yellow':
      return msg('要注意');
    case 'red':
      return msg('偏高或偏低，请联系医生');
    default:
      return msg('未评估');
  }
}

export function readingText(r: LatestReading): string {
  const v = r.values;
  switch (v.measure) {
    case 'blood_pressure':
      return msg(str`血压 ${v.systolic}/${v.diastolic} 毫米汞柱`);
    case 'glucose':
      return typeof v.value === 'number' ? msg(str`血糖 ${v.value} 毫摩尔/升`) : msg('血糖 超出血糖仪范围');
    case 'spo2':
      return msg(str`血氧 ${v.spo2}%`);
    default:
      return msg('其他测量');
  }
}

/** When something happened, on the county's clock: the same words as the pharmacy's times. */
export const takenOn = (iso: string): string => formatMoment(iso, 'dateTime');

function frequencyText(f: RecordMedicine['frequency']): string {
  switch (f) {
    case 'qd':
      return msg('每天1次');
    case 'bid':
      return msg('每天2次');
    case 'tid':
      return msg('每天3次');
    case 'qn':
      return msg('每晚睡前1次');
  }
}

function unitText(u: RecordMedicine['doseUnit']): string {
  return u === 'tablet' ? msg('片') : u === 'capsule' ? msg('粒') : msg('单位');
}

export function medicineText(m: RecordMedicine): string {
  const name = getLocale() === 'en' ? m.genericNameEn : m.genericNameZh;
  return msg(
    str`${name} ${m.strength}，${frequencyText(m.frequency)}，每次${m.doseAmount}${unitText(m.doseUnit)}`,
  );
}

export function teamMemberText(m: TeamMember): string {
  const reach = m.phone ? msg(str`电话 ${m.phone}`) : msg('请通过卫生院联系');
  return msg(str`${teamRoleLabel(m.teamRole)}：${m.displayName}（${m.organisationName}），${reach}`);
}
