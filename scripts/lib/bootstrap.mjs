// Installs what the project needs on a fresh machine, and nothing when it is all there.
// Plain Node with no dependencies: it runs before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, LIVEKIT_BINARY, LIVEKIT_MODULE, LIVEKIT_VERSION, SECRETS_FILE } from './paths.mjs';

const log = (message) => console.log(`[bootstrap] ${message}`);

class BootstrapError extends Error {}

function commandExists(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function newerThan(file, stamp) {
  return !existsSync(stamp) || statSync(file).mtimeMs > statSync(stamp).mtimeMs;
}

function ensureNodeModules() {
  // npm writes node_modules/.package-lock.json after every successful install.
  const stamp = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  const stale = newerThan(join(ROOT, 'package.json'), stamp) || (existsSync(lock) && newerThan(lock, stamp));
  if (!stale) return;
  log('installing node modules (npm install; better-sqlite3 compiles from source, about a minute)…');
  // `npm ci` rejects the lockfile here because the registry mirror lacks rollup's non-Linux
  // optional packages (RECIPE.md); `npm install` keeps the lockfile's versions.
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' },
  });
  if (result.status !== 0) throw new BootstrapError('npm install failed: see the messages above.');
}

function ensureLiveKit() {
  if (existsSync(LIVEKIT_BINARY)) return;
  if (!commandExists('go')) {
    throw new BootstrapError(
      'The Go toolchain is missing. Install Go 1.24 or newer (https://go.dev/dl/ or `apt-get install golang`), ' +
        'then run this command again: it builds the LiveKit server from source.',
    );
  }
  const gobin = join(ROOT, '.tools', 'build');
  mkdirSync(gobin, { recursive: true });
  log(`building LiveKit server ${LIVEKIT_VERSION} with go install (a few minutes, once)…`);
  const result = spawnSync('go', ['install', `${LIVEKIT_MODULE}@${LIVEKIT_VERSION}`], {
    cwd: gobin,
    stdio: 'inherit',
    env: { ...process.env, GOBIN: gobin, GOFLAGS: `${process.env.GOFLAGS ?? ''} -buildvcs=false`.trim() },
  });
  if (result.status !== 0) {
    throw new BootstrapError(
      `go install ${LIVEKIT_MODULE}@${LIVEKIT_VERSION} failed. Check that the Go module proxy ` +
        '(`go env GOPROXY`) is reachable; docs/ARCHITECTURE.md lists the releases known to build.',
    );
  }
  mkdirSync(join(ROOT, '.tools', 'bin'), { recursive: true });
  renameSync(join(gobin, 'server'), LIVEKIT_BINARY);
  log(`LiveKit server ready: ${execFileSync(LIVEKIT_BINARY, ['--version']).toString().trim()}`);
}

function ensureSecrets() {
  if (existsSync(SECRETS_FILE)) return;
  mkdirSync(join(ROOT, 'data'), { recursive: true });
  const key = `API${randomBytes(6).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(
    SECRETS_FILE,
    `# Made by the bootstrap for this machine. Never commit this file.\nLIVEKIT_API_KEY=${key}\nLIVEKIT_API_SECRET=${secret}\n`,
    { mode: 0o600 },
  );
  log('created data/secrets.env with fresh LiveKit keys');
}

/** What the API needs on every machine. */
const SERVER_PACKAGES = [
  // Read-aloud for TVs without a Chinese speechSynthesis voice (GET /api/speech); "cmn" is Mandarin.
  { check: () => commandExists('espeak-ng'), pkg: 'espeak-ng' },
];

const BROWSER_PACKAGES = [
  // Debian's Chromium for the browser and end-to-end suites; test tools cannot download browsers here.
  { check: () => existsSync('/usr/bin/chromium'), pkg: 'chromium' },
  // Without CJK fonts, Chinese renders as boxes in screenshots.
  {
    check: () => existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
    pkg: 'fonts-noto-cjk',
  },
];

function ensurePackages(packages) {
  const missing = packages.filter((p) => !p.check()).map((p) => p.pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !commandExists('apt-get')) {
    throw new BootstrapError(
      `Missing Debian packages: ${missing.join(' ')}. Install them (apt-get install ${missing.join(' ')}) and run again.`,
    );
  }
  log(`installing ${missing.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const result = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0) throw new BootstrapError(`apt-get install ${missing.join(' ')} failed.`);
}

/** Loads data/secrets.env into process.env without overriding variables already set. */
export function loadSecrets() {
  for (const line of readFileSync(SECRETS_FILE, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (match && process.env[match[1]] === undefined) process.env[match[1]] = match[2];
  }
}

/**
 * @param {{ browser?: boolean }} options browser: also install Chromium and CJK fonts (tests).
 */
export function bootstrap({ browser = false } = {}) {
  try {
    ensureNodeModules();
    ensureLiveKit();
    ensureSecrets();
    ensurePackages(browser ? [...SERVER_PACKAGES, ...BROWSER_PACKAGES] : SERVER_PACKAGES);
    loadSecrets();
  } catch (error) {
    if (error instanceof BootstrapError) {
      console.error(`\n[bootstrap] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
