// The API's command-line entry: `node --import tsx src/server/main.ts` (npm start runs it).
import { ConfigError, loadConfig } from './config.js';
import { startApi } from './server.js';

try {
  const api = await startApi(loadConfig());
  let stopping = false;
  const stop = (signal: string) => {
    // A second signal while stopping (an impatient Ctrl-C) ends at once; the WAL keeps what was
    // committed, so nothing written is lost, only the answers under way.
    if (stopping) {
      api.logger.warn({ signal }, 'stopping at once: a second signal');
      process.exit(1);
    }
    stopping = true;
    api.logger.info({ signal }, 'shutting down: no new connections, finishing what is under way');
    api.close().then(
      () => process.exit(0),
      (error: unknown) => {
        api.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
