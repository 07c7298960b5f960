import { describe, expect, it } from 'vitest';
import { templateSchema } from '../../rules/template-schema.js';
import type { Catalog } from '../../src/catalog/index.js';
import type { Deployment, TemplateResource } from '../../src/model/types.js';
import { get, yamlNode } from '../request/helpers.js';

describe('template-schema', () => {
  it('reports per resource with its logical ID', () => {
    const root = yamlNode(`Resources:
  Agent:
    Type: AWS::Bedrock::Agent
    Properties:
      AgentName: hr
      Instruction: Too short.
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      Whatever: 1
`, 'template.yaml');
    const resources: TemplateResource[] = ['Agent', 'Bucket'].map((id) => ({
      id,
      type: String((get(root, 'Resources', id, 'Type') as { value: unknown }).value),
      properties: get(root, 'Resources', id, 'Properties'),
      file: 'template.yaml',
      loc: get(root, 'Resources', id).loc,
      stack: 'template.yaml',
    }));
    const findings = templateSchema.check({ deployment: { resources } as unknown as Deployment, catalog: {} as Catalog, date: '2026-09-01' });
    expect(findings.map((f) => [f.resource, f.loc.line, f.loc.column, f.message, f.stack, f.trace])).toEqual([
      ['Agent', 6, 20, 'property "Instruction" is 10 characters long; AWS::Bedrock::Agent accepts at least 40 characters', 'template.yaml', ['Agent (AWS::Bedrock::Agent)']],
    ]);
  });
});
