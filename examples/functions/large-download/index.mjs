// A large download: `event.sizeMB` (default 20 MB) from a local server this
// module starts during init, over `event.connections` parallel connections
// (default 1; each fetches its own byte range). Moving bytes costs CPU, so
// duration falls with memory; several connections help once there is more
// than one vCPU to serve them (article pattern 6). Both ends run in the
// function's environment, so both share its CPU.
import http from 'node:http';

const DEFAULT_SIZE_MB = 20;
const DEFAULT_CONNECTIONS = 1;
const BYTES_PER_MB = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  let remaining = Number(url.searchParams.get('bytes') ?? 0);
  response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': remaining });
  const pump = () => {
    while (remaining > 0) {
      const piece = remaining >= CHUNK.length ? CHUNK : CHUNK.subarray(0, remaining);
      remaining -= piece.length;
      if (!response.write(piece)) {
        response.once('drain', pump);
        return;
      }
    }
    response.end();
  };
  pump();
});
const ready = new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

const download = (port, bytes) =>
  new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: `/blob?bytes=${bytes}` }, (response) => {
        let received = 0;
        response.on('data', (chunk) => {
          received += chunk.length;
        });
        response.on('end', () => resolve(received));
        response.on('error', reject);
      })
      .on('error', reject);
  });

export const handler = async (event = {}) => {
  const sizeMB = Number.isFinite(event?.sizeMB) && event.sizeMB > 0 ? event.sizeMB : DEFAULT_SIZE_MB;
  const connections = Number.isInteger(event?.connections) && event.connections > 0 ? event.connections : DEFAULT_CONNECTIONS;
  const total = Math.round(sizeMB * BYTES_PER_MB);
  const share = Math.ceil(total / connections);
  const port = await ready;
  const parts = Array.from({ length: connections }, (_, index) => Math.max(0, Math.min(share, total - index * share)));
  const received = await Promise.all(parts.map((bytes) => download(port, bytes)));
  return { sizeMB, connections, bytes: received.reduce((sum, n) => sum + n, 0) };
};
