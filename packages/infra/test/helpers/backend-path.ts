import { resourcesOf, type SynthesizedStage } from './synth.ts';

/**
 * What API Gateway sends the container for `requestPath`: the most specific matching route, then its
 * `overwrite:path` mapping with `$request.path.proxy` filled in (the documented HTTP API behaviour).
 */
export function backendPath(stage: SynthesizedStage, requestPath: string): string | undefined {
  const integrations = resourcesOf(stage.template, 'AWS::ApiGatewayV2::Integration');
  const routes = Object.values(resourcesOf(stage.template, 'AWS::ApiGatewayV2::Route')).map((route) => {
    const path = String(route.Properties.RouteKey).replace(/^[A-Z]+ /, '');
    const target = JSON.stringify(route.Properties.Target);
    const integrationId = Object.keys(integrations).find((id) => target.includes(`"${id}"`)) as string;
    const mapping = (integrations[integrationId]!.Properties.RequestParameters as Record<string, string>)[
      'overwrite:path'
    ];
    return { path, mapping: mapping as string };
  });
  const exact = routes.find((route) => route.path === requestPath);
  if (exact) return exact.mapping;
  const greedy = routes
    .filter(
      (route) =>
        route.path.endsWith('/{proxy+}') && requestPath.startsWith(route.path.replace('{proxy+}', '')),
    )
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!greedy) return undefined;
  const proxy = requestPath.slice(greedy.path.replace('{proxy+}', '').length);
  return greedy.mapping.replace('$request.path.proxy', proxy);
}
