/**
 * The first varint of every collaboration frame. 0–3 are the standard y-websocket messages,
 * so the stock `WebsocketProvider` connects unchanged; the rest are Accord's own and only
 * ever sent by Accord's client (a stock client never receives one it did not ask for).
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  /** client → server: "tell me when everything I sent before this is stored" (varuint seq). */
  SaveCheck: 100,
  /** server → client: every frame this connection sent before SaveCheck `seq` is durable. */
  Saved: 101,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sub-types of MessageType.Sync, as in y-protocols/sync. */
export const SyncMessageType = { Step1: 0, Step2: 1, Update: 2 } as const;
