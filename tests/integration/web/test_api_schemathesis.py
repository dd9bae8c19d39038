"""The API against its own OpenAPI schema (schemathesis): no 500, responses as declared.

Each operation gets Hypothesis-generated requests (as the office's bearer token) through
schemathesis's checks; the pytest plugin of schemathesis is not used (it does not run on
this pytest), the operations are driven from one test instead. "Positive data acceptance"
is left out: a request of the right shape may still be refused by a rule (an extension no
later than the deadline: 422) or be a file that cannot be read (400), which no schema can
say; every other check runs, the server-error one first.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from dondoc.services.context import SYSTEM
from dondoc.services.users import create_token
from dondoc.web.app import create_app
from tests.integration.web.conftest import DemoSite


def test_api_conforms_to_its_schema(demo_site: DemoSite) -> None:
    token = create_token(demo_site.store, SYSTEM, username="vanphong", name="schemathesis")
    schema = schemathesis.openapi.from_asgi(
        "/api/v1/openapi.json", create_app(demo_site.settings, demo_site.store)
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(
                headers={"Authorization": f"Bearer {token}"}, excluded_checks=[positive_data_acceptance]
            )

        check()
