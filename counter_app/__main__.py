"""``python -m counter_app`` and the frozen program's entry: the ``counter-app`` command.

``freeze_support`` comes first: in the frozen program a worker process (the statistics shares)
is started as this same program, which must then run the worker, not the command line.
"""

import multiprocessing
import sys

from counter_app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
