/** Tables owned by the people module (households, residents, their events). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PeopleTables {}
