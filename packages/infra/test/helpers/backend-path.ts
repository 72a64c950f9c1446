import { resourcesOf, type SynthesizedStage } from './synth.ts';

/**
 * What API Gateway sends the container for `method requestPath`: the route whose key matches (literal segments
 * before `{parameters}`), then its `overwrite:path` mapping with each `$request.path.<name>` filled in (the
 * documented HTTP API behaviour). `undefined` when no route matches: API Gateway answers 404 itself.
 */
export function backendPath(
  stage: SynthesizedStage,
  method: string,
  requestPath: string,
): string | undefined {
  const integrations = resourcesOf(stage.template, 'AWS::ApiGatewayV2::Integration');
  const routes = Object.values(resourcesOf(stage.template, 'AWS::ApiGatewayV2::Route')).map((route) => {
    const [routeMethod, path] = String(route.Properties.RouteKey).split(' ') as [string, string];
    const target = JSON.stringify(route.Properties.Target);
    const integrationId = Object.keys(integrations).find((id) => target.includes(`"${id}"`)) as string;
    const mapping = (integrations[integrationId]!.Properties.RequestParameters as Record<string, string>)[
      'overwrite:path'
    ] as string;
    return { method: routeMethod, path, mapping };
  });
  const segments = requestPath.split('/');
  const candidates = routes
    .filter((route) => route.method === method || route.method === 'ANY')
    .map((route) => ({ route, params: matchParams(route.path.split('/'), segments) }))
    .filter((c) => c.params !== undefined)
    .sort((a, b) => Object.keys(a.params ?? {}).length - Object.keys(b.params ?? {}).length);
  const best = candidates[0];
  if (!best) return undefined;
  return best.route.mapping.replace(
    /\$request\.path\.(\w+)/g,
    (_, name: string) => best.params?.[name] ?? '',
  );
}

function matchParams(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i] ?? '';
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name && segment !== '') params[name] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}
