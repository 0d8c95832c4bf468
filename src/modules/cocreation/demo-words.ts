import type { BudgetSource, MeetingKind } from './kinds.js';

// The words of the co-creation demo (demo.ts): what residents said, how the village answered,
// the projects and their plans. Written to carry no person's name: the disclosure page shows
// titles, resolutions, milestones and comments, and must never show who a resident is.

/** An ordinary opinion and how the village answered it (a reply, a reason for declining, or the project it joined). */
export interface GeneralOpinion {
  topic: string;
  content: string;
  reply?: string;
  decline?: string;
  /** Adopted into the road project or the 豆选 winner's project once that exists. */
  adopt?: 'road' | 'winner';
}

export const GENERAL_OPINIONS: readonly GeneralOpinion[] = [
  { topic: 'garbage', content: '村里垃圾收集点清运不及时，夏天气味大，建议增加清运次数', reply: '已与镇环卫站协调，夏季每周清运由两次增加到三次' },
  { topic: 'streetlight', content: '组里到村委会的路灯坏了好几盏，晚上走路不安全', reply: '已报镇供电所维修，损坏的路灯已全部修复' },
  { topic: 'fitness', content: '建议在村文化广场增设几件健身器材，方便老人锻炼', reply: '已向县文体部门申报全民健身器材，批复后安装' },
  { topic: 'river', content: '河边洗衣码头台阶松动，担心有人滑倒', reply: '已组织人员加固台阶，并设置了警示牌' },
  { topic: 'water', content: '自来水时常停水，希望查一查管网', reply: '经排查为水池进水管堵塞，已疏通；今后停水提前在村务群通知' },
  { topic: 'training', content: '希望村里组织一次农技培训，讲讲油茶和茶叶种植', reply: '已联系县农业农村局，下月在村委会举办油茶管护培训' },
  {
    topic: 'clinic',
    content: '建议把村卫生室开放时间延长到晚上',
    decline: '村医只有一名，晚间无法值守；已公布村医电话，急症可电话联系或到镇卫生院就诊',
  },
  { topic: 'fishing', content: '有人在河里电鱼，建议管一管', reply: '已报告县农业农村局渔政执法，并在河边设立禁渔宣传牌' },
  { topic: 'elderly', content: '留守老人多，希望村里办个老年活动室，让老人有个去处', reply: '已利用村委会一楼闲置房间设老年活动室，每天上午开放' },
  { topic: 'fire', content: '有的农户在房前屋后乱堆柴草，存在火灾隐患', reply: '已在院坝会上提出“门前三包”要求，由网格员逐户提醒整改' },
  {
    topic: 'express',
    content: '建议在村口设一个快递代收点',
    decline: '村委会暂无合适场地和人员；已与镇上快递网点协商，每周二、五送件到村',
  },
  {
    topic: 'school',
    content: '建议把空置的村小校舍改作农产品加工点',
    decline: '校舍属于教育部门资产，暂不能改变用途；已向镇政府反映，待统筹安排',
  },
  { topic: 'smoke', content: '建议给独居老人家里装烟感报警器', reply: '已争取县应急管理局免费烟感报警器，为独居老人户全部安装' },
  { topic: 'farmroad', content: '田间机耕道下雨后泥泞，农机下不了田', reply: '已列入明年机耕道修缮计划，先组织群众用碎石铺垫' },
  { topic: 'clinic2', content: '希望定期组织义诊，给老人量量血压、测测血糖', reply: '已联系镇卫生院，每季度到村开展一次义诊' },
  { topic: 'garbage', content: '垃圾桶太少，组里好几户要走很远倒垃圾', reply: '已增设垃圾桶，并调整收集点位置' },
  { topic: 'streetlight', content: '村口那段路没有路灯，赶夜路看不清', adopt: 'winner' },
  { topic: 'road2', content: '建议公路急弯处加装护栏和反光标志', adopt: 'road' },
  { topic: 'dog', content: '有人家的狗不拴，小孩上学害怕', reply: '已在村务群和广播提醒文明养犬，网格员对相关农户上门劝导' },
  {
    topic: 'subsidy',
    content: '要求村里给每户补贴修房子的钱',
    decline: '村集体没有这项资金；符合农村危房改造条件的，可向村委会申请，由镇里核实后上报',
  },
  { topic: 'signal', content: '组里手机信号差，打电话要走到坡上', reply: '已向县通信运营商联合服务点反映，基站选址已经勘察' },
  { topic: 'toilet', content: '公共厕所没人打扫，卫生很差', reply: '已安排公益性岗位人员每天清扫，并张贴了保洁责任牌' },
];

/** Opinions of the last weeks still waiting for an answer (some already past their five working days). */
export const RECENT_OPINIONS: readonly string[] = [
  '建议在村小门口路段设置减速带和斑马线',
  '希望村里的广播每天播一播天气和农事提醒',
  '组里的消防栓好像没水了，请派人检查',
  '希望年底把村务公开栏更新一下',
  '建议春节前组织一次村晚，请在外务工的人回来一起热闹热闹',
  '村卫生室的药品种类太少，常用药经常缺',
];

/** Opinions that become a proposal: the road, the 豆选's candidate projects, parking, winter work. */
export const TOPICS = {
  road: [
    '通组路还是泥巴路，下雨天孩子上学要穿水鞋，希望硬化',
    '通组路太窄，农用车会车困难，建议硬化时拓宽并留错车道',
    '组里在外务工的年轻人愿意出钱出力，把通组路修起来',
    '路修好后要有人管护，建议成立管护小组',
  ],
  public: [
    '村里晚上黑灯瞎火，建议在主要路段安装太阳能路灯',
    '夏天孩子到河里游泳危险，建议在河湾建个人工沙滩，划出安全的玩水区域',
    '很多户还是旱厕，猪圈挨着住房，建议搞改厕改圈',
    '希望今年的公益项目让群众自己选，不要村里定了算',
  ],
  parking: ['村口路边乱停车，赶场天经常堵车', '建议把村口那块闲置地平整出来做停车场'],
  winter: ['冬季森林防火要加强巡查，烧田坎、烧秸秆的人多', '年前建议组织一次全村环境卫生大扫除'],
} as const;

export interface PublicOption {
  label: string;
  description: string;
  title: string;
  plan: string;
  budget: { source: BudgetSource; amount: number; note: string }[];
}

/** The 豆选's three candidate projects (郧西's 人工沙滩 / 亮化工程 / 改厕改圈). */
export const PUBLIC_OPTIONS: readonly PublicOption[] = [
  {
    label: '人工沙滩',
    description: '在河湾浅水区铺设沙滩、设置安全护栏和警示牌，划定夏季亲水区域',
    title: '河湾亲水沙滩建设',
    plan: '在河湾浅水区铺设细沙约1200平方米，设置安全护栏、救生圈和警示牌，夏季安排人员巡查。',
    budget: [
      { source: 'higher_grant', amount: 150_000, note: '美丽乡村建设奖补' },
      { source: 'village_collective', amount: 20_000, note: '村集体经济收入' },
      { source: 'residents', amount: 12_000, note: '群众自愿筹资' },
    ],
  },
  {
    label: '亮化工程',
    description: '在村主干道和通组路安装太阳能路灯约80盏',
    title: '村组道路亮化工程',
    plan: '在村主干道和通组路安装太阳能路灯80盏，间距30米，由管护小组负责日常巡查和报修。',
    budget: [
      { source: 'higher_grant', amount: 160_000, note: '一事一议财政奖补' },
      { source: 'village_collective', amount: 24_000, note: '村集体经济收入' },
      { source: 'residents', amount: 16_000, note: '群众自愿筹资，每户约100元' },
      { source: 'unit_support', amount: 30_000, note: '驻村帮扶单位支持' },
    ],
  },
  {
    label: '改厕改圈',
    description: '旱厕改为水冲式卫生厕所，人畜分离，新建集中圈舍',
    title: '农户改厕改圈',
    plan: '旱厕改为三格式化粪池水冲厕所，猪圈牛圈迁出住房，集中新建圈舍，实现人畜分离。',
    budget: [
      { source: 'higher_grant', amount: 210_000, note: '农村改厕专项资金' },
      { source: 'village_collective', amount: 15_000, note: '村集体经济收入' },
      { source: 'residents', amount: 30_000, note: '改厕农户自筹' },
    ],
  },
];

export const ROAD = {
  proposal: '通组公路硬化',
  description: '群众多次反映通组路晴天一身灰、雨天一身泥，请村两委研究硬化方案，并征求沿线农户让地、投工意见。',
  title: '通组公路硬化工程',
  plan: '硬化通组公路2.3公里，路面宽4.5米、厚20厘米（C25混凝土），配套边沟和3处错车道；沿线农户自愿让地、投工投劳，村民理事会监督施工和资金使用。',
  budget: [
    { source: 'higher_grant', amount: 690_000, note: '一事一议财政奖补和交通部门补助' },
    { source: 'village_collective', amount: 60_000, note: '村集体经济收入' },
    { source: 'residents', amount: 45_000, note: '群众自愿筹资' },
    { source: 'unit_support', amount: 80_000, note: '驻村帮扶单位支持' },
  ] as { source: BudgetSource; amount: number; note: string }[],
  milestones: [
    ['路基开挖和拓宽', 20, '清表、开挖路基，沿线让出的地已全部交付使用'],
    ['边沟和涵管施工', 45, '完成边沟1.6公里、涵管6处'],
    ['路面浇筑（第一段）', 70, '完成混凝土路面1.2公里，群众投工负责养护洒水'],
    ['路面浇筑完成', 90, '全线路面浇筑完成，错车道同步完工'],
    ['竣工验收', 100, '镇交通站、村民理事会和群众代表共同验收合格'],
  ] as [string, number, string][],
  land: ['承包地（路基拓宽）', '宅旁空地', '菜园地', '田坎地', '林地边角'],
};

/** Care team duties (管护小组), the leader's first. */
export const CARE_DUTIES = [
  '统筹管护，组织每月巡查并向村委会报告',
  '路面清扫保洁',
  '边沟清淤，保持排水畅通',
  '巡查路面破损和路肩塌方，及时报修',
  '护栏、标志牌维护',
];
/** A lighter project's care team: a leader and one member. */
export const LIGHT_CARE = ['统筹管护，组织定期巡查并向村（居）委会报告', '日常保洁和巡查，发现损坏及时报修'];
export const CARE_ROSTER = ['每月第一周', '每月第二周', '每月第三周', '每月第四周', '雨季每周'];

export const RATING_COMMENTS: Record<number, readonly string[]> = {
  5: ['路修好了，下雨天出门再也不踩泥巴', '会车方便多了，运农产品省事', '修路的账每笔都公开，群众放心', '大家出钱出力修的路，看着就高兴'],
  4: ['整体很好，希望管护小组把边沟经常清一清', '路面平整，错车道再多一处就更好了', '质量不错，就是工期拖了几天'],
  3: ['有一段路面有裂缝，希望施工队来看看', '路是好了，急弯处还是窄'],
  2: ['靠近坡脚那段排水没做好，下雨积水'],
  1: ['让了地，路边堡坎还没有恢复'],
};

/** A lighter village's proposal, meeting and project. */
export interface LightProject {
  topic: readonly [string, string];
  proposal: string;
  resolution: string;
  title: string;
  plan: string;
  meetingKind: MeetingKind;
  meetingTitle: string;
  place: string;
  invitedParties?: string[];
  budget: { source: BudgetSource; amount: number; note: string }[];
  milestones: [string, number][];
  materials?: string;
}

export const LIGHT_RURAL: readonly LightProject[] = [
  {
    topic: ['茶园产业路坑洼不平，采茶季运茶叶困难', '建议把茶园产业路修一修，方便农用车进出'],
    proposal: '茶园产业路修缮',
    resolution: '同意修缮茶园产业路1.5公里，沿线农户投工投劳，路面铺设碎石并完善排水沟',
    title: '茶园产业路修缮',
    plan: '修缮茶园产业路1.5公里，铺设碎石路面，完善排水沟，农户投工投劳。',
    meetingKind: 'fireside',
    meetingTitle: '火塘会：茶园产业路怎么修',
    place: '鼓楼火塘',
    budget: [
      { source: 'higher_grant', amount: 120_000, note: '产业发展资金' },
      { source: 'village_collective', amount: 10_000, note: '村集体经济收入' },
      { source: 'residents', amount: 8_000, note: '受益农户自愿筹资' },
    ],
    milestones: [
      ['路基整理', 30],
      ['碎石铺设', 60],
      ['排水沟完工', 100],
    ],
    materials: '碎石15立方米',
  },
  {
    topic: ['组里饮水管老化漏水，高处几户经常没水', '建议更换组里的饮水主管，加建一个蓄水池'],
    proposal: '组级饮水管网改造',
    resolution: '同意改造组级饮水管网，更换主管2.1公里并新建50立方米蓄水池，受益农户投工开挖管沟',
    title: '组级饮水管网改造',
    plan: '更换饮水主管2.1公里，新建50立方米蓄水池，受益农户投工开挖和回填管沟。',
    meetingKind: 'courtyard',
    meetingTitle: '院坝会：饮水管网改造',
    place: '组里院坝',
    budget: [
      { source: 'higher_grant', amount: 180_000, note: '农村饮水安全巩固提升资金' },
      { source: 'residents', amount: 9_000, note: '受益农户自愿筹资' },
      { source: 'unit_support', amount: 20_000, note: '驻村帮扶单位支持' },
    ],
    milestones: [
      ['管沟开挖', 35],
      ['主管铺设', 70],
      ['蓄水池完工通水', 100],
    ],
  },
  {
    topic: ['河堤边没有护栏，晚上散步不安全', '建议沿河修一段步道，种些树'],
    proposal: '沿河护栏和步道建设',
    resolution: '同意建设沿河护栏800米和步道，群众投工参与植树',
    title: '沿河护栏和步道建设',
    plan: '沿河安装护栏800米，修建步道并植树，群众投工植树和日常养护。',
    meetingKind: 'sunshine_hall',
    meetingTitle: '阳光议事厅：沿河护栏和步道',
    place: '村口香樟树下阳光议事厅',
    budget: [
      { source: 'higher_grant', amount: 140_000, note: '美丽乡村建设奖补' },
      { source: 'village_collective', amount: 12_000, note: '村集体经济收入' },
    ],
    milestones: [
      ['护栏基础施工', 40],
      ['护栏安装', 80],
      ['步道和植树完工', 100],
    ],
  },
];

export const LIGHT_URBAN: LightProject = {
  topic: ['电动车在楼道里充电，存在安全隐患，建议建集中充电棚', '小区停车位不够，希望重新规划划线'],
  proposal: '小区电动车集中充电棚建设',
  resolution: '同意在小区空地建设电动车集中充电棚，业委会、物业和社区共同监督施工，居民自愿筹资',
  title: '小区电动车集中充电棚建设',
  plan: '在小区空地建设电动车集中充电棚，安装智能充电桩40个，同步重新划设停车位。',
  meetingKind: 'four_party',
  meetingTitle: '四方联动议事会：电动车充电和停车',
  place: '社区阳光议事厅',
  invitedParties: ['业主委员会', '物业服务企业', '社区民警'],
  budget: [
    { source: 'higher_grant', amount: 60_000, note: '老旧小区改造资金' },
    { source: 'residents', amount: 15_000, note: '居民自愿筹资' },
    { source: 'unit_support', amount: 25_000, note: '物业服务企业支持' },
  ],
  milestones: [
    ['场地平整', 30],
    ['充电棚搭建', 70],
    ['充电桩通电', 100],
  ],
};

/** A witness's office on paper ballots (a second person besides the clerk). */
export const WITNESS_OFFICE = '村务监督委员会';
