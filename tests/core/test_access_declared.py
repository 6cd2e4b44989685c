"""Every endpoint says who may use it (a forgotten check fails here, not in production)."""

from challenges.auth.policies import Policy

UNGUARDED = {"static"}


def test_every_endpoint_declares_its_access(app):
    missing = [
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint not in UNGUARDED
        and not isinstance(getattr(view, "access_policy", None), Policy)
    ]
    assert missing == []
    assert len(app.view_functions) > 15
