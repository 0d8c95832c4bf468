import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * The local admin channel: how a CLI command reaches the running server when the embedded
 * database is held by it (one process per PGlite folder, see data-lock.ts). A Unix domain socket
 * in the data folder, `admin.sock`, mode 0600, plus a random token in `admin.token`, mode 0600
 * (created 0600, so no window where another user could read it): only the account that runs the
 * server can connect. Nothing listens on the network.
 *
 * Protocol: one JSON line in ({ token, command, ...args }); JSON lines out: any number of
 * { progress: [done, total] }, then { ok: true, result } or { ok: false, error }.
 */
export const adminSocketPath = (dataDir: string) => path.join(dataDir, 'admin.sock');
export const adminTokenPath = (dataDir: string) => path.join(dataDir, 'admin.token');

export type AdminHandler = (args: Record<string, unknown>, progress: (done: number, total: number) => void) => Promise<unknown>;

export interface AdminChannel {
  close(): Promise<void>;
}

/** Starts the channel; undefined (with a warning) where the socket cannot be made. */
export async function startAdminChannel(dataDir: string, handlers: Record<string, AdminHandler>): Promise<AdminChannel | undefined> {
  const socket = adminSocketPath(dataDir);
  const tokenFile = adminTokenPath(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  // Whoever opened the database holds the data folder's lock: a socket or token here is stale.
  fs.rmSync(socket, { force: true });
  fs.rmSync(tokenFile, { force: true });
  const token = randomBytes(32).toString('hex');
  fs.writeFileSync(tokenFile, token, { mode: 0o600, flag: 'wx' });
  const server = net.createServer((conn) => serveConnection(conn, token, handlers));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socket, () => resolve());
    });
    fs.chmodSync(socket, 0o600);
  } catch (err) {
    fs.rmSync(tokenFile, { force: true });
    console.error(`管理通道未启动（${(err as Error).message}）：服务运行时 gongzhi backup 无法经由服务执行`);
    return undefined;
  }
  return {
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(socket, { force: true });
      fs.rmSync(tokenFile, { force: true });
    },
  };
}

function serveConnection(conn: net.Socket, token: string, handlers: Record<string, AdminHandler>): void {
  let buffered = '';
  const send = (msg: object) => conn.writable && conn.write(`${JSON.stringify(msg)}\n`);
  conn.setEncoding('utf8');
  conn.on('error', () => undefined);
  const onData = (chunk: string) => {
    buffered += chunk;
    const end = buffered.indexOf('\n');
    if (end === -1) {
      if (buffered.length > 64 * 1024) conn.destroy();
      return;
    }
    conn.off('data', onData);
    void handle(buffered.slice(0, end));
  };
  const handle = async (line: string) => {
    try {
      const req = JSON.parse(line) as { token?: unknown; command?: unknown } & Record<string, unknown>;
      const given = Buffer.from(String(req.token ?? ''));
      const expected = Buffer.from(token);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error('管理通道口令不符');
      const handler = handlers[String(req.command)];
      if (!handler) throw new Error(`服务不支持经由管理通道执行 ${String(req.command)}`);
      const result = await handler(req, (done, total) => send({ progress: [done, total] }));
      send({ ok: true, result });
    } catch (err) {
      send({ ok: false, error: (err as Error).message });
    }
    conn.end();
  };
  conn.on('data', onData);
}

export type AdminCall<T> = { reached: false } | { reached: true; result: T };

/**
 * Asks the running server to do `command`. `reached: false` when no server listens on this data
 * folder (no token, no socket, or a stale one): the caller then opens the database itself.
 */
export async function callAdminChannel<T>(
  dataDir: string,
  command: string,
  args: Record<string, unknown>,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<AdminCall<T>> {
  let token: string;
  try {
    token = fs.readFileSync(adminTokenPath(dataDir), 'utf8').trim();
  } catch {
    return { reached: false };
  }
  const conn = net.createConnection(adminSocketPath(dataDir));
  const connected = await new Promise<boolean>((resolve) => {
    conn.once('connect', () => resolve(true));
    conn.once('error', () => resolve(false));
  });
  if (!connected) return { reached: false };
  conn.write(`${JSON.stringify({ ...args, token, command })}\n`);
  conn.setEncoding('utf8');
  return new Promise<AdminCall<T>>((resolve, reject) => {
    let buffered = '';
    let settled = false;
    conn.on('data', (chunk: string) => {
      buffered += chunk;
      let end: number;
      while ((end = buffered.indexOf('\n')) !== -1) {
        const msg = JSON.parse(buffered.slice(0, end)) as { progress?: [number, number]; ok?: boolean; result?: T; error?: string };
        buffered = buffered.slice(end + 1);
        if (msg.progress) {
          onProgress(msg.progress[0], msg.progress[1]);
        } else if (msg.ok !== undefined) {
          settled = true;
          if (msg.ok) resolve({ reached: true, result: msg.result as T });
          else reject(new Error(msg.error));
        }
      }
    });
    conn.on('error', (err) => !settled && reject(err));
    conn.on('close', () => !settled && reject(new Error('运行中的服务在执行途中断开了管理通道（服务是否已停止？）')));
  });
}
