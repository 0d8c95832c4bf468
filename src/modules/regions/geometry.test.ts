import { describe, expect, it } from 'vitest';
import {
  normalizePolygon,
  pointInPolygon,
  pointInRing,
  polygonArea,
  polygonBBox,
  polygonCentroid,
  polygonsOverlap,
  polygonWithin,
  ringSignedArea,
  segmentsTouch,
  type Polygon,
  type Position,
} from './geometry.js';

const poly = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings.map((r) => [...r, r[0]!]) });
const square = (x: number, y: number, s: number): Position[] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
];
const valid = (p: Polygon): Polygon => {
  const check = normalizePolygon(p);
  if (!check.ok) throw new Error(check.reason);
  return check.polygon;
};

describe('point in polygon (ray casting)', () => {
  const box = poly(square(0, 0, 10));
  const withHole = poly(square(0, 0, 10), square(3, 3, 4));
  // A concave "U": the notch is outside.
  const u = poly([
    [0, 0],
    [9, 0],
    [9, 9],
    [6, 9],
    [6, 3],
    [3, 3],
    [3, 9],
    [0, 9],
  ]);

  it('inside, outside, and on edges and vertices', () => {
    expect(pointInPolygon(5, 5, box)).toBe('inside');
    expect(pointInPolygon(11, 5, box)).toBe('outside');
    expect(pointInPolygon(-0.000001, 5, box)).toBe('outside');
    expect(pointInPolygon(10, 5, box)).toBe('boundary');
    expect(pointInPolygon(5, 0, box)).toBe('boundary');
    expect(pointInPolygon(0, 0, box)).toBe('boundary');
    expect(pointInPolygon(10, 10, box)).toBe('boundary');
  });

  it('a ray through a vertex or along a horizontal edge counts once', () => {
    const diamond = poly([
      [5, 0],
      [10, 5],
      [5, 10],
      [0, 5],
    ]);
    expect(pointInPolygon(2, 5, diamond)).toBe('inside'); // ray passes through the vertex (10, 5)
    expect(pointInPolygon(-1, 5, diamond)).toBe('outside'); // ray passes through two vertices
    expect(pointInPolygon(-1, 9, u)).toBe('outside'); // ray runs along the top edges
    expect(pointInPolygon(1, 9 - 1e-9, u)).toBe('inside');
    expect(pointInPolygon(-1, 3, u)).toBe('outside'); // along the notch's floor
    expect(pointInPolygon(4, 3, u)).toBe('boundary');
  });

  it('holes: inside a hole is outside, its edge is boundary', () => {
    expect(pointInPolygon(5, 5, withHole)).toBe('outside');
    expect(pointInPolygon(1, 1, withHole)).toBe('inside');
    expect(pointInPolygon(3, 5, withHole)).toBe('boundary');
    expect(pointInPolygon(7, 7, withHole)).toBe('boundary');
    expect(pointInPolygon(8, 5, withHole)).toBe('inside');
  });

  it('concave notch', () => {
    expect(pointInPolygon(4.5, 6, u)).toBe('outside');
    expect(pointInPolygon(1.5, 6, u)).toBe('inside');
    expect(pointInPolygon(7.5, 6, u)).toBe('inside');
    expect(pointInRing(4.5, 1, u.coordinates[0]!)).toBe('inside');
  });

  it('orientation does not matter', () => {
    const cw = poly([...square(0, 0, 10)].reverse());
    expect(pointInPolygon(5, 5, cw)).toBe('inside');
    expect(pointInPolygon(10, 5, cw)).toBe('boundary');
  });
});

describe('polygon validation', () => {
  it('normalizes: rounds to 7 decimals, drops repeated points, outer CCW and holes CW', () => {
    const p = valid(
      poly(
        [
          [109.123456789, 26.1],
          [109.123456789, 26.1],
          [109.1, 26.2],
          [109.2, 26.2],
          [109.2, 26.1],
        ],
        [
          [109.15, 26.15],
          [109.16, 26.15],
          [109.16, 26.16],
          [109.15, 26.16],
        ],
      ),
    );
    expect(p.coordinates[0]![0]).toEqual([109.1234568, 26.1]);
    expect(p.coordinates[0]).toHaveLength(5);
    expect(ringSignedArea(p.coordinates[0]!)).toBeGreaterThan(0);
    expect(ringSignedArea(p.coordinates[1]!)).toBeLessThan(0);
  });

  it.each([
    ['not a polygon', { type: 'Point', coordinates: [1, 2] }, 'GeoJSON Polygon'],
    ['no rings', { type: 'Polygon', coordinates: [] }, '外环'],
    [
      'open ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
      '未闭合',
    ],
    [
      'too few positions',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      },
      '4 个坐标',
    ],
    [
      'only two distinct points',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      },
      '3 个不同',
    ],
    [
      'NaN',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [NaN, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      '有限数字',
    ],
    [
      'Infinity',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [Infinity, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      '有限数字',
    ],
    [
      'latitude out of range',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 95],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      '纬度',
    ],
    [
      'three numbers',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0, 0],
            [1, 0, 0],
            [1, 1, 0],
            [0, 0, 0],
          ],
        ],
      },
      '[经度, 纬度]',
    ],
    [
      'bow tie',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [2, 2],
            [2, 0],
            [0, 2],
            [0, 0],
          ],
        ],
      },
      '自相交',
    ],
    [
      'collinear',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [2, 2],
            [0, 0],
          ],
        ],
      },
      '自相交',
    ],
    [
      'spike',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [4, 0],
            [4, 4],
            [4, 6],
            [4, 5],
            [0, 4],
            [0, 0],
          ],
        ],
      },
      '自相交',
    ],
    [
      'pinched at a vertex',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [4, 0],
            [2, 2],
            [4, 4],
            [0, 4],
            [2, 2],
            [0, 0],
          ],
        ],
      },
      '自相交',
    ],
    ['hole outside', poly(square(0, 0, 4), square(5, 5, 1)), '不在外环之内'],
    ['hole crossing the outer ring', poly(square(0, 0, 4), square(3, 3, 2)), '相交'],
    ['hole touching the outer ring', poly(square(0, 0, 4), square(0, 1, 1)), '相交'],
    ['nested holes', poly(square(0, 0, 10), square(1, 1, 8), square(2, 2, 2)), '互相包含'],
  ])('refuses %s', (_label, input, reason) => {
    const check = normalizePolygon(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(reason);
  });

  it('accepts a redundant collinear vertex and a triangle', () => {
    expect(
      normalizePolygon(
        poly([
          [0, 0],
          [1, 0],
          [2, 0],
          [2, 2],
        ]),
      ).ok,
    ).toBe(true);
  });

  it('area, centroid and bbox', () => {
    const p = valid(poly(square(0, 0, 10), square(2, 2, 2)));
    expect(polygonArea(p)).toBe(96);
    expect(polygonBBox(p)).toEqual([0, 0, 10, 10]);
    const [cx, cy] = polygonCentroid(p);
    // The hole pulls the centroid away from (3, 3): (50*100 - 3*4) / 96
    expect(cx).toBeCloseTo((5 * 100 - 3 * 4) / 96, 12);
    expect(cy).toBeCloseTo(cx, 12);
  });

  it('segments touching', () => {
    expect(segmentsTouch([0, 0], [2, 2], [0, 2], [2, 0])).toBe(true);
    expect(segmentsTouch([0, 0], [1, 0], [1, 0], [2, 5])).toBe(true);
    expect(segmentsTouch([0, 0], [2, 0], [1, 0], [3, 0])).toBe(true);
    expect(segmentsTouch([0, 0], [1, 0], [2, 0], [3, 0])).toBe(false);
    expect(segmentsTouch([0, 0], [1, 1], [0, 1], [0.4, 0.6])).toBe(false);
  });
});

describe('polygon overlap (exact)', () => {
  const a = valid(poly(square(0, 0, 10)));

  it('shared edges and shared vertices are not an overlap', () => {
    expect(polygonsOverlap(a, valid(poly(square(10, 0, 10))))).toBe(false);
    expect(polygonsOverlap(a, valid(poly(square(10, 10, 5))))).toBe(false);
    // Partly shared edge (a T-junction): the right square is shifted up by 3.
    expect(polygonsOverlap(a, valid(poly(square(10, 3, 10))))).toBe(false);
    // Two triangles sharing a slanted diagonal.
    const t1 = valid(
      poly([
        [0, 0],
        [7, 3],
        [0, 9],
      ]),
    );
    const t2 = valid(
      poly([
        [7, 3],
        [9, 9],
        [0, 9],
      ]),
    );
    expect(polygonsOverlap(t1, t2)).toBe(false);
    expect(polygonsOverlap(t2, t1)).toBe(false);
  });

  it('crossing edges, containment and identical polygons overlap', () => {
    expect(polygonsOverlap(a, valid(poly(square(5, 5, 10))))).toBe(true);
    expect(polygonsOverlap(a, valid(poly(square(2, 2, 3))))).toBe(true);
    expect(polygonsOverlap(valid(poly(square(2, 2, 3))), a)).toBe(true);
    expect(polygonsOverlap(a, a)).toBe(true);
    // Same edge, same side: a thin rectangle along a's bottom edge, inside it.
    expect(
      polygonsOverlap(
        a,
        valid(
          poly([
            [0, 0],
            [10, 0],
            [10, 1],
            [0, 1],
          ]),
        ),
      ),
    ).toBe(true);
    // A vertex poking in through an edge.
    expect(
      polygonsOverlap(
        a,
        valid(
          poly([
            [9, 5],
            [15, 0],
            [15, 10],
          ]),
        ),
      ),
    ).toBe(true);
    // Inside, touching the edge at one vertex only (no edge crosses anything).
    expect(
      polygonsOverlap(
        a,
        valid(
          poly([
            [10, 5],
            [5, 8],
            [5, 2],
          ]),
        ),
      ),
    ).toBe(true);
    // Touching at a vertex only, from outside.
    expect(
      polygonsOverlap(
        a,
        valid(
          poly([
            [10, 5],
            [15, 0],
            [15, 10],
          ]),
        ),
      ),
    ).toBe(false);
  });

  it('holes: a polygon inside a hole does not overlap, one across its edge does', () => {
    const ring = valid(poly(square(0, 0, 10), square(3, 3, 4)));
    expect(polygonsOverlap(ring, valid(poly(square(3, 3, 4))))).toBe(false);
    expect(polygonsOverlap(ring, valid(poly(square(4, 4, 1))))).toBe(false);
    expect(polygonsOverlap(ring, valid(poly(square(2, 4, 2))))).toBe(true);
    expect(polygonsOverlap(ring, valid(poly(square(2.5, 2.5, 5))))).toBe(true);
  });

  it('is symmetric on a batch of random rectangles, and agrees with area sampling', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 10;
    for (let i = 0; i < 300; i++) {
      const r1 = valid(poly(square(Math.round(rnd()), Math.round(rnd()), 1 + Math.round(rnd() / 2))));
      const r2 = valid(poly(square(Math.round(rnd()), Math.round(rnd()), 1 + Math.round(rnd() / 2))));
      const [a0, a1, a2, a3] = polygonBBox(r1);
      const [b0, b1, b2, b3] = polygonBBox(r2);
      const expected = Math.min(a2, b2) > Math.max(a0, b0) && Math.min(a3, b3) > Math.max(a1, b1);
      expect(polygonsOverlap(r1, r2)).toBe(expected);
      expect(polygonsOverlap(r2, r1)).toBe(expected);
    }
  });
});

describe('polygon within polygon (a grid inside its village)', () => {
  const village = valid(poly(square(0, 0, 10)));
  it('inside, or sharing the boundary, is within; crossing or outside is not', () => {
    expect(polygonWithin(valid(poly(square(2, 2, 3))), village)).toBe(true);
    expect(polygonWithin(valid(poly(square(0, 0, 5))), village)).toBe(true); // shares two edges
    expect(polygonWithin(village, village)).toBe(true);
    expect(polygonWithin(valid(poly(square(8, 8, 5))), village)).toBe(false); // sticks out
    expect(polygonWithin(valid(poly(square(20, 20, 2))), village)).toBe(false);
    expect(polygonWithin(valid(poly(square(-1, -1, 12))), village)).toBe(false); // holds the village
  });
  it('a concave village: a grid spanning its notch is not within even with every vertex inside', () => {
    const l = valid(
      poly([
        [0, 0],
        [10, 0],
        [10, 10],
        [6, 10],
        [6, 4],
        [4, 4],
        [4, 10],
        [0, 10],
      ]),
    );
    expect(polygonWithin(valid(poly(square(1, 1, 2))), l)).toBe(true);
    // Vertices (1,5) (9,5) (9,3) (1,3) are all inside the L, but the top edge crosses the notch.
    expect(
      polygonWithin(
        valid(
          poly([
            [1, 3],
            [9, 3],
            [9, 5],
            [1, 5],
          ]),
        ),
        l,
      ),
    ).toBe(false);
  });
  it('a village with a hole (another village inside it) does not hold a grid covering the hole', () => {
    const ring = valid(poly(square(0, 0, 10), square(4, 4, 2)));
    expect(polygonWithin(valid(poly(square(1, 1, 2))), ring)).toBe(true);
    expect(polygonWithin(valid(poly(square(3, 3, 4))), ring)).toBe(false);
  });
});
