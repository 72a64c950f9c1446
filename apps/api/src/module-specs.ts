/**
 * The modules and what each one calls, known before any module code loads (the server reads the configuration,
 * then starts tracing, then imports the app, so the instrumentations can patch fastify and pg first).
 * The list itself is a fact of the contract shared with the infrastructure.
 */
export { MODULE_SPECS } from '@shoestring/contract';
