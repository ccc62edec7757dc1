"""Helpers of the register view tests: members in a role, and counting a page's SQL queries."""

import itertools

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from isms.models import Membership

_seq = itertools.count(1)


def member(org, role, username: str | None = None):
    """A new user with one membership: `role` in `org` (chosen automatically at sign-in)."""
    user = get_user_model().objects.create_user(username or f"{role}{next(_seq)}", first_name="Test", last_name=role)
    Membership.objects.create(user=user, organisation=org, role=role)
    return user


def signed_in(client, user):
    client.force_login(user)
    return client


def query_count(client, url: str) -> int:
    """The SQL queries of one GET of `url`, which must answer 200."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(queries)
