import { msg } from '@lit/localize';
import type { AdviceKey, Colour, MessageKey } from '../../shared/readings/clinical.js';
import type { Measure } from '../../shared/readings/schemas.js';
import type { DeviceErrorCode, DeviceState } from './devices/device.js';
import type { FieldName, GlucoseContext } from './entry.js';
import type { IconName } from '../ui/icons.js';

/** Colour is never the only cue (tv-ui.md): each has a word and an icon. */
export function colourWord(colour: Colour): string {
  return colour === 'red'
    ? msg('红色：需要尽快处理')
    : colour === 'yellow'
      ? msg('黄色：需要注意')
      : msg('绿色：正常');
}

export const COLOUR_ICON: Record<Colour, IconName> = { red: 'stop', yellow: 'attention', green: 'check' };

export function measureName(measure: Measure): string {
  switch (measure) {
    case 'blood_pressure':
      return msg('血压');
    case 'glucose':
      return msg('血糖');
    case 'spo2':
      return msg('血氧');
    case 'weight':
      return msg('体重');
    case 'temperature':
      return msg('体温');
  }
}

/** When a glucose was taken, as a resident says it (the thresholds differ: clinical.md). */
export function glucoseContextText(context: GlucoseContext): string {
  switch (context) {
    case 'fasting':
      return msg('空腹：早上起来还没吃东西');
    case 'after_meal':
      return msg('饭后：吃完饭两小时');
    case 'random':
      return msg('其他时候');
  }
}

export function fieldLabel(field: FieldName): string {
  switch (field) {
    case 'systolic':
      return msg('高压（收缩压）');
    case 'diastolic':
      return msg('低压（舒张压）');
    case 'glucose':
      return msg('血糖');
    case 'spo2':
      return msg('血氧饱和度');
    case 'weight':
      return msg('体重');
    case 'temperature':
      return msg('体温');
  }
}

export function messageText(key: MessageKey | string | null): string {
  switch (key) {
    case 'bp_normal':
      return msg('血压正常');
    case 'bp_high_normal':
      return msg('血压正常偏高');
    case 'bp_grade_1':
      return msg('血压偏高（1级）');
    case 'bp_grade_2':
      return msg('血压明显偏高（2级）');
    case 'bp_grade_3':
      return msg('血压很高（3级）');
    case 'bp_home_above_target':
      return msg('血压高于在家测量的目标（135/85）');
    case 'bp_home_in_target':
      return msg('血压在目标范围内');
    case 'bp_low':
      return msg('血压偏低');
    case 'glucose_hypo_level_2':
      return msg('血糖很低（严重低血糖）');
    case 'glucose_hypo_level_1':
      return msg('血糖偏低（低血糖）');
    case 'glucose_below_target':
      return msg('血糖低于目标');
    case 'glucose_in_target':
      return msg('血糖在目标范围内');
    case 'glucose_above_target':
      return msg('血糖高于目标');
    case 'glucose_very_high':
      return msg('血糖很高');
    case 'glucose_meter_hi':
      return msg('血糖超出血糖仪能测的最高值');
    case 'glucose_meter_lo':
      return msg('血糖低于血糖仪能测的最低值');
    case 'spo2_normal':
      return msg('血氧正常');
    case 'spo2_low':
      return msg('血氧偏低');
    case 'spo2_very_low':
      return msg('血氧很低');
    case 'temperature_hypothermia':
      return msg('体温过低');
    case 'temperature_low':
      return msg('体温偏低');
    case 'temperature_normal':
      return msg('体温正常');
    case 'temperature_fever':
      return msg('发烧');
    case 'temperature_high_fever':
      return msg('高烧');
    case 'bmi_underweight':
      return msg('体重偏轻');
    case 'bmi_normal':
      return msg('体重正常');
    case 'bmi_overweight':
      return msg('体重超重');
    case 'bmi_obese':
      return msg('肥胖');
    case 'danger_symptoms':
      return msg('有危险症状');
    default:
      return msg('已记录');
  }
}

export function adviceText(key: AdviceKey | string | null): string {
  switch (key) {
    case 'call_doctor_now':
      return msg('请今天就联系医生，可以现在呼叫医生。');
    case 'recheck_follow_up':
      return msg('休息一会儿再量一次，医生会在两周内联系您。');
    case 'eat_sugar_recheck':
      return msg('请吃点含糖的东西，15分钟后再量一次。');
    case 'lifestyle_follow_up':
      return msg('下次看医生时聊聊饮食和运动。');
    case 'keep_going':
      return msg('继续保持，按时测量。');
    default:
      return msg('医生会看到这次结果。');
  }
}

export function deviceErrorText(error: DeviceErrorCode): string {
  switch (error) {
    case 'no_bluetooth':
      return msg('这台电视不能连接蓝牙测量仪。请用遥控器输入测量结果。');
    case 'permission_denied':
      return msg('没有得到连接测量仪的许可。请再试一次，或用遥控器输入。');
    case 'out_of_range':
      return msg('测量仪离得太远或已关机。请把它放近一些，打开后再试。');
    case 'cuff_error':
      return msg('袖带没有绑好或测量时动了。请重新绑好袖带，坐好不动，再量一次。');
    case 'device_clock_unset':
      return msg('测量仪的时间没有设置。结果按收到的时间记录。');
    case 'bad_frame':
      return msg('测量仪发来的数据读不出来，这次没有记录。请再量一次。');
  }
}

export function deviceStateText(state: DeviceState): string {
  switch (state.step) {
    case 'idle':
      return msg('准备好后，请按“开始测量”。');
    case 'searching':
      return msg('正在寻找测量仪…');
    case 'connecting':
      return msg('正在连接测量仪…');
    case 'measuring':
      return msg('正在测量，请坐好不要动…');
    case 'done':
      return msg('测量完成。');
    case 'error':
      return deviceErrorText(state.error);
  }
}
