"""Run the same service call from many threads at the same instant (PostgreSQL tests)."""

import threading

from django.db import connection


def run_at_once(call, arguments):
    """Call ``call(argument)`` in one thread per argument, all released together.

    Returns the exceptions raised, so a test can assert there were none. Each thread
    closes its own database connection when done.
    """
    barrier = threading.Barrier(len(arguments))
    errors = []

    def run(argument):
        try:
            barrier.wait()
            call(argument)
        except Exception as exc:  # collected for the test to assert on
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
