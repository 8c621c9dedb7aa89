"""``python -m hegang_map``: the same as the ``hegang-map`` command."""

import sys

from .cli import main

sys.exit(main())
