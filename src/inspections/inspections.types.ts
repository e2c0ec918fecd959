// Domain types of 双随机一公开.
import type { DrawPublicData, DrawSelection } from './inspections.draw.js';

export const OUTCOMES = ['no_problem', 'rectify', 'transferred', 'not_found', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  no_problem: '未发现问题',
  rectify: '发现问题已责令整改',
  transferred: '发现问题移交处理',
  not_found: '未找到检查对象',
  other: '其他',
};

export const DRAW_STATUSES = ['committed', 'drawn'] as const;
export type DrawStatus = (typeof DRAW_STATUSES)[number];
export const DRAW_STATUS_LABELS: Record<DrawStatus, string> = {
  committed: '已公布抽取池，待抽取',
  drawn: '已抽取',
};

export interface Entity {
  /** Present when read from the 名录库 (not in draw data). */
  id?: number;
  active?: boolean;
  creditCode: string;
  name: string;
  address: string;
  industry: string;
  riskTags: string;
}

export interface Inspector {
  id?: number;
  active?: boolean;
  certNo: string;
  name: string;
  field: string;
  /** Declared relations: credit codes of entities the inspector must not inspect. */
  relations: string[];
}

/** A record of one of the two 名录库 (检查对象 or 执法检查人员), with its kind. */
export type LibraryRecord =
  { library: 'entities'; record: Entity } | { library: 'inspectors'; record: Inspector };

/** A draw without its public data and result (megabytes of JSON for a large pool), for lists. */
export interface DrawHead {
  id: number;
  departmentId: number;
  title: string;
  matter: string;
  year: number;
  poolDigest: string;
  poolSize: number;
  commitment: string;
  seed: string | null;
  status: DrawStatus;
  committedAt: string;
  drawnAt: string | null;
  /** The 年度抽查计划 the draw belongs to. */
  planId: number | null;
  /** Entities drawn (0 until the draw). */
  selectedCount: number;
}

export interface Draw extends DrawHead {
  data: DrawPublicData;
  result: DrawSelection[] | null;
}

export interface InspectionResult {
  drawId: number;
  creditCode: string;
  entityName: string;
  inspectors: string;
  outcome: Outcome;
  note: string;
  inspectionEndDate: string;
  publishedDate: string;
  dueDate: string;
  late: boolean;
}

/** A draw as the public list shows it (without its pool or result). */
export interface DrawSummary {
  id: number;
  title: string;
  matter: string;
  departmentId: number;
  departmentName: string;
  year: number;
  status: DrawStatus;
  poolSize: number;
  poolDigest: string;
  committedAt: string;
}

/** Working days after the inspection ends within which its result is published. */
export const RESULT_PUBLISH_WORKDAYS = 20;
/** The usual minimum share of the pool drawn per matter per year. */
export const MIN_COVERAGE_PERCENT = 5;

/** One matter of a 年度抽查计划: a planned share of the pool and/or number of draws, in a period. */
export interface PlanItem {
  matter: string;
  /** Percent of the pool, up to two decimals. */
  ratioPercent: number | null;
  plannedDraws: number | null;
  periodStart: string;
  periodEnd: string;
}

export interface Plan {
  id: number;
  departmentId: number;
  departmentName: string;
  year: number;
  note: string;
  items: PlanItem[];
  createdBy: string;
  updatedAt: string;
}
