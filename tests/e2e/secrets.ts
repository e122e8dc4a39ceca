/** Every password and PIN the end-to-end specs type or hand to a process: the log scan looks for each of them. */
import { TEST_P12_PASSWORD } from '../support/testPki';
import { SERVER_PASSWORD } from './documentServer';

export const NEW_USER_PASSWORD = 'mat-khau-cua-thu';
export const RESET_PASSWORD = 'mat-khau-moi-cua-hung';
export const WRONG_PASSWORD = 'sai-mat-khau';

export const E2E_SECRETS: readonly string[] = [TEST_P12_PASSWORD, SERVER_PASSWORD, NEW_USER_PASSWORD, RESET_PASSWORD, WRONG_PASSWORD];
