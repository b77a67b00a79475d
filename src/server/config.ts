import { z } from 'zod';

/** development and test accept the seed's users by id; production refuses to start without real sign-in. */
export const APP_MODES = ['development', 'test', 'production'] as const;
export type AppMode = (typeof APP_MODES)[number];

const Env = z.object({
  APP_MODE: z.enum(APP_MODES).default('development'),
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
});

export interface AppConfig {
  mode: AppMode;
  host: string;
  port: number;
  databaseFile: string;
  livekit: { url: string; publicUrl: string; apiKey: string; apiSecret: string };
  staticDir: string | undefined;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration (see config/sample.env):\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.APP_MODE === 'production') {
    // Until the identity work lands, users are identified by id alone: never acceptable in production.
    throw new ConfigError(
      'APP_MODE=production needs real authentication, which this build does not have yet. ' +
        'Run with APP_MODE=development on a trusted machine only.',
    );
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
  };
}
