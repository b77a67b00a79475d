import { msg, str } from '@lit/localize';

const MINUTE = 60_000;

/** Whole minutes from an ISO time to `now` (never negative: a fast server clock is not a wait). */
export function minutesSince(iso: string, now: number): number {
  const since = Date.parse(iso);
  if (Number.isNaN(since)) return 0;
  return Math.max(0, Math.floor((now - since) / MINUTE));
}

/** A wait in words: 刚到, 等了 3 分钟, 等了 1 小时 5 分钟. */
export function waitingText(minutes: number): string {
  if (minutes < 1) return msg('刚到');
  if (minutes < 60) return msg(str`等了 ${minutes} 分钟`);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? msg(str`等了 ${hours} 小时`) : msg(str`等了 ${hours} 小时 ${rest} 分钟`);
}

export function sexText(sex: 'female' | 'male'): string {
  return sex === 'female' ? msg('女') : msg('男');
}

/** 82 岁 · 女 · 柳树村: who the patient is at a glance. */
export function patientFacts(patient: { age: number; sex: 'female' | 'male'; village: string }): string {
  return [msg(str`${patient.age} 岁`), sexText(patient.sex), patient.village].filter(Boolean).join(' · ');
}
