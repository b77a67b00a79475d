// Starts the pinned LiveKit server on loopback with config/livekit.yaml. Used by `npm start`,
// the server and end-to-end tests, and the benchmarks.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIVEKIT_BINARY, LIVEKIT_CONFIG, ROOT } from './paths.mjs';
import { freeTcpPort, freeUdpPort } from './ports.mjs';

function renderConfig(values) {
  return readFileSync(LIVEKIT_CONFIG, 'utf8').replace(/\$\{([A-Z_]+)\}/g, (_, name) => {
    if (values[name] === undefined) throw new Error(`config/livekit.yaml: no value for \${${name}}`);
    return String(values[name]);
  });
}

async function waitUntilReady(httpUrl, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`LiveKit exited with code ${child.exitCode} while starting`);
    try {
      const response = await fetch(httpUrl);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`LiveKit did not answer on ${httpUrl} within ${timeoutMs} ms`);
}

/**
 * @param {{ apiKey: string, apiSecret: string, webhookUrl: string, port?: number,
 *   tcpPort?: number, udpPort?: number, logLevel?: string, output?: 'inherit' | 'ignore' }} options
 * @returns {Promise<{ url: string, httpUrl: string, port: number, tcpPort: number, udpPort: number, stop: () => Promise<void> }>}
 */
export async function startLiveKit(options) {
  if (!existsSync(LIVEKIT_BINARY)) {
    throw new Error(
      `LiveKit server binary missing at ${LIVEKIT_BINARY}: run \`npm test\` or \`npm start\` to bootstrap it.`,
    );
  }
  const port = options.port ?? (await freeTcpPort());
  const tcpPort = options.tcpPort ?? (await freeTcpPort());
  const udpPort = options.udpPort ?? (await freeUdpPort());
  const runDir = join(ROOT, 'data', 'run');
  mkdirSync(runDir, { recursive: true });
  const configFile = join(runDir, `livekit-${port}.yaml`);
  writeFileSync(
    configFile,
    renderConfig({
      LIVEKIT_PORT: port,
      LIVEKIT_TCP_PORT: tcpPort,
      LIVEKIT_UDP_PORT: udpPort,
      LIVEKIT_API_KEY: options.apiKey,
      WEBHOOK_URL: options.webhookUrl,
      LIVEKIT_LOG_LEVEL: options.logLevel ?? 'warn',
    }),
  );
  const child = spawn(LIVEKIT_BINARY, ['--config', configFile], {
    // Keys only through the environment, never in a file in the repo.
    env: { ...process.env, LIVEKIT_KEYS: `${options.apiKey}: ${options.apiSecret}` },
    stdio: ['ignore', options.output ?? 'ignore', options.output ?? 'ignore'],
  });
  const httpUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await waitUntilReady(httpUrl, child, 20_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: `ws://127.0.0.1:${port}`,
    httpUrl,
    port,
    // Started again on the same ports, it is the same server to its clients (a restart).
    tcpPort,
    udpPort,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
