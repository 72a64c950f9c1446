/**
 * The variables the Build stage exports (`exported-variables` of buildspecs/image.yml), which later actions read
 * as `#{Build.<name>}`. The repository's tags are immutable (ADR 0124), so nothing is found by a moving tag: the
 * migration runners get this commit's migration image (`<repository>:<commit>-migrate`, built from
 * `buildspecs/migrate.Dockerfile`: the repository with its dependencies, Node.js 22 and Java 17) and the Record
 * stage gets the API image's tag.
 */
export const BUILD_VARIABLES = {
  /** The API image's tag: the commit's first 12 characters. */
  imageTag: 'IMAGE_TAG',
  /** `<repository>:<commit>-migrate`. */
  migrationImageUri: 'MIGRATION_IMAGE_URI',
} as const;

/** The Build stage's variable namespace. */
export const BUILD_NAMESPACE = 'Build';
