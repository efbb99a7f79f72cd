"""Schemathesis over the whole OpenAPI spec, in-process: every endpoint added later is covered.

The spec is read once at collection from an app that touches no database or Redis;
each generated case is then sent to the test's own fully wired app.
"""

from __future__ import annotations

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings

from tests.fuzz_helpers import api_spec

schema = schemathesis.openapi.from_dict(api_spec())
# The API refuses NUL characters everywhere with a 400 (docs/api.md): no database column can hold one.
schema.config.generation.update(allow_x00=False)


# One app serves all examples of an operation; that is the point (state carries over).
@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=50)
def test_api_conforms_to_its_spec(case, app: Flask):
    # All default checks: no server errors, documented status codes and content types,
    # bodies matching their schemas, invalid input rejected, valid input accepted.
    case.call_and_validate(app=app)
