import {
  AccessToken,
  RoomServiceClient,
  WebhookReceiver,
  type VideoGrant,
  type WebhookEvent,
} from 'livekit-server-sdk';
import type { AppConfig } from '../config.js';

/** A call token lives minutes: enough to connect; LiveKit refreshes it for a connected participant. */
export const CALL_TOKEN_TTL_SECONDS = 5 * 60;
/**
 * A ringing TV's standby token is used the moment it arrives: half a minute, so that one kept
 * cannot join later, once the ring is over (a ring lasts at most RING_TIMEOUT_MS).
 */
export const STANDBY_TOKEN_TTL_SECONDS = 30;

export interface MintedToken {
  token: string;
  expiresAt: Date;
}

/** The API's one handle on LiveKit: tokens, room administration, webhook verification. */
export class LiveKitService {
  readonly rooms: RoomServiceClient;
  private readonly webhooks: WebhookReceiver;

  constructor(private readonly options: AppConfig['livekit']) {
    this.rooms = new RoomServiceClient(options.url, options.apiKey, options.apiSecret);
    this.webhooks = new WebhookReceiver(options.apiKey, options.apiSecret);
  }

  get publicUrl(): string {
    return this.options.publicUrl;
  }

  async mintToken(
    identity: string,
    name: string,
    grant: VideoGrant,
    ttlSeconds = CALL_TOKEN_TTL_SECONDS,
    attributes?: Record<string, string>,
  ): Promise<MintedToken> {
    const token = new AccessToken(this.options.apiKey, this.options.apiSecret, {
      identity,
      name,
      ttl: ttlSeconds,
      ...(attributes ? { attributes } : {}),
    });
    token.addGrant(grant);
    return { token: await token.toJwt(), expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
  }

  /** Verifies the signature (Authorization header: a JWT over the body's SHA-256) and parses the event. */
  receiveWebhook(body: string, authorization: string | undefined): Promise<WebhookEvent> {
    return this.webhooks.receive(body, authorization);
  }

  /** True when LiveKit answers an authenticated RoomService call within the timeout. */
  async isHealthy(timeoutMs = 2000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([this.rooms.listRooms().then(() => true), timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
