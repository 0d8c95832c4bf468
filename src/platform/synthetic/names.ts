import type { Random } from './random.js';

/**
 * Surnames weighted for 黔东南 (黎平 is mostly Dong and Miao: 吴、杨、石、龙、潘、陆 are common),
 * then the national list. Synthetic names only; any match with a real person is chance.
 */
const SURNAMES: [string, number][] = [
  ['吴', 15],
  ['杨', 14],
  ['石', 6],
  ['龙', 5],
  ['潘', 5],
  ['陆', 4],
  ['李', 4],
  ['王', 4],
  ['罗', 3],
  ['张', 3],
  ['欧', 2],
  ['姚', 2],
  ['刘', 2],
  ['陈', 2],
  ['胡', 2],
  ['蒋', 2],
  ['林', 2],
  ['滚', 1],
  ['彭', 1],
  ['梁', 1],
  ['邓', 1],
  ['黄', 1],
  ['赵', 1],
  ['周', 1],
  ['谢', 1],
  ['贾', 1],
  ['蒙', 1],
  ['粟', 1],
  ['韦', 1],
  ['孙', 1],
];
const MALE = '国建明军华伟强平勇文志宏德福海林成兴荣贵昌光金银春生才富忠学东永安发俊杰涛斌浩宇轩鑫磊超'.split('');
const FEMALE = '秀英兰芳梅花玉珍丽娟红霞凤琴桂萍燕翠莲慧敏静婷雪琳欣怡佳颖妍蓉艳群妹'.split('');

export function surname(rnd: Random): string {
  return rnd.weighted(SURNAMES);
}

export function givenName(rnd: Random, sex: 'male' | 'female'): string {
  const chars = sex === 'male' ? MALE : FEMALE;
  return rnd.chance(0.75) ? rnd.pick(chars) + rnd.pick(chars) : rnd.pick(chars);
}
