/**
 * cx-metrics: contact-center and customer-experience metrics with exact definitions, honest
 * uncertainty and mergeable folds.
 *
 * @packageDocumentation
 * @module cx-metrics
 */
export { CxMetricsError, describeValue, type CxMetricsErrorCode, type CxMetricsErrorDetails, type CxMetricsIssue } from "./core/errors.ts";
export type { Estimate, Interval } from "./core/estimate.ts";
export { fold, foldInto, headlineOf, type Accessor, type FieldName, type FieldRecord, type KnownFields, type Metric, type Reader } from "./core/metric.ts";
export type { IntegerRange, IntervalOptions, InvalidOptions, OnInvalid } from "./core/options.ts";
export type { StateDefinition } from "./core/state.ts";
export type { Contact, Instant, SurveyResponse, Ticket, TicketReply, TicketStatus } from "./core/records.ts";

export { normalCdf, normalPdf, normalQuantile } from "./stats/normal.ts";
export type { NetScoreIntervalMethod, ProportionIntervalMethod } from "./stats/estimates.ts";
export { proportionInterval, type ProportionIntervalOptions } from "./stats/proportion.ts";
export { netScoreInterval, type NetScoreCounts, type NetScoreIntervalOptions } from "./stats/net-score.ts";
export { compareNps, type CompareNpsOptions, type NpsComparison, type NpsCounts } from "./stats/nps-compare.ts";
export { npsSampleSize, type NpsSampleSizeOptions } from "./stats/sample-size.ts";
export { percentile, percentiles } from "./stats/quantile.ts";
export { adjustPValues, compareEstimates, compareMeans, compareMedians, compareShares, type CompareMediansOptions, type CompareOptions, type Comparison, type ComparisonTest, type MeanSummary, type PAdjustMethod, type ShareCounts } from "./stats/compare.ts";
export { trendSlope, type Trend, type TrendDirection, type TrendDispersion, type TrendOptions } from "./stats/trend.ts";

export { toEpochMs, type ToEpochMsOptions } from "./time/instant.ts";
export { durationMs } from "./time/duration.ts";
export { periodOf, periodsBetween, type IsoWeekday, type Period, type PeriodOptions, type PeriodUnit } from "./time/period.ts";
export { localTimeParser, parseLocalTime, type Disambiguation, type LocalTimeOptions } from "./time/local.ts";
export { BusinessCalendar, businessCalendar, type BusinessCalendarOptions, type OpeningInterval, type WeeklyHours } from "./time/calendar.ts";

export type { Band, RatingAnswer, RatingCount, RatingExclusions, RatingFieldOptions, RatingState } from "./metrics/rating-types.ts";
export { bandOf, contactCenterNpsBands } from "./metrics/bands.ts";
export { nps, npsCategory, npsMetric, type NpsAnswer, type NpsCategory, type NpsDefinitionOptions, type NpsFieldOptions, type NpsOptions, type NpsResult } from "./metrics/nps.ts";
export { csat, csatCategory, csatMetric, type CsatDefinitionOptions, type CsatFieldOptions, type CsatOptions, type CsatResult } from "./metrics/csat.ts";
export { ces, cesCategory, cesMetric, type CesDefinitionOptions, type CesFieldOptions, type CesOptions, type CesResult, type CesVersion } from "./metrics/ces.ts";

export type { DurationSketch, DurationState, DurationStats, ExclusionState, Exclusions, OpenItems, OpenState, PercentileOptions } from "./metrics/ops-types.ts";
export { aht, ahtMetric, defaultAhtComponents, type AhtComponent, type AhtOptions, type AhtResult, type AhtState, type DurationAccessor } from "./metrics/aht.ts";
export { queue, queueMetric, type AbandonTreatment, type QueueOptions, type QueueResult, type QueueState } from "./metrics/queue.ts";
export { fcr, fcrMetric, type FcrOptions, type FcrResult, type FcrState } from "./metrics/fcr.ts";
export { oneTouchResolution, oneTouchResolutionMetric, type OneTouchDefinition, type OneTouchOptions, type OneTouchResult, type OneTouchState } from "./metrics/one-touch.ts";
export { repeatContactFcr, repeatContactFcrMetric, type OpenWindows, type RepeatContactOptions, type RepeatContactResult, type RepeatContactState } from "./metrics/repeat-contacts.ts";
export { frt, frtMetric, type AutomatedReplies, type FrtOptions, type FrtResult, type FrtState } from "./metrics/frt.ts";
export { art, artMetric, type ArtOptions, type ArtResult, type ArtState, type Reopens, type ResolutionPoint } from "./metrics/art.ts";
export { agentCompanyCsat, agentCompanyCsatMetric, agentCompanyNps, agentCompanyNpsMetric, detractorDriver, unsatisfiedDriver, type AgentCompanyCsatOptions, type AgentCompanyNpsOptions, type AgentCompanyReaders, type AgentCompanyResult, type CsatCrossTable, type LowScoreDrivers, type NpsCrossTable, type PairedExclusions, type PairedRatingState } from "./metrics/agent-company.ts";
export { volume, volumeMetric, type HourOfWeekPeak, type HourPeak, type VolumeCount, type VolumeOptions, type VolumePeriod, type VolumeResult, type VolumeState, type Weekday, type WeekdayPeak } from "./metrics/volume.ts";

export { groupBy, groupColumns, groupStates } from "./analysis/group-by.ts";
export { surveyComments, type SurveyComment, type SurveyCommentsOptions } from "./analysis/comments.ts";
export { combine, type AnyMetric, type CombinedInput, type InputOf, type OutputOf, type StateOf } from "./analysis/combine.ts";
export { metricCatalogue, type MetricDescription, type MetricRecordKind } from "./analysis/catalogue.ts";
export { rolling, series, seriesBy, type RollingOptions, type RollingPoint, type Series, type SeriesByOptions, type SeriesOptions, type SeriesPoint } from "./analysis/series.ts";
export { controlChart, periodOverPeriod, seriesTrend, type ControlChart, type ControlChartOptions, type ControlPoint, type PeriodChange, type PeriodOverPeriodOptions } from "./analysis/trends.ts";
export { npsByKind, relationshipNps, type NpsByKindOptions, type NpsByKindResult, type NpsKindsPeriod, type RelationshipNpsOptions, type WaveNps, type WeightingMargin } from "./analysis/nps-kinds.ts";
export type { GroupedStates } from "./analysis/group-counts.ts";
export { shrinkage, type GivenPrior, type PriorMethod, type Shrinkage, type ShrinkageIntervalMethod, type ShrinkageOptions, type ShrinkagePrior, type ShrunkenGroup } from "./analysis/shrinkage.ts";
export { funnelLimits, rankGroups, topPerformers, type Funnel, type FunnelCurvePoint, type FunnelLimit, type FunnelOptions, type FunnelPoint, type RankedGroup, type RankOptions, type Ranking, type TopPerformers, type TopPerformersOptions, type TopPerformersRow } from "./analysis/ranking.ts";
export { decomposeChange, type ChangeDecomposition, type SegmentChange } from "./analysis/decompose.ts";

export { formatCount, formatDuration, formatEstimate, formatInterval, formatNumber, formatPercent, formatPValue, formatScore, type EstimateFormatOptions, type EstimateUnit, type FormatOptions, type ScoreFormatOptions } from "./format/format.ts";
export { display, jupyterDisplay, type DisplayOptions, type Displayable, type MimeBundle } from "./format/display.ts";

export type { RecordCounts, RecordKind } from "./ingest/fields.ts";
export { readRows, rowReader, specFromHeader, type ColumnMapping, type ColumnRule, type ColumnSource, type DurationUnit, type IngestResult, type IngestSummary, type ReadOptions, type Rejection, type RowReader, type RowRecords, type RowSource, type RowSpec, type RowSpecs } from "./ingest/reader.ts";
export { arrowColumn, arrowDictionary, type ArrowDataLike, type ArrowDictionaryValues, type ArrowKeys, type ArrowVectorLike } from "./ingest/arrow.ts";
export { presetNamed, presets, type MetricDefinitions, type Preset, type Presets } from "./ingest/presets.ts";

export type { Report, ReportAgent, ReportAgents, ReportAgentVsCompany, ReportColumn, ReportComment, ReportFunnelPoint, ReportHeatmap, ReportPeriod, ReportRow, ReportScorecard, ReportSlope, ReportTrend, ReportValue } from "./report/types.ts";
export { buildReport, reportBuilder, type ReportBuilder, type ReportOptions } from "./report/build.ts";
export { reportText, type ReportFormatOptions } from "./report/text.ts";

export { groupsFromJSON, groupsToJSON, stateFromBytes, stateFromJSON, stateToBytes, stateToJSON, type PortableGroups, type PortableState, type StateMetric } from "./core/portable.ts";
export { quantileSketch, quantileSketchMetric, type QuantileSketchOptions, type QuantileSketchResult, type QuantileSketchState, type SketchPercentile } from "./metrics/quantile-sketch.ts";
