export { applySuppressions, type SuppressionResult } from './apply.js';
export {
  applyBaseline,
  baselineKey,
  BaselineError,
  createBaseline,
  fingerprint,
  parseBaseline,
  readBaseline,
  serializeBaseline,
  writeBaseline,
  type Baseline,
  type BaselineEntry,
  type FingerprintInput,
  type LoadedBaseline,
} from './baseline.js';
export { parseSuppressionComments, scanLineComments, type CommentInput, type SourceComment } from './comments.js';
export { configSuppressions } from './config.js';
export { metadataSuppressions } from './metadata.js';
export type { ConfigSuppression, FileSuppression, MetadataSuppression, NextLineSuppression, Suppression } from './types.js';
