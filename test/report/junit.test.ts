import { describe, expect, it } from 'vitest';
import { formatJunit } from '../../src/report/junit.js';
import { denied, legacy, makeInput, unresolved } from './input.js';

describe('junit format', () => {
  it('writes one suite per file and one case per finding (golden)', () => {
    const out = formatJunit(
      makeInput({
        checkedFiles: ['template.yaml', 'stacks/app.json', './clean.yaml'],
        errors: [{ file: 'broken.yaml', message: 'bad <yaml> & "more"' }],
      }),
    );
    expect(out).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="bedrock-lint" tests="6" failures="2" errors="1" skipped="1">
  <testsuite name="broken.yaml" tests="1" failures="0" errors="1" skipped="0">
    <testcase name="parse" classname="broken.yaml">
      <error message="bad &lt;yaml&gt; &amp; &quot;more&quot;" type="parse-error">broken.yaml: bad &lt;yaml&gt; &amp; "more"</error>
    </testcase>
  </testsuite>
  <testsuite name="clean.yaml" tests="1" failures="0" errors="0" skipped="0">
    <testcase name="bedrock-lint" classname="clean.yaml"/>
  </testsuite>
  <testsuite name="stacks/app.json" tests="1" failures="1" errors="0" skipped="0">
    <testcase name="model-legacy at 3:17" classname="stacks/app.json">
      <failure message="ai21.jamba-1-5-large-v1:0 is Legacy and reaches end of life on 2026-11-26" type="warning">stacks/app.json:3:17: warning: ai21.jamba-1-5-large-v1:0 is Legacy and reaches end of life on 2026-11-26 [model-legacy]
resource: ClauseFn
fix: move to amazon.nova-pro-v1:0</failure>
    </testcase>
  </testsuite>
  <testsuite name="template.yaml" tests="3" failures="1" errors="0" skipped="1">
    <testcase name="iam-invoke-denied at 42:11" classname="template.yaml">
      <failure message="${denied.message}" type="error">template.yaml:42:11: error: ${denied.message} [iam-invoke-denied]
resource: ImageFnRole
via ImageFn (AWS::Lambda::Function) → ImageFnRole → policy ImageFnRolePolicy
fix: ${denied.fix}</failure>
    </testcase>
    <testcase name="template-unresolved at 50:17" classname="template.yaml">
      <system-out>template.yaml:50:17: info: ${unresolved.message} [template-unresolved]
resource: ImageFn</system-out>
    </testcase>
    <testcase name="region-mismatch at 60:9" classname="template.yaml">
      <skipped message="suppressed: replicated model, see OPS-12"/>
    </testcase>
  </testsuite>
</testsuites>
`);
  });

  it('escapes XML and replaces characters XML cannot carry', () => {
    const f = { ...legacy, message: `a < b & 'c' "d"\u0001 unknown \uFFFF`, fix: undefined, resource: undefined };
    const out = formatJunit(makeInput({ findings: [f] }));
    expect(out).toContain(`<failure message="a &lt; b &amp; &apos;c&apos; &quot;d&quot;\uFFFD unknown \uFFFD" type="warning">`);
    expect(out).toContain(`warning: a &lt; b &amp; 'c' "d"\uFFFD unknown \uFFFD [model-legacy]</failure>`);
    const multiline = formatJunit(makeInput({ findings: [{ ...legacy, message: 'one\ntwo' }] }));
    expect(multiline).toContain('message="one&#10;two"');
  });

  it('writes an empty report when nothing was checked', () => {
    expect(formatJunit(makeInput({ findings: [] }))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bedrock-lint" tests="0" failures="0" errors="0" skipped="0">\n</testsuites>\n',
    );
  });
});
