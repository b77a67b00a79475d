import { z } from 'zod';
import { TrustedProxies } from './http/client-address.js';
import { PRODUCTION_COST, type HashCost } from './identity/passwords.js';

/** Fast enough for suites that hash many demo passwords; never accepted in production. */
const TEST_COST: HashCost = { N: 2 ** 12, r: 8, p: 1 };

/** development seeds the demo county; test is for the suites; production seeds nothing and needs HTTPS. */
export const APP_MODES = ['development', 'test', 'production'] as const;
export type AppMode = (typeof APP_MODES)[number];

const Env = z.object({
  /** No default: a server must be told it is a demo, a test or the real thing (docs/DEPLOYMENT.md). */
  APP_MODE: z.enum(APP_MODES, {
    error: (issue) =>
      issue.input === undefined
        ? 'not set. Say how this server runs: development (the demo county with its published passwords; `npm start` sets it), test, or production.'
        : `must be development, test or production, not ${String(issue.input)}`,
  }),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATABASE_FILE: z.string().min(1).default('data/doctor-at-home.sqlite'),
  /** Where the API reaches LiveKit's HTTP API (RoomService). */
  LIVEKIT_URL: z.url().default('http://127.0.0.1:7880'),
  /** What clients are told to connect to; defaults to LIVEKIT_URL with a ws scheme. */
  LIVEKIT_PUBLIC_URL: z.url().optional(),
  LIVEKIT_API_KEY: z.string().min(3),
  LIVEKIT_API_SECRET: z.string().min(32, 'LIVEKIT_API_SECRET must be at least 32 characters'),
  /** Built client to serve (dist/); unset in tests that only speak to the API. */
  STATIC_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * The address people type and QR codes point at, e.g. https://doctor.county.gov.cn; also the one
   * origin state-changing requests may come from (the CSRF origin check).
   */
  PUBLIC_ORIGIN: z.url().optional(),
  /**
   * The reverse proxies in front of the API (addresses or CIDR ranges, comma-separated; none by
   * default). Only when a request comes from one of them is X-Forwarded-For read for the client's
   * address (http/client-address.ts).
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .refine(
      (entries) => {
        try {
          new TrustedProxies(entries);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'a comma-separated list of IP addresses or CIDR ranges' },
    ),
  /**
   * How long starting waits for the database to open (a volume still mounting, a lock held by a
   * backup) before giving up with the reason; LiveKit is waited for in the background (startup.ts).
   */
  STARTUP_WAIT_MS: z.coerce.number().int().min(0).default(60_000),
  /**
   * How long stopping (SIGTERM, SIGINT) lets answers under way finish before it closes their
   * connections: within systemd's 90 s and Kubernetes' 30 s default grace before a SIGKILL.
   */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** Lower only for tests: the suites hash many demo passwords. */
  PASSWORD_HASH_COST: z.enum(['production', 'test']).default('production'),
});

export interface AppConfig {
  mode: AppMode;
  host: string;
  port: number;
  databaseFile: string;
  livekit: { url: string; publicUrl: string; apiKey: string; apiSecret: string };
  staticDir: string | undefined;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  publicOrigin: string;
  /** Reverse proxies whose X-Forwarded-For is believed (empty: none, the default). */
  trustedProxies: string[];
  /** Secure cookies: always in production (HTTPS), not on plain-HTTP loopback. */
  cookieSecure: boolean;
  passwordHashCost: HashCost;
  startupWaitMs: number;
  shutdownGraceMs: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration (see config/sample.env):\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  // Without PUBLIC_ORIGIN (development, tests): the address the API listens on.
  const publicOrigin = e.PUBLIC_ORIGIN ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`;
  if (e.APP_MODE === 'production') {
    if (!publicOrigin.startsWith('https://')) {
      throw new ConfigError(
        'APP_MODE=production needs PUBLIC_ORIGIN with https://: sessions travel in cookies.',
      );
    }
    if (e.PASSWORD_HASH_COST !== 'production') {
      throw new ConfigError('PASSWORD_HASH_COST=test is for the test suites only.');
    }
  }
  return {
    mode: e.APP_MODE,
    host: e.HOST,
    port: e.PORT,
    databaseFile: e.DATABASE_FILE,
    livekit: {
      url: e.LIVEKIT_URL,
      publicUrl: e.LIVEKIT_PUBLIC_URL ?? e.LIVEKIT_URL.replace(/^http/, 'ws'),
      apiKey: e.LIVEKIT_API_KEY,
      apiSecret: e.LIVEKIT_API_SECRET,
    },
    staticDir: e.STATIC_DIR,
    logLevel: e.LOG_LEVEL,
    publicOrigin: new URL(publicOrigin).origin,
    trustedProxies: e.TRUSTED_PROXIES,
    cookieSecure: publicOrigin.startsWith('https://'),
    passwordHashCost: e.PASSWORD_HASH_COST === 'test' ? TEST_COST : PRODUCTION_COST,
    startupWaitMs: e.STARTUP_WAIT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
  };
}
