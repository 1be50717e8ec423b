import { resolve } from 'node:path';

/** CI clones the repository with `../shared` beside it. */
export const SHARED_DATA = resolve(import.meta.dirname, '../../../shared/data');
export const ISBI_IMAGES = resolve(SHARED_DATA, 'isbi2012-em/images');
export const DSB_LABELS = resolve(SHARED_DATA, 'dsb2018-nuclei/labels');
export const DSB_IMAGES = resolve(SHARED_DATA, 'dsb2018-nuclei/images');
