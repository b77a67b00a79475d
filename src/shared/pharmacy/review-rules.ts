/**
 * The software pre-screen of a prescription or reorder (审方), as pure table-driven rules. It
 * shows the pharmacist what it finds; the pharmacist decides (《医疗机构处方审核规范》 2018, art. 3:
 * software assists, a pharmacist reviews every prescription). Each rule cites where it comes from.
 */
import type { DoseUnit, Frequency, MedicineForm, ReviewFinding, ReviewRule, Route } from './schemas.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** 《处方管理办法》 (卫生部令第53号, 2007) and 《医疗机构处方审核规范》 (国卫办医发〔2018〕14号). */
export const CITATIONS: Readonly<Record<ReviewRule, string>> = {
  indication: '《处方管理办法》第三十五条(二)；《医疗机构处方审核规范》第十五条(一) 处方用药与诊断是否相符',
  dose_range:
    '《处方管理办法》第三十五条(三)；《医疗机构处方审核规范》第十五条(三) 剂量、用法是否正确（说明书每日最大剂量）',
  form_route: '《处方管理办法》第三十五条(四)；《医疗机构处方审核规范》第十五条(四) 剂型与给药途径是否适宜',
  duplicate_therapy: '《处方管理办法》第三十五条(五)；《医疗机构处方审核规范》第十五条(五) 重复给药',
  interaction: '《处方管理办法》第三十五条(六)；《医疗机构处方审核规范》第十五条(五) 有临床意义的相互作用',
  allergy: '《医疗机构处方审核规范》第十五条(七) 药物过敏史禁忌',
  refill_too_early:
    '《长期处方管理规范（试行）》(国卫办医发〔2021〕17号) 与医保慢病续方：上次用量使用不足2/3不宜续方',
  supply_too_long:
    '《处方管理办法》第十九条；《长期处方管理规范（试行）》：长期处方一般不超过4周，病情稳定者最长12周',
  expired: '《处方管理办法》第十八条 处方有效期；长期处方在其注明的有效期内续配',
};

/** What the pre-screen knows of a medicine: its label and class, from the catalogue. */
export interface ReviewMedicine {
  id: string;
  genericNameZh: string;
  form: MedicineForm;
  route: Route;
  doseUnit: DoseUnit;
  /** Duplicate therapy is two medicines of one class, e.g. 'arb', 'sulfonylurea', 'statin'. */
  therapeuticClass: string;
  /** Condition codes it is indicated for, as the patient record spells them. */
  indications: readonly string[];
  /** The label's daily maximum, in the dose unit. */
  maxDailyUnits: number;
  /** Frequencies the label allows. */
  frequencies: readonly Frequency[];
  /** Allergy groups, e.g. 'sulfonamide', 'salicylate'. */
  allergyGroups: readonly string[];
  /** Scored tablets may be halved; controlled-release tablets must be swallowed whole. */
  divisible: boolean;
}

export interface ReviewLine {
  prescriptionId: string;
  medicine: ReviewMedicine;
  doseAmount: number;
  frequency: Frequency;
  route: Route;
  daysSupply: number;
  validUntil: Date;
  /** The last supply dispensed for this prescription; null: never dispensed (a new prescription). */
  lastSupply: { dispensedAt: Date; daysSupply: number } | null;
}

export interface ReviewContext {
  /** The lines of the order under review. */
  lines: readonly ReviewLine[];
  /** The patient's other current prescriptions (not in this order). */
  current: readonly ReviewLine[];
  conditions: readonly string[];
  allergies: readonly string[];
  now: Date;
}

export const DOSES_PER_DAY: Readonly<Record<Frequency, number>> = { qd: 1, bid: 2, tid: 3, qn: 1 };

/** Long-term prescriptions (长期处方): normally up to 4 weeks, at most 12 for a stable chronic patient. */
export const NORMAL_SUPPLY_DAYS = 28;
export const MAX_SUPPLY_DAYS = 84;
/** A refill before this share of the last supply is used is too early. */
export const REFILL_USED_SHARE = 2 / 3;

/**
 * Clinically significant interactions among common chronic-disease medicines, by class or by
 * generic name. A small table, each pair cited from the labels (说明书) and guidelines.
 */
export const INTERACTIONS: readonly {
  a: string;
  b: string;
  severity: 'block' | 'warn';
  effect: string;
  source: string;
}[] = [
  {
    a: 'aspirin',
    b: 'clopidogrel',
    severity: 'warn',
    effect: '出血风险增加 (bleeding risk)',
    source: '硫酸氢氯吡格雷片说明书【药物相互作用】; Plavix label §7',
  },
  {
    a: 'clopidogrel',
    b: 'rosuvastatin',
    severity: 'warn',
    effect: '瑞舒伐他汀暴露量约增加2倍，日剂量不宜超过10mg (rosuvastatin AUC ×2)',
    source: 'Crestor label §2.6, §7; 瑞舒伐他汀钙片说明书',
  },
  {
    a: 'amlodipine',
    b: 'simvastatin',
    severity: 'warn',
    effect: '辛伐他汀日剂量不宜超过20mg (myopathy risk)',
    source: 'Zocor label §2.3, §7; FDA Drug Safety Communication 2011',
  },
  {
    a: 'beta_blocker',
    b: 'sulfonylurea',
    severity: 'warn',
    effect: 'β受体阻滞剂可掩盖低血糖症状 (masks hypoglycaemia)',
    source: '酒石酸美托洛尔片说明书【注意事项】;《中国2型糖尿病防治指南（2020年版）》',
  },
  {
    a: 'beta_blocker',
    b: 'basal_insulin',
    severity: 'warn',
    effect: 'β受体阻滞剂可掩盖低血糖症状 (masks hypoglycaemia)',
    source: '甘精胰岛素注射液说明书【药物相互作用】; Lantus label §7',
  },
  {
    a: 'aspirin',
    b: 'sulfonylurea',
    severity: 'warn',
    effect: '水杨酸类可增强磺脲类降糖作用 (hypoglycaemia)',
    source: '格列美脲片说明书【药物相互作用】; Amaryl label §7',
  },
];

function finding(
  rule: ReviewRule,
  severity: 'block' | 'warn',
  line: ReviewLine,
  detail: string,
  params: Record<string, string | number> = {},
): ReviewFinding {
  return {
    rule,
    severity,
    prescriptionId: line.prescriptionId,
    params: { medicine: line.medicine.genericNameZh, ...params },
    detail,
    citation: CITATIONS[rule],
  };
}

type LineRule = (line: ReviewLine, context: ReviewContext) => ReviewFinding[];

/** A medicine's interaction keys: its generic (catalogue ids begin with it, 'aspirin-ec-100mg') and its class. */
const keysOf = (m: ReviewMedicine) => [m.id.split('-')[0], m.therapeuticClass];

/** One rule per row: each looks at one line of the order against the patient's record. */
const LINE_RULES: readonly LineRule[] = [
  function indication(line, { conditions }) {
    return line.medicine.indications.some((c) => conditions.includes(c))
      ? []
      : [
          finding('indication', 'warn', line, 'No diagnosis on record that this medicine treats.', {
            indications: line.medicine.indications.join(','),
          }),
        ];
  },
  function doseRange(line) {
    const daily = line.doseAmount * DOSES_PER_DAY[line.frequency];
    const out: ReviewFinding[] = [];
    if (daily > line.medicine.maxDailyUnits) {
      out.push(
        finding('dose_range', 'block', line, 'Daily amount above the label maximum.', {
          daily,
          maxDaily: line.medicine.maxDailyUnits,
          unit: line.medicine.doseUnit,
        }),
      );
    }
    if (!line.medicine.frequencies.includes(line.frequency)) {
      out.push(
        finding('dose_range', 'warn', line, 'Frequency not in the label.', {
          frequency: line.frequency,
          labelled: line.medicine.frequencies.join(','),
        }),
      );
    }
    return out;
  },
  function formRoute(line) {
    const out: ReviewFinding[] = [];
    if (line.route !== line.medicine.route) {
      out.push(
        finding('form_route', 'block', line, 'Route does not fit the form.', {
          route: line.route,
          formRoute: line.medicine.route,
        }),
      );
    }
    if (!Number.isInteger(line.doseAmount) && !line.medicine.divisible) {
      out.push(
        finding('form_route', 'block', line, 'This form must not be split.', {
          doseAmount: line.doseAmount,
          form: line.medicine.form,
        }),
      );
    }
    return out;
  },
  function duplicateTherapy(line, { lines, current }) {
    const others = [...lines, ...current].filter((o) => o.prescriptionId !== line.prescriptionId);
    return others
      .filter((o) => o.medicine.therapeuticClass === line.medicine.therapeuticClass)
      .map((o) =>
        finding('duplicate_therapy', 'warn', line, 'Another medicine of the same class.', {
          other: o.medicine.genericNameZh,
          therapeuticClass: line.medicine.therapeuticClass,
        }),
      );
  },
  function interaction(line, { lines, current }) {
    const others = [...lines, ...current].filter((o) => o.prescriptionId !== line.prescriptionId);
    const out: ReviewFinding[] = [];
    for (const other of others) {
      for (const pair of INTERACTIONS) {
        const mine = keysOf(line.medicine);
        const theirs = keysOf(other.medicine);
        const hit =
          (mine.includes(pair.a) && theirs.includes(pair.b)) ||
          (mine.includes(pair.b) && theirs.includes(pair.a));
        if (hit) {
          const f = finding('interaction', pair.severity, line, pair.effect, {
            other: other.medicine.genericNameZh,
          });
          out.push({ ...f, citation: `${f.citation}；${pair.source}` });
        }
      }
    }
    return out;
  },
  function allergy(line, { allergies }) {
    const groups = line.medicine.allergyGroups.filter((g) => allergies.includes(g));
    return groups.length
      ? [finding('allergy', 'block', line, 'Known allergy on record.', { allergy: groups.join(',') })]
      : [];
  },
  function refillTooEarly(line, { now }) {
    const last = line.lastSupply;
    if (!last) return [];
    const used = (now.getTime() - last.dispensedAt.getTime()) / (last.daysSupply * DAY_MS);
    return used < REFILL_USED_SHARE
      ? [
          finding('refill_too_early', 'warn', line, 'Less than 2/3 of the last supply is used.', {
            usedPercent: Math.max(0, Math.floor(used * 100)),
          }),
        ]
      : [];
  },
  function supplyTooLong(line) {
    if (line.daysSupply > MAX_SUPPLY_DAYS) {
      return [
        finding('supply_too_long', 'block', line, 'More than 12 weeks.', {
          days: line.daysSupply,
          max: MAX_SUPPLY_DAYS,
        }),
      ];
    }
    if (line.daysSupply > NORMAL_SUPPLY_DAYS) {
      return [
        finding('supply_too_long', 'warn', line, 'More than 4 weeks: only for a stable chronic patient.', {
          days: line.daysSupply,
          normal: NORMAL_SUPPLY_DAYS,
        }),
      ];
    }
    return [];
  },
  function expired(line, { now }) {
    return now.getTime() > line.validUntil.getTime()
      ? [
          finding('expired', 'block', line, 'The prescription has expired.', {
            validUntil: line.validUntil.toISOString(),
          }),
        ]
      : [];
  },
];

/** Every finding for the order's lines, in rule order per line. Pure. */
export function prescreen(context: ReviewContext): ReviewFinding[] {
  return context.lines.flatMap((line) => LINE_RULES.flatMap((rule) => rule(line, context)));
}

/** How long a prescription stays valid for reorders: its supplies end to end, within 12 weeks. */
export function validUntilOf(issuedAt: Date, daysSupply: number, refills: number): Date {
  const days = Math.min(MAX_SUPPLY_DAYS, daysSupply * (refills + 1));
  return new Date(issuedAt.getTime() + Math.max(days, daysSupply) * DAY_MS);
}

/** Packs that cover the supply: whole packs, never a fraction. */
export function packsFor(
  doseAmount: number,
  frequency: Frequency,
  daysSupply: number,
  packSize: number,
): number {
  return Math.max(1, Math.ceil((doseAmount * DOSES_PER_DAY[frequency] * daysSupply) / packSize));
}
