/**
 * WebSocket close codes the server uses. 4400–4499 tell the stock y-websocket provider not to
 * reconnect by itself; Accord's client then says why and reloads its copy.
 */
export const CloseCode = {
  /** Server going down for a restart; clients reconnect. */
  Restart: 1012,
  /** A frame larger than the configured maximum. */
  MessageTooBig: 1009,
  /** An internal error; clients reconnect. */
  InternalError: 1011,
  /** The server cannot store changes right now (disk full, write error); clients keep their edits and reconnect later. */
  TryAgainLater: 1013,
  /** A frame that does not decode, or an update that does not apply, or a text frame. */
  Malformed: 4400,
  /** The token was revoked while the socket was open. */
  Unauthorized: 4401,
  /** An update that writes where this connection may not. */
  Forbidden: 4403,
  /** The declaration does not exist (any more). */
  NotFound: 4404,
  /** Too many messages per second; the client may reconnect after a pause. */
  RateLimited: 4508,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
