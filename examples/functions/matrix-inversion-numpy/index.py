# CPU-bound: inverts a random n x n matrix with numpy (default n = 300),
# the article's own example. Runs where the host has numpy (e.g. the OS
# package python3-numpy); without it the handler says so instead of failing.
try:
    import numpy
except ImportError:  # numpy is optional on the host
    numpy = None

DEFAULT_SIZE = 300


def handler(event, context):
    size = event.get("size", DEFAULT_SIZE) if isinstance(event, dict) else DEFAULT_SIZE
    if numpy is None:
        return {"skipped": "numpy is not installed on this host; install python3-numpy to run this example"}
    rng = numpy.random.default_rng(42)
    matrix = rng.random((size, size))
    inverse = numpy.linalg.inv(matrix)
    return {"size": size, "trace": float(numpy.trace(inverse))}
