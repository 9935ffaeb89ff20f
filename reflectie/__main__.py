"""``python -m reflectie``."""

import sys

from reflectie.cli.main import main

sys.exit(main())
