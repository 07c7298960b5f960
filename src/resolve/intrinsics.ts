// Replaces CloudFormation intrinsic functions in a located tree by their values, as far as the
// inputs allow. What cannot be known offline becomes an UnknownNode (whole value) or UNKNOWN_MARK
// inside a string (a piece of it), with the reason, so rules can answer "unknown" instead of
// guessing. Locations: a value an intrinsic produces is located at the intrinsic (a Ref to a
// parameter Default is located at the Ref); values already written inside the intrinsic (an
// Fn::If branch, an Fn::Select item of a literal list) keep their own.

import type { Loc, MapNode, Node } from '../types.js';
import { UNKNOWN_MARK } from '../types.js';
import { BudgetError } from '../load/budget.js';
import { get, str, toPlain } from '../load/node.js';
import { charge, MAX_RESOLVE_DEPTH, stateOf, type ResolveContext, type ResolveState, type Tri } from './context.js';
import { parameterHint } from './parameters.js';
import { NO_VALUE, pseudoParameter, type NoValue } from './pseudo.js';
import { parseSubTemplate } from './sub.js';
import { isFullyKnown, partialScalar, relocate, unknownHint, unknownNode, unknownReason } from './unknown.js';

export type { ResolveContext, Tri } from './context.js';

/**
 * The tree with intrinsics replaced by their values. `Ref AWS::NoValue` removes the map entry or
 * list item that holds it; at the top it gives a null scalar (use resolveOptional to tell).
 * Throws BudgetError when the context's work budget or the nesting limit is exhausted.
 */
export function resolveNode(node: Node, ctx: ResolveContext): Node {
  return resolveOptional(node, ctx) ?? { kind: 'scalar', value: null, loc: node.loc };
}

/** Like resolveNode, but undefined when the whole value is `AWS::NoValue` (absent). */
export function resolveOptional(node: Node, ctx: ResolveContext): Node | undefined {
  const value = new Resolver(ctx).value(node);
  return value === NO_VALUE ? undefined : value;
}

/** Evaluates a named condition of ctx.conditions; memoized per context. */
export function evaluateCondition(name: string, ctx: ResolveContext): Tri {
  return new Resolver(ctx).condition(name).value;
}

/** Why a condition could not be evaluated (after evaluateCondition gave 'unknown'). */
export function conditionUnknownReason(name: string, ctx: ResolveContext): string | undefined {
  return stateOf(ctx).conditions.get(name)?.reason;
}

/** The name of the intrinsic a node is (`Ref`, `Fn::Sub`, …), or undefined. */
export function intrinsicName(node: Node): string | undefined {
  if (node.kind !== 'map' || node.entries.length !== 1) return undefined;
  const key = node.entries[0]!.key;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

type Value = Node | NoValue;
interface Condition {
  value: Tri;
  /** Why it is unknown, and how the user could supply what is missing. */
  reason?: string;
  hint?: string;
}

class Resolver {
  private readonly state: ResolveState;

  constructor(private readonly ctx: ResolveContext) {
    this.state = stateOf(ctx);
  }

  value(node: Node): Value {
    const state = this.state;
    charge(state, 1, node.loc);
    if (state.depth >= MAX_RESOLVE_DEPTH) {
      throw new BudgetError('depth', `intrinsic functions nest deeper than ${MAX_RESOLVE_DEPTH} levels`, node.loc);
    }
    state.depth++;
    try {
      switch (node.kind) {
        case 'scalar':
        case 'unknown':
          return node;
        case 'seq': {
          const items: Node[] = [];
          for (const item of node.items) {
            const v = this.value(item);
            if (v !== NO_VALUE) items.push(v);
          }
          return { kind: 'seq', items, loc: node.loc };
        }
        case 'map': {
          const name = intrinsicName(node);
          if (name !== undefined) return this.intrinsic(name, node.entries[0]!.value, node.loc);
          const entries = [];
          for (const entry of node.entries) {
            const v = this.value(entry.value);
            if (v !== NO_VALUE) entries.push({ key: entry.key, keyLoc: entry.keyLoc, value: v });
          }
          return { kind: 'map', entries, loc: node.loc };
        }
      }
    } finally {
      state.depth--;
    }
  }

  private intrinsic(name: string, arg: Node, loc: Loc): Value {
    switch (name) {
      case 'Ref': {
        const target = this.known(arg);
        const id = target && str(target);
        return id === undefined ? unknownNode('Ref needs a parameter or resource name', loc) : this.ref(id, loc);
      }
      case 'Fn::GetAtt':
        return this.getAtt(arg, loc);
      case 'Fn::Sub':
        return this.sub(arg, loc);
      case 'Fn::Join':
        return this.join(arg, loc);
      case 'Fn::Select':
        return this.select(arg, loc);
      case 'Fn::Split':
        return this.split(arg, loc);
      case 'Fn::FindInMap':
        return this.findInMap(arg, loc);
      case 'Fn::If':
        return this.fnIf(arg, loc);
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not': {
        const c = this.conditionExpr({ kind: 'map', entries: [{ key: name, keyLoc: loc, value: arg }], loc });
        return c.value === 'unknown' ? unknownNode(c.reason ?? `${name} could not be evaluated`, loc) : { kind: 'scalar', value: c.value, loc };
      }
      case 'Fn::Base64': {
        const v = this.value(arg);
        if (v === NO_VALUE) return unknownNode('Fn::Base64 of AWS::NoValue', loc);
        return v.kind === 'scalar' || v.kind === 'unknown' ? relocate(v, loc) : unknownNode('Fn::Base64 needs a string', loc);
      }
      case 'Fn::Length': {
        const v = this.value(arg);
        if (v !== NO_VALUE && v.kind === 'seq') return { kind: 'scalar', value: v.items.length, loc };
        if (v !== NO_VALUE && v.kind === 'unknown') return unknownNode(v.reason, loc, v.hint);
        return unknownNode('Fn::Length needs a list', loc);
      }
      case 'Fn::ToJsonString': {
        const v = this.value(arg);
        if (v === NO_VALUE) return unknownNode('Fn::ToJsonString of AWS::NoValue', loc);
        if (v.kind === 'unknown') return unknownNode(v.reason, loc, v.hint);
        const text = jsonText(v);
        charge(this.state, text.length, loc);
        return isFullyKnown(v) ? { kind: 'scalar', value: text, loc } : partialScalar(text, loc, firstUnknownReason(v) ?? 'partly unknown');
      }
      case 'Fn::ImportValue': {
        const v = this.value(arg);
        const exportName = v !== NO_VALUE && v.kind === 'scalar' ? String(v.value).replaceAll(UNKNOWN_MARK, '…') : '(computed name)';
        return unknownNode(
          `Fn::ImportValue ${exportName}`,
          loc,
          'bedrock-lint cannot read other stacks\' exports; pass the value in through a parameter with a Default to check it',
        );
      }
      case 'Fn::GetAZs':
        return unknownNode('Fn::GetAZs: Availability Zones are not known offline', loc);
      case 'Fn::Cidr':
        return unknownNode('Fn::Cidr is computed at deployment', loc);
      case 'Fn::Transform': {
        const macro = str(get(arg, 'Name'));
        return unknownNode(`Fn::Transform${macro ? ` ${macro}` : ''}: a macro runs at deployment`, loc);
      }
      default:
        return unknownNode(`unsupported intrinsic function ${name}`, loc);
    }
  }

  /** A resolved argument, or undefined for AWS::NoValue. */
  private known(node: Node): Node | undefined {
    const v = this.value(node);
    return v === NO_VALUE ? undefined : v;
  }

  private ref(id: string, loc: Loc): Value {
    if (id.startsWith('AWS::')) {
      return pseudoParameter(id, this.ctx, loc) ?? unknownNode(`unknown pseudo-parameter ${id}`, loc);
    }
    if (this.ctx.parameters.has(id)) {
      const value = this.ctx.parameters.get(id);
      if (value === undefined) return unknownNode(`parameter ${id} has no default`, loc, parameterHint(id));
      return relocate(value, loc);
    }
    const callback = this.ctx.ref;
    const found = callback ? this.guarded(`Ref ${id}`, loc, () => callback.call(this.ctx, id, loc)) : undefined;
    return found ?? unknownNode(`Ref ${id}: the physical ID is assigned at deployment`, loc);
  }

  private getAtt(arg: Node, loc: Loc): Value {
    const v = this.known(arg);
    let id: string | undefined;
    let attr: string | undefined;
    if (v?.kind === 'scalar') {
      const text = str(v) ?? '';
      const dot = text.indexOf('.');
      if (dot > 0) [id, attr] = [text.slice(0, dot), text.slice(dot + 1)];
    } else if (v?.kind === 'seq' && v.items.length === 2) {
      const [a, b] = v.items;
      if (b?.kind === 'unknown') return unknownNode(`Fn::GetAtt attribute name: ${b.reason}`, loc, b.hint);
      id = str(a);
      attr = str(b);
    }
    if (id === undefined || attr === undefined) return unknownNode('malformed Fn::GetAtt (expected [LogicalId, Attribute])', loc);
    return this.attribute(id, attr, loc);
  }

  private attribute(id: string, attr: string, loc: Loc): Node {
    const callback = this.ctx.getAtt;
    const found = callback ? this.guarded(`Fn::GetAtt ${id}.${attr}`, loc, () => callback.call(this.ctx, id, attr, loc)) : undefined;
    return found ?? unknownNode(`Fn::GetAtt ${id}.${attr} is known only after deployment`, loc);
  }

  /** Runs a caller callback unless the same reference is already being resolved (a cycle). */
  private guarded(key: string, loc: Loc, run: () => Node | undefined): Node | undefined {
    if (this.state.active.has(key)) return unknownNode(`circular reference through ${key}`, loc);
    this.state.active.add(key);
    try {
      return run();
    } finally {
      this.state.active.delete(key);
    }
  }

  private sub(arg: Node, loc: Loc): Value {
    let templateNode: Node | undefined;
    let vars: Node | undefined;
    if (arg.kind === 'seq') {
      [templateNode, vars] = arg.items;
      if (arg.items.length > 2 || (vars !== undefined && vars.kind !== 'map')) return unknownNode('malformed Fn::Sub (expected [String, {Variables}])', loc);
    } else {
      templateNode = arg;
    }
    const template = templateNode && this.known(templateNode);
    if (template?.kind === 'unknown') return unknownNode(template.reason, loc, template.hint);
    const text = template && template.kind === 'scalar' ? str(template) : undefined;
    if (text === undefined) return unknownNode('malformed Fn::Sub (expected a string)', loc);

    const pieces: Node[] = [];
    const cache = new Map<string, Node>();
    for (const part of parseSubTemplate(text)) {
      if ('literal' in part) {
        pieces.push({ kind: 'scalar', value: part.literal, loc });
        continue;
      }
      let piece = cache.get(part.variable);
      if (!piece) {
        piece = this.subVariable(part.variable, vars as MapNode | undefined, loc);
        cache.set(part.variable, piece);
      }
      pieces.push(piece);
    }
    return this.concat(pieces, loc, 'Fn::Sub');
  }

  private subVariable(name: string, vars: MapNode | undefined, loc: Loc): Node {
    const local = get(vars, name);
    let v: Value;
    if (local !== undefined) v = this.value(local);
    else if (!name.startsWith('AWS::') && name.includes('.')) {
      const dot = name.indexOf('.');
      v = this.attribute(name.slice(0, dot), name.slice(dot + 1), loc);
    } else v = this.ref(name, loc);
    if (v === NO_VALUE) return { kind: 'scalar', value: '', loc };
    return v;
  }

  private join(arg: Node, loc: Loc): Value {
    const args = this.known(arg);
    if (args?.kind !== 'seq' || args.items.length !== 2) return unknownNode('malformed Fn::Join (expected [Delimiter, [Values]])', loc);
    const [delimiter, list] = args.items as [Node, Node];
    if (list.kind === 'unknown') return unknownNode(list.reason, loc, list.hint);
    if (list.kind !== 'seq') return unknownNode('malformed Fn::Join (expected a list of values)', loc);
    const pieces: Node[] = [];
    list.items.forEach((item, i) => {
      if (i > 0) pieces.push(delimiter);
      pieces.push(item);
    });
    return this.concat(pieces, loc, 'Fn::Join');
  }

  /** Joins string pieces; unknown pieces become UNKNOWN_MARK. Only-unknown results stay UnknownNode. */
  private concat(pieces: Node[], loc: Loc, fn: string): Node {
    let text = '';
    let reasons: string[] | undefined;
    let hint: string | undefined;
    let onlyUnknown = true;
    for (const piece of pieces) {
      if (piece.kind === 'seq' || piece.kind === 'map') return unknownNode(`${fn} got a list or map where a string is needed`, loc);
      const reason = unknownReason(piece);
      if (reason !== undefined) {
        (reasons ??= []).includes(reason) || reasons.push(reason);
        hint ??= unknownHint(piece);
      }
      if (piece.kind === 'unknown') {
        text += UNKNOWN_MARK;
        continue;
      }
      const s = piece.value === null ? '' : String(piece.value);
      if (s !== '' && s.replaceAll(UNKNOWN_MARK, '') !== '') onlyUnknown = false;
      text += s;
    }
    charge(this.state, text.length, loc);
    if (!reasons) return { kind: 'scalar', value: text, loc };
    if (onlyUnknown) return unknownNode(reasons.join('; '), loc, hint);
    return partialScalar(text, loc, reasons.join('; '), hint);
  }

  private select(arg: Node, loc: Loc): Value {
    const args = this.known(arg);
    if (args?.kind !== 'seq' || args.items.length !== 2) return unknownNode('malformed Fn::Select (expected [Index, [Values]])', loc);
    const [indexNode, list] = args.items as [Node, Node];
    if (indexNode.kind === 'unknown') return unknownNode(indexNode.reason, loc, indexNode.hint);
    if (list.kind === 'unknown') return unknownNode(list.reason, loc, list.hint);
    const index = Number(str(indexNode));
    if (list.kind !== 'seq' || !Number.isInteger(index) || index < 0) return unknownNode('malformed Fn::Select (expected [Index, [Values]])', loc);
    const item = list.items[index];
    return item ?? unknownNode(`Fn::Select index ${index} is out of range (${list.items.length} items)`, loc);
  }

  private split(arg: Node, loc: Loc): Value {
    const args = this.known(arg);
    if (args?.kind !== 'seq' || args.items.length !== 2) return unknownNode('malformed Fn::Split (expected [Delimiter, String])', loc);
    const [delimiterNode, source] = args.items as [Node, Node];
    if (source.kind === 'unknown') return unknownNode(source.reason, loc, source.hint);
    const delimiter = str(delimiterNode);
    const text = str(source);
    if (delimiter === undefined || delimiter === '' || text === undefined) return unknownNode('malformed Fn::Split (expected [Delimiter, String])', loc);
    const reason = unknownReason(source);
    const hint = unknownHint(source);
    const items = text.split(delimiter).map((part): Node => {
      if (reason === undefined || !part.includes(UNKNOWN_MARK)) return { kind: 'scalar', value: part, loc };
      return part.replaceAll(UNKNOWN_MARK, '') === '' ? unknownNode(reason, loc, hint) : partialScalar(part, loc, reason, hint);
    });
    return { kind: 'seq', items, loc };
  }

  private findInMap(arg: Node, loc: Loc): Value {
    if (arg.kind !== 'seq' || arg.items.length < 3 || arg.items.length > 4) {
      return unknownNode('malformed Fn::FindInMap (expected [MapName, TopLevelKey, SecondLevelKey])', loc);
    }
    const [mapName, topKey, secondKey] = arg.items.slice(0, 3).map((item) => this.known(item));
    const defaultNode = get(arg.items[3], 'DefaultValue');
    const fallback = (reason: string): Value => (defaultNode !== undefined ? this.value(defaultNode) : unknownNode(reason, loc));

    const name = mapName && str(mapName);
    if (name === undefined || name.includes(UNKNOWN_MARK)) return unknownNode(`Fn::FindInMap with an unknown map name${mapName ? `: ${unknownReason(mapName)}` : ''}`, loc);
    const mapping = get(this.ctx.mappings, name);
    if (mapping === undefined) return fallback(`Fn::FindInMap: mapping ${name} not found`);

    // A key that is unknown (e.g. the Region) may be any key of its level: when all candidates
    // agree the value is still known.
    let unknownKey: { reason: string; hint?: string } | undefined;
    const level = (parents: Node[], key: Node | undefined): Node[] => {
      const k = key && str(key);
      if (k !== undefined && !k.includes(UNKNOWN_MARK)) return parents.flatMap((p) => get(p, k) ?? []);
      if (!unknownKey) {
        const hint = key && unknownHint(key);
        unknownKey = { reason: (key && unknownReason(key)) ?? 'unknown key', ...(hint ? { hint } : {}) };
      }
      return parents.flatMap((p) => (p.kind === 'map' ? p.entries.map((e) => e.value) : []));
    };
    const candidates = level(level([mapping], topKey), secondKey);
    const unknownResult = (k: { reason: string; hint?: string }): Node => unknownNode(`Fn::FindInMap ${name}: ${k.reason}`, loc, k.hint);
    if (candidates.length === 0) return unknownKey ? unknownResult(unknownKey) : fallback(`Fn::FindInMap: ${name} has no such key`);
    const values = candidates.map((c) => this.value(c));
    const first = values[0]!;
    if (unknownKey && !allEqual(values)) return unknownResult(unknownKey);
    return first === NO_VALUE ? NO_VALUE : relocate(first, loc);
  }

  private fnIf(arg: Node, loc: Loc): Value {
    if (arg.kind !== 'seq' || arg.items.length !== 3) return unknownNode('malformed Fn::If (expected [Condition, ValueIfTrue, ValueIfFalse])', loc);
    const [condNode, whenTrue, whenFalse] = arg.items as [Node, Node, Node];
    const name = str(condNode);
    if (name === undefined) return unknownNode('malformed Fn::If (the condition must be a condition name)', loc);
    const c = this.condition(name);
    if (c.value === true) return this.value(whenTrue);
    if (c.value === false) return this.value(whenFalse);
    const a = this.value(whenTrue);
    const b = this.value(whenFalse);
    if (a === NO_VALUE && b === NO_VALUE) return NO_VALUE;
    if (a !== NO_VALUE && b !== NO_VALUE && allEqual([a, b])) return a;
    const why = c.reason ? ` (${c.reason})` : '';
    return unknownNode(`condition ${name} could not be evaluated${why}`, loc, c.hint);
  }

  /** A named condition, memoized per context; a cycle or a missing name is unknown. */
  condition(name: string): Condition {
    const memo = this.state.conditions.get(name);
    if (memo) return memo;
    if (this.state.conditionsActive.has(name)) return { value: 'unknown', reason: `condition ${name} refers to itself` };
    const expr = get(this.ctx.conditions, name);
    if (expr === undefined) {
      const result: Condition = { value: 'unknown', reason: `condition ${name} is not defined` };
      this.state.conditions.set(name, result);
      return result;
    }
    this.state.conditionsActive.add(name);
    let result: Condition;
    try {
      result = this.conditionExpr(expr);
    } finally {
      this.state.conditionsActive.delete(name);
    }
    this.state.conditions.set(name, result);
    return result;
  }

  private conditionExpr(node: Node): Condition {
    charge(this.state, 1, node.loc);
    if (node.kind === 'map' && node.entries.length === 1) {
      const { key, value: arg } = node.entries[0]!;
      const args = arg.kind === 'seq' ? arg.items : [arg];
      switch (key) {
        case 'Condition': {
          const name = str(arg);
          return name === undefined ? { value: 'unknown', reason: 'malformed Condition reference' } : this.condition(name);
        }
        case 'Fn::Equals': {
          if (args.length !== 2) return { value: 'unknown', reason: 'malformed Fn::Equals (expected two values)' };
          const values: Value[] = args.map((x) => this.value(x));
          for (const v of values) {
            if (v !== NO_VALUE && !isFullyKnown(v)) {
              const hint = unknownHintDeep(v);
              return { value: 'unknown', reason: firstUnknownReason(v) ?? 'unknown value', ...(hint ? { hint } : {}) };
            }
          }
          return { value: allEqual(values) };
        }
        case 'Fn::Not': {
          if (args.length !== 1) return { value: 'unknown', reason: 'malformed Fn::Not (expected one condition)' };
          const c = this.conditionExpr(args[0]!);
          return c.value === 'unknown' ? c : { value: !c.value };
        }
        case 'Fn::And':
        case 'Fn::Or': {
          // Three-valued: a deciding operand (false for And, true for Or) wins over unknowns.
          const decisive = key === 'Fn::Or';
          let unknown: Condition | undefined;
          for (const operand of args) {
            const c = this.conditionExpr(operand);
            if (c.value === decisive) return { value: decisive };
            if (c.value === 'unknown') unknown ??= c;
          }
          return unknown ?? { value: !decisive };
        }
        default: {
          const v = this.value(node);
          if (v !== NO_VALUE && v.kind === 'scalar' && (v.value === true || v.value === 'true')) return { value: true };
          if (v !== NO_VALUE && v.kind === 'scalar' && (v.value === false || v.value === 'false')) return { value: false };
          return { value: 'unknown', reason: (v !== NO_VALUE && unknownReason(v)) || `${key} is not a condition` };
        }
      }
    }
    if (node.kind === 'scalar' && (node.value === true || node.value === 'true')) return { value: true };
    if (node.kind === 'scalar' && (node.value === false || node.value === 'false')) return { value: false };
    return { value: 'unknown', reason: 'malformed condition' };
  }
}

/** Deep equality of known values; scalars compare as CloudFormation does, by their string form. */
function allEqual(values: Value[]): boolean {
  const keys = values.map((v) => (v === NO_VALUE ? '\u0000novalue' : isFullyKnown(v) ? comparable(v) : undefined));
  return keys.every((k) => k !== undefined && k === keys[0]);
}

function comparable(node: Node): string {
  if (node.kind === 'scalar') return 's' + (node.value === null ? '' : String(node.value));
  return JSON.stringify(toPlain(node));
}

function firstUnknownReason(node: Node): string | undefined {
  const direct = unknownReason(node);
  if (direct !== undefined) return direct;
  if (node.kind === 'seq') for (const item of node.items) { const r = firstUnknownReason(item); if (r) return r; }
  if (node.kind === 'map') for (const e of node.entries) { const r = firstUnknownReason(e.value); if (r) return r; }
  return undefined;
}

function unknownHintDeep(node: Node): string | undefined {
  const direct = unknownHint(node);
  if (direct !== undefined) return direct;
  if (node.kind === 'seq') for (const item of node.items) { const h = unknownHintDeep(item); if (h) return h; }
  if (node.kind === 'map') for (const e of node.entries) { const h = unknownHintDeep(e.value); if (h) return h; }
  return undefined;
}

/** JSON text of a resolved value; unknown values appear as a bare UNKNOWN_MARK. */
function jsonText(node: Node): string {
  switch (node.kind) {
    case 'unknown':
      return UNKNOWN_MARK;
    case 'scalar':
      return JSON.stringify(node.value);
    case 'seq':
      return `[${node.items.map(jsonText).join(',')}]`;
    case 'map': {
      const parts = node.entries.map((e) => `${JSON.stringify(e.key)}:${jsonText(e.value)}`);
      return `{${parts.join(',')}}`;
    }
  }
}
