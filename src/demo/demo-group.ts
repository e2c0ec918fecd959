// The demo 政务公开领导小组: every person of the seed's 附件 (黄冈市政务公开领导小组成员名单及职责)
// with the role and position it gives, linked to their unit's department; the group's texts
// from the 附件; and a few made-up 联络员.
//
// Names are the seed's names without the space the 附件 puts inside two-character names to align
// the list ("雷 电" is 雷电). Positions are exactly as the seed writes them. The texts are the
// 附件's, with the full-width punctuation of the original document restored (the seed's copy
// has ASCII commas and semicolons).
import type { GroupTextKey } from '../orgs/group.types.js';
import type { GroupRole } from '../orgs/orgs.types.js';

export interface DemoMember {
  role: GroupRole;
  name: string;
  position: string;
  /** The unit's short name in DEMO_DEPARTMENTS; undefined for the 组长 (the 市人民政府 itself). */
  unit: string | undefined;
}

const leader = (name: string, position: string, unit: string | undefined): DemoMember => ({
  role: 'leader',
  name,
  position,
  unit,
});
const deputy = (name: string, position: string, unit: string): DemoMember => ({
  role: 'deputy',
  name,
  position,
  unit,
});
const member = (name: string, position: string, unit: string): DemoMember => ({
  role: 'member',
  name,
  position,
  unit,
});

/** The unit the 组长 (市委常委、常务副市长) leads the group for: the government, not a department. */
export const LEADER_UNIT_NAME = '黄冈市人民政府';

export const DEMO_MEMBERS: readonly DemoMember[] = [
  leader('张社教', '市委常委、常务副市长', undefined),
  deputy('闻武斌', '市政府秘书长、市政府办公室主任', '市政府办公室'),
  deputy('戴均胜', '市政府副秘书长、市政府电子政务办主任', '市政府办公室'),
  member('雷电', '市委宣传部副部长', '市委宣传部'),
  member('郑华', '市网信办副主任', '市网信办'),
  member('秦志平', '市农办副主任', '市农办'),
  member('徐小鸥', '市编办副主任', '市编办'),
  member('王喜元', '市发改委副主任', '市发改委'),
  member('李洪', '市经信委党组成员、工会主席', '市经信委'),
  member('王银芬', '市教育局副局长', '市教育局'),
  member('胡春', '市科技局副局长', '市科技局'),
  member('孙新民', '市民宗局副局长', '市民宗局'),
  member('王建伟', '市公安局党委委员', '市公安局'),
  member('彭明星', '市民政局副局长', '市民政局'),
  member('王宏', '市司法局副局长', '市司法局'),
  member('张翔', '市财政局党组成员', '市财政局'),
  member('胡楚君', '市人社局党组成员、总会计师', '市人社局'),
  member('邓志群', '市国土资源局副局长', '市国土资源局'),
  member('汪凇', '市环保局副局长', '市环保局'),
  member('何华', '市住建委副主任', '市住建委'),
  member('郑志武', '市交通运输局副局长', '市交通运输局'),
  member('张胜', '市水利局副局长', '市水利局'),
  member('戴志强', '市农业局副局长', '市农业局'),
  member('黄建平', '市林业局副局长', '市林业局'),
  member('王钢', '市商务局副局长', '市商务局'),
  member('童勇', '市文广局副局长', '市文广局'),
  member('李文', '市卫生计生委副主任', '市卫生计生委'),
  member('雷友华', '市审计局党组成员、总审计师', '市审计局'),
  member('谢八一', '市外侨局副局长', '市外侨局'),
  member('曾汉良', '市统计局副局长', '市统计局'),
  member('徐冬梅', '市旅游委副主任', '市旅游委'),
  member('周新愿', '市粮食局党组成员', '市粮食局'),
  member('王国防', '市安监局副局长', '市安监局'),
  member('张越', '市城乡规划局副局长', '市城乡规划局'),
  member('刘扬', '市法制办副主任', '市法制办'),
  member('易星明', '市人防办党组成员', '市人防办'),
  member('吴克和', '市食品药品监管局副局长', '市食品药品监管局'),
  member('钱志通', '市国资委副主任', '市国资委'),
  member('何刚', '市工商局副局长', '市工商局'),
  member('朱运焱', '市质监局副局长', '市质监局'),
  member('王立新', '市体育局副局长', '市体育局'),
  member('方红兵', '市水产局副局长', '市水产局'),
  member('肖仕祥', '市城管执法局党组成员、总工程师', '市城管执法局'),
  member('何汉中', '市地震局局长', '市地震局'),
  member('周德刚', '市机关事务局副局长', '市机关事务局'),
  member('杨光荣', '市公共资源交易监管局党组成员', '市公共资源交易监管局'),
  member('方林生', '市房管局副局长', '市房管局'),
  member('张巍', '市物价局副局长', '市物价局'),
  member('李武', '市扶贫攻坚办专职副主任', '市扶贫攻坚办'),
  member('黄蔓', '市招商局副局长', '市招商局'),
  member('叶旭', '市市校合作办(发展研究中心)副主任', '市市校合作办'),
  member('王琳', '市公积金中心副主任', '市公积金中心'),
  member('赵瑞群', '市方志办副主任', '市方志办'),
  member('江冠华', '市金融工作局局长', '市金融工作局'),
  member('童晓斌', '市园林局副局长', '市园林局'),
  member('罗尚杰', '市农机局党组成员', '市农机局'),
  member('方运先', '市农垦局副局长', '市农垦局'),
  member('琚兆军', '市行政服务中心副主任', '市行政服务中心'),
  member('周文', '市供销社副主任', '市供销社'),
  member('李志刚', '市国税局党组成员、总会计师', '市国税局'),
  member('贺启春', '市地税局副局长', '市地税局'),
  member('南阳春', '市气象局副局长', '市气象局'),
  member('张水利', '市银监局副局长', '市银监局'),
  member('杨钊', '市人行副行长', '市人行'),
  member('熊晓明', '市法院副院长', '市法院'),
];

/** The group's texts from the 附件, one paragraph per array entry. */
export const DEMO_GROUP_TEXTS: Readonly<Record<GroupTextKey, readonly string[]>> = {
  liaison: [
    '领导小组建立联络员制度，联络员由各成员单位相关科室主要负责人担任，具体负责日常工作的联系和协调。',
  ],
  duties: [
    '贯彻落实党中央、国务院和省委、省政府及市委、市政府关于政务公开工作的方针政策；研究提出全市政务公开工作的政策措施和年度工作重点；协调各地、各部门抓好政务公开工作任务落实，并加强督促检查；完成党中央、国务院和省委、省政府及市委、市政府交办的其他事项。',
  ],
  office: [
    '领导小组办公室设在市政府办公室，由市政府电子政务办公室承担日常工作，市政府副秘书长、市政府电子政务办主任戴均胜兼任办公室主任。',
    '领导小组成员因工作变动需要调整的，由所在单位提出，按程序报领导小组批准。',
  ],
  rules: [
    '领导小组实行工作会议制度，定期不定期召开。工作会议由组长召集，也可由组长委托副组长召集。会议参加人员为领导小组全体成员或部分成员，必要时可邀请其他有关单位人员参加。领导小组工作会议以纪要形式明确会议议定事项并印发有关方面。',
  ],
  requirements: [
    '各成员单位要根据各自职责，主动研究政务公开工作有关问题，积极参加领导小组工作，认真落实领导小组会议议定事项。各成员单位之间要加强配合，形成合力，共同推进政务公开政务服务各项工作。',
  ],
};

export interface DemoLiaison {
  unit: string;
  name: string;
  position: string;
  phone: string;
}

/** Made-up 联络员 (the seed names none): "（演示）" marks every one of them. */
export const DEMO_LIAISONS: readonly DemoLiaison[] = [
  { unit: '市政府办公室', name: '陈晓燕（演示）', position: '政务公开科科长', phone: '0713-8690101' },
  { unit: '市统计局', name: '刘志明（演示）', position: '办公室主任', phone: '0713-8690102' },
  { unit: '市财政局', name: '吴静（演示）', position: '办公室主任', phone: '0713-8690103' },
  { unit: '市发改委', name: '周建华（演示）', position: '办公室副主任', phone: '0713-8690104' },
  { unit: '市教育局', name: '胡丽（演示）', position: '办公室主任', phone: '0713-8690105' },
  { unit: '市民政局', name: '杨帆（演示）', position: '办公室主任', phone: '0713-8690106' },
  { unit: '市环保局', name: '徐磊（演示）', position: '宣传教育科科长', phone: '0713-8690107' },
  { unit: '市人社局', name: '郭敏（演示）', position: '办公室主任', phone: '0713-8690108' },
];
