/** Tables owned by the regions module beyond `regions` itself (grids and their workers). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface GridTables {}
