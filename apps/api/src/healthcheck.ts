/**
 * The container health check (`node dist/healthcheck.js`): exits 0 when GET /health answers 200 within 3 s.
 * ECS runs it inside the container, which has no curl. It reads only PORT, like the server.
 */
const port = process.env.PORT || '8080';

try {
  const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(3000) });
  process.exit(response.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
