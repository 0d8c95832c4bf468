import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoAccountsFile: string;
  }
}

/**
 * Runs the platform exactly as `npm start` does, on a fresh embedded database in a temporary
 * folder, and waits for it to answer.
 */
export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-e2e-'));
  const port = 18000 + (process.pid % 1000);
  const child: ChildProcess = spawn(process.execPath, ['bin/gongzhi.mjs', 'start'], {
    // Drill mode: the intake walk moves the server's clock forward to let time limits pass.
    // Every browser test signs in from 127.0.0.1: at the default 20 logins a minute per address,
    // two busy files in a row were refused (429) mid-journey. The limit itself is tested in
    // src/platform/accounts/auth.test.ts.
    env: { ...process.env, DATABASE_URL: '', PORT: String(port), GONGZHI_DATA_DIR: dataDir, GONGZHI_DRILL: 'true', LOGIN_RATE_LIMIT: '600' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  // The first start builds the demo county (about two minutes on two idle cores; more on a loaded machine).
  const deadline = Date.now() + 420_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL'); // no orphan holding the port and the data folder
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  project.provide('baseUrl', baseUrl);
  project.provide('demoAccountsFile', path.join(dataDir, 'demo-accounts.txt'));
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
