"""The favicon: a small SVG among the static files, linked from every page's head (the app's, the 500 page's and
the admin's), and /favicon.ico answers with a redirect to it, so browsers get no 404."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from django.views.defaults import server_error

from isms.models import Role
from tests.factories import organisation
from tests.registry.plan_builders import member

ICON_LINK = '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">'


def test_the_favicon_is_a_small_svg_among_the_static_files():
    path = finders.find("favicon.svg")
    assert path, "static/favicon.svg is not found by the static files finders"
    with open(path, "rb") as file:
        data = file.read()
    assert len(data) < 2048
    root = ET.fromstring(data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox")
    assert b"<script" not in data and b"href" not in data  # nothing a browser would fetch or run


@pytest.mark.django_db
def test_every_page_links_it(client, admin_client):
    assert ICON_LINK in client.get("/accounts/login/").content.decode()
    assert ICON_LINK in client.get("/finns-inte/").content.decode()
    client.force_login(member(organisation("eav"), Role.READER))
    assert ICON_LINK in client.get("/").content.decode()
    assert ICON_LINK in server_error(RequestFactory().get("/")).content.decode()
    admin_page = admin_client.get("/admin/").content.decode()
    assert ICON_LINK in admin_page and 'id="site-name"' in admin_page  # the admin's own page, icon added


def test_favicon_ico_redirects_to_the_svg(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
