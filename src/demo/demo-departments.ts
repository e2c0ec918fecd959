// Demo departments: every member unit of the seed's 附件 (黄冈市政务公开领导小组成员名单), the
// county-level governments of 黄冈 and the three 管委会 the seed's opening line addresses.
// Short names are written as the seed writes them; full names are the units' formal names.
// Credit codes, addresses and phone numbers are made up (the portal says so on every page).
//
// Kinds: the seed addresses its plan to "各县、市、区人民政府，龙感湖管理区、黄冈高新区管委会、
// 黄冈白潭湖片区筹建委员会，市政府各部门". Bodies of the 市人民政府 (its working departments, its
// directly subordinate bodies and centres) are city_department. Everything that is not part of
// the city government's own line is 'other': organs of the CPC 市委 (宣传部, 网信办, 农办, and
// 编办, the 市委's establishment office), the court, and bodies under vertical management
// (国税 under the State Administration of Taxation, 地税 under the provincial bureau, 气象,
// 银监 and 人行 under their national authorities).
import { creditCodeCheckChar } from '../orgs/credit-code.js';
import type { DepartmentInput, DepartmentKind } from '../orgs/orgs.types.js';
import { DEMO_FUNCTIONS, DEMO_GUIDES } from './demo-texts.js';

export interface DemoDepartment {
  fullName: string;
  shortName: string;
  kind: DepartmentKind;
}

/** A made-up 统一社会信用代码 with a valid check character: 11421100 + 9-digit serial. */
export function demoCreditCode(serial: number): string {
  const first17 = `11421100${String(serial).padStart(8, '0')}X`.slice(0, 17);
  return first17 + (creditCodeCheckChar(first17) ?? '0');
}

const C = 'city_department';
const O = 'other';
const G = 'county_government';
const M = 'management_committee';

function dep(shortName: string, fullName: string, kind: DepartmentKind): DemoDepartment {
  return { shortName, fullName, kind };
}

export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = [
  // The 领导小组办公室 is set up in the 市政府办公室 (附件 三、工作机构).
  dep('市政府办公室', '黄冈市人民政府办公室', C),
  // Member units, in the order of the 附件.
  dep('市委宣传部', '中共黄冈市委宣传部', O),
  dep('市网信办', '中共黄冈市委网络安全和信息化领导小组办公室', O),
  dep('市农办', '中共黄冈市委农村工作办公室', O),
  dep('市编办', '黄冈市机构编制委员会办公室', O),
  dep('市发改委', '黄冈市发展和改革委员会', C),
  dep('市经信委', '黄冈市经济和信息化委员会', C),
  dep('市教育局', '黄冈市教育局', C),
  dep('市科技局', '黄冈市科学技术局', C),
  dep('市民宗局', '黄冈市民族宗教事务局', C),
  dep('市公安局', '黄冈市公安局', C),
  dep('市民政局', '黄冈市民政局', C),
  dep('市司法局', '黄冈市司法局', C),
  dep('市财政局', '黄冈市财政局', C),
  dep('市人社局', '黄冈市人力资源和社会保障局', C),
  dep('市国土资源局', '黄冈市国土资源局', C),
  dep('市环保局', '黄冈市环境保护局', C),
  dep('市住建委', '黄冈市住房和城乡建设委员会', C),
  dep('市交通运输局', '黄冈市交通运输局', C),
  dep('市水利局', '黄冈市水利局', C),
  dep('市农业局', '黄冈市农业局', C),
  dep('市林业局', '黄冈市林业局', C),
  dep('市商务局', '黄冈市商务局', C),
  dep('市文广局', '黄冈市文化新闻出版广电局', C),
  dep('市卫生计生委', '黄冈市卫生和计划生育委员会', C),
  dep('市审计局', '黄冈市审计局', C),
  dep('市外侨局', '黄冈市外事侨务局', C),
  dep('市统计局', '黄冈市统计局', C),
  dep('市旅游委', '黄冈市旅游发展委员会', C),
  dep('市粮食局', '黄冈市粮食局', C),
  dep('市安监局', '黄冈市安全生产监督管理局', C),
  dep('市城乡规划局', '黄冈市城乡规划局', C),
  dep('市法制办', '黄冈市人民政府法制办公室', C),
  dep('市人防办', '黄冈市人民防空办公室', C),
  dep('市食品药品监管局', '黄冈市食品药品监督管理局', C),
  dep('市国资委', '黄冈市人民政府国有资产监督管理委员会', C),
  dep('市工商局', '黄冈市工商行政管理局', C),
  dep('市质监局', '黄冈市质量技术监督局', C),
  dep('市体育局', '黄冈市体育局', C),
  dep('市水产局', '黄冈市水产局', C),
  dep('市城管执法局', '黄冈市城市管理执法局', C),
  dep('市地震局', '黄冈市地震局', C),
  dep('市机关事务局', '黄冈市机关事务管理局', C),
  dep('市公共资源交易监管局', '黄冈市公共资源交易监督管理局', C),
  dep('市房管局', '黄冈市房地产管理局', C),
  dep('市物价局', '黄冈市物价局', C),
  dep('市扶贫攻坚办', '黄冈市扶贫攻坚领导小组办公室', C),
  dep('市招商局', '黄冈市招商局', C),
  dep('市市校合作办', '黄冈市市校合作办公室', C),
  dep('市公积金中心', '黄冈市住房公积金中心', C),
  dep('市方志办', '黄冈市地方志办公室', C),
  dep('市金融工作局', '黄冈市金融工作局', C),
  dep('市园林局', '黄冈市园林局', C),
  dep('市农机局', '黄冈市农业机械管理局', C),
  dep('市农垦局', '黄冈市农垦局', C),
  dep('市行政服务中心', '黄冈市行政服务中心', C),
  dep('市供销社', '黄冈市供销合作社', C),
  dep('市国税局', '黄冈市国家税务局', O),
  dep('市地税局', '黄冈市地方税务局', O),
  dep('市气象局', '黄冈市气象局', O),
  dep('市银监局', '中国银行业监督管理委员会黄冈监管分局', O),
  dep('市人行', '中国人民银行黄冈市中心支行', O),
  dep('市法院', '黄冈市中级人民法院', O),
  // The county-level governments (各县、市、区人民政府).
  dep('黄州区政府', '黄冈市黄州区人民政府', G),
  dep('团风县政府', '团风县人民政府', G),
  dep('红安县政府', '红安县人民政府', G),
  dep('麻城市政府', '麻城市人民政府', G),
  dep('罗田县政府', '罗田县人民政府', G),
  dep('英山县政府', '英山县人民政府', G),
  dep('浠水县政府', '浠水县人民政府', G),
  dep('蕲春县政府', '蕲春县人民政府', G),
  dep('武穴市政府', '武穴市人民政府', G),
  dep('黄梅县政府', '黄梅县人民政府', G),
  // The 管委会 the seed addresses alongside them.
  dep('龙感湖管理区', '黄冈市龙感湖管理区管理委员会', M),
  dep('黄冈高新区管委会', '黄冈高新技术产业开发区管理委员会', M),
  dep('白潭湖片区筹委会', '黄冈白潭湖片区筹建委员会', M),
];

export const DEMO_OFFICE_HOURS = '周一至周五 上午 8:30–12:00，下午 14:30–17:30（法定节假日除外）';

/** Where a made-up address puts the unit: the county seat for a county, else 黄州 (the city seat). */
function demoAddress(d: DemoDepartment, serial: number): string {
  if (d.kind === 'county_government')
    return `${d.shortName.replace(/政府$/, '')}城关示范大道 1 号（演示地址）`;
  return `黄冈市黄州区示范大道 ${serial} 号（演示地址）`;
}

/** Made-up 0713 (黄冈) office numbers, one per unit. */
export function demoPhone(serial: number): string {
  return `0713-86${String(10_000 + serial * 137).slice(-5)}`;
}

/** A clearly-demo 政府信息公开指南 built from the unit's name and contact details. */
export function demoGuideText(name: string, address: string, phone: string): string {
  return [
    '一、主动公开',
    `${name}主动公开本机关的机构职能、政策文件、规划计划、财政预决算、行政执法和政务服务等政府信息，具体范围以本机关政府信息公开目录为准。信息通过本平台“政府信息公开目录”发布，自形成或者变更之日起 20 个工作日内公开。`,
    '二、依申请公开',
    `公民、法人或者其他组织可以通过本平台在线提交申请，也可以信函或者当面提交书面申请。受理地点：${address}；办公时间：${DEMO_OFFICE_HOURS}；咨询电话：${phone}。能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 个工作日内答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过 20 个工作日。`,
    '三、监督和救济',
    `认为${name}在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。`,
    '（本指南为演示文本，由系统按机构名称生成，不是该机构实际发布的公开指南。）',
  ].join('\n\n');
}

/** The department as a create/import input; `serial` (1-based) numbers its code, phone and address. */
export function demoDepartmentInput(d: DemoDepartment, serial: number): Omit<DepartmentInput, 'parentId'> {
  const address = demoAddress(d, serial);
  const phone = demoPhone(serial);
  return {
    fullName: d.fullName,
    shortName: d.shortName,
    kind: d.kind,
    creditCode: demoCreditCode(serial),
    address,
    officeHours: DEMO_OFFICE_HOURS,
    phone,
    email: '',
    guideText: DEMO_GUIDES[d.shortName]?.(address, phone) ?? demoGuideText(d.fullName, address, phone),
    functionsText: DEMO_FUNCTIONS[d.shortName] ?? '',
    sortOrder: serial,
  };
}
