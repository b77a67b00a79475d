export const ROOT: string;
export const LIVEKIT_VERSION: string;
export const LIVEKIT_MODULE: string;
export const LIVEKIT_BINARY: string;
export const LIVEKIT_CONFIG: string;
export const SECRETS_FILE: string;
export const DIST_DIR: string;
export const CHROMIUM: string;
