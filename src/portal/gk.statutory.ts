// 法定主动公开内容: the fifteen kinds of information that 条例 (2019) Art. 20 says every
// administrative organ publishes proactively, and where the platform lists each kind
// (信息类别 by code, 主题分类 by name — a topic is linked only while it exists).
import type { ItemCategory } from '../catalogue/catalogue.types.js';

export interface StatutoryKind {
  text: string;
  categories: readonly ItemCategory[];
  topics: readonly string[];
  pages: readonly { href: string; label: string }[];
}

export const STATUTORY_KINDS: readonly StatutoryKind[] = [
  { text: '行政法规、规章和规范性文件', categories: ['normative', 'policy'], topics: [], pages: [] },
  {
    text: '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
    categories: [],
    topics: [],
    pages: [
      { href: '/departments', label: '机构目录' },
      { href: '/xxgk/guide', label: '政府信息公开指南' },
    ],
  },
  {
    text: '国民经济和社会发展规划、专项规划、区域规划及相关政策',
    categories: ['plan'],
    topics: [],
    pages: [],
  },
  { text: '国民经济和社会发展统计信息', categories: ['statistics'], topics: [], pages: [] },
  {
    text: '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
    categories: [],
    topics: ['放管服（清单）'],
    pages: [],
  },
  {
    text: '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定',
    categories: [],
    topics: ['信用'],
    pages: [],
  },
  { text: '财政预算、决算信息', categories: ['finance'], topics: ['财政预决算', '政府债务'], pages: [] },
  { text: '行政事业性收费项目及其依据、标准', categories: [], topics: ['税费'], pages: [] },
  { text: '政府集中采购项目的目录、标准及实施情况', categories: [], topics: ['政府采购'], pages: [] },
  {
    text: '重大建设项目的批准和实施情况',
    categories: [],
    topics: ['投资项目', 'PPP', '公共资源交易'],
    pages: [],
  },
  {
    text: '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
    categories: [],
    topics: ['扶贫脱贫', '教育', '卫生健康', '社会救助'],
    pages: [],
  },
  { text: '突发公共事件的应急预案、预警信息及应对情况', categories: [], topics: ['回应关切'], pages: [] },
  {
    text: '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
    categories: [],
    topics: ['环境保护', '安全生产', '食品药品安全', '消费与质量'],
    pages: [],
  },
  {
    text: '公务员招考的职位、名额、报考条件等事项以及录用结果',
    categories: ['personnel'],
    topics: [],
    pages: [],
  },
  {
    text: '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
    categories: ['other'],
    topics: [],
    pages: [{ href: '/xxgk/catalogue', label: '政府信息公开目录' }],
  },
];
