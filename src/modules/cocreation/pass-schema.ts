import { Type, type Static } from 'typebox';

export const PassBodySchema = Type.Object(
  {
    villageCode: Type.String({ pattern: '^[0-9]{12}$' }),
    name: Type.String({ minLength: 1, maxLength: 50 }),
    idNumber: Type.String({ minLength: 15, maxLength: 18 }),
  },
  { additionalProperties: false },
);
export type PassBody = Static<typeof PassBodySchema>;

/** What the phone page keeps: the token to send back, and whom it names (no ID number, no codes). */
export const PassSchema = Type.Object({
  token: Type.String(),
  name: Type.String(),
  villageCode: Type.String(),
  villageName: Type.String(),
  adult: Type.Boolean(),
  isHead: Type.Boolean(),
  expiresAt: Type.String(),
});
export type Pass = Static<typeof PassSchema>;
