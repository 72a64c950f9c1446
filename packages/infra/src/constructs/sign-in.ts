import { ADMIN_GROUP } from '@shoestring/contract';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge.ts';

export interface SignInProps {
  /**
   * Prefix of the hosted UI domain `<prefix>.auth.<region>.amazoncognito.com`. Prefixes are unique across all AWS
   * accounts in a region, so the default includes the account id.
   */
  readonly domainPrefix: string;
  /** Where Cognito may send the browser back with the code: the site's sign-in callback, plus any extra ones. */
  readonly callbackUrls: readonly string[];
  /** Where Cognito may send the browser after sign-out: the site's origin, plus any extra ones. */
  readonly logoutUrls: readonly string[];
  /**
   * Cognito feature plan. `lite` has the classic hosted UI, self sign-up, groups and PKCE, which is all the shop uses;
   * `essentials` adds managed login branding and access-token customization (ADR 0110).
   * @default 'lite'
   */
  readonly featurePlan?: 'lite' | 'essentials';
  /**
   * Keep the user pool (and so every shopper's account) when the stack or the resource is deleted; prod keeps it.
   * @default false
   */
  readonly retain?: boolean;
}

/**
 * The "auth first" the seed asks of API Gateway: an Amazon Cognito user pool per stage with self sign-up for
 * shoppers, the `admin` group, a public app client for the site (authorization code + PKCE, no secret) and a
 * hosted UI domain. The HTTP API's JWT authorizer and the API itself verify the pool's access tokens.
 *
 * ### Cost
 * Nothing while idle. Lite: the first 10,000 monthly active users free, then $0.0055 per MAU; Essentials: 10,000
 * free, then $0.015 per MAU (Cognito pricing page, as transcribed 2026-09-20, aws-facts.md). Emails come from
 * Cognito's own sender (50 a day), which is free.
 */
export class SignIn extends Construct {
  public readonly userPool: cognito.UserPool;
  /** The site's app client; its id is the audience (`client_id`) of the access tokens. */
  public readonly client: cognito.UserPoolClient;
  /** The hosted UI domain. */
  public readonly domain: cognito.UserPoolDomain;
  /** The hosted UI's origin, `https://<prefix>.auth.<region>.amazoncognito.com` (a plain string, not a token). */
  public readonly hostedUiUrl: string;

  constructor(scope: Construct, id: string, props: SignInProps) {
    super(scope, id);
    const removalPolicy = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      featurePlan:
        props.featurePlan === 'essentials' ? cognito.FeaturePlan.ESSENTIALS : cognito.FeaturePlan.LITE,
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: props.retain ?? false,
      removalPolicy,
    });
    this.userPool.addGroup('AdminGroup', {
      groupName: ADMIN_GROUP,
      description: 'Shop administrators: manage the catalog, list customers, see every order',
    });
    this.client = this.userPool.addClient('SiteClient', {
      generateSecret: false,
      preventUserExistenceErrors: true,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [...props.callbackUrls],
        logoutUrls: [...props.logoutUrls],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
    });
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    this.hostedUiUrl = `https://${props.domainPrefix}.auth.${Stack.of(this).region}.amazoncognito.com`;
    acknowledge(this.userPool, [
      {
        id: 'AwsSolutions-COG2',
        reason:
          'Shoppers may turn on TOTP MFA; requiring it at sign-up loses customers. Admins should enable it.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason: 'Threat protection needs the Plus plan: $0.02 per MAU with no free tier (ADR 0110).',
      },
    ]);
  }

  /** The token issuer: `https://cognito-idp.<region>.amazonaws.com/<pool id>`. */
  get issuer(): string {
    return this.userPool.userPoolProviderUrl;
  }

  /** Where the issuer publishes its signing keys. */
  get jwksUrl(): string {
    return `${this.issuer}/.well-known/jwks.json`;
  }

  /** Origins the site's scripts talk to during sign-in (the token endpoint and the issuer's metadata). */
  get connectOrigins(): string[] {
    return [this.hostedUiUrl, `https://cognito-idp.${Stack.of(this).region}.amazonaws.com`];
  }
}
