// Where things live. One place, so scripts, tests and benchmarks agree.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// The pinned LiveKit release (docs/ARCHITECTURE.md records why this one).
export const LIVEKIT_VERSION = 'v1.13.5';
export const LIVEKIT_MODULE = 'github.com/livekit/livekit-server/cmd/server';
export const LIVEKIT_BINARY = join(ROOT, '.tools', 'bin', `livekit-server-${LIVEKIT_VERSION}`);
export const LIVEKIT_CONFIG = join(ROOT, 'config', 'livekit.yaml');

export const SECRETS_FILE = join(ROOT, 'data', 'secrets.env');
export const DIST_DIR = join(ROOT, 'dist');
export const CHROMIUM = '/usr/bin/chromium';
