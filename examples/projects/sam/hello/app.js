// Needs the layer (greeting-layer, found under /opt/nodejs/node_modules) and
// the STAGE and GREETING variables from the template's Globals: it fails at
// init when any of them is missing.
const { shout } = require('greeting-layer');

const { STAGE, GREETING } = process.env;
if (STAGE === undefined || GREETING === undefined) throw new Error('STAGE and GREETING must be set');

exports.handler = async (event) => ({ stage: STAGE, message: shout(`${GREETING}, ${(event && event.name) || 'world'}`) });
