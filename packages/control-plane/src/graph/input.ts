// Small validators for mutation inputs; each failure names the field.
import { InputError } from "./errors.ts";

export function name(field: string, value: string, max = 100): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new InputError(field, `${field} must not be empty.`);
  if (trimmed.length > max) throw new InputError(field, `${field} must be at most ${max} characters.`);
  return trimmed;
}

export function email(field: string, value: string): string {
  const trimmed = value.trim().toLowerCase();
  if (trimmed.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) throw new InputError(field, `${field} must be an email address.`);
  return trimmed;
}

export function futureDate(field: string, value: Date | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (value.getTime() <= Date.now()) throw new InputError(field, `${field} must be in the future.`);
  return value;
}
