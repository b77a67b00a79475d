// Joins a LiveKit room the way a client starts to: the signalling WebSocket with a token. LiveKit
// checks the token, its grants and the room (it must exist when auto_create is off) before the
// WebSocket upgrade, and creates the participant with it; no media is needed for that. Only the
// handshake is done here (node:http), enough to be in the room and to see LiveKit end it.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';

export interface SignalJoin {
  /** 101 when LiveKit let the token in; otherwise the HTTP status it refused with. */
  status: number;
  /** Resolves when LiveKit closes the connection (the participant was removed, the room closed). */
  closed: Promise<void>;
  close(): void;
}

export function joinWithToken(livekitHttpUrl: string, token: string): Promise<SignalJoin> {
  const url = new URL('/rtc', livekitHttpUrl);
  url.searchParams.set('access_token', token);
  url.searchParams.set('auto_subscribe', '1');
  url.searchParams.set('sdk', 'js');
  url.searchParams.set('version', '2.0.0');
  url.searchParams.set('protocol', '15');
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      },
    });
    req.on('upgrade', (_response, socket: Socket) => {
      const closed = new Promise<void>((done) => {
        socket.on('close', () => done());
        socket.on('end', () => done());
      });
      socket.on('error', () => undefined);
      socket.resume();
      resolve({ status: 101, closed, close: () => socket.destroy() });
    });
    req.on('response', (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, closed: Promise.resolve(), close: () => undefined });
    });
    req.on('error', reject);
    req.end();
  });
}
