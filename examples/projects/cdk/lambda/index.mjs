// Needs GREETING from the stack's environment: it fails at init without it.
const { GREETING } = process.env;
if (GREETING === undefined) throw new Error('GREETING is not set');

export const handler = async (event) => ({ message: `${GREETING}, ${event?.name ?? 'world'}` });
