"""A refusal carries its sentence and the field it is about wherever it goes: printed, logged
(its repr), and across a process boundary (pickled, as a worker process's error is)."""

from __future__ import annotations

import pickle

from counter_app.domain.errors import InvalidInput, NotFound

MESSAGE = "Số định danh cá nhân phải gồm 12 chữ số"


def test_a_refusal_reads_as_its_sentence() -> None:
    error = InvalidInput(MESSAGE, field="id_number")
    assert (str(error), error.message, error.field) == (MESSAGE, MESSAGE, "id_number")
    assert error.args == (MESSAGE,)
    assert repr(error) == f"InvalidInput('{MESSAGE}')"


def test_a_refusal_crosses_a_process_boundary_whole() -> None:
    for error in (InvalidInput(MESSAGE, field="id_number"), NotFound(MESSAGE)):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert (copy.message, copy.field, copy.args) == (error.message, error.field, (MESSAGE,))
