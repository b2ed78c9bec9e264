# powertune emulator — Python runtime bootstrap (standard library only, shipped as-is).
#
# Runs inside an execution environment's process and talks to its Lambda
# Runtime API (AWS_LAMBDA_RUNTIME_API): imports the module named by _HANDLER
# from LAMBDA_TASK_ROOT, then loops on /invocation/next -> handler ->
# /response or /error, as Lambda's Python runtime does. The logging module is
# formatted like Lambda's ([LEVEL]\ttimestamp\trequestId\tmessage, or JSON).
# After each phase it writes a marker line so the host can tell which output
# belongs to which invocation; it reports its CPU time in a header for the
# host's virtual-time model.
import http.client
import importlib
import json
import logging
import os
import sys
import time
import traceback

API_VERSION = "2018-06-01"
MARKER = "\u001ePOWERTUNE-OUTPUT-END:"
CPU_HEADER = "powertune-cpu-time-us"
EVENT_CPU_HEADER = "powertune-event-cpu-time-us"
JSON_LOGS = os.environ.get("AWS_LAMBDA_LOG_FORMAT") == "JSON"

host, _, port = os.environ.get("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001").partition(":")
port = port or "9001"
connection = http.client.HTTPConnection(host, int(port))
current_request_id = None


def cpu_time_us():
    return str(int(time.process_time() * 1_000_000))


def call(method, route, body=None, headers=None):
    all_headers = dict(headers or {})
    all_headers[CPU_HEADER] = cpu_time_us()
    if body is not None:
        all_headers["content-type"] = "application/json"
    connection.request(method, "/%s/runtime/%s" % (API_VERSION, route), body=body, headers=all_headers)
    response = connection.getresponse()
    return response, response.read()


def iso_now():
    now = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + ".%03dZ" % int((now % 1) * 1000)


def end_phase(phase_id):
    sys.stdout.flush()
    sys.stderr.flush()
    sys.stdout.write("%s%s\n" % (MARKER, phase_id))
    sys.stdout.flush()


class LambdaLogHandler(logging.Handler):
    def emit(self, record):
        try:
            message = record.getMessage()
            if record.exc_info:
                message += "\n" + "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            message = to_lambda_paths(message)
            if JSON_LOGS:
                entry = {"timestamp": iso_now(), "level": record.levelname, "message": message, "logger": record.name}
                if current_request_id is not None:
                    entry["requestId"] = current_request_id
                line = json.dumps(entry)
            else:
                line = "[%s]\t%s\t%s\t%s" % (record.levelname, iso_now(), current_request_id, message)
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        except Exception:  # never let logging break the runtime
            pass


root_logger = logging.getLogger()
root_logger.handlers = [LambdaLogHandler()]
root_logger.setLevel(logging.INFO)


class RuntimeError_(Exception):
    def __init__(self, error_type, message):
        super().__init__(message)
        self.error_type = error_type


TASK_ROOT = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
# Stack traces and messages show Lambda's paths: the code folder as /var/task
# and the layers folder as /opt (__file__ keeps the real folder, so files
# stay readable on a host that has no /var/task).
LAMBDA_PATH_PAIRS = []
for _root in dict.fromkeys([TASK_ROOT, os.path.realpath(TASK_ROOT)]):
    LAMBDA_PATH_PAIRS += [(os.path.join(_root, ".powertune-opt"), "/opt"), (_root, "/var/task")]


def to_lambda_paths(text):
    for source, target in LAMBDA_PATH_PAIRS:
        text = text.replace(source, target)
    return text


def describe(error, tb=None):
    error_type = getattr(error, "error_type", None) or type(error).__name__
    frames = [frame for frame in traceback.extract_tb(tb) if frame.filename != __file__] if tb is not None else []
    stack = [to_lambda_paths(line) for line in traceback.format_list(frames)]
    return {"errorMessage": to_lambda_paths(str(error)), "errorType": error_type, "stackTrace": stack}


def log_error(described):
    if JSON_LOGS:
        entry = {"timestamp": iso_now(), "level": "ERROR", "message": described, "logger": "root"}
        if current_request_id is not None:
            entry["requestId"] = current_request_id
        sys.stdout.write(json.dumps(entry) + "\n")
    else:
        stack = "".join(described["stackTrace"])
        sys.stdout.write("[ERROR] %s: %s\nTraceback (most recent call last):\n%s" % (described["errorType"], described["errorMessage"], stack))
        if not stack.endswith("\n"):
            sys.stdout.write("\n")
    sys.stdout.flush()


def post_error(route, described, headers=None):
    body = json.dumps(described)
    call("POST", route, body, dict(headers or {}, **{"lambda-runtime-function-error-type": described["errorType"]}))


def load_handler():
    name = os.environ.get("_HANDLER", "lambda_function.lambda_handler")
    module_path, _, function_name = name.rpartition(".")
    if module_path == "" or function_name == "":
        raise RuntimeError_("Runtime.MalformedHandlerName", "Bad handler '%s': not enough values to unpack (expected 2, got 1)" % name)
    module_name = module_path.replace("/", ".")
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    if task_root not in sys.path:
        sys.path.insert(0, task_root)
    # Local layers travel in the package under .powertune-opt, which stands
    # for Lambda's /opt: its python folders follow the task root on sys.path.
    opt = os.path.join(task_root, ".powertune-opt")
    if os.path.isdir(opt):
        version = "python%d.%d" % sys.version_info[:2]
        for index, folder in enumerate([os.path.join(opt, "python"), os.path.join(opt, "python", "lib", version, "site-packages")]):
            sys.path.insert(1 + index, folder)
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise RuntimeError_("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_path, error))
    except SyntaxError as error:
        raise RuntimeError_("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_path, error))
    handler = getattr(module, function_name, None)
    if handler is None:
        raise RuntimeError_("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_path))
    return handler


class Context:
    def __init__(self, headers):
        self.aws_request_id = headers.get("lambda-runtime-aws-request-id")
        self.invoked_function_arn = headers.get("lambda-runtime-invoked-function-arn")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        client_context = headers.get("lambda-runtime-client-context")
        identity = headers.get("lambda-runtime-cognito-identity")
        self.client_context = json.loads(client_context) if client_context else None
        self.identity = json.loads(identity) if identity else None
        self._deadline_ms = int(headers.get("lambda-runtime-deadline-ms", "0"))

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))


def run_init_check():
    # Set by the host's init check (before any size is measured): import the
    # handler, report the outcome on one marked line, exit - no Runtime API.
    try:
        load_handler()
        outcome = {"ok": True}
    except Exception as error:
        outcome = dict(describe(error, error.__traceback__), ok=False)
        cause = error.__cause__ or error.__context__
        if cause is not None:
            outcome["causeStack"] = "".join(traceback.format_exception(type(cause), cause, cause.__traceback__))
    sys.stdout.write("\n\u001ePOWERTUNE-INIT-CHECK:%s\n" % json.dumps(outcome))
    sys.stdout.flush()
    sys.exit(0)


def main():
    global current_request_id
    if os.environ.get("POWERTUNE_INIT_CHECK") == "1":
        run_init_check()
    try:
        handler = load_handler()
    except Exception as error:
        described = describe(error, error.__traceback__ if not isinstance(error, RuntimeError_) else None)
        log_error(described)
        post_error("init/error", described)
        sys.exit(1)
    end_phase("init")
    while True:
        response, body = call("GET", "invocation/next")
        # CPU spent while waiting for this event is not the invocation's.
        event_cpu = {EVENT_CPU_HEADER: cpu_time_us()}
        headers = {key.lower(): value for key, value in response.getheaders()}
        request_id = headers.get("lambda-runtime-aws-request-id")
        current_request_id = request_id
        if "lambda-runtime-trace-id" in headers:
            os.environ["_X_AMZN_TRACE_ID"] = headers["lambda-runtime-trace-id"]
        result = None
        failure = None
        try:
            text = body.decode("utf-8")
            event = json.loads(text) if text else {}
            result = json.dumps(handler(event, Context(headers)))
        except Exception as error:
            failure = describe(error, error.__traceback__)
            failure["requestId"] = request_id
            log_error(failure)
        end_phase(request_id)
        current_request_id = None
        if failure is None:
            call("POST", "invocation/%s/response" % request_id, result, event_cpu)
        else:
            post_error("invocation/%s/error" % request_id, failure, event_cpu)


if __name__ == "__main__":
    try:
        main()
    except (ConnectionError, http.client.HTTPException, OSError):
        # The Runtime API is gone (the host stopped or died): nothing left to serve.
        sys.exit(1)
