import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http/schemas.js';

/** What every public page shows: whose platform it is, the hotline, and the personal-information notice's facts. */
export const PublicInfoSchema = Type.Object({
  countyName: Type.String(),
  hotline: Type.String(),
  /** Who answers questions about a resident's personal information (PIPL art. 17, 52); null → the hotline. */
  privacyContact: Nullable(Type.String()),
  /** How long reports and their records are kept, in years. */
  retentionYears: Type.Integer(),
});
export type PublicInfo = Static<typeof PublicInfoSchema>;

const Named = Nullable(Type.Object({ code: Type.String(), name: Type.String() }));
export const PublicPlaceQuerySchema = Type.Object({
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  address: Type.Optional(Type.String({ maxLength: 200 })),
});
export type PublicPlaceQuery = Static<typeof PublicPlaceQuerySchema>;
export const PublicPlaceSchema = Type.Object({
  township: Named,
  village: Named,
  grid: Named,
  /**
   * The place the typed address names when it is not where the point falls (e.g. the address says
   * 上黄村, the phone is in another township); null when they agree or the address names no place.
   */
  addressNames: Named,
  /** The located grid's outline (outer ring, [lng, lat] pairs, at most 120 points) for a small map; null outside every grid. */
  outline: Nullable(Type.Array(Type.Tuple([Type.Number(), Type.Number()]), { maxItems: 121 })),
});
export type PublicPlace = Static<typeof PublicPlaceSchema>;
