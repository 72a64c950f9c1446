# The migration image of `migrations.runner: 'fargate-task'`: the repository with its dependencies,
# Node.js 22 and Java 17 for Liquibase, running the same migrate-steps.sh as the CodeBuild runner.
# Built by the image build (image.yml) from the repository root and pushed as <repository>:migrate.
FROM public.ecr.aws/docker/library/node:22-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /repo
COPY . .
RUN npm ci --no-audit --no-fund
# The checksum-pinned RDS CA bundle: Liquibase verifies the database against it (ADR 0086).
RUN node apps/api/docker/rds-ca-bundle.mjs /etc/ssl/certs/rds-global-bundle.pem
ENV DB_SSL=verify-full DB_SSL_ROOT_CERT=/etc/ssl/certs/rds-global-bundle.pem NPM_CONFIG_UPDATE_NOTIFIER=false
ENTRYPOINT ["bash", "packages/infra/buildspecs/migrate-steps.sh", "/tmp/migration"]
