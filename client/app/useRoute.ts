import { useEffect, useState } from 'react';

export type Route =
  | { page: 'list' }
  | { page: 'import' }
  | { page: 'declaration'; id: string }
  | { page: 'version'; id: string; version: number }
  | { page: 'compare'; id: string; from: string; to: string; withId: string | null };

function parse(pathname: string): Route {
  if (pathname === '/import') return { page: 'import' };
  const v = /^\/d\/([A-Za-z0-9_-]+)\/v\/(\d+)\/?$/.exec(pathname);
  if (v) return { page: 'version', id: v[1]!, version: Number(v[2]) };
  const c = /^\/d\/([A-Za-z0-9_-]+)\/compare\/(\d+|live)\/(\d+|live)\/?$/.exec(pathname);
  if (c) return { page: 'compare', id: c[1]!, from: c[2]!, to: c[3]!, withId: new URLSearchParams(location.search).get('with') };
  const m = /^\/d\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  return m ? { page: 'declaration', id: m[1]! } : { page: 'list' };
}

/** The page to show, from the address bar; `navigate` changes it without a reload. */
export function useRoute(): [Route, (path: string) => void] {
  const [route, setRoute] = useState(() => parse(location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(parse(location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = (path: string) => {
    history.pushState(null, '', path);
    setRoute(parse(new URL(path, location.href).pathname));
  };
  return [route, navigate];
}
