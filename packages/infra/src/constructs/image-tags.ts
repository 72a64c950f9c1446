/**
 * The stage's image repository keeps what it runs (ADR 0124): after each deploy the Record action adds the tag
 * `deployed-<tag>` to the image it deployed, and the repository's first lifecycle rule keeps the images of the
 * last `DEPLOYED_IMAGES_KEPT` deploys whatever else is pushed; other images are kept up to `OTHER_IMAGES_KEPT`.
 */
export const DEPLOYED_IMAGE_TAG_PREFIX = 'deployed-';

/** Deployed images kept: the running one and the ones a rollback may return to. */
export const DEPLOYED_IMAGES_KEPT = 10;

/** Images kept of those never deployed (builds waiting for an approval, migration images). */
export const OTHER_IMAGES_KEPT = 20;
