import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Kill the server (SIGKILL, no shutdown) in the middle of a burst of submissions on the
// embedded database: every request that got a 201 must be there after the restart, and
// retries with the same Idempotency-Keys must create nothing new.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-crash-'));
const port = 19000 + (process.pid % 1000);
const base = `http://127.0.0.1:${port}`;
const env = { ...process.env, DATABASE_URL: '', PORT: String(port), GONGZHI_DATA_DIR: dataDir, ANONYMOUS_RATE_LIMIT: '100000', GONGZHI_SWEEP_MINUTES: '0' };
let server: ChildProcess | undefined;

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/gongzhi.mjs', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const TEXTS = [
  '路灯坏了好几天了晚上看不见路',
  '小区门口垃圾没人清运臭得很',
  '楼下烧烤店油烟太大熏得开不了窗',
  '村里的自来水停了两天了',
  '工地晚上十二点还在施工吵得睡不着',
];
const bodyFor = (i: number) => ({ description: `${TEXTS[i % TEXTS.length]}（第 ${i} 号反映）`, address: '中潮镇上黄村', privacyAcknowledged: true });

interface Attempt {
  key: string;
  i: number;
  status: number | 'error';
  number?: string;
  queryCode?: string;
}

async function submit(i: number, key: string): Promise<Attempt> {
  try {
    const res = await fetch(`${base}/api/v1/public/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(bodyFor(i)),
    });
    const json = (await res.json()) as { number?: string; queryCode?: string };
    return { key, i, status: res.status, number: json.number, queryCode: json.queryCode };
  } catch {
    return { key, i, status: 'error' };
  }
}

beforeAll(async () => {
  // The county's regions only: intake locates by address, no demo population needed.
  const load = spawnSync(process.execPath, ['bin/gongzhi.mjs', 'regions', 'load', '522631'], { env, encoding: 'utf8' });
  if (load.status !== 0) throw new Error(load.stderr);
  // The server refuses a county nobody can sign in to.
  const args = ['user', 'add', '--username', 'sysadmin', '--name', '系统管理员', '--role', 'system_admin', '--region', '522631'];
  const admin = spawnSync(process.execPath, ['bin/gongzhi.mjs', ...args], { env, encoding: 'utf8' });
  if (admin.status !== 0) throw new Error(admin.stderr);
  server = await startServer();
}, 240_000);

afterAll(() => {
  server?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a crash in the middle of a burst of submissions', () => {
  it('keeps every order that got a 201, and retries create nothing new', async () => {
    const total = 80;
    const attempts: Attempt[] = [];
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < total) {
        const i = next++;
        const a = await submit(i, `crash-burst-${i}`);
        attempts.push(a);
        if (!killed && attempts.filter((x) => x.status === 201).length >= 25) {
          killed = true;
          server!.kill('SIGKILL');
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(killed).toBe(true);
    const accepted = attempts.filter((a) => a.status === 201);
    expect(accepted.length).toBeGreaterThanOrEqual(25);
    expect(attempts.some((a) => a.status === 'error')).toBe(true);

    server = await startServer();
    // Every 201 survived: its number and query code open the tracking page.
    for (const a of accepted) {
      const res = await fetch(`${base}/api/v1/public/requests/${a.number}?code=${a.queryCode}`);
      expect(res.status, `${a.number} lost`).toBe(200);
    }
    // Retrying every key: the accepted ones answer with their original number; the others are created once.
    const retried = new Map<string, string>();
    for (let i = 0; i < total; i++) {
      const r = await submit(i, `crash-burst-${i}`);
      expect(r.status, `retry ${i}`).toBe(201);
      retried.set(r.key, r.number!);
    }
    for (const a of accepted) expect(retried.get(a.key)).toBe(a.number);
    // And once more: nothing changes.
    for (let i = 0; i < total; i++) expect((await submit(i, `crash-burst-${i}`)).number).toBe(retried.get(`crash-burst-${i}`));
    expect(new Set(retried.values()).size).toBe(total);
  }, 240_000);
});
