/**
 * An error whose message is meant for the member who ran the command: shown to them ephemerally,
 * as it is. Anything else that goes wrong is logged and answered with a short generic reply.
 */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}
