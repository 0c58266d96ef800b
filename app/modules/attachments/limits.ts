// Upload sizes, apart from the image code so that the HTTP server's body limits can use them.

/** Largest upload accepted, and the database's limit on a stored file. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Photos one form may carry. */
export const MAX_PHOTOS = 6;
// Text fields beside the photos: generous, but a bound on what one request can make us hold in memory.
export const MAX_FORM_BYTES = MAX_PHOTOS * MAX_IMAGE_BYTES + 1024 * 1024;
