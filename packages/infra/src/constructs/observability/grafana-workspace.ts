import { Stack } from 'aws-cdk-lib';
import * as grafana from 'aws-cdk-lib/aws-grafana';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge } from '../acknowledge.ts';

export interface GrafanaWorkspaceProps {
  /**
   * How people sign in. `AWS_SSO` needs IAM Identity Center enabled in the account; `SAML` needs the IdP set up
   * in the console after the first deploy.
   * @default 'AWS_SSO'
   */
  readonly authentication?: 'AWS_SSO' | 'SAML';
}

/**
 * The optional `grafana` dashboards choice: an Amazon Managed Grafana workspace that reads Amazon Managed Prometheus
 * and CloudWatch with its own role. Its dashboards are not CloudFormation resources: `shoestring dashboards push`
 * uploads `packages/infra/observability/dashboards/*.json` through Grafana's HTTP API.
 *
 * ### Cost
 * $9 per active editor or admin and $5 per active viewer per month; a month with no sign-in costs nothing
 * (Amazon Managed Grafana pricing, 2026). One editor: $9 x 12 = $108 a year.
 */
export class GrafanaWorkspace extends Construct {
  public readonly workspace: grafana.CfnWorkspace;
  /** The role Grafana assumes to read AMP and CloudWatch. */
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: GrafanaWorkspaceProps = {}) {
    super(scope, id);
    this.role = createDataSourceRole(this);
    this.workspace = new grafana.CfnWorkspace(this, 'Workspace', {
      name: `${Stack.of(this).stackName}-grafana`,
      description: 'Shoestring dashboards (shoestring dashboards push)',
      accountAccessType: 'CURRENT_ACCOUNT',
      authenticationProviders: [props.authentication ?? 'AWS_SSO'],
      permissionType: 'SERVICE_MANAGED',
      roleArn: this.role.roleArn,
      dataSources: ['PROMETHEUS', 'CLOUDWATCH'],
    });
  }
}

function createDataSourceRole(scope: Construct): iam.Role {
  const role = new iam.Role(scope, 'DataSourceRole', {
    assumedBy: new iam.ServicePrincipal('grafana.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
    description: 'Managed Grafana reads Amazon Managed Prometheus and CloudWatch',
  });
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: [
        'aps:ListWorkspaces',
        'aps:DescribeWorkspace',
        'aps:QueryMetrics',
        'aps:GetLabels',
        'aps:GetSeries',
        'aps:GetMetricMetadata',
      ],
      resources: ['*'],
    }),
  );
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: [
        'cloudwatch:DescribeAlarms',
        'cloudwatch:GetMetricData',
        'cloudwatch:ListMetrics',
        'logs:DescribeLogGroups',
        'logs:StartQuery',
        'logs:GetQueryResults',
        'tag:GetResources',
      ],
      resources: ['*'],
    }),
  );
  acknowledge(role, [
    {
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'Read-only metric and workspace discovery: these List/Get/Query actions are not resource-scoped in IAM, and Grafana must see every workspace and metric of the account.',
    },
  ]);
  return role;
}
