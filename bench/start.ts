/**
 * Start-time benchmark: `npx tsx bench/start.ts [--runs 5] [--data DIR] [--scale 0.05]
 * [--baseline name=DIR ...]`.
 *
 * Times `gongzhi serve` on an existing embedded database, from spawning `node bin/gongzhi.mjs`
 * to the first 200 of GET /api/v1/health, and prints the phase lines the server writes itself
 * (serve.ts). The data folder is made once with `gongzhi demo --scale <scale>` unless --data
 * names one; every variant gets its own copy of it, so one variant's migrations or stored model
 * do not help another. A --baseline is another checkout of the project (e.g. `git archive HEAD`
 * unpacked with node_modules linked); the variants run in interleaved rounds because the machine
 * may be shared, and the median of each is printed with its ratio to the first variant.
 * `serve` rather than `start`: the web build check would rebuild when web/src is being edited.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    data: { type: 'string' },
    scale: { type: 'string', default: '0.05' },
    baseline: { type: 'string', multiple: true, default: [] },
  },
});
const runs = Number(values.runs);
const here = path.resolve(import.meta.dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-start-'));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

let source = values.data;
if (!source) {
  source = path.join(work, 'source');
  console.error(`生成演示数据（规模 ${values.scale}）到 ${source} …`);
  const r = spawnSync(process.execPath, [path.join(here, 'bin/gongzhi.mjs'), 'demo', '--scale', values.scale], {
    env: { ...process.env, GONGZHI_DATA_DIR: source, DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error('demo failed');
}

const variants = [{ name: 'current', dir: here }, ...values.baseline.map((b) => ({ name: b.split('=')[0]!, dir: path.resolve(b.split('=')[1]!) }))];
const times = new Map<string, number[]>(variants.map((v) => [v.name, []]));
const lastPhases = new Map<string, string[]>();
for (const v of variants) fs.cpSync(source, path.join(work, v.name), { recursive: true });

async function startOnce(v: { name: string; dir: string }): Promise<number> {
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, [path.join(v.dir, 'bin/gongzhi.mjs'), 'serve'], {
    cwd: v.dir,
    env: { ...process.env, GONGZHI_DATA_DIR: path.join(work, v.name), DATABASE_URL: '', PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let ms = -1;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${v.name} exited: ${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) {
      ms = performance.now() - began;
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGTERM');
  await exited;
  lastPhases.set(
    v.name,
    stderr.split('\n').filter((l) => l.startsWith('启动')),
  );
  return ms;
}

// Round 0 warms up each variant (migrations, a first stored model) and is not counted.
for (let round = 0; round <= runs; round++) {
  const order = round % 2 ? [...variants].reverse() : variants;
  for (const v of order) {
    const ms = await startOnce(v);
    console.error(`${round === 0 ? '预热' : `第 ${round} 轮`} ${v.name}: ${Math.round(ms)} ms`);
    if (round > 0) times.get(v.name)!.push(ms);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const first = median(times.get(variants[0]!.name)!);
for (const v of variants) {
  const m = median(times.get(v.name)!);
  console.log(`${v.name}: 到首个 200 的中位数 ${(m / 1000).toFixed(2)} s（${runs} 次; 相对 ${variants[0]!.name} ${(m / first).toFixed(2)}×）`);
  for (const l of lastPhases.get(v.name) ?? []) console.log(`  ${l}`);
}
fs.rmSync(work, { recursive: true, force: true });
