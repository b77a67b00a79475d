export function problemsIn(code: string): string[];
export function checkBuildTarget(dir?: string): { count: number; failures: string[] };
