// The live-chat protocol's version and error codes, free of zod so the widget bundle can import them
// without pulling a schema library into every customer's website (chat.ts holds the schemas).
//
// History:
//   1  hello/welcome with a visitor token and history, messages deduplicated by clientId, typing both
//      ways, identify (name and email), errors with a closed set of codes.

export const chatProtocolVersion = 1

/** Every `error` frame names one of these. */
export const chatErrorCodes = [
  /** Not JSON, not a known frame, or a frame out of order (a message before hello). The socket stays. */
  'invalid_message',
  /** Too many messages; the message was not stored. Keeping on closes the socket (1008). */
  'rate_limited',
  /** A text over the length limit; frames over 16 KB close the socket (1009) instead. */
  'too_large',
  /** The socket names no chat channel of this server; the socket is closed. */
  'unknown_channel',
  /** The message could not be stored on our side; the widget may send it again (it is deduplicated). */
  'server_error',
] as const
export type ChatErrorCode = (typeof chatErrorCodes)[number]

/** Close codes the server uses beyond the standard ones, so the widget knows not to reconnect. */
export const chatCloseCodes = {
  /** Policy violation: flooding after being told, or an unknown channel. */
  policy: 1008,
  /** A frame over the size limit. */
  tooBig: 1009,
  /** The server is shutting down: reconnect later. */
  goingAway: 1001,
} as const
