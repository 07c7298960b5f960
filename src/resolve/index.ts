// Public surface of the intrinsic resolver.
export { resolveNode, resolveOptional, evaluateCondition, conditionUnknownReason, intrinsicName } from './intrinsics.js';
export type { ResolveContext, Tri } from './context.js';
export { parametersFromTemplate, type ParameterOverrides } from './parameters.js';
export { partitionOf } from './pseudo.js';
export { unknownReason, unknownHint, isFullyKnown } from './unknown.js';
