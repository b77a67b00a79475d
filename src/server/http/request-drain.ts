import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * The requests a server is answering, so that stopping can finish them (issue 18 §5: a county
 * server restarted for an update loses no write). Counted at the Node level, from the request to
 * the end of its response, so a response still streaming out (a push stream) counts too.
 */
export class RequestDrain {
  private readonly open = new Set<ServerResponse>();
  private draining = false;
  private wakeWhenIdle: (() => void) | null = null;

  constructor(server: Server) {
    server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
      // From the start of a drain, every answer closes its connection: a keep-alive client
      // sends its next request to the next process, not to this one.
      if (this.draining) response.setHeader('connection', 'close');
      this.open.add(response);
      response.once('close', () => {
        this.open.delete(response);
        if (this.open.size === 0) this.wakeWhenIdle?.();
      });
    });
  }

  get inFlight(): number {
    return this.open.size;
  }

  /**
   * Marks the server as stopping and waits until every answer begun has been sent, or `deadlineMs`
   * has passed. True when nothing was left unfinished.
   */
  async finish(deadlineMs: number): Promise<boolean> {
    this.draining = true;
    // Answers not begun yet close their connections too.
    for (const response of this.open) if (!response.headersSent) response.setHeader('connection', 'close');
    if (this.open.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<boolean>((resolve) => {
      this.wakeWhenIdle = () => resolve(true);
      timer = setTimeout(() => resolve(this.open.size === 0), deadlineMs);
    });
    try {
      return await idle;
    } finally {
      clearTimeout(timer);
      this.wakeWhenIdle = null;
    }
  }
}
