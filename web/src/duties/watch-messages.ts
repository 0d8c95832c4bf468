import { useTranslation } from 'react-i18next';

// The strings of the observation / monitoring points card and of the monitoring-point choice in
// the formalism form. Kept beside the card rather than in ledger-messages while that file is
// being edited elsewhere; they can move there (dutiesLedger.watch.*) as they are.

const zhCN = {
  title: '观测点、监测点',
  intro: '县级设立观测点、监测点，跟踪减负措施落实情况；反映形式主义问题时可直接选择监测点。',
  kind: { observation: '观测点', monitoring: '监测点' },
  region: '乡镇或村（社区）',
  kindLabel: '类型',
  note: '说明',
  notePlaceholder: '例如：形式主义问题监测（选填）',
  designatedOn: '设立日期',
  reports: '问题反映',
  open: '待答复',
  answered: '已答复',
  designate: '设立',
  designated: '已设立',
  remove: '撤销',
  removeConfirm: '撤销这个点？撤销后保留记录。',
  removed: '已撤销',
  empty: '尚未设立观测点、监测点',
  pickRegion: '请选择乡镇或村（社区）',
  monitoringChoice: '监测点',
  monitoringPlaceholder: '在监测点发生的问题，可直接选择',
} as const;

type WatchText = { [K in keyof typeof zhCN]: (typeof zhCN)[K] extends string ? string : { [L in keyof (typeof zhCN)[K]]: string } };

const en: WatchText = {
  title: 'Observation and monitoring points',
  intro:
    'The county designates observation and monitoring points to follow how burden-reduction measures land; a formalism report can name a monitoring point directly.',
  kind: { observation: 'Observation point', monitoring: 'Monitoring point' },
  region: 'Township or village',
  kindLabel: 'Kind',
  note: 'Note',
  notePlaceholder: 'e.g. watching for formalism (optional)',
  designatedOn: 'Designated on',
  reports: 'Reports',
  open: 'open',
  answered: 'answered',
  designate: 'Designate',
  designated: 'Designated',
  remove: 'Remove',
  removeConfirm: 'Remove this point? Its record is kept.',
  removed: 'Removed',
  empty: 'No observation or monitoring points yet',
  pickRegion: 'Choose a township or village',
  monitoringChoice: 'Monitoring point',
  monitoringPlaceholder: 'Happened at a monitoring point? Choose it here',
};

/** The card's strings in the UI language. */
export function useWatchText(): WatchText {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? en : zhCN;
}
