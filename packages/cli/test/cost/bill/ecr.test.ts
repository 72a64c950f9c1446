import { describe, expect, it } from 'vitest';
import { imagesKept } from '../../../src/cost/bill/pricers/ecr.ts';
import type { TemplateResource } from '../../../src/cost/template/read.ts';
import { billOf, fixtureTemplate, lineOf } from '../fixture.ts';

const repository = (rules: unknown[]): TemplateResource => ({
  stack: 'S',
  logicalId: 'Repo',
  type: 'AWS::ECR::Repository',
  properties: { LifecyclePolicy: { LifecyclePolicyText: JSON.stringify({ rules }) } },
  cdkPath: 'S/Compute/Repository/Resource',
});

describe('ECR images', () => {
  it('reads "keep the last N images" from the lifecycle rule, the smallest N when there are several', () => {
    const keep = (n: number, tagStatus = 'any') => ({
      selection: { tagStatus, countType: 'imageCountMoreThan', countNumber: n },
    });
    expect(imagesKept(repository([keep(20)]))).toBe(20);
    expect(imagesKept(repository([keep(30), keep(5)]))).toBe(5);
    expect(imagesKept(repository([keep(5, 'untagged')]))).toBeUndefined();
    expect(imagesKept({ ...repository([]), properties: {} })).toBeUndefined();
  });

  it('prices the repository at the images its rule keeps: 20 x 0.15 GB x $0.10 = $0.30', () => {
    const t = fixtureTemplate();
    t.Resources.Repository = {
      Type: 'AWS::ECR::Repository',
      Properties: repository([
        { selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 20 } },
      ]).properties,
      Metadata: { 'aws:cdk:path': 'ShoestringDev/Compute/Repository/Resource' },
    };
    const bill = billOf(t);
    expect(lineOf(bill, 'ECR images (Compute/Repository)')).toMatchObject({ usd: 0.3, component: 'compute' });
    // a repository in the template replaces the bootstrap assets line
    expect(bill.lines.some((l) => l.item.includes('bootstrap'))).toBe(false);
  });
});
