import type { LegalityRuleInput } from './legality.js';

// The legality rules a county starts with. They are copied into the county's own list
// (compact_legality_rules) the first time the list is read; from then on the county edits its
// copy, and a change here reaches only counties seeded later. Deliberately absent: what compacts
// may lawfully do — 批评教育、取消评优评先资格、不得评为文明家庭（星级文明户）、纳入红黑榜（黄榜）、
// 扣减积分、报请有关部门依法处理 — and no rule may be written so broadly that it flags them
// (legality.test.ts holds that line).

const ART_27 =
  '《村民委员会组织法》第二十七条：村民自治章程、村规民约以及村民会议或者村民代表会议的决定不得与宪法、法律、法规和国家的政策相抵触，不得有侵犯村民的人身权利、民主权利和合法财产权利的内容。';

const FINE_REASON = `村规民约不得设定罚款。罚款是行政处罚，只能由法律、法规、规章设定，并由行政机关依法实施（《行政处罚法》），村民委员会无权罚款。${ART_27}`;
const FINE_SUGGESTION = '改为批评教育、责令改正（如限期清理、恢复原状）、扣减积分、取消当年评优评先资格或纳入黄榜；确属违法的，报请有关部门依法处理。';
const DETENTION_REASON = `村规民约不得限制人身自由。《宪法》第三十七条：禁止非法拘禁和以其他方法非法剥夺或者限制公民的人身自由；拘留只能由公安机关依法决定。${ART_27}`;
const DETENTION_SUGGESTION = '删去；涉嫌违法的，及时报告公安机关或派出所依法处理，村（居）委会可做好劝导和调解。';
const DIGNITY_REASON = `村规民约不得侮辱人格。《宪法》第三十八条：公民的人格尊严不受侵犯，禁止用任何方法对公民进行侮辱、诽谤和诬告陷害。${ART_27}`;
const DIGNITY_SUGGESTION = '删去；可改为批评教育、在村民小组会议上作出检讨，或纳入黄榜（只公示事实，不侮辱人格）。';
const WELFARE = (what: string) =>
  `村规民约不得取消村民依法享有的${what}。${what}的资格由法律法规规定、由政府部门依法审核，村民委员会无权以违反村规民约为由取消或停发。${ART_27}`;
const WELFARE_SUGGESTION = '删去；可改为取消当年评优评先资格、不得评为文明家庭、扣减积分或纳入黄榜。';
const SERVICE_REASON = `村规民约不得以拒绝办事作为处罚。为村民出具证明、协助办理户籍证照等是法定职责，村民依法享有的公共服务不因违反村规民约而被拒绝。${ART_27}`;
const SERVICE_SUGGESTION = '删去；可改为批评教育、取消当年评优评先资格或纳入黄榜，证明和手续照常依法办理。';

const rule = (code: string, kind: LegalityRuleInput['kind'], phrases: string[], reason: string, suggestion: string): LegalityRuleInput => ({
  code,
  kind,
  phrases,
  matchMode: 'phrase',
  reason,
  suggestion,
});

export const DEFAULT_LEGALITY_RULES: readonly LegalityRuleInput[] = [
  rule('fine', 'fine', ['罚款'], FINE_REASON, FINE_SUGGESTION),
  rule('fine_impose_yuan', 'fine', ['处以', '元'], FINE_REASON, FINE_SUGGESTION),
  rule('fine_yuan', 'fine', ['罚', '元'], FINE_REASON, FINE_SUGGESTION),
  rule('fine_penalty', 'fine', ['罚金'], `罚金是刑罚，只能由人民法院依照《刑法》判处。${FINE_REASON}`, FINE_SUGGESTION),
  rule(
    'confiscation',
    'confiscation',
    ['没收'],
    `村规民约不得没收村民财产。《宪法》第十三条：公民的合法的私有财产不受侵犯；没收是行政处罚或刑罚，只能由有权机关依法实施。${ART_27}`,
    '删去；可改为责令改正、批评教育；涉嫌违法（如盗窃、非法捕捞）的，报请公安、农业农村等部门依法处理。',
  ),
  rule('detention', 'detention', ['拘留'], DETENTION_REASON, DETENTION_SUGGESTION),
  rule('detention_lockup', 'detention', ['关押'], DETENTION_REASON, DETENTION_SUGGESTION),
  rule('detention_confine', 'detention', ['禁闭'], DETENTION_REASON, DETENTION_SUGGESTION),
  rule('parade', 'other', ['游街'], DIGNITY_REASON, DIGNITY_SUGGESTION),
  rule('pillory', 'other', ['示众'], DIGNITY_REASON, DIGNITY_SUGGESTION),
  rule('welfare_dibao', 'deprive_right', ['取消', '低保'], WELFARE('最低生活保障（低保）'), WELFARE_SUGGESTION),
  rule('welfare_medical', 'deprive_right', ['取消', '医保'], WELFARE('基本医疗保险（医保）'), WELFARE_SUGGESTION),
  // Not 取消 … 养老 alone: “取消其评优资格，并责令其赡养老人” holds 养老 and is lawful.
  rule('welfare_pension', 'deprive_right', ['取消', '养老保险'], WELFARE('基本养老保险'), WELFARE_SUGGESTION),
  rule('welfare_pension_pay', 'deprive_right', ['取消', '养老金'], WELFARE('养老金'), WELFARE_SUGGESTION),
  rule(
    'utilities',
    'deprive_right',
    ['停水停电'],
    `村规民约不得以停水停电作为处罚。供水、供电是供用合同关系（《民法典》第六百四十八条起），村民委员会无权中断。${ART_27}`,
    '删去；可改为批评教育、扣减积分或纳入黄榜；拖欠水电费的，由供水供电单位依法依约处理。',
  ),
  rule('service_refused', 'deprive_right', ['不予办理'], SERVICE_REASON, SERVICE_SUGGESTION),
  rule('certificate_refused', 'deprive_right', ['不予', '证明'], SERVICE_REASON, SERVICE_SUGGESTION),
  rule(
    'vote_deprived',
    'deprive_right',
    ['剥夺', '选举权'],
    `村规民约不得剥夺选举权。《宪法》第三十四条和《村民委员会组织法》第十三条：年满十八周岁的村民，除依照法律被剥夺政治权利的人外，都有选举权和被选举权。${ART_27}`,
    '删去；选举权和被选举权只能由人民法院依法剥夺。',
  ),
  rule(
    'vote_cancelled',
    'deprive_right',
    ['取消', '选举权'],
    `村规民约不得取消选举权。《宪法》第三十四条和《村民委员会组织法》第十三条：年满十八周岁的村民，除依照法律被剥夺政治权利的人外，都有选举权和被选举权。${ART_27}`,
    '删去；选举权和被选举权只能由人民法院依法剥夺。',
  ),
  rule(
    'schooling',
    'deprive_right',
    ['不得', '上学'],
    `村规民约不得限制适龄儿童、少年上学。《义务教育法》第四条：适龄儿童、少年依法享有平等接受义务教育的权利，并履行接受义务教育的义务。${ART_27}`,
    '删去；对不送子女上学的家长，可批评教育并报告乡镇人民政府和教育部门依法督促入学。',
  ),
];
