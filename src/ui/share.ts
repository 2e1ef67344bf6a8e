/**
 * Packing a saved workspace into a URL fragment (`#share=…`) and back: deflate (the browser's own
 * CompressionStream) and base64url. Fragments never reach a server, so a shared link carries the
 * cluster and files from one browser to another without any backend.
 */

/** The fragment key a shared workspace travels under. */
export const SHARE_KEY = 'share';

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(padded + '='.repeat((4 - (padded.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function pipe(
  bytes: Uint8Array<ArrayBuffer>,
  transform: CompressionStream | DecompressionStream,
): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Packs any JSON value into a URL-safe string. */
export async function packState(value: unknown): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(value));
  return toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** Packs any JSON value into compressed bytes (for storage that takes binary data). */
export function packBytes(value: unknown): Promise<Uint8Array<ArrayBuffer>> {
  return pipe(
    new TextEncoder().encode(JSON.stringify(value)),
    new CompressionStream('deflate-raw'),
  );
}

/** Unpacks bytes made by {@link packBytes}; undefined when they are damaged. */
export async function unpackBytes(bytes: Uint8Array<ArrayBuffer>): Promise<unknown> {
  try {
    const json = await pipe(bytes, new DecompressionStream('deflate-raw'));
    return JSON.parse(new TextDecoder().decode(json)) as unknown;
  } catch {
    return undefined;
  }
}

/** Unpacks a string made by {@link packState}; undefined when it is damaged. */
export async function unpackState(packed: string): Promise<unknown> {
  try {
    const bytes = await pipe(fromBase64Url(packed), new DecompressionStream('deflate-raw'));
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** The packed state in a URL's fragment, if the fragment carries one. */
export function sharedStateIn(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(SHARE_KEY) ?? undefined;
}
