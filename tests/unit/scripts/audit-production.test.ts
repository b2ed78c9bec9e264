import { describe, expect, it } from 'vitest';

import { readAuditReport } from '../../../scripts/audit-production.js';

// What npm 11 printed here when the registry mirror refused the bulk advisory endpoint.
const REFUSED = JSON.stringify({
  message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  method: 'POST',
  uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  statusCode: 405,
  body: '',
  error: { summary: '', detail: '' },
});

const report = (vulnerabilities: Record<string, unknown>, total: number): string =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total } },
  });

describe('Function: readAuditReport', () => {
  it('passes a report with no advisories', () => {
    expect(readAuditReport(report({}, 0))).toEqual({ kind: 'checked', total: 0, blocking: [] });
  });

  it('passes moderate advisories but names every high and critical one with its advisory', () => {
    const outcome = readAuditReport(
      report(
        {
          'fast-xml-parser': {
            name: 'fast-xml-parser',
            severity: 'high',
            via: [{ title: 'ReDoS in currency parsing', url: 'https://github.com/advisories/GHSA-mpg4-rc92-vx8v' }],
          },
          '@aws-sdk/core': { name: '@aws-sdk/core', severity: 'critical', via: ['fast-xml-parser'] },
          'some-lib': { name: 'some-lib', severity: 'moderate', via: [] },
        },
        3,
      ),
    );

    expect(outcome).toEqual({
      kind: 'checked',
      total: 3,
      blocking: [
        {
          name: 'fast-xml-parser',
          severity: 'high',
          advisories: ['ReDoS in currency parsing (https://github.com/advisories/GHSA-mpg4-rc92-vx8v)'],
        },
        { name: '@aws-sdk/core', severity: 'critical', advisories: ['via fast-xml-parser'] },
      ],
    });
  });

  it('says the audit did not run when the endpoint refused, instead of reading that as a pass', () => {
    expect(readAuditReport(REFUSED)).toEqual({
      kind: 'unavailable',
      reason: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    });
  });

  it('says the audit did not run when npm printed no JSON at all', () => {
    expect(readAuditReport('npm audit failed: spawn npm ENOENT')).toEqual({
      kind: 'unavailable',
      reason: 'npm audit printed no report (npm audit failed: spawn npm ENOENT)',
    });
  });
});
