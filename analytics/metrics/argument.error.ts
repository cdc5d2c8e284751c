/**
 * A metric argument the hub cannot answer for: `argument` names it (`percentiles`, `filter.tools`,
 * `cohort.stages`, ...), `detail` says what was wrong and what would be right, and `allowed` lists
 * the accepted values where there is such a list. The message is `<argument>: <detail>`. Plain:
 * schema/ turns it into a BAD_USER_INPUT GraphQL error, the CLI prints it against its own option.
 */
export class MetricArgumentError extends Error {
  constructor(
    readonly argument: string,
    readonly detail: string,
    readonly allowed: readonly string[] | null = null,
  ) {
    super(`${argument}: ${detail}`);
    this.name = "MetricArgumentError";
  }
}

/**
 * A filter names a value the cycle table does not know (a tool, borough, practice or stage). The
 * table may predate reference data loaded since, so the cache refreshes it once and compiles again
 * before letting this error through.
 */
export class UnknownValueError extends MetricArgumentError {
  constructor(
    argument: string,
    readonly value: string,
    allowed: readonly string[],
    /** What the value should have been, as the message says it: `tool`, `borough (GSS code)`, ... */
    readonly what: string,
  ) {
    super(argument, `unknown ${what} ${JSON.stringify(value)}; expected one of: ${allowed.join(", ")}`, allowed);
    this.name = "UnknownValueError";
  }
}
