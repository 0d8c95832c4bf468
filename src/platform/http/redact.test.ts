import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact.js';

describe('redactUrl', () => {
  it('hides lookup numbers and keeps the rest', () => {
    expect(redactUrl('/api/v1/residents?idNumber=11010519491231002X&page=2&phone=13912345678')).toBe('/api/v1/residents?idNumber=***&page=2&phone=***');
    expect(redactUrl('/api/v1/regions/522631')).toBe('/api/v1/regions/522631');
    expect(redactUrl('/open311/v2/requests.json?api_key=o311_secret&status=open')).toBe('/open311/v2/requests.json?api_key=***&status=open');
  });
});
