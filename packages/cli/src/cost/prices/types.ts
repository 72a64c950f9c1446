/** One list price: the amount, what it is per, where it was read and when. */
export interface Price {
  readonly usd: number;
  readonly unit: string;
  readonly source: string;
  readonly asOf: string;
}

/** An always-free allowance (accounts opened after 2025-07-15 get credits, not 12-month tiers). */
export interface FreeTier {
  readonly amount: number;
  readonly unit: string;
  readonly source: string;
  readonly asOf: string;
}

/** Every price the cost models use, for one region. Add a region by adding a file beside us-east-1.ts. */
export interface PriceTable {
  readonly region: string;
  readonly hoursPerMonth: number;
  readonly fargate: {
    readonly x86VcpuHour: Price;
    readonly x86GbHour: Price;
    readonly armVcpuHour: Price;
    readonly armGbHour: Price;
    /** Fraction of the on-demand price a Fargate Spot task pays (x86 only). */
    readonly spotFactor: Price;
  };
  readonly publicIpv4Hour: Price;
  readonly natGatewayHour: Price;
  readonly natGatewayGb: Price;
  readonly interfaceEndpointAzHour: Price;
  readonly interfaceEndpointGb: Price;
  readonly ec2Hour: Readonly<Record<string, Price>>;
  readonly ebsGbMonth: Readonly<Record<string, Price>>;
  readonly albHour: Price;
  readonly albLcuHour: Price;
  readonly httpApiMillion: Price;
  readonly httpApiMillionOver300M: Price;
  readonly dataTransferOutGb: Price;
  readonly dataTransferOutFree: FreeTier;
  readonly rdsPostgresHour: Readonly<Record<string, Price>>;
  readonly rdsStorageGbMonth: Readonly<Record<string, Price>>;
  readonly rdsBackupGbMonth: Price;
  readonly auroraAcuHour: Price;
  readonly auroraStorageGbMonth: Price;
  readonly auroraIoMillion: Price;
  readonly cloudMapInstanceMonth: Price;
  readonly hostedZoneMonth: Price;
  readonly secretMonth: Price;
  readonly secretsApi10k: Price;
  readonly ssmAdvancedParameterMonth: Price;
  readonly kmsKeyMonth: Price;
  /** Cognito user pools, per monthly active user above the free allowance, by feature plan. */
  readonly cognitoMau: { readonly lite: Price; readonly essentials: Price; readonly plus: Price };
  /** Monthly active users free on Lite and Essentials (Plus has none). */
  readonly cognitoMauFree: FreeTier;
  readonly logsIngestGb: Price;
  readonly logsStoreGbMonth: Price;
  readonly logsFree: FreeTier;
  readonly alarmStandardMonth: Price;
  readonly alarmHighResolutionMonth: Price;
  readonly alarmsFree: FreeTier;
  readonly customMetricMonth: Price;
  readonly customMetricsFree: FreeTier;
  readonly dashboardMonth: Price;
  readonly dashboardsFree: FreeTier;
  readonly xrayTraceMillion: Price;
  readonly xrayFree: FreeTier;
  readonly ampSamples10M: Price;
  readonly ampStorageGbMonth: Price;
  readonly grafanaEditorMonth: Price;
  readonly grafanaViewerMonth: Price;
  /** CodeBuild per build minute, keyed by `<environment type>/<compute type>`. */
  readonly codeBuildMinute: Readonly<Record<string, Price>>;
  readonly codeBuildFree: FreeTier;
  readonly pipelineV2ActionMinute: Price;
  readonly pipelineV2Free: FreeTier;
  readonly pipelineV1Month: Price;
  readonly pipelineV1Free: FreeTier;
  readonly ecrGbMonth: Price;
  readonly s3GbMonth: Price;
  readonly cloudFrontGb: Price;
  readonly cloudFrontHttps10k: Price;
  readonly cloudFrontFreeGb: FreeTier;
  readonly cloudFrontFreeRequests: FreeTier;
}
