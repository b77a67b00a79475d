import type { AppConfig } from '../config.js';
import type { Db } from '../db/database.js';
import type { UserWithOrganisation } from '../directory/users.js';
import type { LiveKitService } from '../livekit/livekit-service.js';
import type { Logger } from '../logger.js';

export interface AppDeps {
  config: AppConfig;
  db: Db;
  livekit: LiveKitService;
  logger: Logger;
}

/** Hono's context variables: the dependencies, and the signed-in user when there is one. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    user?: UserWithOrganisation;
  };
}
