// The 政务公开领导小组: inputs of its use-cases and the sections of its texts.
// (GroupMember, GroupLiaison, GroupText and GROUP_ROLES live in orgs.types.ts.)
import type { GroupLiaison, GroupMember, GroupText } from './orgs.types.js';

/** The sections of the group's texts, in the order the public page shows them. */
export const GROUP_TEXT_KEYS = ['liaison', 'duties', 'office', 'rules', 'requirements'] as const;
export type GroupTextKey = (typeof GROUP_TEXT_KEYS)[number];

/** Default titles (an admin may retitle a section; the key stays). */
export const GROUP_TEXT_TITLES: Record<GroupTextKey, string> = {
  liaison: '联络员制度',
  duties: '主要职责',
  office: '工作机构',
  rules: '工作规则',
  requirements: '工作要求',
};

export function isGroupTextKey(v: string): v is GroupTextKey {
  return GROUP_TEXT_KEYS.some((k) => k === v);
}

export interface GroupMemberInput {
  role: string;
  name: string;
  position: string;
  /** The member's unit as a department of the directory (optional: the 组长's unit is the government itself). */
  departmentId: number | undefined;
  /** The unit's name when it is not a department of the directory, e.g. 市人民政府. */
  unitName: string;
  sortOrder: number | undefined;
}

export interface GroupLiaisonInput {
  departmentId: number | undefined;
  name: string;
  position: string;
  phone: string;
}

export interface GroupTextInput {
  title: string;
  body: string;
}

/** A member with the name of their unit resolved (department short name, else unit_name). */
export interface GroupMemberView extends GroupMember {
  unitLabel: string;
  /** Whether the unit's department page is public (the department is active). */
  departmentActive: boolean;
}

export interface GroupLiaisonView extends GroupLiaison {
  departmentName: string;
}

/** Everything the leading-group pages show. */
export interface LeadingGroup {
  members: GroupMemberView[];
  liaisons: GroupLiaisonView[];
  texts: GroupText[];
}

/** What the public page gets: no 联络员 at all (their names and phones stay in the console). */
export type PublicLeadingGroup = Omit<LeadingGroup, 'liaisons'>;
