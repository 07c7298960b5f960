// `aws ec2 describe-vpc-endpoints` output as network-model endpoints, so users can lint against the
// endpoints that really exist in an account (offline: they capture the JSON, we read it).
import { parsePolicyNode } from '../iam/parse.js';
import type { Node } from '../types.js';
import type { VpcEndpoint } from './types.js';
import { prop, toBool, toStr, toStrList } from './values.js';

const GONE_STATES = new Set(['deleting', 'deleted', 'rejected', 'failed', 'expired']);

/**
 * Reads `{ "VpcEndpoints": [...] }` as loaded (a located tree). Endpoints that are being deleted or
 * were rejected are left out: they carry no traffic.
 */
export function parseDescribeVpcEndpoints(root: Node, file: string = root.loc.file): VpcEndpoint[] {
  const list = prop(root, 'VpcEndpoints');
  if (!list || list.kind !== 'seq') return [];
  const out: VpcEndpoint[] = [];
  for (const item of list.items) {
    const id = toStr(prop(item, 'VpcEndpointId'));
    const service = toStr(prop(item, 'ServiceName'));
    if (!id || !service) continue;
    const state = toStr(prop(item, 'State'))?.value.toLowerCase();
    if (state && GONE_STATES.has(state)) continue;
    const typeText = toStr(prop(item, 'VpcEndpointType'))?.value;
    const type: VpcEndpoint['type'] =
      typeText === 'Interface' || typeText === 'Gateway' || typeText === 'GatewayLoadBalancer' ? typeText : 'unknown';
    const groups = prop(item, 'Groups');
    const dns = prop(item, 'PrivateDnsEnabled');
    const endpoint: VpcEndpoint = {
      id: id.value,
      endpointId: id.value,
      file,
      loc: item.loc,
      serviceName: service,
      type,
      vpc: toStr(prop(item, 'VpcId')),
      subnets: toStrList(prop(item, 'SubnetIds')),
      securityGroups: groups && groups.kind === 'seq' ? groups.items.flatMap((g) => toStrList(prop(g, 'GroupId'))) : [],
      // The EC2 API reports the actual setting; absent means it is off.
      privateDns: toBool(dns) ?? false,
      privateDnsLoc: dns?.loc,
    };
    const policy = prop(item, 'PolicyDocument');
    if (policy) {
      endpoint.policyNode = policy;
      // describe-vpc-endpoints returns the policy as a JSON string; parsePolicyNode reads that form too.
      endpoint.policy = parsePolicyNode(policy, { id: `${file}#${id.value}`, name: `endpoint policy of ${id.value}`, kind: 'endpoint', owner: id.value });
    }
    out.push(endpoint);
  }
  return out;
}
