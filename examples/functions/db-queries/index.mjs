// Network-bound, sequential: three "database queries" in a row (default 3,
// `event.queries`), each answered after a fixed latency (default 20 ms,
// `event.latencyMs`) by a small local server this module starts during init.
// Waiting dominates, so duration barely changes with memory (article pattern 5).
import http from 'node:http';

const DEFAULT_QUERIES = 3;
const DEFAULT_LATENCY_MS = 20;

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const latency = Number(url.searchParams.get('latencyMs') ?? DEFAULT_LATENCY_MS);
  const id = Number(url.searchParams.get('id') ?? 0);
  setTimeout(() => {
    const body = JSON.stringify({ rows: [{ id, name: `row-${id}` }] });
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  }, latency);
});
const ready = new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

const query = (port, id, latencyMs) =>
  new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: `/query?id=${id}&latencyMs=${latencyMs}`, agent }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')).rows));
        response.on('error', reject);
      })
      .on('error', reject);
  });

export const handler = async (event = {}) => {
  const queries = Number.isInteger(event?.queries) && event.queries > 0 ? event.queries : DEFAULT_QUERIES;
  const latencyMs = Number.isFinite(event?.latencyMs) ? event.latencyMs : DEFAULT_LATENCY_MS;
  const port = await ready;
  const rows = [];
  for (let id = 1; id <= queries; id += 1) rows.push(...(await query(port, id, latencyMs)));
  return { queries, rows: rows.length };
};
