import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One writer per embedded database. PGlite runs PostgreSQL inside this process with no shared
 * memory or postmaster between processes: a second process (or a second PGlite in this one)
 * opening the same folder writes over the first one's pages and WAL, and the next start fails
 * with "Aborted()". So whoever opens the folder first holds `<folder>.lock` until it closes.
 *
 * The lock file is created with O_EXCL and names its holder: pid, the process's start time
 * (from /proc, so a pid reused after a crash is not mistaken for the holder), host and command.
 * A lock whose process is gone is stale and taken over; a live holder makes the opener refuse.
 */
export interface LockHolder {
  pid: number;
  /** Process start time in clock ticks since boot (/proc/<pid>/stat field 22); null off Linux. */
  startTime: string | null;
  host: string;
  command: string;
  since: string;
}

export class DataLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly lockFile: string,
    readonly holder: LockHolder,
  ) {
    super(lockedMessage(dir, lockFile, holder));
    this.name = 'DataLockedError';
  }
}

export interface DataLock {
  readonly file: string;
  /** Removes the lock file if it is still ours. Safe to call more than once. */
  release(): void;
}

/** Lock files this process holds, with the exact content it wrote (to release only its own). */
const held = new Map<string, string>();

/** The lock file of a PGlite data folder: beside it, so the folder itself stays PostgreSQL's. */
export function lockFileFor(dir: string): string {
  return `${path.resolve(dir)}.lock`;
}

/** The PGlite folder openDatabase uses when none is given. */
export function defaultPgliteDir(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

/** Start time of a process (Linux), to tell a live holder from a later process given the same pid. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True while the process that wrote the lock still runs (or when this machine cannot tell). */
export function holderAlive(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return true;
  if (!pidAlive(holder.pid)) return false;
  const now = processStartTime(holder.pid);
  return !(holder.startTime && now && holder.startTime !== now);
}

/** `gongzhi backup`, `gongzhi start`: the command words, never its options (a password may follow). */
function commandOf(argv: string[]): string {
  const args = argv.slice(2);
  const firstOption = args.findIndex((a) => a.startsWith('-'));
  const words = (firstOption === -1 ? args : args.slice(0, firstOption)).slice(0, 3);
  return [path.basename(argv[1] ?? 'node').replace(/\.m?js$/, ''), ...words].join(' ');
}

function lockedMessage(dir: string, lockFile: string, h: LockHolder): string {
  const who = h.pid === process.pid ? '本进程' : `进程 ${h.pid}`;
  const where = h.host === os.hostname() ? '' : `，在另一台机器 ${h.host} 上`;
  return (
    `内嵌数据库 ${dir} 正被${who}（${h.command}，自 ${h.since} 起${where}）使用。` +
    `PGlite 同一时间只能由一个进程打开，两个进程同时打开会损坏数据，所以本次拒绝打开。` +
    `请先停止该服务（在其终端按 Ctrl+C，或 kill ${h.pid} / systemctl stop gongzhi）再执行本命令；` +
    `服务运行时也可以直接执行 gongzhi backup <文件>，备份经由运行中的服务完成。` +
    `若确认该进程已不存在，可删除锁文件 ${lockFile}。`
  );
}

function readHolder(file: string): { text: string; holder: LockHolder | null; ageMs: number } | null {
  try {
    const text = fs.readFileSync(file, 'utf8');
    const ageMs = Date.now() - fs.statSync(file).mtimeMs;
    try {
      const h = JSON.parse(text) as LockHolder;
      return { text, holder: Number.isInteger(h.pid) ? h : null, ageMs };
    } catch {
      return { text, holder: null, ageMs };
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Removes a stale lock, one taker at a time: without the guard, two processes that both saw the
 * dead holder could each delete the lock the other had just created.
 */
async function removeStale(file: string, staleText: string): Promise<void> {
  const guard = `${file}.takeover`;
  for (let i = 0; ; i++) {
    try {
      fs.closeSync(fs.openSync(guard, 'wx', 0o600));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A taker that died inside this short section leaves the guard behind.
      const age = Date.now() - (fs.statSync(guard, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10_000 || i > 100) fs.rmSync(guard, { force: true });
      await sleep(50);
    }
  }
  try {
    if (readHolder(file)?.text === staleText) fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

let exitHooked = false;

/** Releases every lock this process holds: at exit, and on a signal nobody else handles. */
function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', releaseAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      // The server handles its own signals (closes the database, which releases the lock).
      if (process.listenerCount(signal) > 1) return;
      releaseAll();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

function releaseAll(): void {
  for (const [file, text] of held) releaseFile(file, text);
}

function releaseFile(file: string, text: string): void {
  held.delete(file);
  try {
    if (fs.readFileSync(file, 'utf8') === text) fs.rmSync(file, { force: true });
  } catch {
    // already gone
  }
}

/**
 * Takes the lock of a PGlite data folder for this process, or throws DataLockedError naming the
 * live holder. A lock left by a dead process (crash, SIGKILL, power loss) is taken over.
 */
export async function acquireDataLock(dir: string, command: string = commandOf(process.argv)): Promise<DataLock> {
  const file = lockFileFor(dir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const me: LockHolder = { pid: process.pid, startTime: processStartTime(process.pid), host: os.hostname(), command, since: new Date().toISOString() };
  const text = `${JSON.stringify(me)}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      try {
        fs.writeSync(fd, text);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      held.set(file, text);
      hookExit();
      return { file, release: () => held.get(file) === text && releaseFile(file, text) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const found = readHolder(file);
    if (!found) continue;
    if (found.holder && holderAlive(found.holder)) throw new DataLockedError(path.resolve(dir), file, found.holder);
    // Unreadable: another opener between creating and writing it, or a crash in that instant.
    if (!found.holder && found.ageMs < 2_000 && attempt < 40) {
      await sleep(50);
      continue;
    }
    await removeStale(file, found.text);
    if (attempt > 50) throw new Error(`无法取得数据目录锁 ${file}`);
  }
}
