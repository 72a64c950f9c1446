/**
 * The Node.js major every deployed image and build runs: the API image, the migration image and the CodeBuild
 * `runtime-versions` (the Amazon Linux 2023 standard images 5.0 and aarch64 3.0 offer it). Node 20 left LTS in
 * April 2026; AWS SDK v3 drops it in January 2027. Development here may still run 20.19 (package.json engines).
 * packages/infra/test/pipelines/node-version.test.ts checks every Dockerfile and buildspec against it.
 */
export const DEPLOYED_NODE_MAJOR = 22;
