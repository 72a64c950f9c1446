#!/usr/bin/env bash
# The migration sequence, shared by both runners so they run the same commands with the same arguments:
# CodeBuild in the VPC (migrate.yml) and the one-off Fargate task (migrate.Dockerfile, migrate-task.yml).
# Order after liquibase/aws: validate, status, update-sql (kept), tag (rollback point), update, history.
# Connection: DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD, DB_SSL, DB_SSL_ROOT_CERT from the environment.
# MIGRATE_ONLY="<command> [argument]" runs that one command instead (status, history, rollback-count N): how an
# operator inspects or rolls back from inside the VPC (docs/operations.md).
# Usage: migrate-steps.sh OUTPUT_DIR [COMMIT]
set -euo pipefail

out="${1:?usage: migrate-steps.sh OUTPUT_DIR [COMMIT]}"
commit="${2:-${COMMIT_ID:-${CODEBUILD_RESOLVED_SOURCE_VERSION:-manual}}}"
mkdir -p "$out"
migrate() { npx --no-install shoestring migrate "$@"; }

if [ -n "${MIGRATE_ONLY:-}" ]; then
  echo "== only: shoestring migrate $MIGRATE_ONLY"
  # Word splitting is wanted: "rollback-count 1" is a command and its argument.
  # shellcheck disable=SC2086
  migrate $MIGRATE_ONLY | tee "$out/only.txt"
  exit 0
fi

echo "== validate: changelog syntax and checksums of applied changesets"
migrate validate
echo "== status: changesets this release applies"
migrate status | tee "$out/status.txt"
echo "== update-sql: the SQL update will run (kept as an artifact)"
migrate update-sql --output-file "$out/update.sql"
cat "$out/update.sql"
# The tag marks the state before this release; history.txt shows how many changesets came after it,
# which is the N for `shoestring migrate rollback-count N`.
tag="before-${commit:0:12}-$(date -u +%Y%m%dT%H%M%SZ)"
echo "$tag" > "$out/rollback-tag.txt"
echo "== tag: $tag"
migrate tag "$tag"
echo "== update"
migrate update
migrate history > "$out/history.txt"
echo "== done: $(wc -l < "$out/history.txt") lines of history in $out/history.txt"
