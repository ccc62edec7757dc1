"""isms/templatetags/layout.py: dates kept on one line in text that mixes them with words."""

from django.template import Context, Template
from django.utils.safestring import mark_safe

from isms.templatetags.layout import nowrap_dates

NOWRAP = '<span class="text-nowrap">{}</span>'


def test_each_date_and_date_time_is_kept_on_one_line():
    text = "Planerad 2023-01-01 – 2023-11-15, klar 2024-03-01 14:05"

    assert nowrap_dates(text) == (
        f"Planerad {NOWRAP.format('2023-01-01')} – {NOWRAP.format('2023-11-15')}, "
        f"klar {NOWRAP.format('2024-03-01 14:05')}"
    )


def test_text_without_dates_is_only_escaped():
    assert nowrap_dates("2024 <b>& 12-34</b>") == "2024 &lt;b&gt;&amp; 12-34&lt;/b&gt;"


def test_the_text_is_escaped_before_the_spans_go_in_and_safe_text_is_not_escaped_twice():
    assert nowrap_dates("<script>2024-03-01</script>") == f"&lt;script&gt;{NOWRAP.format('2024-03-01')}&lt;/script&gt;"
    assert nowrap_dates(mark_safe("<em>2024-03-01</em>")) == f"<em>{NOWRAP.format('2024-03-01')}</em>"


def test_the_filter_in_a_template():
    page = Template("{% load layout %}<td>{{ text|nowrap_dates }}</td>").render(Context({"text": "Åtgärd 2024-06-30"}))

    assert page == f"<td>Åtgärd {NOWRAP.format('2024-06-30')}</td>"
