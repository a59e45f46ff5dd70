import { describe, expect, it } from 'vitest';
import { MetricsRegistry, escapeLabelValue, formatValue } from './metricsRegistry.js';

describe('Prometheus text exposition', () => {
  it('renders HELP, TYPE and one sample per label set, in registration order', () => {
    const registry = new MetricsRegistry();
    const updates = registry.counter('app_updates_total', 'Updates applied.', ['origin']);
    const open = registry.gauge('app_open', 'Open things.');
    updates.inc({ origin: 'client' });
    updates.inc({ origin: 'client' }, 2);
    updates.inc({ origin: 'server' });
    open.inc();
    open.inc();
    open.dec();
    expect(registry.render()).toBe(
      [
        '# HELP app_updates_total Updates applied.',
        '# TYPE app_updates_total counter',
        'app_updates_total{origin="client"} 3',
        'app_updates_total{origin="server"} 1',
        '# HELP app_open Open things.',
        '# TYPE app_open gauge',
        'app_open 1',
        '',
      ].join('\n'),
    );
  });

  it('renders a histogram as cumulative buckets ending in +Inf, with its sum and count', () => {
    const registry = new MetricsRegistry();
    const latency = registry.histogram('app_seconds', 'Latency.', [0.25, 0.5, 1], ['op']);
    for (const v of [0.125, 0.25, 0.375, 0.75, 4]) latency.observe(v, { op: 'load' });
    expect(registry.render().split('\n').slice(2, -1)).toEqual([
      'app_seconds_bucket{op="load",le="0.25"} 2',
      'app_seconds_bucket{op="load",le="0.5"} 3',
      'app_seconds_bucket{op="load",le="1"} 4',
      'app_seconds_bucket{op="load",le="+Inf"} 5',
      'app_seconds_sum{op="load"} 5.5',
      'app_seconds_count{op="load"} 5',
    ]);
  });

  it('escapes label values (backslash, quote, line feed) and help text (backslash, line feed)', () => {
    const registry = new MetricsRegistry();
    registry.counter('app_total', 'Says "hi"\nand C:\\ too', ['path']).inc({ path: 'a\\b"c\nd' });
    expect(registry.render()).toBe(['# HELP app_total Says "hi"\\nand C:\\\\ too', '# TYPE app_total counter', 'app_total{path="a\\\\b\\"c\\nd"} 1', ''].join('\n'));
    expect(escapeLabelValue('plain é')).toBe('plain é');
  });

  it('writes special values as Prometheus reads them', () => {
    expect([NaN, Infinity, -Infinity, 0, 1.5, 1e-7].map(formatValue)).toEqual(['NaN', '+Inf', '-Inf', '0', '1.5', '1e-7']);
  });

  it('reads observed values at render time', () => {
    const registry = new MetricsRegistry();
    let n = 1;
    registry.observed('app_memory_bytes', 'Memory.', 'gauge', () => n);
    n = 42;
    expect(registry.render()).toContain('\napp_memory_bytes 42\n');
  });

  it('shows a labelled family with no series yet as HELP and TYPE only', () => {
    const registry = new MetricsRegistry();
    registry.counter('app_refused_total', 'Refusals.', ['code']);
    expect(registry.render()).toBe('# HELP app_refused_total Refusals.\n# TYPE app_refused_total counter\n');
  });

  it('refuses invalid names, duplicates, wrong labels and a counter going down', () => {
    const registry = new MetricsRegistry();
    expect(() => registry.counter('9bad', 'x')).toThrow(/metric name/);
    expect(() => registry.counter('ok_total', 'x', ['bad-label'])).toThrow(/label name/);
    const c = registry.counter('app_total', 'x', ['origin']);
    expect(() => registry.gauge('app_total', 'x')).toThrow(/twice/);
    expect(() => c.inc({})).toThrow(/origin is missing/);
    expect(() => c.inc({ origin: 'a', extra: 'b' })).toThrow(/exactly origin/);
    expect(() => c.inc({ origin: 'a' }, -1)).toThrow(/cannot go down/);
    expect(() => registry.histogram('h', 'x', [1, 0.5])).toThrow(/increasing/);
    expect(() => registry.histogram('h2', 'x', [1], ['le'])).toThrow(/le/);
  });
});
