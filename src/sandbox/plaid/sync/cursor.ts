import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * /transactions/sync cursors. Opaque to clients (base64, well under Plaid's 256 characters) and
 * signed per item, so a cursor from another item or a hand-edited one is refused instead of
 * silently replaying the wrong data.
 *
 * A settled cursor (after a has_more=false page) has offset 0 and from === to: "everything up to
 * version `from` was delivered". A continuation cursor (after a has_more=true page) points into
 * the change set (from, to] at `offset`; `to` is the ledger version the loop started on, so any
 * change in between is detected as a mutation during pagination.
 */

export interface CursorState {
  from: number;
  to: number;
  offset: number;
}

const VERSION = 1;
const MAC_BYTES = 12;

function mac(secret: Buffer, itemId: string, payload: Buffer): Buffer {
  return createHmac('sha256', secret).update(itemId).update(payload).digest().subarray(0, MAC_BYTES);
}

export function encodeCursor(secret: Buffer, itemId: string, s: CursorState): string {
  const payload = Buffer.alloc(13);
  payload.writeUInt8(VERSION, 0);
  payload.writeUInt32BE(s.from, 1);
  payload.writeUInt32BE(s.to, 5);
  payload.writeUInt32BE(s.offset, 9);
  return Buffer.concat([payload, mac(secret, itemId, payload)])
    .toString('base64')
    .replace(/=+$/, '');
}

export function decodeCursor(secret: Buffer, itemId: string, cursor: string): CursorState | null {
  if (!/^[A-Za-z0-9+/]+$/.test(cursor)) return null;
  const raw = Buffer.from(cursor, 'base64');
  if (raw.length !== 13 + MAC_BYTES || raw.readUInt8(0) !== VERSION) return null;
  const payload = raw.subarray(0, 13);
  if (!timingSafeEqual(raw.subarray(13), mac(secret, itemId, payload))) return null;
  const state = { from: payload.readUInt32BE(1), to: payload.readUInt32BE(5), offset: payload.readUInt32BE(9) };
  return state.from > state.to ? null : state;
}
