/**
 * A small metrics registry that renders the Prometheus text exposition format (version 0.0.4):
 * counters, gauges, histograms with fixed buckets, and values read at scrape time.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram';
export type Labels = Readonly<Record<string, string>>;

/** One line of a family: a name (the family's, or with `_bucket`/`_sum`/`_count`), labels, a value. */
export interface Sample {
  readonly name: string;
  readonly labels: Labels;
  readonly value: number;
}

/** Everything the text format needs of one metric: `# HELP`, `# TYPE`, then its samples. */
export interface MetricFamily {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  samples(): Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Label sets keyed by their values in label-name order, so equal sets share one series. */
class Series<T> {
  private readonly byKey = new Map<string, { labels: Labels; value: T }>();

  constructor(
    private readonly labelNames: readonly string[],
    private readonly create: () => T,
  ) {}

  get(labels: Labels): T {
    const values = this.labelNames.map((name) => {
      const value = labels[name];
      if (value === undefined) throw new Error(`label ${name} is missing`);
      return value;
    });
    if (Object.keys(labels).length !== this.labelNames.length) throw new Error(`labels must be exactly ${this.labelNames.join(', ') || 'none'}`);
    const key = JSON.stringify(values);
    let entry = this.byKey.get(key);
    if (!entry) this.byKey.set(key, (entry = { labels: { ...labels }, value: this.create() }));
    return entry.value;
  }

  entries(): { labels: Labels; value: T }[] {
    return [...this.byKey.values()];
  }
}

/** Only ever goes up (per label set). */
export class Counter implements MetricFamily {
  readonly type = 'counter';
  private readonly series: Series<{ n: number }>;

  constructor(
    readonly name: string,
    readonly help: string,
    labelNames: readonly string[] = [],
  ) {
    this.series = new Series(labelNames, () => ({ n: 0 }));
    if (labelNames.length === 0) this.series.get({});
  }

  inc(labels: Labels = {}, by = 1): void {
    if (!(by >= 0)) throw new Error(`a counter cannot go down (${this.name} by ${by})`);
    this.series.get(labels).n += by;
  }

  /** The current value, for tests. */
  value(labels: Labels = {}): number {
    return this.series.get(labels).n;
  }

  samples(): Sample[] {
    return this.series.entries().map(({ labels, value }) => ({ name: this.name, labels, value: value.n }));
  }
}

/** Goes up and down, or is set. */
export class Gauge implements MetricFamily {
  readonly type = 'gauge';
  private readonly series: Series<{ n: number }>;

  constructor(
    readonly name: string,
    readonly help: string,
    labelNames: readonly string[] = [],
  ) {
    this.series = new Series(labelNames, () => ({ n: 0 }));
    if (labelNames.length === 0) this.series.get({});
  }

  set(value: number, labels: Labels = {}): void {
    this.series.get(labels).n = value;
  }

  inc(labels: Labels = {}, by = 1): void {
    this.series.get(labels).n += by;
  }

  dec(labels: Labels = {}, by = 1): void {
    this.series.get(labels).n -= by;
  }

  value(labels: Labels = {}): number {
    return this.series.get(labels).n;
  }

  samples(): Sample[] {
    return this.series.entries().map(({ labels, value }) => ({ name: this.name, labels, value: value.n }));
  }
}

/** Observations counted into fixed, cumulative buckets (`le`), with their sum and count. */
export class Histogram implements MetricFamily {
  readonly type = 'histogram';
  private readonly series: Series<{ buckets: number[]; sum: number; count: number }>;

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: readonly number[],
    labelNames: readonly string[] = [],
  ) {
    if (labelNames.includes('le')) throw new Error('a histogram cannot have a label named le');
    if (bounds.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= bounds[i - 1]!))) throw new Error('histogram bounds must be finite and increasing');
    this.series = new Series(labelNames, () => ({ buckets: bounds.map(() => 0), sum: 0, count: 0 }));
    if (labelNames.length === 0) this.series.get({});
  }

  observe(value: number, labels: Labels = {}): void {
    const s = this.series.get(labels);
    // Counted in the first bucket that holds it; rendering makes the counts cumulative.
    const i = this.bounds.findIndex((bound) => value <= bound);
    if (i >= 0) s.buckets[i]!++;
    s.sum += value;
    s.count++;
  }

  /** Creates the series with zero counts, so that a scrape shows it before the first observation. */
  touch(labels: Labels): void {
    this.series.get(labels);
  }

  count(labels: Labels = {}): number {
    return this.series.get(labels).count;
  }

  samples(): Sample[] {
    const out: Sample[] = [];
    for (const { labels, value } of this.series.entries()) {
      let cumulative = 0;
      this.bounds.forEach((bound, i) => {
        cumulative += value.buckets[i]!;
        out.push({ name: `${this.name}_bucket`, labels: { ...labels, le: formatValue(bound) }, value: cumulative });
      });
      out.push({ name: `${this.name}_bucket`, labels: { ...labels, le: '+Inf' }, value: value.count });
      out.push({ name: `${this.name}_sum`, labels, value: value.sum });
      out.push({ name: `${this.name}_count`, labels, value: value.count });
    }
    return out;
  }
}

/** A value read when scraped (memory, CPU time, an open-rooms count owned by someone else). */
export class ObservedValue implements MetricFamily {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge',
    private readonly read: () => number,
  ) {}

  samples(): Sample[] {
    return [{ name: this.name, labels: {}, value: this.read() }];
  }
}

/** The families one scrape shows, in the order they were registered. */
export class MetricsRegistry {
  private readonly families = new Map<string, MetricFamily>();

  register<F extends MetricFamily>(family: F): F {
    if (!METRIC_NAME.test(family.name)) throw new Error(`invalid metric name: ${family.name}`);
    if (this.families.has(family.name)) throw new Error(`metric registered twice: ${family.name}`);
    this.families.set(family.name, family);
    return family;
  }

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    checkLabelNames(labelNames);
    return this.register(new Counter(name, help, labelNames));
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    checkLabelNames(labelNames);
    return this.register(new Gauge(name, help, labelNames));
  }

  histogram(name: string, help: string, bounds: readonly number[], labelNames: readonly string[] = []): Histogram {
    checkLabelNames(labelNames);
    return this.register(new Histogram(name, help, bounds, labelNames));
  }

  observed(name: string, help: string, type: 'counter' | 'gauge', read: () => number): ObservedValue {
    return this.register(new ObservedValue(name, help, type, read));
  }

  /** The text exposition format, version 0.0.4 (served as `text/plain; version=0.0.4`). */
  render(): string {
    const lines: string[] = [];
    for (const family of this.families.values()) {
      lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
      lines.push(`# TYPE ${family.name} ${family.type}`);
      for (const sample of family.samples()) lines.push(renderSample(sample));
    }
    return lines.join('\n') + '\n';
  }
}

/** The content type of `render()`'s output. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

function checkLabelNames(names: readonly string[]): void {
  for (const name of names) {
    if (!LABEL_NAME.test(name) || name.startsWith('__')) throw new Error(`invalid label name: ${name}`);
  }
}

function renderSample(sample: Sample): string {
  const pairs = Object.entries(sample.labels).map(([name, value]) => `${name}="${escapeLabelValue(value)}"`);
  return `${sample.name}${pairs.length > 0 ? `{${pairs.join(',')}}` : ''} ${formatValue(sample.value)}`;
}

/** In `# HELP`, a backslash and a line feed are escaped. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** In a label value, a backslash, a double quote and a line feed are escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Go's float syntax as Prometheus reads it: `+Inf`, `-Inf`, `NaN`, else the number. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
