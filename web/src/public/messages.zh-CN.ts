/** Chinese strings of the residents' pages; merged into locales/zh-CN.ts as `publicSite`. */
const publicZh = {
  brand: '共治 · 群众诉求',
  footer: '您反映的问题将由所在网格、村（社区）、乡镇（街道）或县级部门办理，办结后会回访。',
  nav: { report: '我要反映', track: '查询进度' },
  county: '{{county}}人民政府',
  hotlineLine: '{{county}}服务热线：',
  privacy: {
    title: '个人信息告知',
    purpose: '目的：您填写的姓名、电话、位置、照片和问题描述仅用于受理、办理和回访本次诉求。',
    kept: '保存内容：诉求内容、照片、位置和办理记录；选择匿名时不保存姓名和电话。',
    retention: '保存期限：办结后按政务档案规定保存 {{years}} 年，期满删除或匿名化处理。',
    sharing: '共享范围：仅交办理单位（网格、村〈社区〉、乡镇〈街道〉或县级部门）使用，不向其他单位或个人公开；查询进度页不显示个人信息。',
    contact: '查询、更正、删除您的个人信息或有疑问，请联系：{{contact}}。',
    acknowledge: '我已阅读并同意以上个人信息告知',
    required: '请先阅读并勾选个人信息告知',
    defaultContact: '{{county}}服务热线 {{hotline}}',
  },
  place: {
    located: '定位在：{{place}}',
    mismatch: '您填写的地址是“{{typed}}”，但定位点在“{{located}}”。请确认位置，或在问题描述中写明实际地点。',
    mapCaption: '红点是您的位置，蓝框是它所在的网格（{{place}}），问题将交给这里的网格员和村（社区）。',
    outside: '定位点不在本县网格范围内，请在地址中写明具体位置。',
  },
  report: {
    title: '我要反映',
    intro: '遇到问题、有建议或咨询，都可以在这里提交，无需注册。',
    what: '请描述您反映的问题',
    whatPlaceholder: '时间、地点、发生了什么、希望怎样解决',
    type: '诉求类型（可不选）',
    where: '问题位置',
    addressPlaceholder: '如：XX镇XX村XX组，或XX路XX号',
    anonymous: '匿名反映',
    anonymousHelp: '匿名时不留姓名和电话，办理结果请凭工单号和查询码查询。',
    name: '姓名（可不填）',
    phone: '联系电话（可不填）',
    phoneHelp: '仅用于办理和回访联系，不会公开。',
    submit: '提交',
    another: '再反映一件',
    categoryHint: '可能的类别（可点选）',
  },
  track: {
    title: '查询办理进度',
    numberRequired: '请输入工单号',
    codeRequired: '请输入查询码',
    submit: '查询',
    notFound: '工单号或查询码不正确，请核对后重试。',
    timeline: '办理过程',
    step: { accepted: '受理', handling: '办理', resolved: '办结', followedUp: '回访' },
  },
};

export type PublicMessages = typeof publicZh;
export default publicZh;
