import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { API_PREFIX, EDGE_OPERATIONS, matchOperation, type Operation } from '@shoestring/contract';
import { CachePolicy } from '../deploy-web/cache-policy.ts';
import { contentTypeFor } from '../deploy-web/content-type.ts';

export interface GatewayOptions {
  /** Where the built site lives (apps/web/dist). */
  siteDir: string;
  /**
   * Where each module's service listens, by module name (e.g. `catalog: 'http://127.0.0.1:41234'`): one origin
   * for every module with the monolith, one per service with a stage's split (see `moduleOrigins`).
   */
  moduleOrigins: Readonly<Record<string, string>>;
  port: number;
  host: string;
}

/**
 * The local stand-in for CloudFront + API Gateway on one port:
 * - `/api/*` goes with the `/api` prefix removed to the service that runs the operation's module, as the HTTP API's
 *   routes per module do in the cloud, but only when method and path match one of the contract's
 *   `EDGE_OPERATIONS` (HEAD counts as GET); anything else under `/api` (internal, health, ready, metrics,
 *   openapi.json, unknown, or a module no service runs) is a 404 here;
 * - everything else is the static site; a path without a file extension is the SPA's `index.html`
 *   (the CloudFront viewer-request function's rewrite), a missing file with an extension is a 404.
 */
export async function startGateway(options: GatewayOptions): Promise<Server> {
  // Built once from the site folder, as `shoestring deploy-web` does, so local headers match the bucket's.
  const policy = await CachePolicy.fromBuild(options.siteDir);
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === API_PREFIX || url.startsWith(`${API_PREFIX}/`) || url.startsWith(`${API_PREFIX}?`)) {
      const rest = url.slice(API_PREFIX.length) || '/';
      const module = edgeOperation(req.method ?? 'GET', rest)?.module;
      const origin = module && Object.hasOwn(options.moduleOrigins, module) && options.moduleOrigins[module];
      if (origin) proxyToApi(req, res, origin, rest);
      else sendProblem(res, 404, 'Not found');
    } else {
      serveSite(req, res, options.siteDir, policy).catch(() =>
        sendProblem(res, 500, 'Could not read the site files'),
      );
    }
  });
  // Keep-alive sockets must not hold Ctrl-C hostage.
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}

/** The edge operation a method and the path after the prefix (query allowed, ignored) address, if any. */
export function edgeOperation(method: string, pathAfterPrefix: string): Operation | undefined {
  const path = new URL(rewriteApiPath(pathAfterPrefix), 'http://local').pathname;
  const wanted = method.toUpperCase() === 'HEAD' ? 'GET' : method;
  return matchOperation(wanted, path, EDGE_OPERATIONS);
}

/** Rewrites `/api/x?y` to `/x?y`; `/api?y` to `/?y`. */
export function rewriteApiPath(pathAfterPrefix: string): string {
  return pathAfterPrefix.startsWith('?') ? `/${pathAfterPrefix}` : pathAfterPrefix;
}

function proxyToApi(req: IncomingMessage, res: ServerResponse, apiOrigin: string, rest: string): void {
  const target = new URL(rewriteApiPath(rest), apiOrigin);
  const upstream = request(
    target,
    {
      method: req.method,
      headers: {
        ...req.headers,
        host: target.host,
        'x-forwarded-for': req.socket.remoteAddress ?? '',
        'x-forwarded-proto': 'http',
        'x-forwarded-host': req.headers.host ?? '',
      },
    },
    (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) sendProblem(res, 503, 'The API is not reachable', 'GATEWAY_UPSTREAM_UNAVAILABLE');
    else res.destroy();
  });
  req.pipe(upstream);
}

async function serveSite(
  req: IncomingMessage,
  res: ServerResponse,
  siteDir: string,
  policy: CachePolicy,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname);
  const wanted = pathname === '/' || extname(pathname) === '' ? '/index.html' : pathname;
  const file = normalize(join(siteDir, wanted));
  if (!file.startsWith(siteDir + sep)) return sendProblem(res, 404, 'Not found');
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return sendProblem(res, 404, 'Not found');
  res.writeHead(200, {
    'content-type': contentTypeFor(file),
    'content-length': info.size,
    // The same Cache-Control `shoestring deploy-web` stores on the S3 objects.
    'cache-control': policy.cacheControlFor(wanted),
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

function sendProblem(res: ServerResponse, status: number, title: string, code = 'NOT_FOUND'): void {
  res
    .writeHead(status, { 'content-type': 'application/problem+json' })
    .end(JSON.stringify({ type: 'about:blank', title, status, code }));
}
