import { ADMIN_GROUP, bracedPath, EDGE_OPERATIONS, OPERATIONS, requiresToken } from '@shoestring/contract';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { resourcesOf, type SynthesizedStage, synthStage } from '../helpers/synth.ts';

type Props = Record<string, unknown>;

function routesOf(stage: SynthesizedStage): Props[] {
  return Object.values(resourcesOf(stage.template, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
}

function apiEnvironment(stage: SynthesizedStage): Record<string, unknown> {
  const [task] = Object.values(resourcesOf(stage.template, 'AWS::ECS::TaskDefinition'));
  const containers = task?.Properties.ContainerDefinitions as {
    Name: string;
    Environment: { Name: string; Value: unknown }[];
    Secrets?: { Name: string }[];
  }[];
  const api = containers.find((c) => c.Name === 'api');
  return Object.fromEntries([
    ...(api?.Environment ?? []).map((e) => [e.Name, e.Value]),
    ...(api?.Secrets ?? []).map((s) => [s.Name, 'secret']),
  ]);
}

describe('Sign-in on the default dev stage (GIVEN the default config, WHEN synthesized)', () => {
  let dev: SynthesizedStage;
  beforeAll(() => {
    dev = synthStage({}, 'dev');
  });

  it('THEN a Lite user pool lets shoppers sign up themselves and has the admin group', () => {
    dev.template.resourceCountIs('AWS::Cognito::UserPool', 1);
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'LITE',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      UsernameAttributes: ['email'],
    });
    dev.template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: ADMIN_GROUP });
  });

  it('THEN the site client is public (no secret) and uses the authorization code flow back to the site', () => {
    const [client] = Object.values(resourcesOf(dev.template, 'AWS::Cognito::UserPoolClient'));
    expect(client?.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      SupportedIdentityProviders: ['COGNITO'],
    });
    expect(JSON.stringify(client?.Properties.CallbackURLs)).toContain('SiteDistribution');
  });

  it('THEN the hosted UI domain prefix carries the stage and the account (prefixes are global per region)', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'shoestring-dev-123456789012',
    });
  });

  it('THEN a dev pool is deleted with the stack', () => {
    const [pool] = Object.values(dev.template.findResources('AWS::Cognito::UserPool'));
    expect(pool?.DeletionPolicy).toBe('Delete');
  });

  it('THEN every route but the anonymous catalog reads carries the JWT authorizer of the stage pool', () => {
    const [authorizerId] = Object.keys(resourcesOf(dev.template, 'AWS::ApiGatewayV2::Authorizer'));
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SignInUserPool'), 'ProviderURL'] },
        Audience: [{ Ref: Match.stringLikeRegexp('^SignInUserPoolSiteClient') }],
      },
    });
    for (const route of routesOf(dev)) {
      const [method, path] = String(route.RouteKey).split(' ');
      const operation = EDGE_OPERATIONS.find(
        (o) => o.method === method && `/api${bracedPath(o.path)}` === path,
      );
      expect(operation, String(route.RouteKey)).toBeDefined();
      if (operation && requiresToken(operation)) {
        expect(route, String(route.RouteKey)).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: authorizerId },
        });
      } else {
        expect(route.AuthorizationType, String(route.RouteKey)).toBe('NONE');
        expect(operation?.access).toBe('anonymous');
      }
    }
    const open = routesOf(dev).filter((r) => r.AuthorizationType !== 'JWT');
    expect(open.map((r) => r.RouteKey).sort()).toEqual([
      'GET /api/catalog/products',
      'GET /api/catalog/products/{id}',
    ]);
  });

  it('THEN each edge operation is exactly one route and no route catches every path', () => {
    const keys = routesOf(dev).map((r) => String(r.RouteKey));
    expect(keys.sort()).toEqual(EDGE_OPERATIONS.map((o) => `${o.method} /api${bracedPath(o.path)}`).sort());
    for (const key of keys) {
      expect(key).not.toMatch(/\{proxy\+\}|\$default|^ANY /);
    }
  });

  it('THEN internal and operational paths are not routed from the edge', () => {
    const keys = routesOf(dev).map((r) => String(r.RouteKey));
    const hidden = OPERATIONS.filter((o) => o.access === 'internal' || o.access === 'operational');
    expect(hidden.length).toBeGreaterThan(0);
    for (const operation of hidden) {
      expect(keys).not.toContain(`${operation.method} /api${bracedPath(operation.path)}`);
    }
    expect(keys.filter((k) => /\/(internal|metrics|health|ready|openapi\.json)/.test(k))).toEqual([]);
  });

  it('THEN the API verifies tokens of the same pool and, as one service, gets no internal credential', () => {
    const env = apiEnvironment(dev);
    expect(env.AUTH_ISSUER).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^SignInUserPool/), 'ProviderURL'],
    });
    expect(env.AUTH_AUDIENCE).toEqual({ Ref: expect.stringMatching(/^SignInUserPoolSiteClient/) });
    expect(JSON.stringify(env.AUTH_JWKS_URL)).toContain('/.well-known/jwks.json');
    expect(env).not.toHaveProperty('INTERNAL_API_TOKEN');
  });

  it("THEN the site's scripts may call the hosted UI and the issuer (connect-src)", () => {
    const [policy] = Object.values(resourcesOf(dev.template, 'AWS::CloudFront::ResponseHeadersPolicy'));
    const csp = JSON.stringify(policy?.Properties);
    expect(csp).toContain('https://shoestring-dev-123456789012.auth.us-east-1.amazoncognito.com');
    expect(csp).toContain('https://cognito-idp.us-east-1.amazonaws.com');
  });
});

describe('Sign-in on prod and with auth off', () => {
  it('GIVEN prod WHEN synthesized THEN the user pool is retained and protected from deletion', () => {
    const prod = synthStage({}, 'prod');
    const [pool] = Object.values(prod.template.findResources('AWS::Cognito::UserPool'));
    expect(pool?.DeletionPolicy).toBe('Retain');
    expect(pool?.Properties.DeletionProtection).toBe('ACTIVE');
  });

  it('GIVEN auth off and no external issuer WHEN synthesized THEN no pool, no authorizer, no AUTH_ variables', () => {
    const stage = synthStage({ stages: { dev: { auth: { enabled: false } } } }, 'dev');
    stage.template.resourceCountIs('AWS::Cognito::UserPool', 0);
    stage.template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
    expect(Object.keys(apiEnvironment(stage)).filter((name) => name.startsWith('AUTH_'))).toEqual([]);
  });
});
