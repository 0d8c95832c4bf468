import { Type, type Static } from 'typebox';

export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village', 'group'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const RegionSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Unsafe<RegionLevel>({ type: 'string', enum: [...REGION_LEVELS] }),
  /** village: 'urban' (社区/居委会) or 'rural' (村委会); township: 'subdistrict' | 'town' | 'township'. */
  kind: Type.Union([Type.String(), Type.Null()]),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  childCount: Type.Integer(),
  synthetic: Type.Boolean(),
});
export type Region = Static<typeof RegionSchema>;

export const RegionCodeParamsSchema = Type.Object({
  code: Type.String({ pattern: '^[0-9]{6,15}$' }),
});
