/**
 * An error the user can fix (a flag, a setting, an input): `userFacing` makes the CLI print its
 * message as one line, without a stack trace, and exit 2 (server/cli.ts).
 */
export function userError(message: string): Error & { userFacing: true } {
  return Object.assign(new Error(message), { userFacing: true as const });
}
