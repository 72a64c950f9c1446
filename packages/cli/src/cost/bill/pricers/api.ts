import {
  albMonthly,
  cloudMapInstancesMonthly,
  hostedZonesMonthly,
  httpApiMonthly,
} from '../../models/api.ts';
import { dataTransferOutMonthly } from '../../models/network.ts';
import { asArray, asRecord, label, literalString, refersTo, resourceKey } from '../../template/values.ts';
import { type BillLine, line, notPriced, type Pricer } from '../types.ts';
import { averageTasks, serviceFacts } from './ecs-services.ts';

const KB_PER_GB = 1024 * 1024;

/** HTTP API requests and the egress of their responses; the usage profile's requests go through each HTTP API. */
export const priceHttpApis: Pricer = (apis, ctx) =>
  apis.flatMap((api): BillLine[] => {
    const component = ctx.componentOf(api);
    const keys = [resourceKey(api)];
    const protocol = literalString(api.properties.ProtocolType) ?? 'unknown';
    if (protocol !== 'HTTP')
      return [
        notPriced(component, `API Gateway ${protocol} API ${label(api)}`, 'only HTTP APIs are priced', keys),
      ];
    const traffic = { requestsPerMonth: ctx.usage.requestsPerMonth, avgResponseKb: ctx.usage.avgResponseKb };
    const gbOut = (traffic.requestsPerMonth * traffic.avgResponseKb) / KB_PER_GB;
    return [
      line(
        component,
        `API Gateway HTTP API requests (${label(api)})`,
        'usage',
        httpApiMonthly(ctx.prices, traffic),
        keys,
      ),
      line(
        component,
        'Data transfer out (API responses)',
        'usage',
        dataTransferOutMonthly(ctx.prices, gbOut),
        keys,
      ),
    ];
  });

export const priceLoadBalancers: Pricer = (balancers, ctx) =>
  balancers.map((lb) => {
    const component = ctx.componentOf(lb);
    const keys = [resourceKey(lb)];
    const type = literalString(lb.properties.Type) ?? 'application';
    if (type !== 'application')
      return notPriced(component, `${type} load balancer ${label(lb)}`, 'only ALBs are priced', keys);
    const azs = Math.max(
      asArray(lb.properties.Subnets).length,
      asArray(lb.properties.SubnetMappings).length,
      1,
    );
    const traffic = { requestsPerMonth: ctx.usage.requestsPerMonth, avgResponseKb: ctx.usage.avgResponseKb };
    return line(
      component,
      `Application Load Balancer ${label(lb)}`,
      'fixed',
      albMonthly(ctx.prices, traffic, azs),
      keys,
    );
  });

/** Each running task registered in a Cloud Map service is one billed instance. */
export const priceCloudMapServices: Pricer = (discoveryServices, ctx) =>
  discoveryServices.flatMap((ds): BillLine[] => {
    const component = ctx.componentOf(ds);
    const registered = ctx
      .byType('AWS::ECS::Service')
      .filter(
        (s) =>
          s.stack === ds.stack &&
          asArray(s.properties.ServiceRegistries).some((r) =>
            refersTo(asRecord(r).RegistryArn, ds.logicalId),
          ),
      )
      .map((s) => serviceFacts(s, ctx));
    const min = registered.reduce((sum, f) => sum + f.minTasks, 0);
    const average = registered.reduce((sum, f) => sum + averageTasks(f, ctx.usage.avgTaskCount), 0);
    const keys = [resourceKey(ds), ...registered.map((f) => resourceKey(f.service))];
    const item = `Cloud Map instances (${label(ds)})`;
    if (registered.length === 0) {
      return [
        { component, item, kind: 'free', usd: 0, how: 'no ECS service registers in it', resources: keys },
      ];
    }
    const lines = [line(component, item, 'fixed', cloudMapInstancesMonthly(ctx.prices, min), keys)];
    if (average > min)
      lines.push(
        line(
          component,
          `${item}, autoscaled`,
          'usage',
          cloudMapInstancesMonthly(ctx.prices, average - min),
          keys,
        ),
      );
    return lines;
  });

/** A private (or public) DNS namespace creates a Route 53 hosted zone; an HTTP namespace creates none. */
export const priceDnsNamespaces: Pricer = (namespaces, ctx) =>
  namespaces.map((ns) =>
    line(
      ctx.componentOf(ns),
      `Route 53 hosted zone of namespace ${label(ns)}`,
      'fixed',
      hostedZonesMonthly(ctx.prices, 1),
      [resourceKey(ns)],
    ),
  );

export const priceHostedZones: Pricer = (zones, ctx) =>
  zones.map((zone) =>
    line(
      ctx.componentOf(zone),
      `Route 53 hosted zone ${label(zone)}`,
      'fixed',
      hostedZonesMonthly(ctx.prices, 1),
      [resourceKey(zone)],
    ),
  );
