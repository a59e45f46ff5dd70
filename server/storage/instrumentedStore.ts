import { observeStoreCall, type StoreOp } from '../metrics.js';
import type { DocumentStore } from './documentStore.js';

const TIMED = new Map<PropertyKey, StoreOp>([
  ['loadDocument', 'load'],
  ['appendUpdate', 'append'],
  ['compact', 'compact'],
]);

type Method = (...args: unknown[]) => unknown;

/**
 * The same store, with the latency of every load, append and compact observed (failed calls
 * too). Everything else, including methods the interface leaves optional or an implementation
 * adds, passes through untouched: a proxy, so that a method added later is not silently lost.
 */
export function instrumentStore<S extends DocumentStore>(store: S, observe: (op: StoreOp, seconds: number) => void = observeStoreCall): S {
  // Keyed by the method itself, so that a method replaced on the store is wrapped afresh.
  const wrapped = new WeakMap<Method, Method>();
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as Method;
      let wrapper = wrapped.get(method);
      if (!wrapper) {
        const op = TIMED.get(property);
        wrapper =
          op === undefined
            ? method.bind(target)
            : async (...args: unknown[]) => {
                const started = performance.now();
                try {
                  return await method.apply(target, args);
                } finally {
                  observe(op, (performance.now() - started) / 1000);
                }
              };
        wrapped.set(method, wrapper);
      }
      return wrapper;
    },
  });
}
