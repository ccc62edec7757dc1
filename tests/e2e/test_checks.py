"""The browser tests' own checks catch what they are for: were axe not injected or not run, or the focus check blind,
the journeys would pass without having checked anything."""

import pytest

from tests.e2e.conftest import check_a11y, check_focus_visible

pytestmark = [pytest.mark.e2e]

BAD_PAGE = """<!doctype html><html><head><title>Prov</title></head><body><main>
<img src="data:,"><p style="color: #aaa; background: #fff">Grå text</p><input id="x">
</main></body></html>"""


def test_check_a11y_lists_each_violation_with_its_element(page):
    page.set_content(BAD_PAGE)

    with pytest.raises(pytest.fail.Exception) as failure:
        check_a11y(page)

    message = str(failure.value)
    for rule in ("html-has-lang", "image-alt", "color-contrast", "label"):
        assert f"- {rule} (" in message
    assert "at img: <img" in message
    assert "insufficient color contrast of 2.32" in message


def test_check_a11y_passes_a_clean_page(page):
    page.set_content(
        BAD_PAGE.replace("<html>", '<html lang="sv">')
        .replace('src="data:,"', 'src="data:," alt=""')
        .replace("#aaa", "#595959")
        .replace('<input id="x">', '<label for="x">Namn</label><input id="x">')
    )

    check_a11y(page)


def test_check_focus_visible_wants_the_skip_link_first_and_an_outline_on_every_stop(page):
    page.set_content(
        '<html lang="sv"><body><a href="#a" style="outline: none">Första</a>'
        '<a class="skip-link" href="#b" style="outline: 3px solid #000">Hoppa</a></body></html>'
    )

    with pytest.raises(pytest.fail.Exception) as failure:
        check_focus_visible(page, stops=2)

    message = str(failure.value)
    assert 'the first Tab stop is <a class=""> Första, not the skip link' in message
    assert 'no visible focus outline on <a class=""> Första (outline 0 px)' in message
    assert "Hoppa" not in message
