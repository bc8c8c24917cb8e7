// Binary payloads reach a file:// page as base64 inside classic scripts (see classic-script.ts).
import { gunzip } from './inflate';

/** Bytes of a base64 string; Uint8Array.fromBase64 where the browser has it (older Chrome/Edge lack it). */
export function decodeBase64(base64: string): Uint8Array {
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (fromBase64) return fromBase64(base64);
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** base64 of bytes, in slices so a large payload does not overflow the argument list. */
export function encodeBase64(bytes: Uint8Array): string {
  const toBase64 = (bytes as unknown as { toBase64?: () => string }).toBase64;
  if (typeof toBase64 === 'function') return toBase64.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The bytes of a payload, gunzipped when it says it is gzip; bytes decoded elsewhere as they are. */
export async function payloadBytes(payload: { encoding: 'gzip' | 'identity'; base64: string } | { bytes: Uint8Array }): Promise<Uint8Array> {
  if ('bytes' in payload) return payload.bytes;
  const raw = decodeBase64(payload.base64);
  return payload.encoding === 'gzip' ? gunzip(raw) : raw;
}
