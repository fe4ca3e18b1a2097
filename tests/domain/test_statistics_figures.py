"""A report's figures as plain values (the JSON export, the server's report endpoint): every
counter by name, and the three rates the provinces publish, each as its definition in
counter_app/domain/statistics.py says — on time = (early + on time) / resolved, online =
online / new, digitised = digitised / new dossiers whose digitisation was recorded — or None
when there is nothing to divide by."""

from __future__ import annotations

from dataclasses import fields

from counter_app.domain.statistics import Figures


def test_the_plain_values_hold_every_counter_and_the_three_rates() -> None:
    figures = Figures(
        new=8, new_online=2, resolved=5, early=1, on_time=3, digitised=3, digitisation_recorded=4
    )
    values = figures.as_dict()
    assert set(values) == {f.name for f in fields(Figures)} | {
        "on_time_rate",
        "online_ratio",
        "digitised_ratio",
    }
    assert (values["new"], values["new_online"], values["resolved"]) == (8, 2, 5)
    assert values["on_time_rate"] == 4 / 5
    assert values["online_ratio"] == 2 / 8
    assert values["digitised_ratio"] == 3 / 4


def test_a_rate_with_nothing_to_divide_by_is_none() -> None:
    values = Figures().as_dict()
    assert (values["on_time_rate"], values["online_ratio"], values["digitised_ratio"]) == (
        None,
        None,
        None,
    )
