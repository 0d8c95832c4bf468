import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { client, intakeFixture, type Intake } from '../../modules/requests/test-fixtures.js';
import { escapeLike, likeContains, likePrefix } from './like.js';

let h: Harness;
let f: Intake;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000, anonymousRateLimitPerMinute: 1000 });
  f = await intakeFixture(h, ['county', 'village']);
  api = client(h, f.cookies);
});
afterAll(() => h?.close());

const search = async (url: string, q: string) => {
  const res = await api.get(`${url}${url.includes('?') ? '&' : '?'}q=${encodeURIComponent(q)}`, 'county');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Record<string, string>[];
};

describe('LIKE patterns from typed text', () => {
  it('escape %, _ and the backslash', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
    expect(likeContains('a%')).toBe('%a\\%%');
    expect(likePrefix('12_')).toBe('12\\_%');
  });

  it('searching mediation cases for % or _ matches only a literal percent or underscore', async () => {
    const narratives = ['邻居占用院坝百分之百 100% 不让通行', '两家为排水沟 a_b 段的位置争执', '两家为排水沟 axb 段的位置争执', '两家因为院坝边界发生争执'];
    for (const narrative of narratives) {
      const res = await api.post('/api/v1/disputes/cases', 'village', {
        disputeType: '1201',
        narrative,
        parties: [
          { role: 'applicant', name: '王甲' },
          { role: 'respondent', name: '李乙' },
        ],
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const percent = await search('/api/v1/disputes/cases', '%');
    expect(percent.map((c) => c.narrative)).toEqual([narratives[0]]);
    const underscore = await search('/api/v1/disputes/cases', 'a_b');
    expect(underscore.map((c) => c.narrative)).toEqual([narratives[1]]);
  });

  it('searching work orders for % or _ matches only a literal percent or underscore', async () => {
    const descriptions = ['水费一下涨了 50% 太不合理了', '路灯 L_1 坏了好几天了', '路灯 LX1 坏了好几天了'];
    for (const description of descriptions) {
      const res = await api.post('/api/v1/public/requests', undefined, { description, privacyAcknowledged: true });
      expect(res.statusCode, res.body).toBe(201);
    }
    expect((await search('/api/v1/work-orders', '%')).map((o) => o.description)).toEqual([descriptions[0]]);
    expect((await search('/api/v1/work-orders', 'L_1')).map((o) => o.description)).toEqual([descriptions[1]]);
  });
});
