/** Talking to a running Accord server: `--server URL --token T` (or ACCORD_SERVER / ACCORD_TOKEN). */
export interface Remote {
  readonly server: string;
  readonly token: string;
}

export function remoteFrom(values: { server?: string | undefined; token?: string | undefined }): Remote {
  const server = values.server ?? process.env.ACCORD_SERVER;
  const token = values.token ?? process.env.ACCORD_TOKEN;
  if (!server) throw new Error('--server URL is required (or ACCORD_SERVER)');
  if (!token) throw new Error('--token T is required (or ACCORD_TOKEN)');
  return { server: server.replace(/\/+$/, ''), token };
}

/** Calls the API; a refusal becomes an error carrying the server's message. */
export async function call<T>(remote: Remote, method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(remote.server + path, {
      method,
      headers: { authorization: `Bearer ${remote.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new Error(`cannot reach ${remote.server}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await res.text();
  if (!res.ok) {
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // not JSON: keep the text
    }
    throw new Error(`${res.status} ${message}`.trim());
  }
  return JSON.parse(text) as T;
}
