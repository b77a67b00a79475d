// Requests from a chosen loopback address (all of 127.0.0.0/8 is the machine itself on Linux), so
// tests can be several clients, as rate limits and trusted proxies see them, without leaving loopback.
import { request } from 'node:http';

/** fetch, but the connection leaves from `localAddress` (e.g. 127.0.0.2). */
export function fetchFrom(localAddress: string): typeof fetch {
  return ((input: string | URL, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => (headers[name] = value));
      const body = typeof init.body === 'string' ? init.body : undefined;
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const req = request(
        String(input),
        { method: init.method ?? 'GET', headers, localAddress, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              for (const one of Array.isArray(value) ? value : [value ?? ''])
                responseHeaders.append(name, one);
            }
            const status = res.statusCode ?? 0;
            const payload = status === 204 || status === 304 ? null : Buffer.concat(chunks);
            resolve(new Response(payload, { status, headers: responseHeaders }));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    })) as typeof fetch;
}
