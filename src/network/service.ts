// VPC endpoint service names: `com.amazonaws.<region>.<service>` (and the `aws.api.` form some newer
// services use). Only `bedrock-runtime` serves InvokeModel/Converse; the other Bedrock endpoints
// (bedrock, bedrock-agent, bedrock-agent-runtime, bedrock-mantle, …) do not.
import { UNKNOWN_MARK, type Str } from '../types.js';

export interface ServiceName {
  /** Region part; undefined when it is unknown (e.g. `${AWS::Region}` with no deployment region). */
  region?: string;
  /** Service part, e.g. "bedrock-runtime", "bedrock-runtime-fips". undefined when unknown. */
  service?: string;
}

export function parseServiceName(s: Str): ServiceName | undefined {
  const m = /^(?:com\.amazonaws|aws\.api)\.([^.]+)\.(.+)$/.exec(s.value);
  if (!m) return s.value === UNKNOWN_MARK ? {} : undefined;
  const region = m[1]!.includes(UNKNOWN_MARK) ? undefined : m[1];
  const service = m[2]!.includes(UNKNOWN_MARK) ? undefined : m[2];
  return { region, service };
}

export function runtimeServiceFor(useFips: boolean | undefined): string {
  return useFips ? 'bedrock-runtime-fips' : 'bedrock-runtime';
}

/** A Bedrock endpoint service that is not the runtime the caller needs (wrong-endpoint-service candidates). */
export function isOtherBedrockService(service: string, needed: string): boolean {
  return service !== needed && /^bedrock(?:[-.]|$)/.test(service);
}
