/** A usage mistake: printed as it is, without a stack. */
export class CliError extends Error {}

/** Some files were processed and some could not be (each was reported by name). */
export const EXIT_PARTIAL = 2;
