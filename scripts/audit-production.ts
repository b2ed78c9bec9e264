/**
 * `npm run audit:prod` — the production dependencies must carry no high or
 * critical advisory (`npm audit --omit=dev`). Exits 1 when they do. Where
 * the registry's audit endpoint cannot be reached (a mirror that answers
 * 405, no network), it says so loudly and exits 0: the check did not run,
 * and the notice must not read as a pass.
 *
 * @module scripts/audit-production
 */
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

type AuditOutcome =
  | { kind: 'checked'; total: number; blocking: Array<{ name: string; severity: string; advisories: string[] }> }
  | { kind: 'unavailable'; reason: string };

const BLOCKING = new Set(['high', 'critical']);
const AUDIT_TIMEOUT_MS = 120_000;

interface AuditVulnerability {
  name?: string;
  severity?: string;
  via?: Array<string | { title?: string; url?: string }>;
}

/**
 * Reads `npm audit --json` output: a report (auditReportVersion 2), or the
 * error npm prints when the audit endpoint refused.
 *
 * @example
 * readAuditReport('{"metadata":{"vulnerabilities":{"high":0,"critical":0,"total":0}},"vulnerabilities":{}}');
 * // { kind: 'checked', total: 0, blocking: [] }
 */
const readAuditReport = (stdout: string): AuditOutcome => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return {
      kind: 'unavailable',
      reason: `npm audit printed no report (${stdout.trim().split('\n')[0] ?? 'nothing'})`,
    };
  }
  const report = parsed as {
    metadata?: { vulnerabilities?: { total?: number } };
    vulnerabilities?: Record<string, AuditVulnerability>;
    message?: string;
    error?: { summary?: string };
  };
  if (report.metadata?.vulnerabilities === undefined || report.vulnerabilities === undefined) {
    return { kind: 'unavailable', reason: report.message ?? report.error?.summary ?? 'npm audit printed no report' };
  }
  const blocking = Object.entries(report.vulnerabilities)
    .filter(([, v]) => BLOCKING.has(v.severity ?? ''))
    .map(([name, v]) => ({
      name: v.name ?? name,
      severity: v.severity ?? '',
      advisories: (v.via ?? []).flatMap((via) =>
        typeof via === 'string'
          ? [`via ${via}`]
          : [`${via.title ?? 'advisory'}${via.url === undefined ? '' : ` (${via.url})`}`],
      ),
    }));
  return { kind: 'checked', total: report.metadata.vulnerabilities.total ?? 0, blocking };
};

const runNpmAudit = async (): Promise<string> => {
  try {
    const { stdout } = await promisify(execFile)('npm', ['audit', '--omit=dev', '--json'], {
      timeout: AUDIT_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    // npm audit exits 1 when it finds anything; its report is still on stdout.
    const stdout = (error as { stdout?: string }).stdout;
    if (typeof stdout === 'string' && stdout.trim() !== '') return stdout;
    return `npm audit failed: ${(error as Error).message}`;
  }
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outcome = readAuditReport(await runNpmAudit());
  if (outcome.kind === 'unavailable') {
    process.stdout.write(
      `NOTICE: production dependencies were NOT audited — ${outcome.reason}. Run \`npm run audit:prod\` where the registry's audit endpoint answers.\n`,
    );
  } else if (outcome.blocking.length > 0) {
    process.stderr.write(
      `npm audit --omit=dev: ${outcome.blocking.length} production package(s) with high or critical advisories:\n`,
    );
    for (const finding of outcome.blocking)
      process.stderr.write(`  ${finding.name} (${finding.severity}): ${finding.advisories.join('; ')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`npm audit --omit=dev: no high or critical advisories (${outcome.total} lower).\n`);
  }
}

export { readAuditReport };
export type { AuditOutcome };
