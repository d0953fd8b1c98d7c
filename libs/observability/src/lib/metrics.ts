import { Controller, Get, Inject, Injectable, type NestMiddleware, Res } from '@nestjs/common';
import { Public } from '@xaso/auth';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const OBSERVABILITY_OPTIONS = Symbol('XASO_OBSERVABILITY_OPTIONS');

/** Gauge names the messaging library feeds through `MetricsRegistry.registerGauge`. */
export const OUTBOX_BACKLOG_METRIC = 'xaso_outbox_backlog';
export const CONSUMER_LAG_METRIC = 'xaso_consumer_lag';
/** Counter the messaging library feeds through `MetricsRegistry.registerCounter`. */
export const EVENTS_SKIPPED_METRIC = 'xaso_events_skipped_total';
export const HTTP_DURATION_METRIC = 'xaso_http_request_duration_seconds';

export interface GaugeSample {
  labels?: Record<string, string | number>;
  value: number;
}
/** A gauge callback: one number, or labelled samples. */
export type GaugeCollector = () => number | GaugeSample[] | Promise<number | GaugeSample[]>;

export interface MetricsOptions {
  service: string;
  /** Collect Node/process default metrics (default true). */
  defaultMetrics?: boolean;
  /** Paths mounted outside Nest routing (e.g. Apollo's `/graphql`) used as their own route label. */
  mountedPaths?: string[];
}

/**
 * One prom-client Registry per Nest app (several apps can live in one process), with a default
 * `service` label, the HTTP duration histogram and callback-fed gauges.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly gauges = new Map<string, { labelNames: string[]; collectors: GaugeCollector[] }>();

  constructor(@Inject(OBSERVABILITY_OPTIONS) readonly options: MetricsOptions) {
    this.registry.setDefaultLabels({ service: options.service });
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: HTTP_DURATION_METRIC,
      help: 'HTTP request duration in seconds by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  /**
   * Registers a gauge whose value is read from `collect` at every scrape. Registering the same
   * name again (same label names) adds a collector; samples with equal labels are summed.
   */
  registerGauge(name: string, help: string, collect: GaugeCollector, labelNames: string[] = []): void {
    const existing = this.gauges.get(name);
    if (existing) {
      if (existing.labelNames.join() !== [...labelNames].sort().join()) {
        throw new Error(`Gauge ${name} is already registered with labels [${existing.labelNames.join(', ')}]`);
      }
      existing.collectors.push(collect);
      return;
    }
    const entry = { labelNames: [...labelNames].sort(), collectors: [collect] };
    this.gauges.set(name, entry);
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        const sums = new Map<string, GaugeSample>();
        for (const collector of entry.collectors) {
          let result: number | GaugeSample[];
          try {
            result = await collector();
          } catch {
            continue; // a failing collector must not break the scrape
          }
          for (const sample of typeof result === 'number' ? [{ value: result }] : result) {
            const key = JSON.stringify(Object.entries(sample.labels ?? {}).sort());
            const prev = sums.get(key);
            sums.set(key, { labels: sample.labels, value: (prev?.value ?? 0) + sample.value });
          }
        }
        for (const sample of sums.values()) {
          if (sample.labels && Object.keys(sample.labels).length) this.set(sample.labels, sample.value);
          else this.set(sample.value);
        }
      },
    });
  }

  /**
   * Registers a counter whose value is read from `collect` at every scrape (the collector keeps
   * the running totals, e.g. per label set). One collector per name.
   */
  registerCounter(name: string, help: string, collect: GaugeCollector, labelNames: string[] = []): void {
    new Counter({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        const result = await collect();
        for (const sample of typeof result === 'number' ? [{ value: result }] : result) {
          if (sample.labels && Object.keys(sample.labels).length) this.inc(sample.labels, sample.value);
          else this.inc(sample.value);
        }
      },
    });
  }

  /** Prometheus text exposition of this app's registry. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

type RoutedRequest = IncomingMessage & { route?: { path?: unknown }; baseUrl?: string; originalUrl?: string };

/** Records every HTTP request into the duration histogram, labelled by route template (not raw URL). */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsRegistry) {}

  use(req: RoutedRequest, res: ServerResponse, next: () => void): void {
    const end = this.metrics.httpDuration.startTimer();
    res.once('finish', () => {
      end({ method: req.method ?? 'UNKNOWN', route: this.routeOf(req, res), status: String(res.statusCode) });
    });
    next();
  }

  private routeOf(req: RoutedRequest, res: ServerResponse): string {
    const template = req.route && typeof req.route.path === 'string' ? req.route.path : undefined;
    // Wildcard routes are Nest's middleware bindings ('/{*path}'), not the handler's route.
    if (template !== undefined && !template.includes('*')) return `${req.baseUrl ?? ''}${template}` || '/';
    const path = (req.originalUrl ?? req.url ?? '').split('?')[0];
    const mounted = this.metrics.options.mountedPaths ?? ['/graphql'];
    if (mounted.includes(path)) return path;
    return res.statusCode === 404 ? 'UNMATCHED' : 'OTHER';
  }
}

@Public()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get('metrics')
  async scrape(@Res({ passthrough: true }) res: { setHeader(name: string, value: string): void }): Promise<string> {
    res.setHeader('Content-Type', this.metrics.contentType);
    return this.metrics.metrics();
  }
}
