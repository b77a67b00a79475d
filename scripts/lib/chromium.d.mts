export const CHROMIUM_ARGS: string[];
export const MEDIA_ARGS: string[];
export function chromiumPath(): string;
