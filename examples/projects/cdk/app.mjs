// A CDK app: one Node.js function with its code from an asset folder and an
// environment variable. `npx cdk synth` (cdk.json) writes cdk.out/, which
// powertune reads without aws-cdk-lib:
//   powertune tune --template cdk.out/PowertuneExample.template.json --function Hello
import { fileURLToPath } from 'node:url';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';

export const buildApp = ({ outdir } = {}) => {
  const app = new App({ ...(outdir === undefined ? {} : { outdir }), context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new Stack(app, 'PowertuneExample', { env: { region: 'us-east-1' } });
  new LambdaFunction(stack, 'Hello', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromAsset(fileURLToPath(new URL('./lambda/', import.meta.url))),
    memorySize: 256,
    timeout: Duration.seconds(5),
    environment: { GREETING: 'hello from cdk' },
  });
  return app;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) buildApp().synth();
