// The API's command-line entry: `node --import tsx src/server/main.ts` (npm start runs it).
import { ConfigError, loadConfig } from './config.js';
import { startApi } from './server.js';

try {
  const api = await startApi(loadConfig());
  const stop = (signal: string) => {
    api.logger.info({ signal }, 'shutting down');
    api.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
