import { signedMessage, toBase64Url } from '../../shared/publish/signature';

/**
 * A signatory's Ed25519 key, created by WebCrypto in this browser. The private key is
 * non-extractable: it is kept in IndexedDB as a CryptoKey object, which the browser can use to
 * sign but never hands back as bytes, so it cannot leave this browser even by mistake.
 */
export interface SigningKey {
  readonly publicKey: string;
  sign(declarationId: string, lang: string, sha256: string): Promise<string>;
}

const DB = 'accord-signing';
const STORE = 'keys';

/** The key this browser keeps for this signatory and declaration, created on first use. */
export async function signingKeyFor(slot: string): Promise<{ key: SigningKey; created: boolean }> {
  const stored = await read(slot);
  if (stored) return { key: wrap(stored), created: false };
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  const record = { privateKey: pair.privateKey, publicKey };
  await write(slot, record);
  return { key: wrap(record), created: true };
}

/** Whether this browser's WebCrypto creates Ed25519 keys. */
export async function ed25519Supported(): Promise<boolean> {
  try {
    await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    return true;
  } catch {
    return false;
  }
}

interface StoredKey {
  readonly privateKey: CryptoKey;
  readonly publicKey: string;
}

function wrap(record: StoredKey): SigningKey {
  return {
    publicKey: record.publicKey,
    sign: async (declarationId, lang, sha256) => {
      const message = signedMessage(declarationId, lang, sha256);
      const signature = await crypto.subtle.sign({ name: 'Ed25519' }, record.privateKey, message as Uint8Array<ArrayBuffer>);
      return toBase64Url(new Uint8Array(signature));
    },
  };
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function read(slot: string): Promise<StoredKey | undefined> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const request = db.transaction(STORE).objectStore(STORE).get(slot);
    request.onsuccess = () => resolve(request.result as StoredKey | undefined);
    request.onerror = () => reject(request.error);
  });
}

async function write(slot: string, record: StoredKey): Promise<void> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(record, slot);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}
