import path from 'node:path';

/** Everything the server reads from its environment, in one place. See docs/CONFIGURATION.md. */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection used for migrations (an owner/superuser role). Unset → embedded PGlite. */
  databaseUrl: string | undefined;
  /** Connection the application runs as (role gongzhi_app). Derived from databaseUrl when unset. */
  appDatabaseUrl: string | undefined;
  /** Folder for PGlite data and uploaded files. */
  dataDir: string;
  /**
   * Folder for the file store's content (GONGZHI_FILES_DIR). Unset: <dataDir>/files on the embedded
   * database, the file_blobs table on PostgreSQL. See src/platform/files and docs/OPERATIONS.md.
   */
  filesDir: string | undefined;
  /** Largest file per owner kind and usage, overriding the built-in limits (GONGZHI_FILE_LIMITS="work_order.photo=5MB,…"). */
  fileLimits: Record<string, number>;
  /** County loaded as the demo on first start, and its population scale (1 = real). */
  demoCounty: string;
  demoScale: number;
  /**
   * What the residents' pages say about the county (PIPL notice included): its name (unset → the
   * name of the county region in the database), the hotline residents can call, who answers
   * questions about their personal information, and how long reports are kept (years).
   */
  countyName: string | undefined;
  hotline: string;
  privacyContact: string | undefined;
  recordRetentionYears: number;
  /** SM4 key (32 hex chars) for data encrypted at rest, and the SM3-HMAC key for lookups. */
  dataKey: string;
  hmacKey: string;
  /**
   * Keys that seal audit records (HMAC-SM3), held outside the database: GONGZHI_AUDIT_KEY first,
   * then GONGZHI_AUDIT_PREVIOUS_KEYS (comma-separated) so records sealed before a rotation verify.
   */
  auditKeys: string[];
  /** Signed audit checkpoints, appended outside the database; unset → <dataDir>/audit/checkpoints.jsonl. */
  auditCheckpointFile: string | undefined;
  /** How often the server writes a checkpoint when the log has grown (seconds; 0 = only at stop). */
  auditCheckpointSeconds: number;
  /** Session cookie only over HTTPS (and HSTS sent). Defaults to true with NODE_ENV=production; COOKIE_SECURE=false overrides. */
  cookieSecure: boolean;
  /** Origins trusted besides the server's own for requests that carry a session cookie (GONGZHI_ALLOWED_ORIGINS). */
  allowedOrigins: string[];
  /** Behind a reverse proxy (nginx): take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Failures from one address for one username before that address waits (lockoutMinutes, doubling on repeat). */
  lockoutFailures: number;
  lockoutMinutes: number;
  /** Distinct failing addresses within lockoutMinutes that lock an account for addresses it never signed in from. */
  lockoutAddresses: number;
  loginRateLimitPerMinute: number;
  /** Full ID/phone numbers one user may reveal in 10 minutes and in a day; beyond, 429 and a security alert. */
  revealPer10Min: number;
  /** The most indicators an assessment set may have (GONGZHI_ASSESSMENT_MAX_INDICATORS): fewer is the point. */
  assessmentMaxIndicators: number;
  revealPerDay: number;
  anonymousRateLimitPerMinute: number;
  bodyLimitBytes: number;
  /** Largest body from a caller without a session (no photos), and the photos one anonymous report may carry. */
  anonymousBodyLimitBytes: number;
  anonymousPhotoBytes: number;
  logLevel: string;
  /** Below this classifier confidence (0–1) a request waits in triage for a person. */
  triageThreshold: number;
  /** A request in the same subcategory this many days back and this close is proposed as a duplicate. */
  duplicateDays: number;
  duplicateMeters: number;
  /** Notifications are also POSTed here (JSON, signed with HMAC-SM3 when a secret is set). */
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  /** How often the server sweeps for overdue work orders (minutes; 0 = never, e.g. when cron runs `gongzhi requests sweep`). */
  sweepMinutes: number;
  /** A dispute's amount at stake (yuan) above which its risk is at least medium / high. */
  disputeAmountMedium: number;
  disputeAmountHigh: number;
  /** Training/drill mode: the clock can be moved forward through the API (never in production). */
  drill: boolean;
  /** Application statements with parameters run as server-side prepared statements (db/prepared.ts); GONGZHI_PREPARED_STATEMENTS=false turns it off. */
  preparedStatements: boolean;
  /** Households per grid outside which saving a grid warns (urban communities / rural villages). */
  gridHouseholds: Record<'urban' | 'rural', HouseholdRange>;
  /** Base-map tile layers for the command map (GONGZHI_MAP_TILES: XYZ URL templates, `|`-separated); unset: outlines only, offline. */
  mapTiles?: string[];
  /** Who the tiles come from, shown on the map (GONGZHI_MAP_ATTRIBUTION). */
  mapTilesAttribution?: string;
}

/** GONGZHI_MAP_TILES: `|`-separated http(s) URL templates with {z}, {x} and {y}, e.g. a 天地图 WMTS GetTile URL with its key. */
function mapTiles(raw: string | undefined): string[] {
  if (!raw?.trim()) return [];
  return raw.split('|').map((s) => {
    const t = s.trim();
    let url: URL;
    try {
      url = new URL(t.replace(/[{}]/g, ''));
    } catch {
      throw new Error(
        `配置项 GONGZHI_MAP_TILES 应为瓦片地址模板，如 https://t0.tianditu.gov.cn/vec_w/wmts?…&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=密钥: ${t}`,
      );
    }
    if (!/^https?:$/.test(url.protocol) || !['{z}', '{x}', '{y}'].every((v) => t.includes(v))) {
      throw new Error(`配置项 GONGZHI_MAP_TILES 每个地址都应为 http(s) 并含 {z}、{x}、{y}: ${t}`);
    }
    return t;
  });
}

export interface HouseholdRange {
  min: number;
  max: number;
}

/** "300-500" → { min: 300, max: 500 }. */
function range(env: NodeJS.ProcessEnv, name: string, fallback: HouseholdRange): HouseholdRange {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(raw);
  if (!m || Number(m[1]) > Number(m[2])) throw new Error(`配置项 ${name} 应为“最少-最多”，如 300-500: ${raw}`);
  return { min: Number(m[1]), max: Number(m[2]) };
}

/** A development key, refused in production (NODE_ENV=production) so it cannot ship by accident. */
const DEV_DATA_KEY = '0123456789abcdef0123456789abcdef';
const DEV_HMAC_KEY = 'gongzhi-dev-hmac-key-change-me';
const DEV_AUDIT_KEY = 'gongzhi-dev-audit-key-change-me';

/** "https://a.example, https://b.example:8443" → their origins; a value that is not an http(s) origin stops the start. */
function origins(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      let url: URL;
      try {
        url = new URL(s);
      } catch {
        throw new Error(`配置项 GONGZHI_ALLOWED_ORIGINS 应为逗号分隔的来源，如 https://wx.example.cn: ${s}`);
      }
      if (!/^https?:$/.test(url.protocol)) throw new Error(`配置项 GONGZHI_ALLOWED_ORIGINS 只接受 http(s) 来源: ${s}`);
      return url.origin;
    });
}

/** "work_order.photo=5MB, dispute_case.evidence=20MB" → { 'work_order.photo': 5242880, … } (B, KB or MB; bytes when bare). */
function fileLimits(raw: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (raw ?? '').split(',')) {
    if (part.trim() === '') continue;
    const m = /^\s*([a-z][a-z_]*\.[a-z][a-z_]*)\s*=\s*(\d+(?:\.\d+)?)\s*(B|KB|MB)?\s*$/i.exec(part);
    if (!m) throw new Error(`配置项 GONGZHI_FILE_LIMITS 应为“对象类别.用途=大小”，以逗号分隔，如 work_order.photo=5MB: ${part.trim()}`);
    const unit = (m[3] ?? 'B').toUpperCase();
    out[m[1]!] = Math.floor(Number(m[2]) * (unit === 'MB' ? 1024 * 1024 : unit === 'KB' ? 1024 : 1));
  }
  return out;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`配置项 ${name} 必须是数字: ${raw}`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const dataKey = env.GONGZHI_DATA_KEY ?? DEV_DATA_KEY;
  const hmacKey = env.GONGZHI_HMAC_KEY ?? DEV_HMAC_KEY;
  const auditKey = env.GONGZHI_AUDIT_KEY ?? DEV_AUDIT_KEY;
  if (production && (dataKey === DEV_DATA_KEY || hmacKey === DEV_HMAC_KEY || auditKey === DEV_AUDIT_KEY)) {
    throw new Error('生产环境必须设置 GONGZHI_DATA_KEY、GONGZHI_HMAC_KEY 和 GONGZHI_AUDIT_KEY');
  }
  if (auditKey.length < 16) throw new Error('GONGZHI_AUDIT_KEY 至少 16 个字符');
  if (production && env.GONGZHI_DRILL === 'true') throw new Error('生产环境不能开启演练模式 GONGZHI_DRILL');
  if (!/^[0-9a-fA-F]{32}$/.test(dataKey)) throw new Error('GONGZHI_DATA_KEY 必须是 32 位十六进制 (SM4 128 位密钥)');
  return {
    port: int(env, 'PORT', 8080),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    appDatabaseUrl: env.APP_DATABASE_URL || undefined,
    dataDir: path.resolve(env.GONGZHI_DATA_DIR ?? 'data'),
    filesDir: env.GONGZHI_FILES_DIR ? path.resolve(env.GONGZHI_FILES_DIR) : undefined,
    fileLimits: fileLimits(env.GONGZHI_FILE_LIMITS),
    demoCounty: env.GONGZHI_DEMO_COUNTY ?? '522631',
    demoScale: int(env, 'GONGZHI_DEMO_SCALE', 0.05),
    countyName: env.GONGZHI_COUNTY_NAME?.trim() || undefined,
    hotline: env.GONGZHI_HOTLINE?.trim() || '12345',
    privacyContact: env.GONGZHI_PRIVACY_CONTACT?.trim() || undefined,
    recordRetentionYears: int(env, 'GONGZHI_RECORD_RETENTION_YEARS', 10),
    dataKey,
    hmacKey,
    auditKeys: [auditKey, ...(env.GONGZHI_AUDIT_PREVIOUS_KEYS ?? '').split(',').filter((k) => k.trim() !== '')],
    auditCheckpointFile: env.GONGZHI_AUDIT_CHECKPOINT_FILE ? path.resolve(env.GONGZHI_AUDIT_CHECKPOINT_FILE) : undefined,
    auditCheckpointSeconds: int(env, 'GONGZHI_AUDIT_CHECKPOINT_SECONDS', 60),
    cookieSecure: env.COOKIE_SECURE === undefined || env.COOKIE_SECURE === '' ? production : env.COOKIE_SECURE === 'true',
    allowedOrigins: origins(env.GONGZHI_ALLOWED_ORIGINS),
    trustProxy: env.TRUST_PROXY === 'true',
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 12),
    lockoutFailures: int(env, 'LOCKOUT_FAILURES', 5),
    lockoutMinutes: int(env, 'LOCKOUT_MINUTES', 5),
    lockoutAddresses: int(env, 'LOCKOUT_ADDRESSES', 10),
    loginRateLimitPerMinute: int(env, 'LOGIN_RATE_LIMIT', 20),
    revealPer10Min: int(env, 'GONGZHI_REVEAL_PER_10_MIN', 20),
    assessmentMaxIndicators: int(env, 'GONGZHI_ASSESSMENT_MAX_INDICATORS', 10),
    revealPerDay: int(env, 'GONGZHI_REVEAL_PER_DAY', 100),
    anonymousRateLimitPerMinute: int(env, 'ANONYMOUS_RATE_LIMIT', 60),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024),
    anonymousBodyLimitBytes: int(env, 'ANONYMOUS_BODY_LIMIT_BYTES', 64 * 1024),
    anonymousPhotoBytes: int(env, 'ANONYMOUS_PHOTO_BYTES', 8 * 1024 * 1024),
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'warn'),
    triageThreshold: int(env, 'GONGZHI_TRIAGE_THRESHOLD', 0.5),
    duplicateDays: int(env, 'GONGZHI_DUPLICATE_DAYS', 7),
    duplicateMeters: int(env, 'GONGZHI_DUPLICATE_METERS', 200),
    webhookUrl: env.GONGZHI_WEBHOOK_URL || undefined,
    webhookSecret: env.GONGZHI_WEBHOOK_SECRET || undefined,
    sweepMinutes: int(env, 'GONGZHI_SWEEP_MINUTES', 5),
    disputeAmountMedium: int(env, 'GONGZHI_DISPUTE_AMOUNT_MEDIUM', 50_000),
    disputeAmountHigh: int(env, 'GONGZHI_DISPUTE_AMOUNT_HIGH', 200_000),
    gridHouseholds: {
      urban: range(env, 'GONGZHI_GRID_HOUSEHOLDS_URBAN', { min: 300, max: 500 }),
      rural: range(env, 'GONGZHI_GRID_HOUSEHOLDS_RURAL', { min: 0, max: 300 }),
    },
    drill: env.GONGZHI_DRILL === 'true',
    preparedStatements: env.GONGZHI_PREPARED_STATEMENTS !== 'false',
    mapTiles: mapTiles(env.GONGZHI_MAP_TILES),
    mapTilesAttribution: env.GONGZHI_MAP_ATTRIBUTION?.trim() || undefined,
  };
}
