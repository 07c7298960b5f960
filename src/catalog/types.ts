// Shapes of the model catalogue: the records of data/catalog.json and the query API over them.
import type { Json } from '../types.js';

export type ModelStatus = 'ACTIVE' | 'LEGACY' | 'EOL';

/** One foundation model, as data/catalog.json holds it (after merging user captures). */
export interface ModelEntry {
  id: string;
  name?: string;
  /** Lower-case ID prefix: "amazon", "anthropic", "stability"… */
  provider: string;
  /** "text", "image", "embedding", "video", "speech". */
  modality: string;
  status: ModelStatus;
  /** First day the model was seen Legacy (an observation: listed in `unconfirmed`). */
  legacyDate?: string;
  eolDate?: string;
  /** Suggested replacement for a retired model (inferred: listed in `unconfirmed`). */
  successor?: string;
  /** Regions where the model can be invoked at all (on demand or through a profile). */
  regions: string[];
  /** Regions where the bare ID / foundation-model ARN is invoked on demand. */
  onDemandRegions: string[];
  /** Regions where only an inference profile reaches it (bare ID → ValidationException). */
  profileOnlyRegions: string[];
  /** Provisioned-throughput regions (informational). */
  provisionedRegions?: string[];
  /** Where a retired model used to be offered. */
  historicalRegions?: string[];
  /** Last dataset snapshot that listed a retired model. */
  lastSeen?: string;
  /** responseStreamingSupported; null when the sources do not say (retired models). */
  streaming: boolean | null;
  /** Sold through AWS Marketplace: first use auto-subscribes and needs aws-marketplace permissions. */
  marketplace: boolean;
  marketplaceProductId?: string;
  /** Inference profile IDs that route to this model. */
  profiles: string[];
  /**
   * Fields of this entry the sources mark UNCONFIRMED (or that are inferred): "eolDate",
   * "legacyDate", "successor", "historicalRegions", "marketplaceProductId", "id". Such facts may
   * back warnings only, never errors.
   */
  unconfirmed?: string[];
  notes?: string[];
  /** The ID this one is an alias of. */
  aliasOf?: string;
  /** Request-body facts from the reference, untouched (see data/sources/bedrock-models.json). */
  bodySchema?: Json;
}

/** A system-defined (cross-Region) inference profile. */
export interface ProfileEntry {
  /** "<geo>.<modelId>" */
  id: string;
  /** Lower-case prefix: us, eu, apac, jp, au, ca, in, global. */
  geo: string;
  modelId: string;
  /** Regions the profile can be called from. */
  sourceRegions: string[];
  /**
   * Regions whose foundation-model ARN the profile routes to, per source Region (IAM must allow
   * each). For `global.` profiles this is just the source Region; see `regionless`.
   */
  destinationsBySource: Record<string, string[]>;
  /**
   * `global.` profiles: IAM must also allow the Region-less foundation-model ARN
   * `arn:<partition>:bedrock:::foundation-model/<modelId>` (with aws:RequestedRegion "unspecified").
   */
  regionless?: boolean;
}

/** Parts of an ARN whose value is unknown (held UNKNOWN_MARK); they are left out of the ref. */
export type ArnPart = 'partition' | 'region' | 'account';

/**
 * What a model reference names. `arnRegion` is the ARN's Region as written: "" for a Region-less
 * ARN, undefined when it is not an ARN or the Region is unknown (see `unknownParts`).
 */
export type ModelRef =
  | {
      kind: 'model';
      id: string;
      model?: ModelEntry;
      arn?: string;
      arnRegion?: string;
      partition?: string;
      /** Account field of a foundation-model ARN ("" when correctly empty). */
      account?: string;
      unknownParts?: ArnPart[];
    }
  | {
      kind: 'profile';
      id: string;
      /** "" when the ID has no known geography prefix. */
      geo: string;
      modelId: string;
      profile?: ProfileEntry;
      model?: ModelEntry;
      arn?: string;
      arnRegion?: string;
      partition?: string;
      account?: string;
      unknownParts?: ArnPart[];
    }
  | {
      kind: 'application-profile';
      arn: string;
      /** The resource ID after `application-inference-profile/`. */
      id: string;
      arnRegion?: string;
      partition?: string;
      account?: string;
      unknownParts?: ArnPart[];
    }
  /** Provisioned/custom/imported models, prompts, routers, SageMaker endpoints…: not judged. */
  | { kind: 'other'; arn: string; service: string; resourceType: string }
  /** Empty, or the model/profile ID itself is (partly) unknown. */
  | { kind: 'unknown-value' };

export interface Lifecycle {
  status: 'active' | 'legacy' | 'eol';
  eolDate?: string;
  legacyDate?: string;
  successor?: string;
}

/**
 * `not-covered`: a real Bedrock Region the model table does not cover (me-central-1, me-south-1,
 * GovCloud, ISO, EUSC), so nothing can be said about the model there.
 */
export type Availability = 'on-demand' | 'profile-only' | 'unavailable' | 'unknown-region' | 'not-covered';

export interface EndpointService {
  /** "com.amazonaws.<region>.bedrock-runtime" — substitute the Region. */
  serviceName: string;
  type: string;
  covers?: string;
  privateDnsName?: string;
  note?: string;
}

export interface RegionInfo {
  region: string;
  name?: string;
  partition: string;
  dnsSuffix?: string;
  runtimeEndpoint: string;
  controlPlaneEndpoint?: string;
  fipsRuntimeEndpoint: string | null;
  /** true when the model table scanned this Region. */
  scannedInModelDataset?: boolean;
}

export interface GeoInfo {
  prefix: string;
  sourceRegionsObserved?: string[] | string;
  destinationRegionsObserved?: string[];
  destinationRegions?: string;
  note?: string;
  iam?: string;
}

/** data/catalog.json */
export interface CatalogData {
  date: string;
  lifecycleAsOf: string;
  generated: Json;
  models: ModelEntry[];
  profiles: ProfileEntry[];
  inferenceProfileGeos: Record<string, GeoInfo | string>;
  vpcEndpointServices: EndpointService[];
  runtimeRegions: RegionInfo[];
}

/** A user capture merged into the catalogue (`--models FILE`). */
export interface CaptureInfo {
  file: string;
  kind: 'models' | 'profiles';
  region: string;
}

export interface Catalog {
  /** Snapshot date of the bundled model/region data (YYYY-MM-DD). */
  date: string;
  /** Date of the lifecycle (Legacy/EOL) table. */
  lifecycleAsOf: string;
  captures: CaptureInfo[];
  /** Bare model ID, profile ID, or a Bedrock ARN of any partition. */
  parseModelRef(text: string): ModelRef;
  model(id: string): ModelEntry | undefined;
  profile(id: string): ProfileEntry | undefined;
  models(): ModelEntry[];
  profiles(): ProfileEntry[];
  /** Nearest known model/profile ID (missing ':0', wrong version, typo); undefined if none is close. */
  suggest(id: string): string | undefined;
  /**
   * Lifecycle at `date` (YYYY-MM-DD): end of life from the EOL date on, legacy before it.
   * Accepts a profile ID (judged by its model). Unknown IDs report 'active': model-unknown judges them.
   */
  lifecycle(modelId: string, date: string): Lifecycle;
  /** How a foundation-model ID can be called from `region`. Unknown model IDs are 'unavailable'. */
  availability(modelId: string, region: string): Availability;
  /** Profiles of the model callable from `sourceRegion`; geographic ones first, then global. */
  profilesFor(modelId: string, sourceRegion: string): ProfileEntry[];
  /** Destination Regions of the profile from that source; undefined if not a source. */
  destinations(profileId: string, sourceRegion: string): string[] | undefined;
  /** A Region where Bedrock exists (any partition), or one named by a user capture. */
  isKnownRegion(region: string): boolean;
  regionInfo(region: string): RegionInfo | undefined;
  /** Known profile geography prefixes (lower case, no dot). */
  geos(): string[];
  endpointServices(): EndpointService[];
}
