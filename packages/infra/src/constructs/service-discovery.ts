import { Duration } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { Construct } from 'constructs';
import type { RoutingPolicy } from '../config/types.ts';

export interface ServiceDiscoveryProps {
  readonly vpc: ec2.IVpc;
  /** DNS name of the private namespace, e.g. `dev.shoestring.internal`. */
  readonly namespaceName: string;
  /**
   * TTL of the DNS records. Keep it below the API's drain window (30 s) so callers stop resolving a stopping
   * task before it closes (aws-facts: containers-roadmap#1639).
   * @default Duration.seconds(10)
   */
  readonly dnsTtl?: Duration;
}

/**
 * Cloud Map: the private DNS namespace the API gateway and the services resolve each other through.
 * Each service gets SRV records (API Gateway's Cloud Map integration reads the port from them) and A records
 * (internal callers such as `fetch('http://catalog.<namespace>:8080')` resolve A, not SRV).
 *
 * ### Cost
 * Private hosted zone $0.50/mo (Route 53 pricing, read 2026-11); $0.10 per registered task per month and $1.00 per million
 * discovery calls (AWS Price List, AWSCloudMap 2025-08).
 */
export class ServiceDiscovery extends Construct {
  /** The private DNS namespace. */
  public readonly namespace: servicediscovery.PrivateDnsNamespace;
  private readonly dnsTtl: Duration;

  constructor(scope: Construct, id: string, props: ServiceDiscoveryProps) {
    super(scope, id);
    this.dnsTtl = props.dnsTtl ?? Duration.seconds(10);
    this.namespace = new servicediscovery.PrivateDnsNamespace(this, 'Namespace', {
      vpc: props.vpc,
      name: props.namespaceName,
      description: 'Shoestring services',
    });
  }

  /** Registers a Cloud Map service with SRV and A records; ECS registers each task into it. */
  addService(name: string, routingPolicy: RoutingPolicy = 'multivalue'): servicediscovery.Service {
    const service = this.namespace.createService(name, {
      name,
      dnsRecordType: servicediscovery.DnsRecordType.SRV,
      dnsTtl: this.dnsTtl,
      routingPolicy:
        routingPolicy === 'weighted'
          ? servicediscovery.RoutingPolicy.WEIGHTED
          : servicediscovery.RoutingPolicy.MULTIVALUE,
      customHealthCheck: { failureThreshold: 1 },
    });
    // The L2 cannot emit A and SRV together (aws-cdk#18894); ECS registers both for awsvpc tasks. It also
    // derives the routing policy itself (MULTIVALUE unless CNAME or a load balancer), ignoring the prop.
    const ttl = this.dnsTtl.toSeconds();
    const cfnService = service.node.defaultChild as servicediscovery.CfnService;
    cfnService.addPropertyOverride('DnsConfig.DnsRecords', [
      { Type: 'SRV', TTL: ttl },
      { Type: 'A', TTL: ttl },
    ]);
    cfnService.addPropertyOverride(
      'DnsConfig.RoutingPolicy',
      routingPolicy === 'weighted' ? 'WEIGHTED' : 'MULTIVALUE',
    );
    return service;
  }

  /** The URL other services use to reach `name`, e.g. `http://catalog.dev.shoestring.internal:8080`. */
  urlOf(name: string, port: number): string {
    return `http://${name}.${this.namespace.namespaceName}:${port}`;
  }
}
