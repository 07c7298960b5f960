import { readFileSync } from 'node:fs';
import { parseJson } from '../../src/load/json.js';
import { findBedrockTasks, substitute } from '../../src/asl/tasks.js';
import { validateBody } from '../../src/request/validate.js';
import { parseCliRequest } from '../../src/request/cli-request.js';
const C = '/work/shared/conformance/cases/';
for (const f of ['029-sam-state-machine-sdxl-body-to-sd35/statemachine/generate-image.asl.json', '032-asl-inpaint-grow-mask-out-of-range/inpaint.asl.json']) {
  const root = parseJson(readFileSync(C + f, 'utf8'), f).root!;
  const subs = new Map([['ImageModelId', { kind: 'scalar', value: 'stability.sd3-5-large-v1:0', loc: root.loc } as any]]);
  for (const t of findBedrockTasks(substitute(root, subs))) {
    console.log(t.stateName, t.modelDynamic, (t.model as any)?.value);
    const t0 = performance.now();
    console.log(validateBody((t.model as any).value, t.body!, { asl: true }).map(p => `${p.loc.line}:${p.loc.column} ${p.severity} ${p.message}`));
    console.log('ms', performance.now() - t0);
  }
}
for (const f of ['030-request-sd35-prompt-over-10000-chars/request.json', '031-request-sd35-seed-out-of-range/request.json', '047-clean-request-valid-sd35-body/request.json']) {
  const root = parseJson(readFileSync(C + f, 'utf8'), f).root!;
  const r = parseCliRequest(root)!;
  console.log(f, validateBody((r.model as any).value, r.body!).map(p => `${p.loc.line}:${p.loc.column} ${p.severity} ${p.message}`));
}
import { it } from 'vitest';
it('smoke', () => {});
