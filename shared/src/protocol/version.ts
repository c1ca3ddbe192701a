/**
 * Sent by every client in the handshake (`auth: { protocol }`). The server refuses
 * another version with a connect_error whose message is PROTOCOL_MISMATCH.
 */
export const PROTOCOL_VERSION = 1;
