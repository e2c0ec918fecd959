// The built-in list types (reference cn-gov-norms §4–§5). They are data: the service writes them
// into list_types when missing, and admins may add more in the console.
import type { ListField } from './lists.types.js';

/** The 10 categories of 行政职权 (中办发〔2015〕21号). */
export const POWER_TYPES = [
  '行政许可',
  '行政处罚',
  '行政强制',
  '行政征收',
  '行政给付',
  '行政检查',
  '行政确认',
  '行政奖励',
  '行政裁决',
  '其他行政权力',
] as const;

/** 政务服务 classification (a separate enumeration from the 权责清单's). */
export const SERVICE_ITEM_TYPES = [
  '行政许可',
  '行政确认',
  '行政裁决',
  '行政给付',
  '行政奖励',
  '行政备案',
  '其他行政权力',
  '公共服务',
] as const;

const FUND_MANAGEMENT = ['缴入中央国库', '缴入中央和地方国库', '缴入地方国库', '缴入中央和地方财政专户'];

export interface BuiltinListType {
  slug: string;
  name: string;
  description: string;
  keyField: string;
  fields: ListField[];
}

const t = (key: string, label: string, required = false): ListField => ({
  key,
  label,
  type: 'text',
  required,
});
const long = (key: string, label: string, required = false): ListField => ({
  key,
  label,
  type: 'longtext',
  required,
});
const docs = (key: string, label: string, required = false): ListField => ({
  key,
  label,
  type: 'documents',
  required,
});
const choice = (key: string, label: string, options: readonly string[], required = false): ListField => ({
  key,
  label,
  type: 'enum',
  required,
  options,
});
const remark = long('remark', '备注');

export const BUILTIN_LIST_TYPES: readonly BuiltinListType[] = [
  {
    slug: 'qzqd',
    name: '权责清单',
    description: '行政权力事项、公共服务事项及对应的责任事项（中办发〔2015〕21号）。',
    keyField: 'code',
    fields: [
      t('code', '职权编码', true),
      t('name', '职权名称', true),
      t('sub_item', '子项名称'),
      choice('power_type', '职权类型', POWER_TYPES, true),
      t('subject', '实施主体', true),
      t('office', '承办机构'),
      docs('basis', '实施依据', true),
      long('duties', '责任事项'),
      long('accountability', '追责情形'),
      t('phone', '监督电话'),
      remark,
    ],
  },
  {
    slug: 'xzsyxsf',
    name: '行政事业性收费目录清单',
    description: '本级行政事业性收费项目、资金管理方式和政策依据。',
    keyField: 'name',
    fields: [
      t('name', '项目名称', true),
      t('sub_item', '子项目'),
      t('collector', '执收部门', true),
      choice('fund_management', '资金管理方式', FUND_MANAGEMENT, true),
      t('standard', '收费标准'),
      docs('basis', '政策依据', true),
      choice('level', '设立级次', ['中央', '省', '市'], false),
      choice('enterprise', '是否涉企', ['是', '否'], false),
      remark,
    ],
  },
  {
    slug: 'sqjyfwsf',
    name: '涉企经营服务性收费清单',
    description: '涉及企业的经营服务性收费项目、收费性质与标准。',
    keyField: 'name',
    fields: [
      t('name', '收费项目', true),
      t('unit', '收费单位', true),
      choice('nature', '收费性质', ['政府定价', '政府指导价', '市场调节价'], true),
      t('standard', '收费标准'),
      docs('basis', '收费依据'),
      remark,
    ],
  },
  {
    slug: 'zfxjj',
    name: '政府性基金收费目录清单',
    description: '政府性基金项目、征收部门、资金管理方式与政策依据。',
    keyField: 'name',
    fields: [
      t('name', '基金名称', true),
      t('collector', '征收部门', true),
      choice('fund_management', '资金管理方式', FUND_MANAGEMENT, true),
      t('standard', '征收标准'),
      docs('basis', '政策依据', true),
      remark,
    ],
  },
  {
    slug: 'zjfw',
    name: '中介服务事项清单',
    description: '行政审批中介服务事项；清单之外的中介服务不得作为受理条件。',
    keyField: 'name',
    fields: [
      t('name', '中介服务事项名称', true),
      t('approval_item', '对应审批事项名称', true),
      t('approval_department', '审批部门', true),
      docs('basis', '设定依据', true),
      t('provider', '实施机构'),
      t('provider_nature', '机构性质'),
      long('service', '服务事项'),
      choice('fee_nature', '收费性质', ['市场调节价', '政府定价'], false),
      t('fee_standard', '收费标准'),
      remark,
    ],
  },
  {
    slug: 'tzhz',
    name: '投资核准事项清单',
    description: '企业投资项目核准事项、核准机关与权限。',
    keyField: 'name',
    fields: [
      t('name', '事项名称', true),
      t('project_type', '项目类别'),
      t('authority', '核准机关', true),
      long('scope', '核准权限及范围'),
      docs('basis', '设定依据', true),
      t('time_limit', '办理时限'),
      remark,
    ],
  },
  {
    slug: 'zyzg',
    name: '职业资格目录清单',
    description: '专业技术人员和技能人员职业资格（准入类、水平评价类）。',
    keyField: 'name',
    fields: [
      t('name', '职业资格名称', true),
      choice('category', '类别', ['专业技术人员职业资格', '技能人员职业资格'], true),
      choice('kind', '资格类型', ['准入类', '水平评价类'], true),
      t('authority', '实施部门（单位）', true),
      docs('basis', '设定依据', true),
      remark,
    ],
  },
  {
    slug: 'gsdjqz',
    name: '工商登记前置审批事项目录',
    description: '办理工商登记前须取得的审批事项。',
    keyField: 'name',
    fields: [
      t('name', '项目名称', true),
      t('authority', '实施机关', true),
      docs('basis', '设定依据', true),
      remark,
    ],
  },
  {
    slug: 'zwfw',
    name: '政务服务事项目录',
    description:
      '政务服务事项及其办事指南要素（事项名称、设定依据、申请条件、办理材料、办理地点、办理机构、收费标准、办理时间、联系电话、办理流程）。',
    keyField: 'code',
    fields: [
      t('code', '事项编码', true),
      t('name', '事项名称', true),
      choice('item_type', '事项类型', SERVICE_ITEM_TYPES, true),
      t('competent', '主管部门'),
      t('implementer', '实施机关', true),
      docs('basis', '设定依据', true),
      long('conditions', '申请条件', true),
      long('materials', '办理材料', true),
      t('place', '办理地点', true),
      t('office', '办理机构', true),
      t('fee', '收费标准', true),
      t('hours', '办理时间', true),
      t('phone', '联系电话', true),
      long('process', '办理流程', true),
      t('legal_limit', '法定办结时限'),
      t('promised_limit', '承诺办结时限'),
      choice('audience', '服务对象', ['个人', '法人', '个人及法人'], false),
      { key: 'online_url', label: '网上办理地址', type: 'url', required: false },
      remark,
    ],
  },
  {
    slug: 'sjcc',
    name: '随机抽查事项清单',
    description: '双随机一公开的抽查事项（一般检查事项、重点检查事项）。',
    keyField: 'name',
    fields: [
      t('name', '抽查事项', true),
      choice('category', '事项类别', ['一般检查事项', '重点检查事项'], true),
      t('targets', '检查对象', true),
      t('subject', '检查主体', true),
      docs('basis', '检查依据', true),
      t('method', '检查方式'),
      long('content', '检查内容'),
      t('ratio', '抽查比例'),
      t('frequency', '抽查频次'),
      remark,
    ],
  },
];

/** The slug of the 随机抽查事项清单, whose entries are the matters of inspection draws. */
export const INSPECTION_MATTERS_SLUG = 'sjcc';
