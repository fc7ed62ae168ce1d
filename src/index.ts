/**
 * cx-metrics: contact-center and customer-experience metrics with exact definitions, honest
 * uncertainty and mergeable folds.
 *
 * @packageDocumentation
 * @module cx-metrics
 */
export { CxMetricsError, describeValue, type CxMetricsErrorCode, type CxMetricsErrorDetails, type CxMetricsIssue } from "./core/errors.ts";
export { fold, foldInto, type Accessor, type Metric } from "./core/metric.ts";
export type { IntegerRange, OnInvalid } from "./core/options.ts";
export type { SurveyResponse } from "./core/records.ts";

export { normalCdf, normalPdf, normalQuantile } from "./stats/normal.ts";
export type { Interval } from "./stats/interval.ts";
export { proportionInterval, type ProportionIntervalMethod, type ProportionIntervalOptions, type ShareEstimate } from "./stats/proportion.ts";
export {
  netScoreInterval,
  type NetScoreCounts,
  type NetScoreEstimate,
  type NetScoreIntervalMethod,
  type NetScoreIntervalOptions,
} from "./stats/net-score.ts";

export { toEpochMs, type Instant } from "./time/instant.ts";
export { BusinessCalendar, businessCalendar, type BusinessCalendarOptions, type OpeningInterval, type WeeklyHours } from "./time/calendar.ts";

export type { Band, RatingCount, RatingExclusions, RatingState } from "./metrics/rating-types.ts";
export { bandOf, contactCenterNpsBands } from "./metrics/bands.ts";
export {
  compareNps,
  nps,
  npsCategory,
  npsMetric,
  npsSampleSize,
  type CompareNpsOptions,
  type NpsAnswer,
  type NpsCategory,
  type NpsComparison,
  type NpsCounts,
  type NpsOptions,
  type NpsResult,
  type NpsSampleSizeOptions,
} from "./metrics/nps.ts";
export { csat, csatCategory, csatMetric, type CsatOptions, type CsatResult, type RatingAnswer } from "./metrics/csat.ts";
export { ces, cesCategory, cesMetric, type CesOptions, type CesResult, type CesVersion } from "./metrics/ces.ts";

export type { Contact, Ticket, TicketReply, TicketStatus } from "./core/records.ts";
export { percentile, percentiles } from "./stats/quantile.ts";
export type { DurationStats, Exclusions, OpenItems, Share } from "./metrics/duration-types.ts";
export type { DurationState, ExclusionState, OpenState } from "./metrics/internal/ops.ts";
export { aht, ahtMetric, defaultAhtComponents, type AhtComponent, type AhtOptions, type AhtResult, type AhtState, type DurationAccessor } from "./metrics/aht.ts";
export { queue, queueMetric, type AbandonedWithinTarget, type QueueOptions, type QueueResult, type QueueState } from "./metrics/queue.ts";
export { fcr, fcrMetric, type FcrOptions, type FcrResult, type FcrState } from "./metrics/fcr.ts";
export {
  oneTouchResolution,
  oneTouchResolutionMetric,
  type OneTouchDefinition,
  type OneTouchOptions,
  type OneTouchResult,
  type OneTouchState,
} from "./metrics/one-touch.ts";
export {
  repeatContactFcr,
  repeatContactFcrMetric,
  type RepeatContactOptions,
  type RepeatContactResult,
  type RepeatContactState,
} from "./metrics/repeat-contacts.ts";
export { frt, frtMetric, type AutomatedReplies, type FrtOptions, type FrtResult, type FrtState } from "./metrics/frt.ts";
export { art, artMetric, type ArtOptions, type ArtResult, type ArtState, type Reopens, type ResolutionPoint } from "./metrics/art.ts";
export { volume, volumeMetric, type VolumeCount, type VolumeOptions, type VolumePeriod, type VolumeResult, type HourOfWeekPeak, type HourPeak, type VolumeState, type WeekdayPeak, type Weekday } from "./metrics/volume.ts";

export { groupBy, groupStates } from "./analysis/group-by.ts";
export { surveyComments, type SurveyComment, type SurveyCommentsOptions } from "./analysis/comments.ts";
export { combine, type AnyMetric, type CombinedInput, type InputOf, type OutputOf, type StateOf } from "./analysis/combine.ts";
