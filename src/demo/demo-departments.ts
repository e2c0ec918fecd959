// Demo departments (stub: the full list from the seed's 附件 is filled in by the orgs work).
import { creditCodeCheckChar } from '../orgs/credit-code.js';
import type { DepartmentKind } from '../orgs/orgs.types.js';

export interface DemoDepartment {
  fullName: string;
  shortName: string;
  kind: DepartmentKind;
  address?: string;
  guideText?: string;
  functionsText?: string;
}

/** A made-up 统一社会信用代码 with a valid check character: 11421100 + 9-digit serial. */
export function demoCreditCode(serial: number): string {
  const first17 = `11421100${String(serial).padStart(8, '0')}X`.slice(0, 17);
  return first17 + (creditCodeCheckChar(first17) ?? '0');
}

export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = [
  { fullName: '黄冈市人民政府办公室', shortName: '市政府办', kind: 'city_department' },
  { fullName: '黄冈市统计局', shortName: '市统计局', kind: 'city_department' },
];
