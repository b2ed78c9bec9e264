// powertune emulator — Node.js runtime bootstrap (plain JavaScript, shipped as-is).
//
// Runs inside an execution environment's process and talks to its Lambda
// Runtime API (AWS_LAMBDA_RUNTIME_API): loads the handler named by _HANDLER
// from LAMBDA_TASK_ROOT (ESM via import(), CommonJS via require), then loops
// on /invocation/next → handler → /response or /error, as Lambda's Node.js
// runtime does. console.* is formatted like Lambda's (Text or JSON log format).
// After each phase it writes a marker line so the host can tell which output
// belongs to which invocation; it reports its CPU time in a header for the
// host's virtual-time model.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const API_VERSION = '2018-06-01';
const MARKER = '\u001ePOWERTUNE-OUTPUT-END:';
const CPU_HEADER = 'powertune-cpu-time-us';
const EVENT_CPU_HEADER = 'powertune-event-cpu-time-us';
const UNCAUGHT_EXIT_CODE = 129;
const CALLBACKLESS_MAJOR = 24;
const CALLBACK_REMOVED_MESSAGE =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';
const runtimeMajor = Number(/nodejs(\d+)/.exec(process.env.AWS_EXECUTION_ENV ?? '')?.[1] ?? 0);
const [apiHost, apiPort] = (process.env.AWS_LAMBDA_RUNTIME_API ?? '127.0.0.1:9001').split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const taskRoot = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
const handlerName = process.env._HANDLER ?? 'index.handler';
const jsonLogs = process.env.AWS_LAMBDA_LOG_FORMAT === 'JSON';
// Set by the host's init check (before any size is measured): load the
// handler, report the outcome on one marked line, exit — no Runtime API.
const initCheck = process.env.POWERTUNE_INIT_CHECK === '1';
const INIT_CHECK_MARKER = '\u001ePOWERTUNE-INIT-CHECK:';

// Local layers travel in the package under .powertune-opt, which stands for
// Lambda's /opt: CommonJS require() finds their modules through NODE_PATH,
// as on Lambda (/opt/nodejs/node<major>/node_modules, /opt/nodejs/node_modules).
const optDir = path.join(taskRoot, '.powertune-opt');
if (existsSync(optDir)) {
  const major = process.versions.node.split('.')[0];
  const layerPaths = [
    path.join(optDir, 'nodejs', `node${major}`, 'node_modules'),
    path.join(optDir, 'nodejs', 'node_modules'),
  ];
  process.env.NODE_PATH = [...layerPaths, ...(process.env.NODE_PATH ? [process.env.NODE_PATH] : [])].join(
    path.delimiter,
  );
  createRequire(import.meta.url)('node:module').Module._initPaths();
}

// Built handlers (TypeScript, bundles) ship source maps: stack traces then
// point at the original lines, as with NODE_OPTIONS=--enable-source-maps on Lambda.
process.setSourceMapsEnabled?.(true);

let currentRequestId;

// Stack traces and error messages show Lambda's paths: the code folder as
// /var/task and the layers folder as /opt. (__dirname, __filename and
// import.meta.url keep the real folder: files must stay readable on a host
// that has no /var/task.)
const lambdaPathPairs = (() => {
  const roots = [
    ...new Set([
      taskRoot,
      (() => {
        try {
          return realpathSync(taskRoot);
        } catch {
          return taskRoot;
        }
      })(),
    ]),
  ];
  return roots.flatMap((root) => [
    [`${root}/.powertune-opt`, '/opt'],
    [root, '/var/task'],
  ]);
})();
const toLambdaPaths = (text) => {
  let out = String(text);
  for (const [from, to] of lambdaPathPairs) out = out.split(from).join(to);
  return out;
};

const cpuTimeUs = () => {
  const { user, system } = process.cpuUsage();
  return String(user + system);
};

const call = (method, route, body, headers = {}) =>
  new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
    const request = http.request(
      {
        host: apiHost,
        port: Number(apiPort),
        method,
        path: `/${API_VERSION}/runtime/${route}`,
        agent,
        headers: {
          ...headers,
          [CPU_HEADER]: cpuTimeUs(),
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': payload.length }),
        },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });

// --- logging, as Lambda's Node.js runtime formats console.* -------------------
const LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };

const writeLine = (level, rawMessage, extra = {}) => {
  const message = toLambdaPaths(rawMessage);
  const timestamp = new Date().toISOString();
  if (jsonLogs) {
    const record = {
      timestamp,
      level,
      ...(currentRequestId === undefined ? {} : { requestId: currentRequestId }),
      message,
      ...extra,
    };
    process.stdout.write(`${JSON.stringify(record)}\n`);
  } else {
    process.stdout.write(`${timestamp}\t${currentRequestId}\t${level}\t${message}\n`);
  }
};

for (const [method, level] of Object.entries(LEVELS)) {
  console[method] = (...args) => writeLine(level, format(...args));
}

const endPhase = (id) => process.stdout.write(`${MARKER}${id}\n`);

// --- errors -------------------------------------------------------------------
const describeError = (error) => {
  if (error instanceof Error) {
    return {
      errorType: error.name ?? 'Error',
      errorMessage: toLambdaPaths(error.message),
      stackTrace: toLambdaPaths(String(error.stack ?? '')).split('\n'),
    };
  }
  if (typeof error === 'string') return { errorType: 'string', errorMessage: toLambdaPaths(error), stackTrace: [] };
  return { errorType: 'Error', errorMessage: JSON.stringify(error) ?? String(error), stackTrace: [] };
};

const logError = (label, described) => {
  const { errorType, errorMessage, stackTrace } = described;
  if (jsonLogs) writeLine('ERROR', label, { errorType, errorMessage, stackTrace });
  else writeLine('ERROR', `${label} \t${JSON.stringify({ errorType, errorMessage, stack: stackTrace })}`);
};

class RuntimeError extends Error {
  constructor(errorType, message, cause) {
    super(message, { cause });
    this.name = errorType;
  }
}

// --- loading the handler ------------------------------------------------------
const isEsmPackage = (directory) => {
  for (let dir = directory; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return JSON.parse(readFileSync(manifest, 'utf8')).type === 'module';
      } catch {
        return false;
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
};

const loadModule = async (modulePath) => {
  const base = path.resolve(taskRoot, modulePath);
  const file = ['.js', '.mjs', '.cjs'].map((ext) => `${base}${ext}`).find((candidate) => existsSync(candidate));
  if (file === undefined) {
    throw new RuntimeError(
      'Runtime.ImportModuleError',
      `Error: Cannot find module '${modulePath}'\nRequire stack:\n- ${process.argv[1]}`,
    );
  }
  const esm = file.endsWith('.mjs') || (file.endsWith('.js') && isEsmPackage(path.dirname(file)));
  try {
    if (esm) return await import(pathToFileURL(file).href);
    try {
      return createRequire(file)(file);
    } catch (error) {
      if (error?.code === 'ERR_REQUIRE_ESM') return await import(pathToFileURL(file).href);
      throw error;
    }
  } catch (error) {
    if (error instanceof SyntaxError)
      throw new RuntimeError('Runtime.UserCodeSyntaxError', `${error.name}: ${error.message}`, error);
    if (error?.code === 'ERR_MODULE_NOT_FOUND' || error?.code === 'MODULE_NOT_FOUND') {
      throw new RuntimeError('Runtime.ImportModuleError', `Error: ${error.message}`, error);
    }
    throw error;
  }
};

const loadHandler = async () => {
  const slash = handlerName.lastIndexOf('/');
  const dot = handlerName.indexOf('.', slash + 1);
  if (dot === -1)
    throw new RuntimeError('Runtime.MalformedHandlerName', `Bad handler ${handlerName}: expected <module>.<export>`);
  const modulePath = handlerName.slice(0, dot);
  const exportPath = handlerName.slice(dot + 1).split('.');
  const loaded = await loadModule(modulePath);
  let handler = loaded;
  for (const key of exportPath) handler = handler?.[key];
  if (handler === undefined && loaded?.default !== undefined) {
    handler = loaded.default;
    for (const key of exportPath) handler = handler?.[key];
  }
  const shortName = `${path.basename(modulePath)}.${exportPath.join('.')}`;
  if (handler === undefined)
    throw new RuntimeError('Runtime.HandlerNotFound', `${shortName} is undefined or not exported`);
  if (typeof handler !== 'function')
    throw new RuntimeError('Runtime.HandlerNotFound', `${shortName} is not a function`);
  // Node.js 24 and later refuse callback-style handlers at init, judged by
  // arity as Lambda's runtime interface client does.
  if (runtimeMajor >= CALLBACKLESS_MAJOR && handler.length >= 3)
    throw new RuntimeError('Runtime.CallbackHandlerDeprecated', CALLBACK_REMOVED_MESSAGE);
  return handler;
};

// --- invoking -----------------------------------------------------------------
const runHandler = (handler, event, context) =>
  new Promise((resolve, reject) => {
    let finished = false;
    const callback = (error, result) => {
      if (finished) return;
      finished = true;
      if (error !== undefined && error !== null) reject(error);
      else resolve(result);
    };
    context.done = callback;
    context.succeed = (result) => callback(null, result);
    context.fail = (error) => callback(error ?? 'handled');
    try {
      const returned = handler(event, context, callback);
      if (returned !== null && typeof returned?.then === 'function')
        returned.then(
          (result) => callback(null, result),
          (error) => callback(error ?? 'rejected'),
        );
      else if (handler.length < 3) callback(null, returned);
    } catch (error) {
      callback(error);
    }
  });

const makeContext = (headers) => {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  const clientContext = headers['lambda-runtime-client-context'];
  const identity = headers['lambda-runtime-cognito-identity'];
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: identity === undefined ? undefined : JSON.parse(identity),
    clientContext: clientContext === undefined ? undefined : JSON.parse(clientContext),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
};

const postError = async (route, described, headers = {}) => {
  const { errorType, errorMessage, stackTrace } = described;
  await call('POST', route, JSON.stringify({ errorType, errorMessage, stackTrace }), {
    ...headers,
    'lambda-runtime-function-error-type': errorType,
  });
};

// An exception nobody caught (e.g. thrown in a timer): report it for the
// current invocation, then exit so the environment is replaced — as Lambda does.
const fatal = async (label, error, forcedType) => {
  const described = describeError(error);
  if (forcedType !== undefined) described.errorType = forcedType;
  logError(label, described);
  const id = currentRequestId;
  try {
    if (id !== undefined) {
      endPhase(id);
      await postError(`invocation/${encodeURIComponent(id)}/error`, described);
    }
  } finally {
    process.exit(UNCAUGHT_EXIT_CODE);
  }
};

process.on('uncaughtException', (error) => void fatal('Uncaught Exception', error));
process.on(
  'unhandledRejection',
  (reason) =>
    void fatal(
      'Unhandled Promise Rejection',
      reason instanceof Error ? reason : new Error(String(reason)),
      'Runtime.UnhandledPromiseRejection',
    ),
);

const runInitCheck = async () => {
  let outcome;
  try {
    await loadHandler();
    outcome = { ok: true };
  } catch (error) {
    const described = describeError(error);
    // The first frame of a syntax error names file:line; the cause keeps it.
    const cause = error?.cause;
    outcome = {
      ok: false,
      ...described,
      ...(cause instanceof Error ? { causeStack: toLambdaPaths(String(cause.stack ?? '')) } : {}),
    };
  }
  process.stdout.write(`\n${INIT_CHECK_MARKER}${JSON.stringify(outcome)}\n`, () => process.exit(0));
};

const main = async () => {
  if (initCheck) return runInitCheck();
  let handler;
  try {
    handler = await loadHandler();
  } catch (error) {
    const described = describeError(error);
    logError('Uncaught Exception', described);
    await postError('init/error', described);
    process.exit(1);
  }
  endPhase('init');
  for (;;) {
    const next = await call('GET', 'invocation/next');
    // CPU spent while waiting for this event (a GC, a timer) is not the invocation's.
    const eventCpu = { [EVENT_CPU_HEADER]: cpuTimeUs() };
    const headers = next.headers;
    const requestId = headers['lambda-runtime-aws-request-id'];
    currentRequestId = requestId;
    if (headers['lambda-runtime-trace-id'] !== undefined)
      process.env._X_AMZN_TRACE_ID = headers['lambda-runtime-trace-id'];
    let response;
    let failure;
    try {
      const text = next.body.toString('utf8');
      const event = text === '' ? {} : JSON.parse(text);
      const result = await runHandler(handler, event, makeContext(headers));
      response = JSON.stringify(result === undefined ? null : result);
    } catch (error) {
      failure = describeError(error);
      logError('Invoke Error', failure);
    }
    endPhase(requestId);
    currentRequestId = undefined;
    if (failure === undefined)
      await call('POST', `invocation/${encodeURIComponent(requestId)}/response`, response, eventCpu);
    else await postError(`invocation/${encodeURIComponent(requestId)}/error`, failure, eventCpu);
  }
};

main().catch(() => {
  // The Runtime API is gone (the host stopped or died): nothing left to serve.
  process.exit(1);
});
