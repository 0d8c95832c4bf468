/**
 * English names for data that arrives in Chinese: the request taxonomy (categories, dispute types
 * 12xx, unit kinds), the rate formulas, public holidays and job titles. The taxonomy
 * (shared/data/request-categories.json) carries Chinese names only; this is its English source.
 * locales.test.ts checks that every taxonomy code has a name here and that none is Chinese.
 */
export const CATEGORY_EN: Record<string, string> = {
  '01': 'Urban construction and management',
  '0101': 'Damaged roads and potholes',
  '0102': 'Street lights out',
  '0103': 'Missing or broken manhole covers',
  '0104': 'Illegal construction',
  '0105': 'Street stalls and vendors',
  '0106': 'Outdoor ads and signboards',
  '0107': 'Blocked drains and flooded roads',
  '0108': 'Green spaces and fallen trees',
  '0109': 'Damaged public facilities',
  '02': 'Environment',
  '0201': 'Noise',
  '0202': 'Air pollution, burning and cooking fumes',
  '0203': 'Water pollution',
  '0204': 'Rubbish collection and sorting',
  '0205': 'Livestock and poultry pollution',
  '03': 'Housing and property management',
  '0301': 'Property management service',
  '0302': 'Lift breakdowns',
  '0303': 'Leaks and building quality',
  '0304': 'E-bike charging',
  '0305': 'Parking in residential compounds',
  '0306': 'Real estate registration',
  '04': 'Market regulation',
  '0401': 'Food safety',
  '0402': 'Prices and fees',
  '0403': 'Consumer disputes',
  '0404': 'Unlicensed businesses',
  '0405': 'Medicines and medical devices',
  '05': 'Labour and social insurance',
  '0501': 'Unpaid wages',
  '0502': 'Social insurance',
  '0503': 'Jobs and starting a business',
  '0504': 'Labour contracts',
  '06': 'Civil affairs and social assistance',
  '0601': 'Minimum living allowance and extreme-poverty aid',
  '0602': 'Elderly care',
  '0603': 'Support for people with disabilities',
  '0604': 'Marriage registration and funerals',
  '0605': 'Protection of minors',
  '07': 'Agriculture and rural affairs',
  '0701': 'Rural roads and bridges',
  '0702': 'Rural drinking water',
  '0703': 'Farm subsidies',
  '0704': 'Land contracts and transfers',
  '0705': 'Homestead building',
  '0706': 'Rural toilet upgrades',
  '0707': 'Animal disease control',
  '08': 'Transport',
  '0801': 'Bus routes and stops',
  '0802': 'Taxis and ride-hailing',
  '0803': 'Traffic signals, signs and markings',
  '0804': 'Illegal parking',
  '09': 'Public safety',
  '0901': 'Fire hazards',
  '0902': 'Workplace safety hazards',
  '0903': 'Public order hazards',
  '0904': 'Geological hazards',
  '0905': 'Gas safety',
  '10': 'Education, health and medical insurance',
  '1001': 'School enrolment and management',
  '1002': 'Private tutoring',
  '1003': 'Medical services',
  '1004': 'Medical insurance claims',
  '1005': 'Vaccines and public health',
  '11': 'Utilities',
  '1101': 'Water cuts and pressure',
  '1102': 'Power cuts and voltage',
  '1103': 'Gas supply',
  '1104': 'Telecom networks and cable TV',
  '12': 'Disputes',
  '1201': 'Neighbour disputes',
  '1202': 'Marriage and family disputes',
  '1203': 'Land and forest ownership disputes',
  '1204': 'Property management disputes',
  '1205': 'Land requisition and demolition compensation',
  '1206': 'Labour disputes',
  '13': 'Government services',
  '1301': 'How-to questions',
  '1302': 'Certificates',
  '1303': 'Household registration and ID papers',
  '1304': 'Policy questions',
  '14': 'Suggestions and praise',
  '1401': 'Suggestions',
  '1402': 'Praise and thanks',
  '15': 'Grassroots governance and conduct',
  '1501': 'Officials’ conduct',
  '1502': 'Village affairs and finances disclosure',
  '1503': 'Formalism and burdens on the grassroots',
};

export const UNIT_KIND_EN: Record<string, string> = {
  grid: 'Grid',
  village: 'Village (community) committees',
  township: 'Township (subdistrict)',
  'urban-mgmt': 'Urban Management and Law Enforcement Bureau',
  housing: 'Housing and Urban-Rural Development Bureau',
  environment: 'Ecology and Environment Bureau',
  market: 'Market Regulation Bureau',
  labour: 'Human Resources and Social Security Bureau',
  civil: 'Civil Affairs Bureau',
  agriculture: 'Agriculture and Rural Affairs Bureau',
  water: 'Water Resources Bureau',
  transport: 'Transport Bureau',
  police: 'Public Security Bureau (non-emergency)',
  health: 'Health Commission',
  'medical-ins': 'Healthcare Security Bureau',
  education: 'Education Bureau',
  land: 'Natural Resources and Planning Bureau',
  justice: 'Justice Bureau',
  emergency: 'Emergency Management Bureau',
  'utility-power': 'Power supply company',
  'utility-water': 'Water supply company',
  'utility-gas': 'Gas company',
  telecom: 'Telecom operators',
  services: 'Government Service Centre',
  discipline: 'Discipline Inspection and Supervision Commission',
};

/** The rate report's formulas, by the report's keys (the server sends the Chinese ones). */
export const FORMULA_EN: Record<string, string> = {
  responseRate: 'Response rate = orders whose requester, called back, says the handling unit contacted them ÷ orders called back',
  resolutionRate: 'Resolution rate = orders whose requester, called back, says the matter is solved ÷ orders called back',
  satisfactionRate: 'Satisfaction rate = orders called back rated “satisfied” or “basically satisfied” ÷ orders called back',
  onTimeSignForRate: 'On-time sign-for rate = dispatch stages signed for within the limit ÷ stages signed for or past the limit (approved returns not counted)',
  onTimeResolutionRate:
    'On-time resolution rate = stages resolved within the limit ÷ stages resolved or past the limit (approved returns, merges and reassignments not counted)',
  closedShare: 'Share closed at each level = orders closed at that level ÷ orders closed (answered on the spot counts as intake)',
  basis: 'Basis: orders accepted in the chosen period (orders merged into another are not counted separately); the latest call-back of each order.',
};

/** Public holidays and 调休 days as the State Council's notice names them. */
export const HOLIDAY_EN: Record<string, string> = {
  元旦: 'New Year’s Day',
  春节: 'Spring Festival',
  清明节: 'Qingming Festival',
  清明: 'Qingming Festival',
  劳动节: 'Labour Day',
  五一: 'Labour Day',
  端午节: 'Dragon Boat Festival',
  端午: 'Dragon Boat Festival',
  中秋节: 'Mid-Autumn Festival',
  中秋: 'Mid-Autumn Festival',
  国庆节: 'National Day',
  国庆: 'National Day',
  中秋节国庆节: 'Mid-Autumn Festival and National Day',
};

/** Job titles used in the demo and common in county and village offices. */
export const JOB_TITLE_EN: Record<string, string> = {
  县委常委: 'Member of the county Party standing committee',
  副县长: 'Deputy county head',
  县人大常委会副主任: 'Deputy director of the county People’s Congress standing committee',
  县政协副主席: 'Vice-chair of the county CPPCC',
  组织部部长: 'Head of the Organization Department',
  政法委书记: 'Secretary of the Political and Legal Affairs Commission',
  党委书记: 'Party committee secretary',
  党委副书记: 'Deputy Party committee secretary',
  党委委员: 'Party committee member',
  纪委书记: 'Discipline inspection secretary',
  副镇长: 'Deputy town head',
  镇长: 'Town head',
  乡长: 'Township head',
  人大主席: 'People’s Congress chair',
  武装部部长: 'People’s armed forces head',
  村党支部书记: 'Village Party branch secretary',
  村党支部委员: 'Village Party branch member',
  村委会主任: 'Village committee director',
  村委委员: 'Village committee member',
  村监委会主任: 'Village supervisory committee director',
  社区党委书记: 'Community Party committee secretary',
  社区党委委员: 'Community Party committee member',
  社区居委会主任: 'Community residents’ committee director',
  社区居委委员: 'Community residents’ committee member',
  社区监委会主任: 'Community supervisory committee director',
  组长: 'Group leader',
  网格员: 'Grid worker',
  网格长: 'Grid leader',
  调解员: 'Mediator',
};

/**
 * A holiday's English name: whole names from HOLIDAY_EN, and a 调休 working day as
 * "<holiday> (make-up working day)". Anything unknown comes back as it is.
 */
export function holidayEn(name: string): string {
  const m = /^(.+?)(调休上班|调休|补班)$/.exec(name);
  if (m) return `${HOLIDAY_EN[m[1]!] ?? m[1]} (make-up working day)`;
  return HOLIDAY_EN[name] ?? name;
}

/** A job title in English: whole titles from JOB_TITLE_EN, titles joined with 、 one by one; unknown ones as they are. */
export function jobTitleEn(title: string): string {
  return title
    .split('、')
    .map((part) => JOB_TITLE_EN[part] ?? part)
    .join(', ');
}

/** A category's or dispute type's name in the reader's language: English from CATEGORY_EN, else the server's (Chinese) name. */
export function categoryNameIn(language: string, code: string | null | undefined, name: string | null | undefined): string | null {
  if (language.startsWith('en') && code && CATEGORY_EN[code]) return CATEGORY_EN[code];
  return name ?? null;
}

/** Whether a name is still untranslated (contains Chinese characters). */
export function hasChinese(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}
