// Turning the console's form bodies into the services' typed inputs, and back into the values a
// form re-renders with (exactly what the user typed).
import type { GroupLiaisonInput, GroupMemberInput } from './group.types.js';
import type { DepartmentFormBody, LiaisonFormBody, MemberFormBody } from './orgs.schemas.js';
import type { DepartmentInput } from './orgs.types.js';

/** '' → undefined; digits → the number; anything else → NaN, which the validators reject. */
export function formInt(value: string | undefined): number | undefined {
  const t = (value ?? '').trim();
  if (!t) return undefined;
  return /^\d{1,9}$/.test(t) ? Number(t) : Number.NaN;
}

export function departmentInputFromForm(b: DepartmentFormBody): DepartmentInput {
  return {
    fullName: b.fullName ?? '',
    shortName: b.shortName ?? '',
    kind: b.kind ?? '',
    creditCode: b.creditCode ?? '',
    parentId: formInt(b.parentId),
    address: b.address ?? '',
    officeHours: b.officeHours ?? '',
    phone: b.phone ?? '',
    email: b.email ?? '',
    guideText: b.guideText ?? '',
    functionsText: b.functionsText ?? '',
    sortOrder: formInt(b.sortOrder),
  };
}

export function departmentFormTyped(b: DepartmentFormBody): Record<keyof DepartmentInput, string> {
  return {
    fullName: b.fullName ?? '',
    shortName: b.shortName ?? '',
    kind: b.kind ?? '',
    creditCode: b.creditCode ?? '',
    parentId: b.parentId ?? '',
    address: b.address ?? '',
    officeHours: b.officeHours ?? '',
    phone: b.phone ?? '',
    email: b.email ?? '',
    guideText: b.guideText ?? '',
    functionsText: b.functionsText ?? '',
    sortOrder: b.sortOrder ?? '',
  };
}

export function memberInputFromForm(b: MemberFormBody): GroupMemberInput {
  return {
    role: b.role ?? '',
    name: b.name ?? '',
    position: b.position ?? '',
    departmentId: formInt(b.departmentId),
    unitName: b.unitName ?? '',
    sortOrder: formInt(b.sortOrder),
  };
}

export function memberFormTyped(b: MemberFormBody): Record<keyof GroupMemberInput, string> {
  return {
    role: b.role ?? '',
    name: b.name ?? '',
    position: b.position ?? '',
    departmentId: b.departmentId ?? '',
    unitName: b.unitName ?? '',
    sortOrder: b.sortOrder ?? '',
  };
}

export function liaisonInputFromForm(b: LiaisonFormBody): GroupLiaisonInput {
  return {
    departmentId: formInt(b.departmentId),
    name: b.name ?? '',
    position: b.position ?? '',
    phone: b.phone ?? '',
  };
}

export function liaisonFormTyped(b: LiaisonFormBody): Record<keyof GroupLiaisonInput, string> {
  return {
    departmentId: b.departmentId ?? '',
    name: b.name ?? '',
    position: b.position ?? '',
    phone: b.phone ?? '',
  };
}
