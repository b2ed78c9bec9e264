// Network-bound: calls a "third-party API" that answers after a fixed latency
// (default 50 ms; `event.latencyMs`). The handler mostly waits, so duration
// stays flat across memory sizes and the smallest size is the cheapest
// (article pattern 4). The API is a small HTTP server this module starts on
// 127.0.0.1 during init — no internet needed.
import http from 'node:http';

const DEFAULT_LATENCY_MS = 50;

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const latency = Number(url.searchParams.get('latencyMs') ?? DEFAULT_LATENCY_MS);
  setTimeout(() => {
    const body = JSON.stringify({ quote: 'The network is the computer.', servedAt: Date.now() });
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  }, latency);
});
const ready = new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
const agent = new http.Agent({ keepAlive: true });

const getJson = (port, path) =>
  new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        response.on('error', reject);
      })
      .on('error', reject);
  });

export const handler = async (event = {}) => {
  const latencyMs = Number.isFinite(event?.latencyMs) ? event.latencyMs : DEFAULT_LATENCY_MS;
  const port = await ready;
  const answer = await getJson(port, `/quote?latencyMs=${latencyMs}`);
  return { latencyMs, quote: answer.quote };
};
