/**
 * The tag the image build pushes `buildspecs/migrate.Dockerfile` as: the repository of the release with its
 * dependencies, Node.js 22 and Java 17. The Fargate runner runs it; CodeBuild uses it when the build subnets have
 * no internet access.
 */
export const MIGRATION_IMAGE_TAG = 'migrate';
