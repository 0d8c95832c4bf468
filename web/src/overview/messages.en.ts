import type overviewZh from './messages.zh-CN';

/** English strings for the home dashboards, the command map and the big screen. */
const overviewEn: typeof overviewZh = {
  title: {
    map: 'Command map',
    screen: 'Command screen',
    home: 'Home',
  },
  map: {
    open: 'Open the command map',
    screen: 'Big screen',
    layer: 'Layer',
    period: 'Period',
    periods: { month: 'This month', quarter: 'This quarter', year: 'This year' },
    legend: '{{measure}} ({{period}})',
    noFigures: 'Grids have no separate figures; the outline and open orders are shown.',
    noOutline: 'This area has no boundary yet.',
    orders: '{{shown}} open orders on the map ({{total}} open in all)',
    overdueDot: 'Overdue',
    openDot: 'Open',
    drillHint: 'Click an area to drill down; click the path above to go back',
    noData: 'No data',
    area: 'Area',
    value: 'Value',
  },
  home: {
    figures: 'Key figures this month',
    figuresHint: 'From the 1st to today, against the same days last month',
    vsPrevious: 'Same days last month: {{value}}',
    percentPoints: '{{n}} pts',
    stock: 'Now',
    risks: 'Needs attention today',
    todo: 'My to-do',
    todoFirst: 'To do',
    map: 'Command map',
    canDo: 'What I can do',
    nothingToDo: 'Nothing waiting. Well done!',
    inbox: {
      new: 'To sign for',
      dueSoon: 'Due soon',
      overdue: 'Overdue',
      whistles: 'Whistles to answer',
      followUps: 'Follow-up calls',
      returns: 'Returns to review',
      extensions: 'Extensions to review',
      triage: 'To classify',
    },
    visits: 'Visits to follow up',
    whistleBoard: 'Open whistles',
    risk: {
      overdue: 'Overdue orders',
      supervised: 'Supervised orders',
      dueSoon: 'Orders due soon',
      warnings: 'Dispute warnings',
    },
    patrol: 'Patrol report',
    open: 'Open',
  },
  screen: {
    updated: 'Updated {{time}}',
    rotating: 'Layer changes every {{seconds}} s',
    exit: 'Leave the big screen',
    ranking: '{{measure}} ranking',
  },
};

export default overviewEn;
