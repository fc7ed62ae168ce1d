import type { ArtOptions } from "../metrics/art.ts";
import type { CesDefinitionOptions } from "../metrics/ces.ts";
import type { CsatDefinitionOptions } from "../metrics/csat.ts";
import type { FrtOptions } from "../metrics/frt.ts";
import type { NpsDefinitionOptions } from "../metrics/nps.ts";
import type { OneTouchOptions } from "../metrics/one-touch.ts";
import type { QueueOptions } from "../metrics/queue.ts";
import type { ReadOptions, RowSpec } from "./reader.ts";

/**
 * Metric definitions that go with a data source: the options of each metric that a vendor's own
 * reports use, so that numbers computed from its export match the vendor's definitions. Every
 * field is the named metric's own options.
 *
 * @category Ingest
 * @example
 * ```ts
 * const zendeskLike: MetricDefinitions = { csat: { scale: { min: 0, max: 1 }, satisfiedMin: 1 }, oneTouch: { touches: "at-most-one" } };
 * ```
 */
export interface MetricDefinitions {
  /** Options of `nps`. */
  readonly nps?: NpsDefinitionOptions;
  /** Options of `csat`. */
  readonly csat?: CsatDefinitionOptions;
  /** Options of `ces`. */
  readonly ces?: CesDefinitionOptions;
  /** Options of `queue`: the service-level target and how abandons count. */
  readonly queue?: Pick<QueueOptions, "target" | "shortAbandon" | "abandons">;
  /** Options of `frt`. */
  readonly frt?: Pick<FrtOptions, "start" | "automated" | "target">;
  /** Options of `art`. */
  readonly art?: Pick<ArtOptions, "resolution" | "target">;
  /** Options of `oneTouchResolution`. */
  readonly oneTouch?: Pick<OneTouchOptions, "touches">;
}

/**
 * A documented mapping of one vendor export: which columns feed which fields, how its labels read,
 * which of its rows are not records, the read options it needs, and the vendor's metric
 * definitions. Give it to {@link readRows} or {@link rowReader} as the source.
 *
 * @category Ingest
 * @example
 * ```ts
 * const p: Preset = presets.zendesk;
 * p.specs.map((s) => s.kind); // => ["ticket", "survey"]
 * ```
 */
export interface Preset {
  /** The name the command line takes (`--preset zendesk`). */
  readonly name: string;
  /** The export, in a few words. */
  readonly title: string;
  /** Where the columns come from: the vendor's documentation of the export. */
  readonly source: string;
  /** One spec per kind of record the export's rows give. */
  readonly specs: readonly RowSpec[];
  /** Read options the export needs (units of its numbers). The caller's own options win. */
  readonly options: Pick<ReadOptions, "durationUnit" | "epoch" | "missing">;
  /** The vendor's metric definitions. */
  readonly definitions: MetricDefinitions;
}

const text = (row: Readonly<Record<string, unknown>>, name: string): string => {
  const v = row[name];
  return typeof v === "string" ? v.trim() : "";
};

/**
 * Qualtrics survey responses, CSV export (the default "Download data" CSV, numeric values or choice
 * text). The export has three header lines: the column names, the question texts and the import
 * ids; the second and third are skipped as `"Qualtrics header row"`. Times are `RecordedDate`, in
 * the zone chosen at export (give it as `timeZone`). The NPS question is found from the
 * `<question>_NPS_GROUP` column Qualtrics adds to NPS questions; CSAT and CES questions are named by
 * the caller (`columns: { csat: "Q2" }`), as Qualtrics names questions freely.
 */
const qualtrics: Preset = {
  name: "qualtrics",
  title: "Qualtrics survey responses (CSV export)",
  source: "https://www.qualtrics.com/support/survey-platform/data-and-analysis-module/data/download-data/understanding-your-dataset/",
  specs: [
    {
      kind: "survey",
      columns: {
        id: "ResponseId",
        respondedAt: ["RecordedDate", "EndDate"],
        nps: { column: ["NPS", "Q_NPS"], detect: (cols) => cols.find((c) => c.endsWith("_NPS_GROUP"))?.slice(0, -"_NPS_GROUP".length) },
        agentId: { column: "AgentId", optional: true },
        team: { column: "Team", optional: true },
        channel: { column: "Channel", optional: true },
      },
      skip: (row) => {
        const id = text(row, "ResponseId");
        return id === "Response ID" || id.startsWith('{"ImportId"') ? "Qualtrics header row" : null;
      },
    },
  ],
  options: {},
  definitions: {},
};

/**
 * Zendesk Support tickets, CSV export (Admin Center > Account > Tools > Reports > Export, "CSV
 * export"). Each row gives a ticket and, when a satisfaction survey was offered, a CSAT answer:
 * `Good` is 1, `Bad` is 0, `Offered` (asked, no answer) is missing, `Unoffered` rows give no answer
 * (skipped as `"satisfaction survey not offered"`). The first reply is `Created at` plus `First reply
 * time in minutes` (calendar minutes); the reply count feeds one-touch resolution. Times are in the
 * account's zone (give it as `timeZone`). Definitions: CSAT as good / (good + bad), one-touch as
 * Explore's `Agent replies < 2`.
 */
const zendesk: Preset = {
  name: "zendesk",
  title: "Zendesk Support tickets with satisfaction ratings (CSV export)",
  source: "https://support.zendesk.com/hc/en-us/articles/4408886165402",
  specs: [
    {
      kind: "ticket",
      columns: {
        id: "Id",
        customerId: { column: "Requester id", optional: true },
        agentId: { column: "Assignee", optional: true },
        team: { column: "Group", optional: true },
        channel: { column: "Via", optional: true },
        created: "Created at",
        firstResponse: { column: "First reply time in minutes", after: "created", unit: "min", optional: true },
        solves: { column: "Solved at", optional: true },
        status: "Status",
        agentReplies: { column: "Replies", optional: true },
      },
    },
    {
      kind: "survey",
      columns: {
        id: "Id",
        respondedAt: ["Solved at", "Updated at"],
        customerId: { column: "Requester id", optional: true },
        agentId: { column: "Assignee", optional: true },
        team: { column: "Group", optional: true },
        channel: { column: "Via", optional: true },
        csat: { column: "Satisfaction Score", values: { good: 1, "good with comment": 1, bad: 0, "bad with comment": 0, offered: null } },
      },
      skip: (row) => {
        const s = text(row, "Satisfaction Score").toLowerCase();
        return s === "" || s === "unoffered" ? "satisfaction survey not offered" : null;
      },
    },
  ],
  options: {},
  definitions: {
    csat: { scale: { min: 0, max: 1 }, satisfiedMin: 1 },
    oneTouch: { touches: "at-most-one" },
    frt: { start: "created" },
    art: { resolution: "full" },
  },
};

/**
 * Amazon Connect contact records (the contact record data model, as streamed by Kinesis or Firehose
 * to JSON lines; nested fields read by dotted paths). Queued inbound contacts only: records that
 * never entered a queue (outbound calls, contacts that ended in the IVR) are skipped as `"not
 * queued"`. `arrived` is `Queue.EnqueueTimestamp`, `answered` is `Agent.ConnectedToAgentTimestamp`
 * (absent: abandoned in queue), durations are whole seconds. Definitions: service level as Amazon
 * Connect's "Service level X" (abandons count as missed), 20 s unless the caller gives a target.
 */
const amazonConnect: Preset = {
  name: "amazon-connect",
  title: "Amazon Connect contact records (JSON lines)",
  source: "https://docs.aws.amazon.com/connect/latest/adminguide/ctr-data-model.html",
  specs: [
    {
      kind: "contact",
      columns: {
        id: "ContactId",
        customerId: { column: "CustomerEndpoint.Address", optional: true },
        agentId: { column: "Agent.Username", optional: true },
        channel: { column: "Channel", values: { voice: "phone", chat: "chat", task: "task", email: "email" } },
        queue: { column: "Queue.Name", optional: true },
        arrived: "Queue.EnqueueTimestamp",
        answered: { column: "Agent.ConnectedToAgentTimestamp", optional: true },
        ended: ["DisconnectTimestamp", "Queue.DequeueTimestamp"],
        talk: { column: "Agent.AgentInteractionDuration", unit: "s", optional: true },
        hold: { column: "Agent.CustomerHoldDuration", unit: "s", optional: true },
        afterCallWork: { column: "Agent.AfterContactWorkDuration", unit: "s", optional: true },
      },
      skip: (row) => {
        const queue = row["Queue"];
        const queued = (typeof queue === "object" && queue !== null && (queue as Record<string, unknown>)["EnqueueTimestamp"] != null) || text(row, "Queue.EnqueueTimestamp") !== "";
        return queued ? null : "not queued";
      },
    },
  ],
  options: {},
  definitions: { queue: { target: "20s", abandons: "missed" } },
};

/**
 * The presets for the exports people have: `qualtrics`, `zendesk` and `amazonConnect` (command
 * line names `qualtrics`, `zendesk`, `amazon-connect`). Each documents its columns, the vendor page
 * they follow, and the vendor's metric definitions; fixture files in the repository's
 * `test/fixtures/` are written to those columns.
 *
 * @category Ingest
 * @example
 * ```ts
 * const { tickets, surveys } = readRows(rows, presets.zendesk, { timeZone: "Europe/Berlin", onInvalid: "skip" });
 * ```
 */
export const presets: Presets = { qualtrics, zendesk, amazonConnect };

/**
 * The presets by name: see {@link presets}.
 *
 * @category Ingest
 * @example
 * ```ts
 * const p: Presets = presets;
 * ```
 */
export interface Presets {
  /** Qualtrics survey responses (CSV export). */
  readonly qualtrics: Preset;
  /** Zendesk Support tickets with satisfaction ratings (CSV export). */
  readonly zendesk: Preset;
  /** Amazon Connect contact records (JSON lines). */
  readonly amazonConnect: Preset;
}

/**
 * The preset of a command-line name (`"zendesk"`, `"amazon-connect"`), or `undefined`.
 *
 * @category Ingest
 * @example
 * ```ts
 * presetNamed("amazon-connect")?.title; // => "Amazon Connect contact records (JSON lines)"
 * ```
 */
export function presetNamed(name: string): Preset | undefined {
  return Object.values(presets).find((p) => p.name === name);
}
