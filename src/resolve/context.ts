// The resolver's inputs (ResolveContext) and the bookkeeping it keeps per context: condition
// memo, the references being resolved (cycle guard) and the work budget. The state is keyed by
// the context object, so a caller's ref/getAtt callbacks that resolve other resources with the
// same context share one budget and one cycle guard.

import type { Loc, Node } from '../types.js';
import { BudgetError, defaultBudget } from '../load/budget.js';

export interface ResolveContext {
  /** Parameter name → its value (override or Default), or undefined when it has none. */
  parameters: Map<string, Node | undefined>;
  /** The template's Conditions map. */
  conditions?: Node;
  /** The template's Mappings map. */
  mappings?: Node;
  region?: string;
  account?: string;
  partition?: string;
  stackName?: string;
  /** Ref on a resource logical ID → its physical value (name/ID/ARN) if the caller can tell. */
  ref?(logicalId: string, loc: Loc): Node | undefined;
  getAtt?(logicalId: string, attr: string, loc: Loc): Node | undefined;
  /** Work budget for everything resolved with this context (default: Budget.maxResolveSteps). */
  maxSteps?: number;
}

export type Tri = boolean | 'unknown';

export interface ResolveState {
  steps: number;
  readonly maxSteps: number;
  /** Nesting of resolution calls, callbacks included. */
  depth: number;
  readonly conditions: Map<string, { value: Tri; reason?: string }>;
  /** Conditions being evaluated right now (a name seen again is a cycle). */
  readonly conditionsActive: Set<string>;
  /** `Ref X` / `GetAtt X.Y` being resolved right now through the context's callbacks. */
  readonly active: Set<string>;
}

/** Deep enough for any real template (the loaders stop at 500 levels, tags add one level each). */
export const MAX_RESOLVE_DEPTH = 1200;

const states = new WeakMap<ResolveContext, ResolveState>();

export function stateOf(ctx: ResolveContext): ResolveState {
  let state = states.get(ctx);
  if (!state) {
    state = {
      steps: 0,
      maxSteps: ctx.maxSteps ?? defaultBudget.maxResolveSteps,
      depth: 0,
      conditions: new Map(),
      conditionsActive: new Set(),
      active: new Set(),
    };
    states.set(ctx, state);
  }
  return state;
}

/** Spends `amount` steps (a node visited, or characters of a string produced). */
export function charge(state: ResolveState, amount: number, loc: Loc): void {
  state.steps += amount;
  if (state.steps > state.maxSteps) {
    throw new BudgetError('work', `resolving intrinsic functions took more than ${state.maxSteps} steps`, loc);
  }
}
