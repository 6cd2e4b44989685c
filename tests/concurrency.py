"""Run calls at the same moment: each in its own thread, all released together by a barrier."""

import threading
from collections.abc import Callable
from typing import Any


def at_the_same_moment(*calls: Callable[[], Any]) -> list[Any]:
    """The calls' results in order; a call that raised gives its exception as its result."""
    start = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        start.wait()
        try:
            results[index] = call()
        except Exception as error:  # the test asserts on it
            results[index] = error

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a call did not finish in 60 s"
    return results
