import { useEffect, useState } from 'react';

export type Route = { page: 'list' } | { page: 'import' } | { page: 'declaration'; id: string };

function parse(pathname: string): Route {
  if (pathname === '/import') return { page: 'import' };
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
    setRoute(parse(path));
  };
  return [route, navigate];
}
