from frontoffice.nightaudit.tests.conftest import auditor, codes  # noqa: F401 - the night audit's fixtures
from frontoffice.reservations.tests.api.conftest import api_as  # noqa: F401 - the JSON client fixture
