import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface StoredDashboard {
  dashboard: Record<string, unknown>;
  folderUid: string;
  version: number;
}

/**
 * The slice of Grafana's HTTP API that `dashboards push` uses, with Grafana's documented behaviour: bearer auth,
 * folders by uid, dashboards saved by uid with `id`/`version` added and the version bumped on every save, 412 when
 * a save would overwrite without `overwrite: true`. No Grafana package exists for Debian, hence this stand-in.
 */
export async function startGrafanaStandIn(token: string) {
  const folders = new Map<string, string>();
  const dashboards = new Map<string, StoredDashboard>();
  const writes: string[] = [];
  const server: Server = createServer((request, response) => {
    if (request.headers.authorization !== `Bearer ${token}`)
      return send(response, 401, { message: 'Unauthorized' });
    readJson(request).then((body) => handle(request, response, body));
  });
  function handle(request: IncomingMessage, response: ServerResponse, body: Record<string, unknown>) {
    const path = request.url ?? '';
    const folder = /^\/api\/folders\/([\w-]+)$/.exec(path);
    if (request.method === 'GET' && folder?.[1]) {
      const title = folders.get(folder[1]);
      return title
        ? send(response, 200, { uid: folder[1], title })
        : send(response, 404, { message: 'folder not found' });
    }
    if (request.method === 'POST' && path === '/api/folders') {
      if (folders.has(String(body.uid)))
        return send(response, 409, { message: 'a folder with the same uid already exists' });
      writes.push(`folder ${body.uid}`);
      folders.set(String(body.uid), String(body.title));
      return send(response, 200, { uid: body.uid, title: body.title });
    }
    const dashboard = /^\/api\/dashboards\/uid\/([\w-]+)$/.exec(path);
    if (request.method === 'GET' && dashboard?.[1]) {
      const stored = dashboards.get(dashboard[1]);
      if (!stored) return send(response, 404, { message: 'Dashboard not found' });
      return send(response, 200, {
        dashboard: { ...stored.dashboard, id: 7, version: stored.version },
        meta: { folderUid: stored.folderUid },
      });
    }
    if (request.method === 'POST' && path === '/api/dashboards/db') {
      const incoming = body.dashboard as Record<string, unknown>;
      const uid = String(incoming.uid);
      const existing = dashboards.get(uid);
      if (existing && body.overwrite !== true) return send(response, 412, { status: 'version-mismatch' });
      if (!folders.has(String(body.folderUid))) return send(response, 400, { message: 'folder not found' });
      const { id: _id, version: _version, ...content } = incoming;
      dashboards.set(uid, {
        dashboard: content,
        folderUid: String(body.folderUid),
        version: (existing?.version ?? 0) + 1,
      });
      writes.push(`dashboard ${uid}`);
      return send(response, 200, { status: 'success', uid, version: dashboards.get(uid)?.version });
    }
    send(response, 404, { message: 'Not found' });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    folders,
    dashboards,
    writes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text ? JSON.parse(text) : {};
}

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
