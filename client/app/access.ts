const TOKEN_KEY = 'accord.token';

/**
 * The token this browser uses. A link's `?token=` replaces the stored one and is removed from
 * the address bar at once, so it is not left in history or shared by copy-paste.
 */
export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromLink = url.searchParams.get('token');
  if (fromLink) {
    localStorage.setItem(TOKEN_KEY, fromLink);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromLink;
  }
  return localStorage.getItem(TOKEN_KEY);
}
