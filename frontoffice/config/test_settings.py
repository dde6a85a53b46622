"""Settings for the test suite: the normal settings with FRONTOFFICE_ENV=test."""

import os

os.environ["FRONTOFFICE_ENV"] = "test"

from frontoffice.config.settings import *  # noqa: E402, F403
