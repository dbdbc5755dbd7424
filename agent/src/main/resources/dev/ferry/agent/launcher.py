"""The ferry launcher: runs one flow function in this process and reports its states.

Placed beside the flow's code by the ferry agent and run with the machine's python3. Standard
library only, so a flow runs without any package installed. It reads:

  PREFECT_API_URL, PREFECT_API_KEY  where to report
  PREFECT__FLOW_RUN_ID              which run this is
  FERRY_FLOW_ENTRYPOINT             path/to/file.py:function, relative to the working directory
  FERRY_FLOW_PARAMETERS             the call's keyword arguments as a JSON object

When the real `prefect` package is importable and the function is a Prefect flow, Prefect's own
engine takes over instead.
"""
import importlib.util
import json
import logging
import os
import sys
import time
import traceback
import types
import urllib.error
import urllib.request

API_URL = os.environ["PREFECT_API_URL"].rstrip("/")
API_KEY = os.environ.get("PREFECT_API_KEY")
RUN_ID = os.environ["PREFECT__FLOW_RUN_ID"]


# How long a report waits for the API. Starting waits through an outage of the API, since nothing
# ran yet (the agent holds the run meanwhile); a final state is handed to the agent, which keeps it
# until the API is back, after a short wait.
START_PATIENCE = 600
FINAL_PATIENCE = 10
HANDOVER = "[ferry] final state for the agent: "


def call(method, path, body, patience, say_waiting=False):
    """Calls the API, trying again with growing pauses while it is unreachable or failing (5xx).

    With say_waiting, the first failure is printed, so the run's log tells why it has not started.
    """
    deadline = time.monotonic() + patience
    pause = 0.5
    said = not say_waiting
    while True:
        request = urllib.request.Request(API_URL + path, method=method, data=json.dumps(body).encode())
        request.add_header("Content-Type", "application/json")
        if API_KEY:
            request.add_header("Authorization", "Bearer " + API_KEY)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            if error.code < 500 and error.code != 429:
                raise
            failure = error
        except OSError as error:  # unreachable, refused, timed out
            failure = error
        if time.monotonic() + pause > deadline:
            raise failure
        if not said:
            print("[ferry] the API at %s does not answer (%s); trying again for up to %d min"
                  % (API_URL, reason(failure), patience // 60), flush=True)
            said = True
        time.sleep(pause)
        pause = min(pause * 2, 5)


def reason(failure):
    """What went wrong with a call, for a person: 'HTTP 503 Service Unavailable', '[Errno 111] Connection refused'."""
    if isinstance(failure, urllib.error.HTTPError):
        return "HTTP %d %s" % (failure.code, failure.reason)
    return str(getattr(failure, "reason", failure))


def propose(state_type, message, patience, say_waiting=False):
    """Proposes a state for this run; returns the server's answer."""
    state = {"type": state_type, "name": state_type.capitalize(), "message": message}
    body = {"state": state, "force": False}
    return call("POST", "/flow_runs/%s/set_state" % RUN_ID, body, patience, say_waiting)


def finish(state_type, message):
    """Reports the final state, or hands it to the agent when the API does not answer in time."""
    try:
        propose(state_type, message, FINAL_PATIENCE)
    except (urllib.error.URLError, OSError):
        state = {"type": state_type, "message": message}
        print(HANDOVER + json.dumps(state), flush=True)


def start():
    """Moves this run to RUNNING, first waiting as long as the server says its scheduled time is ahead."""
    while True:
        answer = propose("RUNNING", None, START_PATIENCE, say_waiting=True)
        if answer["status"] != "WAIT":
            return answer
        delay = (answer.get("details") or {}).get("delay_seconds") or 1
        print("[ferry] the run is scheduled %s s from now; waiting for it" % delay, flush=True)
        time.sleep(delay)


def prefect_stand_in():
    """A tiny `prefect` module for flows written against Prefect, when Prefect is not installed."""
    module = types.ModuleType("prefect")

    def decorator(fn=None, **options):
        if fn is None:
            return lambda f: decorator(f, **options)
        fn.name = options.get("name") or fn.__name__.replace("_", "-")
        fn.fn = fn
        fn.submit = lambda *a, **k: fn(*a, **k)
        return fn

    module.flow = decorator
    module.task = decorator
    module.get_run_logger = lambda: logging.getLogger("prefect.flow_runs")
    return module


def load(entrypoint):
    path, _, name = entrypoint.rpartition(":")
    folder = os.path.dirname(os.path.abspath(path))
    sys.path.insert(0, folder)
    sys.path.insert(0, os.getcwd())
    spec = importlib.util.spec_from_file_location("__ferry_flow__", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def main():
    logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        import prefect  # noqa: F401
        has_prefect = hasattr(prefect, "Flow")
    except ImportError:
        sys.modules["prefect"] = prefect_stand_in()
        has_prefect = False
    function = load(os.environ["FERRY_FLOW_ENTRYPOINT"])
    if has_prefect and isinstance(function, sys.modules["prefect"].Flow):
        os.execv(sys.executable, [sys.executable, "-m", "prefect.engine"])
    answer = start()
    if answer["status"] != "ACCEPT":
        reason = (answer.get("details") or {}).get("reason") or "no reason given"
        print("[ferry] the server did not let this run start: %s" % reason, flush=True)
        return 1
    parameters = json.loads(os.environ.get("FERRY_FLOW_PARAMETERS") or "{}")
    try:
        target = getattr(function, "fn", function)
        result = target(**parameters)
        if hasattr(result, "__await__"):
            import asyncio
            asyncio.run(result)
    except BaseException as error:  # a flow's failure of any kind is reported, then the process ends
        traceback.print_exc()
        sys.stdout.flush()
        finish("FAILED", "Flow run encountered an exception: %s: %s" % (type(error).__name__, error))
        return 1
    sys.stdout.flush()
    finish("COMPLETED", "All states completed.")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except urllib.error.URLError as error:
        print("[ferry] cannot report to the API at %s: %s" % (API_URL, error), flush=True)
        sys.exit(70)
