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
ENV DB_SSL=require NPM_CONFIG_UPDATE_NOTIFIER=false
ENTRYPOINT ["bash", "packages/infra/buildspecs/migrate-steps.sh", "/tmp/migration"]
