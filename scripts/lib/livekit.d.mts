export interface StartedLiveKit {
  url: string;
  httpUrl: string;
  port: number;
  tcpPort: number;
  udpPort: number;
  stop(): Promise<void>;
}
export function startLiveKit(options: {
  apiKey: string;
  apiSecret: string;
  webhookUrl: string;
  port?: number;
  tcpPort?: number;
  udpPort?: number;
  logLevel?: string;
  output?: 'inherit' | 'ignore';
}): Promise<StartedLiveKit>;
