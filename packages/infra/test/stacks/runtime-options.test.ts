import { EDGE_OPERATIONS } from '@shoestring/contract';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ShoestringConfigInput } from '../../src/config/types.ts';
import { backendPath } from '../helpers/backend-path.ts';
import { resourcesOf, type SynthesizedStage, synthStage } from '../helpers/synth.ts';

/** The documented options turned on: modules split over two services, Secrets Manager, JWT, CORS, domains. */
const OPTIONS: ShoestringConfigInput = {
  stages: {
    dev: {
      services: {
        api: { modules: ['orders', 'customers'] },
        catalog: { modules: ['catalog'], architecture: 'x86_64', spotPercent: 50, routingPolicy: 'weighted' },
      },
      secrets: { store: 'secretsmanager', rotationDays: 30 },
      api: {
        jwt: { issuer: 'https://auth.example.com/', audience: ['shop-web'] },
        corsOrigins: ['https://shop.example.com'],
        domain: {
          name: 'api.example.com',
          certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123',
        },
      },
      edge: { routeApi: false },
      network: { buildEgress: 'nat-gateway' },
      database: { multiAz: true, instanceType: 't4g.small' },
    },
  },
};

type Container = { Name: string; Environment: { Name: string; Value: unknown }[]; Secrets?: unknown[] };

function apiContainerOf(stage: SynthesizedStage, family: string): Container {
  const tasks = Object.entries(resourcesOf(stage.template, 'AWS::ECS::TaskDefinition')).filter(([id]) =>
    id.includes(family),
  );
  expect(tasks).toHaveLength(1);
  const containers = tasks[0]?.[1].Properties.ContainerDefinitions as Container[];
  return containers.find((c) => c.Name === 'api') as Container;
}

function envOf(container: Container): Record<string, unknown> {
  return Object.fromEntries(container.Environment.map((e) => [e.Name, e.Value]));
}

describe('RuntimeStack with every option (GIVEN the OPTIONS config, WHEN synthesized for a first deploy)', () => {
  let stage: SynthesizedStage;
  beforeAll(() => {
    stage = synthStage(OPTIONS, 'dev', { firstDeploy: true });
  });

  it('THEN each service runs its own modules and reaches the others by Cloud Map name', () => {
    expect(envOf(apiContainerOf(stage, 'ComputeApiService'))).toMatchObject({
      MODULES: 'orders,customers',
      CATALOG_URL: 'http://catalog.dev.shoestring.internal:8080',
      OTEL_SERVICE_NAME: 'api',
    });
    const catalog = envOf(apiContainerOf(stage, 'ComputeCatalogService'));
    expect(catalog).toMatchObject({
      MODULES: 'catalog',
      ORDERS_URL: 'http://api.dev.shoestring.internal:8080',
      CUSTOMERS_URL: 'http://api.dev.shoestring.internal:8080',
    });
    expect(catalog).not.toHaveProperty('CATALOG_URL');
  });

  it('THEN catalog operations go to the catalog service and the others to the service running their module', () => {
    expect(backendPath(stage, 'GET', '/api/catalog/products/7')).toBe('/catalog/products/7');
    expect(backendPath(stage, 'GET', '/api/catalog')).toBeUndefined();
    expect(backendPath(stage, 'GET', '/api/orders/1')).toBe('/orders/1');
    const integrations = Object.values(resourcesOf(stage.template, 'AWS::ApiGatewayV2::Integration'));
    const catalogRegistry = Object.keys(resourcesOf(stage.template, 'AWS::ServiceDiscovery::Service')).find(
      (id) => id.includes('catalog'),
    );
    const toCatalog = integrations.filter((i) =>
      JSON.stringify(i.Properties.IntegrationUri).includes(String(catalogRegistry)),
    );
    expect(
      toCatalog
        .map((i) => (i.Properties.RequestParameters as Record<string, string>)['overwrite:path'])
        .sort(),
    ).toEqual(
      EDGE_OPERATIONS.filter((o) => o.module === 'catalog')
        .map((o) => o.path.replace(/:(\w+)/g, '$$request.path.$1'))
        .sort(),
    );
  });

  it('THEN peers admit each other on 8080 and both admit the VPC link', () => {
    const groups = Object.keys(resourcesOf(stage.template, 'AWS::EC2::SecurityGroup'));
    const apiGroup = groups.find((id) => id.includes('ComputeApiServiceSecurityGroup'));
    const catalogGroup = groups.find((id) => id.includes('ComputeCatalogServiceSecurityGroup'));
    const rules = Object.values(resourcesOf(stage.template, 'AWS::EC2::SecurityGroupIngress')).map((r) =>
      JSON.stringify(r.Properties),
    );
    const admits = (target?: string, source?: string) =>
      rules.some(
        (rule) =>
          rule.includes(`"GroupId":{"Fn::GetAtt":["${target}"`) &&
          rule.includes(`"SourceSecurityGroupId":{"Fn::GetAtt":["${source}"`) &&
          rule.includes('"FromPort":8080'),
      );
    expect(admits(apiGroup, catalogGroup)).toBe(true);
    expect(admits(catalogGroup, apiGroup)).toBe(true);
  });

  it('THEN the x86 service mixes in Fargate Spot and uses weighted routing', () => {
    stage.template.hasResourceProperties('AWS::ECS::Service', {
      CapacityProviderStrategy: [
        { CapacityProvider: 'FARGATE', Weight: 50, Base: 1 },
        { CapacityProvider: 'FARGATE_SPOT', Weight: 50 },
      ],
    });
    stage.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'X86_64' },
    });
    stage.template.hasResourceProperties('AWS::ServiceDiscovery::Service', {
      Name: 'catalog',
      DnsConfig: Match.objectLike({ RoutingPolicy: 'WEIGHTED' }),
    });
  });

  it('THEN a first deploy creates the services with zero tasks', () => {
    stage.template.allResourcesProperties('AWS::ECS::Service', { DesiredCount: 0 });
  });

  it('THEN the password is a generated Secrets Manager secret, rotated every 30 days and injected as a secret', () => {
    stage.template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const secureStrings = Object.values(resourcesOf(stage.template, 'Custom::SecureStringPassword'));
    expect(secureStrings.map((r) => r.Properties.ParameterName)).not.toContain('/shoestring/dev/db/password');
    stage.template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
    const secrets = JSON.stringify(apiContainerOf(stage, 'ComputeApiService').Secrets);
    expect(secrets).toContain('DB_PASSWORD');
    expect(secrets).toContain(':password::');
  });

  it('THEN the external issuer replaces the Cognito pool: every route but anonymous reads needs its JWT', () => {
    stage.template.resourceCountIs('AWS::Cognito::UserPool', 0);
    stage.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://auth.example.com/', Audience: ['shop-web'] },
    });
    const routes = Object.values(resourcesOf(stage.template, 'AWS::ApiGatewayV2::Route'));
    const open = routes
      .filter((r) => r.Properties.AuthorizationType !== 'JWT')
      .map((r) => r.Properties.RouteKey);
    expect(open.sort()).toEqual(['GET /api/catalog/products', 'GET /api/catalog/products/{id}']);
    expect(envOf(apiContainerOf(stage, 'ComputeApiService'))).toMatchObject({
      AUTH_ISSUER: 'https://auth.example.com/',
      AUTH_AUDIENCE: 'shop-web',
      AUTH_JWKS_URL: 'https://auth.example.com/.well-known/jwks.json',
    });
  });

  it('THEN no route matches OPTIONS or ANY, so API Gateway answers CORS preflights itself', () => {
    const keys = Object.values(resourcesOf(stage.template, 'AWS::ApiGatewayV2::Route')).map((r) =>
      String(r.Properties.RouteKey),
    );
    expect(keys).toContain('POST /api/orders');
    expect(keys.filter((key) => key.startsWith('ANY ') || key.startsWith('OPTIONS '))).toEqual([]);
  });

  it('THEN split services share an internal-call credential from a SecureString, as an ECS secret', () => {
    const secureStrings = Object.values(resourcesOf(stage.template, 'Custom::SecureStringPassword'));
    expect(secureStrings.map((r) => r.Properties.ParameterName)).toContain(
      '/shoestring/dev/api/internal-token',
    );
    for (const family of ['ComputeApiService', 'ComputeCatalogService']) {
      const secrets = JSON.stringify(apiContainerOf(stage, family).Secrets);
      expect(secrets).toContain('"Name":"INTERNAL_API_TOKEN"');
      expect(secrets).toContain('parameter/shoestring/dev/api/internal-token');
    }
  });

  it('THEN CORS allows the site origin and the custom domain maps to the $default stage', () => {
    stage.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://shop.example.com'] }),
    });
    stage.template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'api.example.com' });
    stage.template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
  });

  it('THEN the site has no /api/* behaviour when routeApi is off', () => {
    const [distribution] = Object.values(resourcesOf(stage.template, 'AWS::CloudFront::Distribution'));
    expect(JSON.stringify(distribution?.Properties)).not.toContain('/api/*');
  });

  it('THEN the database runs Multi-AZ on the configured class', () => {
    stage.template.hasResourceProperties('AWS::RDS::DBInstance', {
      MultiAZ: true,
      DBInstanceClass: 'db.t4g.small',
    });
  });

  it('THEN nat-gateway egress gives one NAT gateway and no NAT instance output', () => {
    stage.template.resourceCountIs('AWS::EC2::NatGateway', 1);
    expect(stage.template.toJSON().Outputs).not.toHaveProperty('NetworkNatInstanceId');
  });
});
