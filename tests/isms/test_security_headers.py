"""Content-Security-Policy on every response, and templates that keep to it (no inline scripts or styles)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from isms.models import Membership, Role
from tests.factories import organisation

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Rendered by WeasyPrint into PDF files, never served as HTML pages: their <style> blocks are not subject to the CSP.
NOT_SERVED_AS_HTML = {"pdf"}


def directives(header: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in header.split(";")) if d}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/", "/organisation/", "/registry/assets/"])
def test_every_page_carries_a_strict_content_security_policy(client, django_user_model, path):
    user = django_user_model.objects.create_user("samordnare")
    Membership.objects.create(user=user, organisation=organisation("eav"), role=Role.COORDINATOR)
    if path != "/accounts/login/":
        client.force_login(user)

    response = client.get(path)

    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


@pytest.mark.django_db
def test_redirects_and_errors_carry_it_too(client):
    assert "Content-Security-Policy" in client.get("/")  # 302 to the sign-in page
    assert "Content-Security-Policy" in client.get("/no-such-page/")


def served_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        if path.relative_to(TEMPLATES).parts[0] not in NOT_SERVED_AS_HTML:
            yield path


@pytest.mark.parametrize("path", list(served_templates()), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_have_no_inline_script_or_style(path):
    """The policy forbids them: the browser would silently drop them. Put styles in static/css/app.css and scripts
    in a static file."""
    text = path.read_text(encoding="utf-8")

    assert not re.search(r"\sstyle\s*=", text), "style attribute: use a class in static/css/app.css"
    assert not re.search(r"<style[\s>]", text), "<style> block: move the rules to static/css/app.css"
    assert not re.search(r"\son[a-z]+\s*=", text), "event handler attribute: use a static script"
    for tag in re.findall(r"<script\b[^>]*>", text):
        assert " src=" in tag or 'type="application/json"' in tag, f"inline script: {tag}"
