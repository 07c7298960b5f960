import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/load/yaml.js';
import { get, getPath, toPlain } from '../../src/load/node.js';
import { BudgetError } from '../../src/load/budget.js';
import {
  conditionUnknownReason,
  evaluateCondition,
  parametersFromTemplate,
  resolveNode,
  resolveOptional,
  unknownHint,
  unknownReason,
  type ResolveContext,
} from '../../src/resolve/index.js';
import type { Loc, Node } from '../../src/types.js';
import { UNKNOWN_MARK } from '../../src/types.js';

const U = UNKNOWN_MARK;

function at(loc: Loc | undefined): string {
  return loc ? `${loc.line}:${loc.column}-${loc.endLine}:${loc.endColumn}` : 'none';
}

function yaml(text: string): Node {
  const r = parseYaml(text, 't.yaml');
  expect(r.errors).toEqual([]);
  return r.root!;
}

/** A context over a template, with the template's parameters, conditions and mappings. */
function contextFor(template: Node, extra: Partial<ResolveContext> = {}): ResolveContext {
  const conditions = get(template, 'Conditions');
  const mappings = get(template, 'Mappings');
  return {
    parameters: parametersFromTemplate(template),
    ...(conditions ? { conditions } : {}),
    ...(mappings ? { mappings } : {}),
    ...extra,
  };
}

/** Resolves Outputs.V of a small template. */
function value(body: string, extra: Partial<ResolveContext> = {}, header = ''): Node {
  const template = yaml(`${header}\nOutputs:\n  V: ${body}\n`);
  return resolveNode(get(get(template, 'Outputs'), 'V')!, contextFor(template, extra));
}

const HEADER = `
Parameters:
  Env: {Type: String, Default: prod}
  NoDefault: {Type: String}
  Models: {Type: CommaDelimitedList, Default: "a,b,c"}
  Only: {Type: String, AllowedValues: [solo]}
  Choice: {Type: String, AllowedValues: [x, y]}
  Ssm: {Type: "AWS::SSM::Parameter::Value<String>", Default: /my/param}
  Num: {Type: Number, Default: 7}
Mappings:
  RegionMap:
    us-east-1: {Model: anthropic.claude-v2, Same: one}
    us-west-2: {Model: amazon.titan-text-express-v1, Same: one}
`;

describe('Ref', () => {
  it('gives parameter defaults located at the Ref', () => {
    const template = yaml(`${HEADER}\nOutputs:\n  V: !Ref Env\n`);
    const v = resolveNode(getPath(template, 'Outputs', 'V')!, contextFor(template));
    expect(v).toEqual({ kind: 'scalar', value: 'prod', loc: getPath(template, 'Outputs', 'V')!.loc });
  });

  it('splits list parameters, uses a single AllowedValue, keeps numbers', () => {
    expect(toPlain(value('!Ref Models', {}, HEADER))).toEqual(['a', 'b', 'c']);
    expect(toPlain(value('!Ref Only', {}, HEADER))).toBe('solo');
    expect(toPlain(value('!Ref Num', {}, HEADER))).toBe(7);
  });

  it('makes parameters without a value unknown, with a reason and a hint', () => {
    const v = value('!Ref NoDefault', {}, HEADER);
    expect(v).toMatchObject({ kind: 'unknown', reason: 'parameter NoDefault has no default' });
    expect(unknownHint(v)).toBe('give parameter NoDefault a Default, or pass a value with parameter_overrides in samconfig.toml');
    expect(value('!Ref Choice', {}, HEADER)).toMatchObject({ kind: 'unknown', reason: 'parameter Choice has no default (allowed values: x, y)' });
    expect(value('!Ref Ssm', {}, HEADER)).toMatchObject({ kind: 'unknown', reason: 'parameter Ssm is read from SSM parameter /my/param at deployment' });
  });

  it('prefers overrides over defaults', () => {
    const template = yaml(`${HEADER}\nOutputs:\n  V: !Ref Env\n`);
    const ctx = { ...contextFor(template), parameters: parametersFromTemplate(template, { Env: 'dev' }) };
    expect(toPlain(resolveNode(getPath(template, 'Outputs', 'V')!, ctx))).toBe('dev');
  });

  it('resolves pseudo-parameters from the context', () => {
    const ctx = { region: 'cn-north-1', account: '111122223333', stackName: 'S' };
    expect(toPlain(value('!Ref AWS::Region', ctx))).toBe('cn-north-1');
    expect(toPlain(value('!Ref AWS::AccountId', ctx))).toBe('111122223333');
    expect(toPlain(value('!Ref AWS::Partition', ctx))).toBe('aws-cn');
    expect(toPlain(value('!Ref AWS::URLSuffix', ctx))).toBe('amazonaws.com.cn');
    expect(toPlain(value('!Ref AWS::StackName', ctx))).toBe('S');
    expect(toPlain(value('!Ref AWS::StackId', ctx))).toBe(`arn:aws-cn:cloudformation:cn-north-1:111122223333:stack/S/${U}`);
    expect(toPlain(value('!Ref AWS::Partition', { region: 'us-gov-west-1' }))).toBe('aws-us-gov');
    expect(toPlain(value('!Ref AWS::Partition'))).toBe('aws');
  });

  it('makes unknown pseudo-parameters unknown', () => {
    const region = value('!Ref AWS::Region');
    expect(region).toMatchObject({ kind: 'unknown', reason: 'deployment region unknown', hint: 'pass --region or set region in .bedrock-lint.yaml' });
    expect(value('!Ref AWS::AccountId')).toMatchObject({ kind: 'unknown', reason: 'deployment account unknown' });
    expect(value('!Ref AWS::StackName')).toMatchObject({ kind: 'unknown', reason: 'stack name unknown' });
  });

  it('asks the context for resources, and is unknown when it cannot tell', () => {
    const calls: string[] = [];
    const ref = (id: string, loc: Loc): Node | undefined => {
      calls.push(id);
      return id === 'Bucket' ? { kind: 'scalar', value: 'my-bucket', loc } : undefined;
    };
    expect(toPlain(value('!Ref Bucket', { ref }))).toBe('my-bucket');
    expect(value('!Ref Queue', { ref })).toMatchObject({ kind: 'unknown', reason: 'Ref Queue: the physical ID is assigned at deployment' });
    expect(calls).toEqual(['Bucket', 'Queue']);
  });
});

describe('AWS::NoValue', () => {
  it('removes map entries and list items, and is undefined at the top', () => {
    const template = yaml(
      'Conditions:\n  No: !Equals [a, b]\nOutputs:\n  V:\n    Keep: 1\n    Drop: !Ref AWS::NoValue\n    List: [1, !If [No, 2, !Ref AWS::NoValue], 3]\n  W: !Ref AWS::NoValue\n',
    );
    const ctx = contextFor(template);
    expect(toPlain(resolveNode(getPath(template, 'Outputs', 'V')!, ctx))).toEqual({ Keep: 1, List: [1, 3] });
    expect(resolveOptional(getPath(template, 'Outputs', 'W')!, ctx)).toBeUndefined();
    expect(resolveNode(getPath(template, 'Outputs', 'W')!, ctx)).toMatchObject({ kind: 'scalar', value: null });
  });
});

describe('Fn::Sub', () => {
  it('substitutes parameters, pseudo-parameters, variables and attributes', () => {
    const getAtt = (id: string, attr: string, loc: Loc): Node => ({ kind: 'scalar', value: `${id}-${attr}`, loc });
    const v = value('!Sub "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/${Model}/${Env}/${Fn.Arn}"', { region: 'us-west-2', getAtt }, HEADER.replace('Parameters:', 'Parameters:\n  Model: {Type: String, Default: m1}'));
    expect(toPlain(v)).toBe('arn:aws:bedrock:us-west-2::foundation-model/m1/prod/Fn-Arn');
    const w = value('!Sub\n    - "${Greeting}, ${Name}!"\n    - Greeting: Hello\n      Name: !Ref Env', {}, HEADER);
    expect(toPlain(w)).toBe('Hello, prod!');
  });

  it('keeps ${!Literal} escapes literal', () => {
    expect(toPlain(value('!Sub "${!Literal}-${!AWS::Region}-$${Env}"', {}, HEADER))).toBe('${Literal}-${AWS::Region}-$prod');
  });

  it('locates the result at the Fn::Sub', () => {
    const template = yaml(`${HEADER}\nOutputs:\n  V: !Sub "x-\${Env}"\n`);
    const v = resolveNode(getPath(template, 'Outputs', 'V')!, contextFor(template));
    expect(at(v.loc)).toBe(at(getPath(template, 'Outputs', 'V')!.loc));
  });

  it('marks unknown pieces and keeps the reason', () => {
    const v = value('!Sub "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/x"');
    expect(v).toMatchObject({ kind: 'scalar', value: `arn:aws:bedrock:${U}::foundation-model/x` });
    expect(unknownReason(v)).toBe('deployment region unknown');
    expect(unknownHint(v)).toBe('pass --region or set region in .bedrock-lint.yaml');
  });

  it('stays wholly unknown when nothing is known', () => {
    expect(value('!Sub "${NoDefault}"', {}, HEADER)).toMatchObject({ kind: 'unknown', reason: 'parameter NoDefault has no default' });
  });
});

describe('list and string functions', () => {
  it('Fn::Join, including over a list parameter and with unknown items', () => {
    expect(toPlain(value('!Join [":", [a, !Ref Env, 3]]', {}, HEADER))).toBe('a:prod:3');
    expect(toPlain(value('!Join ["-", !Ref Models]', {}, HEADER))).toBe('a-b-c');
    const partial = value('!Join ["/", [x, !ImportValue Shared]]');
    expect(partial).toMatchObject({ kind: 'scalar', value: `x/${U}` });
    expect(unknownReason(partial)).toBe('Fn::ImportValue Shared');
    expect(value('!Join [",", !GetAZs ""]')).toMatchObject({ kind: 'unknown', reason: 'Fn::GetAZs: Availability Zones are not known offline' });
  });

  it('Fn::Select keeps a literal item location, and reports bad indexes', () => {
    const template = yaml('Outputs:\n  V: !Select [1, [a, b, c]]\n  W: !Select [5, [a]]\n');
    const v = resolveNode(getPath(template, 'Outputs', 'V')!, contextFor(template));
    expect(v).toMatchObject({ kind: 'scalar', value: 'b' });
    expect(at(v.loc)).toBe('2:22-2:23');
    expect(resolveNode(getPath(template, 'Outputs', 'W')!, contextFor(template))).toMatchObject({ kind: 'unknown', reason: 'Fn::Select index 5 is out of range (1 items)' });
    expect(toPlain(value('!Select ["0", !Split [",", "p,q"]]'))).toBe('p');
  });

  it('Fn::Split, with partly unknown input', () => {
    expect(toPlain(value('!Split [",", "a,b,,c"]'))).toEqual(['a', 'b', '', 'c']);
    const parts = value('!Split [":", !Sub "arn:${AWS::Region}:x"]');
    expect(toPlain(parts)).toEqual(['arn', null, 'x']);
    expect(parts.kind === 'seq' && parts.items[1]).toMatchObject({ kind: 'unknown', reason: 'deployment region unknown' });
  });

  it('Fn::Length, Fn::ToJsonString, Fn::Base64', () => {
    expect(toPlain(value('!Length [a, b, !Ref AWS::NoValue]'))).toBe(2);
    expect(toPlain(value('!Length {Ref: Models}', {}, HEADER))).toBe(3);
    expect(toPlain(value('!ToJsonString {a: [1, "x"], b: !Ref Env}', {}, HEADER))).toBe('{"a":[1,"x"],"b":"prod"}');
    const partial = value('!ToJsonString {r: !Ref AWS::Region}');
    expect(partial).toMatchObject({ kind: 'scalar', value: `{"r":${U}}` });
    expect(toPlain(value('!Base64 {"Fn::Sub": "env=${Env}"}', {}, HEADER))).toBe('env=prod');
  });
});

describe('Fn::FindInMap', () => {
  it('looks up known keys and locates the value at the FindInMap', () => {
    const template = yaml(`${HEADER}\nOutputs:\n  V: !FindInMap [RegionMap, !Ref AWS::Region, Model]\n`);
    const node = getPath(template, 'Outputs', 'V')!;
    const v = resolveNode(node, contextFor(template, { region: 'us-west-2' }));
    expect(v).toEqual({ kind: 'scalar', value: 'amazon.titan-text-express-v1', loc: node.loc });
  });

  it('is unknown for an unknown key unless every candidate agrees', () => {
    expect(value('!FindInMap [RegionMap, !Ref AWS::Region, Model]', {}, HEADER)).toMatchObject({
      kind: 'unknown',
      reason: 'Fn::FindInMap RegionMap: deployment region unknown',
      hint: 'pass --region or set region in .bedrock-lint.yaml',
    });
    expect(toPlain(value('!FindInMap [RegionMap, !Ref AWS::Region, Same]', {}, HEADER))).toBe('one');
  });

  it('uses DefaultValue for missing keys', () => {
    expect(toPlain(value('!FindInMap [RegionMap, eu-west-1, Model, {DefaultValue: fallback}]', {}, HEADER))).toBe('fallback');
    expect(value('!FindInMap [RegionMap, eu-west-1, Model]', {}, HEADER)).toMatchObject({ kind: 'unknown', reason: 'Fn::FindInMap: RegionMap has no such key' });
    expect(value('!FindInMap [Nope, a, b]', {}, HEADER)).toMatchObject({ kind: 'unknown', reason: 'Fn::FindInMap: mapping Nope not found' });
  });
});

describe('Fn::GetAtt', () => {
  it('asks the context, in both forms, and is unknown otherwise', () => {
    const getAtt = (id: string, attr: string, loc: Loc): Node | undefined =>
      id === 'Role' ? { kind: 'scalar', value: `arn:aws:iam::1:role/${attr}`, loc } : undefined;
    expect(toPlain(value('!GetAtt Role.Arn', { getAtt }))).toBe('arn:aws:iam::1:role/Arn');
    expect(toPlain(value('{"Fn::GetAtt": [Role, !Ref Env]}', { getAtt }, HEADER))).toBe('arn:aws:iam::1:role/prod');
    expect(value('!GetAtt Db.Endpoint.Address', { getAtt })).toMatchObject({ kind: 'unknown', reason: 'Fn::GetAtt Db.Endpoint.Address is known only after deployment' });
  });

  it('breaks reference cycles through the context callbacks', () => {
    const template = yaml('Resources:\n  A: {Name: !Sub "${B.Name}-a"}\n  B: {Name: !Sub "${A.Name}-b"}\nOutputs:\n  V: !GetAtt A.Name\n');
    const ctx: ResolveContext = {
      parameters: new Map(),
      getAtt(id, attr) {
        const prop = getPath(template, 'Resources', id, attr);
        return prop ? resolveNode(prop, ctx) : undefined;
      },
    };
    const v = resolveNode(getPath(template, 'Outputs', 'V')!, ctx);
    expect(v).toMatchObject({ kind: 'scalar', value: `${U}-b-a` });
    expect(unknownReason(v)).toBe('circular reference through Fn::GetAtt A.Name');
  });
});

describe('unknown-only functions', () => {
  it('Fn::ImportValue, Fn::GetAZs, Fn::Cidr, Fn::Transform and unsupported functions', () => {
    expect(value('!ImportValue {"Fn::Sub": "${Env}-Subnets"}', {}, HEADER)).toMatchObject({
      kind: 'unknown',
      reason: 'Fn::ImportValue prod-Subnets',
      hint: "bedrock-lint cannot read other stacks' exports; pass the value in through a parameter with a Default to check it",
    });
    expect(value('!GetAZs ""')).toMatchObject({ kind: 'unknown' });
    expect(value('!Cidr [10.0.0.0/16, 4, 8]')).toMatchObject({ kind: 'unknown', reason: 'Fn::Cidr is computed at deployment' });
    expect(value('!Transform {Name: AWS::Include, Parameters: {Location: x}}')).toMatchObject({ kind: 'unknown', reason: 'Fn::Transform AWS::Include: a macro runs at deployment' });
    expect(value('!NotAFunction x')).toMatchObject({ kind: 'unknown', reason: 'unsupported intrinsic function Fn::NotAFunction' });
  });
});

describe('conditions', () => {
  const CONDITIONS = `${HEADER}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Equals [1, "1"]]
  Either: !Or [!Condition IsDev, !Equals [!Ref NoDefault, x]]
  Unsure: !Equals [!Ref NoDefault, x]
  FalseAnyway: !And [!Condition IsDev, !Condition Unsure]
  TrueAnyway: !Or [!Condition IsProd, !Condition Unsure]
  InUsEast: !Equals [!Ref AWS::Region, us-east-1]
  Loop: !Not [!Condition Loop]
`;

  it('evaluates Equals, And, Or, Not and Condition with three-valued logic', () => {
    const ctx = contextFor(yaml(CONDITIONS));
    expect(evaluateCondition('IsProd', ctx)).toBe(true);
    expect(evaluateCondition('IsDev', ctx)).toBe(false);
    expect(evaluateCondition('Both', ctx)).toBe(true);
    expect(evaluateCondition('Either', ctx)).toBe('unknown');
    expect(evaluateCondition('FalseAnyway', ctx)).toBe(false);
    expect(evaluateCondition('TrueAnyway', ctx)).toBe(true);
    expect(evaluateCondition('InUsEast', ctx)).toBe('unknown');
    expect(conditionUnknownReason('InUsEast', ctx)).toBe('deployment region unknown');
    expect(evaluateCondition('Loop', ctx)).toBe('unknown');
    expect(conditionUnknownReason('Loop', ctx)).toBe('condition Loop refers to itself');
    expect(evaluateCondition('Missing', ctx)).toBe('unknown');
    expect(evaluateCondition('InUsEast', contextFor(yaml(CONDITIONS), { region: 'us-east-1' }))).toBe(true);
  });

  it('Fn::If picks a branch, or is unknown unless both branches agree', () => {
    expect(toPlain(value('!If [IsProd, big, small]', {}, CONDITIONS))).toBe('big');
    expect(toPlain(value('!If [IsDev, big, small]', {}, CONDITIONS))).toBe('small');
    expect(value('!If [Unsure, big, small]', {}, CONDITIONS)).toMatchObject({
      kind: 'unknown',
      reason: 'condition Unsure could not be evaluated (parameter NoDefault has no default)',
      hint: 'give parameter NoDefault a Default, or pass a value with parameter_overrides in samconfig.toml',
    });
    expect(toPlain(value('!If [Unsure, same, same]', {}, CONDITIONS))).toBe('same');
  });

  // The step budget makes this deterministic: exponential evaluation would exceed 10,000 steps.
  it('evaluates 40 chained conditions within a linear step budget', () => {
    const lines = ['Parameters:', '  P: {Type: String, Default: a}', 'Conditions:', '  C0: !Equals [!Ref P, a]'];
    for (let i = 1; i <= 40; i++) lines.push(`  C${i}: !And [!Condition C${i - 1}, !Or [!Condition C${i - 1}, !Not [!Condition C${i - 1}]]]`);
    const template = yaml(lines.join('\n'));
    const ctx = { ...contextFor(template), maxSteps: 10_000 };
    expect(evaluateCondition('C40', ctx)).toBe(true);
  });
});

describe('budgets', () => {
  it('stops exponential string growth through callbacks with a work BudgetError', () => {
    // R{i}.Name = Sub "${R{i-1}.Name}${R{i-1}.Name}": 2^40 characters if nothing stopped it.
    const lines = ['Resources:', '  R0: {Name: x}'];
    for (let i = 1; i <= 40; i++) lines.push(`  R${i}: {Name: !Sub "\${R${i - 1}.Name}\${R${i - 1}.Name}"}`);
    const template = yaml(lines.join('\n'));
    const ctx: ResolveContext = {
      parameters: new Map(),
      getAtt(id, attr) {
        const prop = getPath(template, 'Resources', id, attr);
        return prop ? resolveNode(prop, ctx) : undefined;
      },
    };
    let error: unknown;
    try {
      resolveNode(getPath(template, 'Resources', 'R40', 'Name')!, ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BudgetError);
    expect((error as BudgetError).kind).toBe('work');
  });

  it('stops runaway nesting with a depth BudgetError', () => {
    let node: Node = { kind: 'scalar', value: 'x', loc: { file: 'f', line: 1, column: 1, endLine: 1, endColumn: 2 } };
    for (let i = 0; i < 5000; i++) node = { kind: 'seq', items: [node], loc: node.loc };
    expect(() => resolveNode(node, { parameters: new Map() })).toThrow(BudgetError);
  });
});
