import { AppError } from '../../../../shared/errors';

/**
 * A request that was well formed but may not be carried out: a wrong password, a certificate expired or revoked, a
 * document whose certification forbids another signature. The app shows it like any bad input (code BAD_INPUT); the
 * command line tells it apart from a mistyped input (exit 1, not 2).
 */
export class SigningRefusal extends AppError {
  constructor(message: string) {
    super('BAD_INPUT', message);
    this.name = 'SigningRefusal';
  }
}
