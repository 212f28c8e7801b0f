// The bytes L2 and L3 store: a 17-byte header (codec, stored-at, expires-at) and the JSON payload, maybe compressed.

/** How the payload is encoded; the header keeps it so any reader can decode what any writer wrote. */
export const CODEC_IDS = { none: 0, gzip: 1, brotli: 2, zstd: 3 } as const;
export type CodecId = (typeof CODEC_IDS)[keyof typeof CODEC_IDS];
export type CompressionAlgorithm = Exclude<keyof typeof CODEC_IDS, 'none'>;

export const HEADER_BYTES = 17;

export interface EnvelopeHeader {
  codec: CodecId;
  storedAt: number;
  expiresAt: number;
}

export function encodeEnvelope(payload: Uint8Array, codec: CodecId, storedAt: number, expiresAt: number): Buffer {
  const out = Buffer.allocUnsafe(HEADER_BYTES + payload.byteLength);
  out[0] = codec;
  out.writeDoubleLE(storedAt, 1);
  out.writeDoubleLE(expiresAt, 9);
  out.set(payload, HEADER_BYTES);
  return out;
}

/** Undefined when the bytes are not an envelope (a foreign key under our prefix, or truncation). */
export function readHeader(bytes: Buffer): EnvelopeHeader | undefined {
  if (bytes.length < HEADER_BYTES) return undefined;
  const codec = bytes[0] as number;
  if (codec > 3) return undefined;
  return { codec: codec as CodecId, storedAt: bytes.readDoubleLE(1), expiresAt: bytes.readDoubleLE(9) };
}

/** The payload of an uncompressed envelope, parsed without copying it first. */
export function parsePlainPayload(bytes: Buffer): unknown {
  return JSON.parse(bytes.toString('utf8', HEADER_BYTES));
}

/**
 * The envelope with its expiry lowered to `expiresAt` when that is sooner (a copy; the input is
 * untouched). A tier stores this, so a hit backfilled from it never outlives the tier's own TTL.
 */
export function capExpiry(envelope: Buffer, expiresAt: number): Buffer {
  if (envelope.length < HEADER_BYTES || envelope.readDoubleLE(9) <= expiresAt) return envelope;
  const copy = Buffer.from(envelope);
  copy.writeDoubleLE(expiresAt, 9);
  return copy;
}
