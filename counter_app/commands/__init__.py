"""The subcommands of ``counter-app``, one module per area."""

from __future__ import annotations

import argparse

from counter_app.commands import (
    admin,
    calendar,
    catalogue,
    dossiers,
    keys,
    lan,
    printing,
    privacy,
    report,
    server,
    setup,
    support,
    sync,
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add every subcommand to the parser."""
    for module in (
        setup,
        keys,
        catalogue,
        calendar,
        dossiers,
        printing,
        report,
        admin,
        privacy,
        support,
        server,
        sync,
        lan,
    ):
        module.register(sub)
