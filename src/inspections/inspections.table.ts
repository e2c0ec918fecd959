// Kysely table interfaces of the 双随机一公开 (inspections) domain.
import type { Generated } from 'kysely';

/** 检查对象名录库. */
export interface InspEntitiesTable {
  id: Generated<number>;
  department_id: number;
  credit_code: string;
  name: string;
  address: string;
  industry: string;
  risk_tags: string;
  /** 0: deactivated (kept, out of new draw pools). */
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 执法检查人员名录库; `relations` are declared conflicts (credit codes, separated by commas). */
export interface InspInspectorsTable {
  id: Generated<number>;
  department_id: number;
  cert_no: string;
  name: string;
  field: string;
  relations: string;
  active: number;
  created_at: string;
  updated_at: string;
}

/** A draw: its public data (pool, conflicts, parameters) is fixed and digested before the seed is revealed. */
export interface InspDrawsTable {
  id: Generated<number>;
  department_id: number;
  title: string;
  matter: string;
  year: number;
  public_json: string;
  pool_digest: string;
  pool_size: number;
  seed_commitment: string;
  /** Kept secret until the draw; then equal to `seed`. */
  seed_secret: string;
  seed: string | null;
  result_json: string | null;
  selected_count: Generated<number>;
  status: string;
  committed_at: string;
  drawn_at: string | null;
  created_by: string;
  /** The 年度抽查计划 the draw belongs to (its department's plan of the year listing its matter). */
  plan_id: Generated<number | null>;
}

export interface InspResultsTable {
  id: Generated<number>;
  draw_id: number;
  credit_code: string;
  entity_name: string;
  inspectors: string;
  outcome: string;
  note: string;
  inspection_end_date: string;
  published_date: string;
  due_date: string;
  late: number;
  created_at: string;
}

/** 年度抽查计划: one per department and year. */
export interface InspPlansTable {
  id: Generated<number>;
  department_id: number;
  year: number;
  note: Generated<string>;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** One matter of a plan: planned ratio (hundredths of a percent) and/or number of draws, and its period. */
export interface InspPlanItemsTable {
  id: Generated<number>;
  plan_id: number;
  matter: string;
  ratio_bp: number | null;
  planned_draws: number | null;
  period_start: string;
  period_end: string;
}
