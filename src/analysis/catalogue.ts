import type { Metric } from "../core/metric.ts";
import { agentCompanyCsatMetric, agentCompanyNpsMetric } from "../metrics/agent-company.ts";
import { ahtMetric } from "../metrics/aht.ts";
import { artMetric } from "../metrics/art.ts";
import { cesMetric } from "../metrics/ces.ts";
import { csatMetric } from "../metrics/csat.ts";
import { fcrMetric } from "../metrics/fcr.ts";
import { frtMetric } from "../metrics/frt.ts";
import { npsMetric } from "../metrics/nps.ts";
import { oneTouchResolutionMetric } from "../metrics/one-touch.ts";
import { queueMetric } from "../metrics/queue.ts";
import { repeatContactFcrMetric } from "../metrics/repeat-contacts.ts";
import { volumeMetric } from "../metrics/volume.ts";
import { quantileSketchMetric } from "../metrics/quantile-sketch.ts";

/**
 * What a metric folds: survey answers (plain scores, or {@link SurveyResponse} records read with
 * `value`), contacts ({@link Contact}), tickets ({@link Ticket}), or plain values (numbers, or any
 * records read with `value`).
 *
 * @category Analysis
 * @example
 * ```ts
 * const kind: MetricRecordKind = "tickets";
 * ```
 */
export type MetricRecordKind = "survey-responses" | "contacts" | "tickets" | "values";

/**
 * One entry of {@link metricCatalogue}: a metric described as data.
 *
 * @category Analysis
 * @example
 * ```ts
 * const entry: MetricDescription = metricCatalogue[0]!;
 * entry.name; // => "nps"
 * ```
 */
export interface MetricDescription {
  /** The metric's name, as in its errors and its states' definitions. */
  readonly name: string;
  /** Makes the metric (its fold) from options; every option has a default, so `factory()` works. */
  readonly factory: (options?: never) => Metric<never, unknown, unknown>;
  /** What it folds. */
  readonly records: MetricRecordKind;
  /** The result field holding its headline {@link Estimate}, or `null` (volume is a count). */
  readonly headline: string | null;
  /** One line on what it measures. */
  readonly summary: string;
  /** The section of docs/metrics.md that defines it. */
  readonly docs: string;
}

/**
 * Every metric of cx-metrics as data: name, factory, record kind, headline, and where it is
 * defined. Generic code (a scorecard, a trend for every metric, a command line, the docs and the
 * fold-law tests) enumerates it instead of knowing each metric. Each factory's metric also carries
 * its headline (`factory().headline`), read with {@link headlineOf}.
 *
 * @category Analysis
 * @example
 * ```ts
 * metricCatalogue.map((m) => `${m.name}: ${m.headline}`);
 * // => ["nps: score", "csat: score", "ces: mean", "aht: aht", "queue: serviceLevel", ...]
 * ```
 */
export const metricCatalogue: readonly MetricDescription[] = Object.freeze(
  [
    { name: "nps", factory: npsMetric, records: "survey-responses", headline: "score", summary: "Net Promoter Score: % promoters - % detractors", docs: "docs/metrics.md#nps-net-promoter-score" },
    { name: "csat", factory: csatMetric, records: "survey-responses", headline: "score", summary: "Customer satisfaction: the satisfied share, and the mean rating", docs: "docs/metrics.md#csat-customer-satisfaction" },
    { name: "ces", factory: cesMetric, records: "survey-responses", headline: "mean", summary: "Customer Effort Score: mean, easy share and net easy", docs: "docs/metrics.md#ces-customer-effort-score" },
    { name: "aht", factory: ahtMetric, records: "contacts", headline: "aht", summary: "Average handle time, its components and distribution", docs: "docs/metrics.md#aht-average-handle-time" },
    { name: "queue", factory: queueMetric, records: "contacts", headline: "serviceLevel", summary: "Service level, ASA and abandonment", docs: "docs/metrics.md#queue-service-level-asa-abandonment" },
    { name: "fcr", factory: fcrMetric, records: "contacts", headline: "rate", summary: "First-contact resolution from a flag or a survey answer", docs: "docs/metrics.md#fcr-first-contact-resolution-three-ways" },
    { name: "oneTouchResolution", factory: oneTouchResolutionMetric, records: "tickets", headline: "rate", summary: "Share of solved tickets solved with one agent reply", docs: "docs/metrics.md#fcr-first-contact-resolution-three-ways" },
    { name: "repeatContactFcr", factory: repeatContactFcrMetric, records: "contacts", headline: "rate", summary: "First-contact resolution from repeat contacts within a window", docs: "docs/metrics.md#fcr-first-contact-resolution-three-ways" },
    { name: "frt", factory: frtMetric, records: "tickets", headline: "mean", summary: "First response time: mean, percentiles, SLA attainment", docs: "docs/metrics.md#frt-first-response-time" },
    { name: "art", factory: artMetric, records: "tickets", headline: "mean", summary: "Resolution time: mean, percentiles, SLA attainment, open tickets", docs: "docs/metrics.md#art-resolution-time" },
    { name: "agentCompanyNps", factory: agentCompanyNpsMetric, records: "survey-responses", headline: null, summary: "Agent NPS against company NPS over the same respondents: paired gap, cross-table, detractor drivers", docs: "docs/metrics.md#agent-vs-company-two-question-surveys" },
    { name: "agentCompanyCsat", factory: agentCompanyCsatMetric, records: "survey-responses", headline: null, summary: "Agent CSAT against company CSAT over the same respondents", docs: "docs/metrics.md#agent-vs-company-two-question-surveys" },
    { name: "volume", factory: volumeMetric, records: "contacts", headline: null, summary: "Contacts per period and hour of the week, peaks", docs: "docs/metrics.md#volume" },
    { name: "quantileSketch", factory: quantileSketchMetric, records: "values", headline: null, summary: "Percentiles of values too many to keep, within a relative accuracy (DDSketch), mergeable", docs: "docs/metrics.md#quantile-sketch" },
  ].map((entry) => Object.freeze(entry as MetricDescription)),
);
