"""Worker processes kept between reports: a process forked after the pool started gets its
own pool (counter_app/spawned.py), instead of waiting for ever on the parent's."""

from __future__ import annotations

import os
import select

from counter_app.spawned import SpawnedWorkers

ANSWER_WAIT_S = 120  # a guard against a hung child, far above the second a spawn takes


def test_a_forked_process_gets_answers_from_its_own_pool() -> None:
    workers = SpawnedWorkers(1)
    parent = os.getpid()
    assert workers.result(workers.submit(os.getpid), lambda: -1) not in (-1, parent)
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # the child: ask the pool it inherited, tell the parent who answered
        os.close(read_end)
        answer = workers.result(workers.submit(os.getpid), lambda: -1)
        os.write(write_end, str(answer).encode())
        os._exit(0)
    os.close(write_end)
    ready, _, _ = select.select([read_end], [], [], ANSWER_WAIT_S)
    if not ready:
        os.kill(child, 9)
    os.waitpid(child, 0)
    assert ready, "the forked process got no answer from the pool it inherited"
    answer = int(os.read(read_end, 32))
    os.close(read_end)
    assert answer not in (-1, parent, child)
