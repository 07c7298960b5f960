// The rule table: one entry per rule ID. Rule metadata feeds `bedrock-lint rules`, SARIF and docs.
import type { Rule } from '../src/rule.js';
import { analysisBudgetExceeded, parseError, suppressionMissingReason, suppressionUnused } from './engine-rules.js';
import { iamInferenceProfileIncomplete } from './iam-inference-profile-incomplete.js';
import { iamInvalidBedrockArn } from './iam-invalid-bedrock-arn.js';
import { iamInvokeDenied } from './iam-invoke-denied.js';
import { iamMarketplaceMissing } from './iam-marketplace-missing.js';
import { iamStreamDenied } from './iam-stream-denied.js';
import { iamUnknownAction } from './iam-unknown-action.js';
import { dataStale } from './data-stale.js';
import { inputUnrecognized } from './input-unrecognized.js';
import { modelEndOfLife } from './model-end-of-life.js';
import { modelLegacy } from './model-legacy.js';
import { modelUnknown } from './model-unknown.js';
import { networkEndpointPolicyDenies } from './network-endpoint-policy-denies.js';
import { networkNoBedrockRoute } from './network-no-bedrock-route.js';
import { networkPrivateDnsDisabled } from './network-private-dns-disabled.js';
import { networkSecurityGroupBlocks } from './network-security-group-blocks.js';
import { networkWrongEndpointService } from './network-wrong-endpoint-service.js';
import { regionMismatch } from './region-mismatch.js';
import { regionModelUnavailable } from './region-model-unavailable.js';
import { regionProfileUnavailable } from './region-profile-unavailable.js';
import { regionRequiresInferenceProfile } from './region-requires-inference-profile.js';
import { regionUnresolved } from './region-unresolved.js';
import { requestInvalidBody } from './request-invalid-body.js';
import { requestStreamingUnsupported } from './request-streaming-unsupported.js';
import { templateSchema } from './template-schema.js';
import { templateReservedEnvVar } from './template-reserved-env-var.js';
import { templateUnresolved } from './template-unresolved.js';

export const RULES: Rule[] = [
  iamInvokeDenied,
  iamInferenceProfileIncomplete,
  iamStreamDenied,
  iamUnknownAction,
  iamInvalidBedrockArn,
  iamMarketplaceMissing,
  modelUnknown,
  modelEndOfLife,
  modelLegacy,
  regionModelUnavailable,
  regionRequiresInferenceProfile,
  regionProfileUnavailable,
  regionMismatch,
  regionUnresolved,
  networkNoBedrockRoute,
  networkWrongEndpointService,
  networkPrivateDnsDisabled,
  networkSecurityGroupBlocks,
  networkEndpointPolicyDenies,
  requestInvalidBody,
  requestStreamingUnsupported,
  templateSchema,
  templateReservedEnvVar,
  templateUnresolved,
  parseError,
  inputUnrecognized,
  analysisBudgetExceeded,
  dataStale,
  suppressionUnused,
  suppressionMissingReason,
];

const byId = new Map(RULES.map((r) => [r.meta.id, r]));
export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
