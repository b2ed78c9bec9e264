/**
 * Several fake functions behind one `LambdaPort`, with GetFunction,
 * CreateFunction and DeleteFunction: what an architecture comparison needs.
 * Each function is a `FakeLambda`; calls are routed by function name.
 */
import type {
  CreateFunctionRequest,
  FunctionCodeInfo,
  FunctionConfiguration,
  LambdaPort,
} from '../../src/lambda/index.js';
import { apiError, createFakeLambdaPort } from './fake-lambda-port.js';
import type { FakeLambda, FakeLambdaOptions } from './fake-lambda-port.js';

type PortMethod = Exclude<keyof LambdaPort, 'getFunctionCode' | 'createFunction' | 'deleteFunction'>;

const CODE_URL = 'https://code.example/my-fn.zip';

/** The account: `functions` by name, `created`/`deleted` in order, `downloads` of code URLs. */
class FakeLambdaAccount implements LambdaPort {
  readonly functions = new Map<string, FakeLambda>();
  readonly created: CreateFunctionRequest[] = [];
  readonly deleted: string[] = [];
  readonly #options: (request: CreateFunctionRequest) => FakeLambdaOptions;
  packageType: 'Zip' | 'Image' = 'Zip';

  constructor({
    primary,
    copyOptions = () => ({}),
  }: {
    primary: FakeLambdaOptions;
    copyOptions?: (request: CreateFunctionRequest) => FakeLambdaOptions;
  }) {
    const fn = createFakeLambdaPort(primary);
    this.functions.set(fn.name, fn);
    this.#options = copyOptions;
  }

  #route(functionName: string, op: string): FakeLambda {
    const name = functionName.split(':function:')[1]?.split(':')[0] ?? functionName;
    const fn = this.functions.get(name);
    if (fn === undefined)
      throw apiError('ResourceNotFoundException', op, functionName, `Function not found: ${functionName}`);
    return fn;
  }

  #forward<M extends PortMethod>(method: M): LambdaPort[M] {
    return ((request: { functionName: string }) => {
      const fn = this.#route(request.functionName, method);
      return (fn[method] as (r: unknown) => unknown).call(fn, request);
    }) as LambdaPort[M];
  }

  getConfiguration = this.#forward('getConfiguration');
  updateConfiguration = this.#forward('updateConfiguration');
  waitUntilUpdated = this.#forward('waitUntilUpdated');
  publishVersion = this.#forward('publishVersion');
  listVersions = this.#forward('listVersions');
  createAlias = this.#forward('createAlias');
  updateAlias = this.#forward('updateAlias');
  getAlias = this.#forward('getAlias');
  deleteAlias = this.#forward('deleteAlias');
  listAliases = this.#forward('listAliases');
  deleteVersion = this.#forward('deleteVersion');
  invoke = this.#forward('invoke');

  async getFunctionCode({ functionName }: { functionName: string }): Promise<FunctionCodeInfo> {
    const configuration = await this.#route(functionName, 'GetFunction').getConfiguration({ functionName });
    return {
      configuration: { ...configuration, packageType: this.packageType },
      ...(this.packageType === 'Zip' ? { codeLocation: CODE_URL } : {}),
      role: 'arn:aws:iam::123456789012:role/fn',
      handler: 'index.handler',
      environment: { STAGE: 'prod' },
      layers: [],
    };
  }

  async createFunction(request: CreateFunctionRequest): Promise<FunctionConfiguration> {
    if (this.functions.has(request.functionName)) {
      throw apiError(
        'ResourceConflictException',
        'CreateFunction',
        request.functionName,
        `Function already exist: ${request.functionName}`,
      );
    }
    this.created.push(request);
    const fn = createFakeLambdaPort({
      ...this.#options(request),
      functionName: request.functionName,
      memoryMB: request.memoryMB,
      architecture: request.architecture,
      description: request.description ?? '',
    });
    this.functions.set(request.functionName, fn);
    return fn.getConfiguration({ functionName: request.functionName });
  }

  async deleteFunction({ functionName }: { functionName: string }): Promise<boolean> {
    this.deleted.push(functionName);
    return this.functions.delete(functionName);
  }
}

export { CODE_URL, FakeLambdaAccount };
