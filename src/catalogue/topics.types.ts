// 主题分类: two levels (a first-level group and its topics), editable by admins (design §4.2).

export interface Topic {
  id: number;
  parentId: number | null;
  name: string;
  slug: string;
  description: string;
  /** A key area of the seed (二(一)), shown as a 专题专栏 on the portal. */
  isKeyArea: boolean;
  sortOrder: number;
  active: boolean;
}

export interface TopicInput {
  name: string;
  slug: string;
  parentId: string;
  description: string;
  isKeyArea: boolean;
  sortOrder: string;
}

export const TOPIC_INPUT_LABELS: Record<keyof TopicInput, string> = {
  name: '名称',
  slug: '网址标识',
  parentId: '上级分类',
  description: '说明',
  isKeyArea: '重点领域（专题专栏）',
  sortOrder: '排序',
};

/** The 年度报告 column of the 政府信息公开 section (/xxgk/annual-reports): its topic's slug. */
export const ANNUAL_REPORTS_SLUG = 'annual-reports';

/** A default second-level topic: name, slug and, unless it says otherwise, a key area. */
export type DefaultTopicChild =
  | readonly [name: string, slug: string]
  | readonly [name: string, slug: string, options: { readonly isKeyArea: boolean }];

/**
 * The default list (design §4.2): first-level groups with the seed's key areas under them, and
 * the 年度报告 column (政府信息公开工作年度报告, issue 3 §3), which is a column but not a key area.
 */
export const DEFAULT_TOPICS: readonly {
  name: string;
  slug: string;
  children: readonly DefaultTopicChild[];
}[] = [
  {
    name: '财政资金',
    slug: 'public-finance',
    children: [
      ['财政预决算', 'budgets'],
      ['政府债务', 'government-debt'],
      ['税费', 'taxes-and-fees'],
      ['政府采购', 'government-procurement'],
    ],
  },
  {
    name: '重大建设项目和公共资源配置',
    slug: 'projects-and-resources',
    children: [
      ['公共资源交易', 'public-resource-trading'],
      ['投资项目', 'investment-projects'],
      ['PPP', 'ppp'],
      ['土地供应', 'land-supply'],
    ],
  },
  {
    name: '放管服与市场监管',
    slug: 'regulation-and-services',
    children: [
      ['放管服（清单）', 'streamlining-lists'],
      ['信用', 'credit'],
      ['消费与质量', 'consumption-and-quality'],
      ['食品药品安全', 'food-and-drug-safety'],
    ],
  },
  {
    name: '经济发展',
    slug: 'economy',
    children: [
      ['农业农村', 'agriculture-and-rural'],
      ['制造业与创新', 'manufacturing-and-innovation'],
      ['去产能', 'capacity-reduction'],
      ['金融风险', 'financial-risk'],
    ],
  },
  {
    name: '民生保障',
    slug: 'livelihoods',
    children: [
      ['扶贫脱贫', 'poverty-alleviation'],
      ['社会救助', 'social-assistance'],
      ['教育', 'education'],
      ['卫生健康', 'health'],
      ['房地产与住房保障', 'housing'],
      ['棚户区与危房改造', 'shanty-town-renovation'],
    ],
  },
  {
    name: '生态环境与安全生产',
    slug: 'environment-and-safety',
    children: [
      ['环境保护', 'environmental-protection'],
      ['水利与河湖长制', 'water-and-river-chiefs'],
      ['安全生产', 'work-safety'],
    ],
  },
  {
    name: '政务公开工作',
    slug: 'openness-work',
    children: [
      ['人大建议与政协提案', 'proposals-and-suggestions'],
      ['政策解读', 'policy-interpretation'],
      ['回应关切', 'responding-to-concerns'],
      ['政府信息公开工作年度报告', ANNUAL_REPORTS_SLUG, { isKeyArea: false }],
    ],
  },
];
