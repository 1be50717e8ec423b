import { CliError } from './cli-error';

export function numberOption(
  name: string,
  value: string | undefined,
  options: { integer?: boolean; min?: number } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (
    !Number.isFinite(parsed) ||
    (options.integer && !Number.isInteger(parsed)) ||
    (options.min !== undefined && parsed < options.min)
  ) {
    throw new CliError(
      `--${name} must be ${options.integer ? 'a whole number' : 'a number'}${options.min !== undefined ? ` of at least ${options.min}` : ''} (got "${value}").`,
    );
  }
  return parsed;
}

export function choiceOption<T extends string>(
  name: string,
  value: string | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new CliError(`--${name} must be one of ${choices.join(', ')} (got "${value}").`);
  }
  return value as T;
}
