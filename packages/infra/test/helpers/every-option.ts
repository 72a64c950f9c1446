import type { ShoestringConfigInput } from '../../src/config/types.ts';

/** A prod stage with every option that adds resources, so each cdk-nag acknowledgement and Control Tower exemption is exercised. */
export const EVERY_OPTION: ShoestringConfigInput = {
  stages: {
    prod: {
      network: { buildEgress: 'endpoints' },
      services: {
        api: { modules: ['orders', 'customers'] },
        catalog: { modules: ['catalog'], architecture: 'x86_64', spotPercent: 50 },
      },
      secrets: { store: 'secretsmanager' },
      observability: { metrics: 'prometheus', dashboards: 'grafana', alarmEmail: 'ops@example.com' },
      api: {
        jwt: { issuer: 'https://auth.example.com/', audience: ['shop'] },
        corsOrigins: ['https://shop.example.com'],
        domain: {
          name: 'api.example.com',
          certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123',
        },
      },
      edge: {
        domain: {
          name: 'shop.example.com',
          certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/def-456',
        },
      },
    },
  },
};
