/**
 * Why a sync with iCasework stopped. Each kind is one line the CLI prints as is (`userFacing`), and a
 * sync that throws one has written nothing: the caller writes only what a whole sync returned.
 */
export type ICaseworkErrorKind =
  /** A sync setting is wrong (base URL, stage map, case types); nothing was asked of iCasework. */
  | "settings"
  /** The token request was refused: wrong API key or secret key (or a key pair bound to other IP addresses). */
  | "credentials"
  /** No connection: wrong host or port, DNS, TLS, a proxy. */
  | "unreachable"
  /** No complete answer within the timeout. */
  | "timeout"
  /** An answer that is not the documented JSON or XML. */
  | "malformed"
  /** HTTP 5xx: iCasework failed. */
  | "server"
  /** Another HTTP status (a 4xx other than a refused token). */
  | "http";

export class ICaseworkError extends Error {
  readonly userFacing = true;
  constructor(
    readonly kind: ICaseworkErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "ICaseworkError";
  }
}
