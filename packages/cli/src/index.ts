export { CliError } from './cli-error.ts';
/** The local provider's demo users, for tests that sign in through its login form as a person would. */
export { demoUser, readDemoUsers } from './dev/oidc/demo-users.ts';
export { main } from './main.ts';
