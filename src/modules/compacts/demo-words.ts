import type { AnswerBody, Article, VersionBody } from './compact-schema.js';

// The words of the compact demo: a village compact as such texts are written (after the model
// compacts of Guizhou and Hubei villages), the opinions residents gave on it, and the revision.

export const DEMO_ARTICLES: VersionBody['articles'] = [
  { topic: '总则', text: '为推进自治、法治、德治相结合，建设文明和谐新农村，经村民代表会议讨论，制定本村规民约。' },
  { topic: '社会治安', text: '村民应当遵守法律法规，不参与赌博、吸毒、封建迷信活动，发现违法犯罪线索及时向村委会或派出所报告。' },
  { topic: '社会治安', text: '治安巡逻队每晚轮流巡逻，村民家中无人时应关好门窗、看管好牲畜。' },
  { topic: '安全生产', text: '严禁在山林周边野外用火、烧田埂草，清明、春节祭祀用火须有人看守。' },
  { topic: '环境整治', text: '垃圾分类投放到指定地点，不乱倒乱堆；乱倒垃圾者罚款 200 元。' },
  { topic: '环境整治', text: '房前屋后实行“门前三包”，每月评比清洁户，结果在村务公开栏公示。' },
  { topic: '移风易俗', text: '婚事新办、丧事简办，彩礼不超过 3 万元，酒席不超过 20 桌。' },
  { topic: '移风易俗', text: '除婚丧外不办升学宴、乔迁宴、满月酒等无事酒。' },
  { topic: '公路管护', text: '通组公路由沿线农户分段管护，不得在路面晒粮、堆放建材。' },
  { topic: '耕地保护', text: '不得在承包地上违法建房、挖沙取土，不得撂荒耕地。' },
  { topic: '婚姻家庭', text: '子女应当赡养老人，不得虐待、遗弃家庭成员；家庭纠纷先由调解小组调解。' },
  { topic: '附则', text: '违反本约的，由执委会批评教育，情节较重的列入黄榜，取消当年评优评先资格；涉嫌违法的报有关部门依法处理。' },
];

export interface DemoOpinion {
  /** Article number in the first draft; none: the whole text. */
  article?: number;
  source: 'resident' | 'migrant' | 'visit';
  text: string;
  answer: AnswerBody;
}

export const DEMO_OPINIONS: DemoOpinion[] = [
  {
    article: 7,
    source: 'resident',
    text: '彩礼 3 万还是偏高，建议不超过 2 万元。',
    answer: { answer: 'adopted', reason: '执委会讨论同意，改为不超过 2 万元。' },
  },
  {
    article: 5,
    source: 'visit',
    text: '罚款怕是不合法，改成扣积分、上黄榜更好。',
    answer: { answer: 'adopted', reason: '罚款违反村民委员会组织法第二十七条，改为批评教育并扣减积分。' },
  },
  {
    source: 'migrant',
    text: '希望在外务工的也能在手机上看到公约、参加表决。',
    answer: { answer: 'adopted', reason: '公约全文在手机上公开，表决可网上投票。' },
  },
  {
    article: 8,
    source: 'resident',
    text: '孩子考上大学办个酒也是喜事，能不能放宽？',
    answer: { answer: 'not', reason: '无事酒加重人情负担，村民代表多数主张保留；可以在家庭内部庆祝。' },
  },
  {
    article: 9,
    source: 'visit',
    text: '公路两边的排水沟也要写进去，不然没人管。',
    answer: { answer: 'partly', reason: '排水沟纳入沿线农户管护范围，具体标准由村民小组商定。' },
  },
  {
    article: 3,
    source: 'resident',
    text: '巡逻队人手不够，建议党员带头排班。',
    answer: { answer: 'adopted', reason: '巡逻排班由党员中心户带头，名单张榜公布。' },
  },
  {
    article: 4,
    source: 'migrant',
    text: '清明回乡祭祖的人多，建议设集中祭扫点。',
    answer: { answer: 'partly', reason: '村里在公墓旁设集中焚香点，由护林员看守。' },
  },
  { source: 'resident', text: '条款太多记不住，能不能编成顺口溜贴在鼓楼？', answer: { answer: 'adopted', reason: '张榜时附顺口溜版本，在鼓楼、风雨桥张贴。' } },
];

/** The revision: the fine becomes points and a warning board, the bride price is lowered, the ditches join the road. */
export const REVISED = (a: Article[]): VersionBody['articles'] =>
  a.map((x) => {
    const keep = { key: x.key, topic: x.topic };
    if (x.number === 5) return { ...keep, text: '垃圾分类投放到指定地点，不乱倒乱堆；乱倒垃圾的由执委会批评教育，并按积分规则扣减积分。' };
    if (x.number === 7) return { ...keep, text: '婚事新办、丧事简办，彩礼不超过 2 万元，酒席不超过 20 桌，由红白理事会监督。' };
    if (x.number === 9) return { ...keep, text: '通组公路及两侧排水沟由沿线农户分段管护，不得在路面晒粮、堆放建材。' };
    return { ...keep, text: x.text };
  });
